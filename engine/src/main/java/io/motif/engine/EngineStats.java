package io.motif.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the engine's counters.
 *
 * @param eventsIn input events accepted (late and duplicate ones excluded)
 * @param derivedOut derived events emitted
 * @param late events older than the watermark
 * @param partialMatches live partial matches over all patterns
 * @param partitions live partitions over all patterns
 * @param cascadeDropped derived events not fed back because the cascade depth was reached, and
 *     events a subscriber sent back through a chain of sends longer than the cascade depth
 * @param dropped attempts or partitions refused at a bound, over all patterns
 * @param evicted attempts or partitions evicted at a bound, over all patterns
 * @param duplicates events dropped because their id was seen within the horizon
 * @param buffered out-of-order events waiting for the watermark
 * @param forced buffered events processed early because the buffer was full
 * @param overtaken events within the maximum delay that arrived after the full buffer had forced
 *     later events through: dropped (not late: they were on time)
 * @param estimatedBytes a rough estimate of the memory held
 * @param patterns per-pattern counters, in deployment order
 * @param functionFailures calls to functions that threw (and gave null), by function name, in the
 *     order the functions first failed; each failure is also told to the engine's {@link
 *     EngineErrorHandler}
 */
public record EngineStats(
    long eventsIn,
    long derivedOut,
    long late,
    long partialMatches,
    long partitions,
    long cascadeDropped,
    long dropped,
    long evicted,
    long duplicates,
    long buffered,
    long forced,
    long overtaken,
    long estimatedBytes,
    List<PatternStats> patterns,
    Map<String, Long> functionFailures) {
  /** Copies the per-pattern counters and the function failures. */
  public EngineStats {
    patterns = List.copyOf(patterns);
    functionFailures = Collections.unmodifiableMap(new LinkedHashMap<>(functionFailures));
  }
}
