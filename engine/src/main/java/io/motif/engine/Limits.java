package io.motif.engine;

/**
 * The bounds that keep an engine's memory finite, all on by default. Reaching one applies
 * {@code policy}, is counted in {@link EngineStats} and never produces a match the unbounded engine
 * would not (see docs/embedding.md for the one caveat with skip policies).
 *
 * @param maxRunsPerPartition partial matches of one pattern in one partition
 * @param maxRuns partial matches of all patterns together
 * @param maxPartitions live partitions of one pattern
 * @param maxBuffered out-of-order events waiting for the watermark; past it the oldest is
 *     processed early (counted as forced)
 * @param cascadeDepth levels of derived events that are fed back as input
 */
public record Limits(int maxRunsPerPartition, long maxRuns, int maxPartitions, int maxBuffered,
    int cascadeDepth, OverflowPolicy policy) {

  public static final Limits DEFAULT =
      new Limits(10_000, 250_000, 100_000, 100_000, 16, OverflowPolicy.EVICT_OLDEST);

  public Limits {
    if (maxRunsPerPartition < 1 || maxRuns < 1 || maxPartitions < 1 || maxBuffered < 1
        || cascadeDepth < 0 || policy == null) {
      throw new IllegalArgumentException("limits must be positive: " + this);
    }
  }

  public Limits withMaxRunsPerPartition(int n) {
    return new Limits(n, maxRuns, maxPartitions, maxBuffered, cascadeDepth, policy);
  }

  public Limits withMaxRuns(long n) {
    return new Limits(maxRunsPerPartition, n, maxPartitions, maxBuffered, cascadeDepth, policy);
  }

  public Limits withMaxPartitions(int n) {
    return new Limits(maxRunsPerPartition, maxRuns, n, maxBuffered, cascadeDepth, policy);
  }

  public Limits withMaxBuffered(int n) {
    return new Limits(maxRunsPerPartition, maxRuns, maxPartitions, n, cascadeDepth, policy);
  }

  public Limits withCascadeDepth(int n) {
    return new Limits(maxRunsPerPartition, maxRuns, maxPartitions, maxBuffered, n, policy);
  }

  public Limits withPolicy(OverflowPolicy p) {
    return new Limits(maxRunsPerPartition, maxRuns, maxPartitions, maxBuffered, cascadeDepth, p);
  }
}
