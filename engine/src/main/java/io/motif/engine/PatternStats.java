package io.motif.engine;

/**
 * One pattern's counters.
 *
 * @param eventsIn events of the pattern's stream that reached a partition
 * @param matches derived events emitted (matches, absences and timeouts)
 * @param dropped attempts or partitions refused at a bound
 * @param evicted attempts or partitions evicted at a bound
 * @param estimatedBytes a rough estimate of the memory its partial matches hold
 */
public record PatternStats(
    String pattern,
    long eventsIn,
    long matches,
    long dropped,
    long evicted,
    long partialMatches,
    long partitions,
    long estimatedBytes) {}
