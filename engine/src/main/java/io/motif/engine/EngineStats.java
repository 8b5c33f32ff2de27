package io.motif.engine;

/**
 * A snapshot of the engine's counters.
 *
 * @param eventsIn input events accepted (late ones excluded)
 * @param derivedOut derived events emitted
 * @param late events older than the watermark
 * @param partialMatches live partial matches over all patterns
 * @param partitions live partitions over all patterns
 * @param cascadeDropped derived events not fed back because the cascade depth was reached
 */
public record EngineStats(long eventsIn, long derivedOut, long late, long partialMatches,
    long partitions, long cascadeDropped) {}
