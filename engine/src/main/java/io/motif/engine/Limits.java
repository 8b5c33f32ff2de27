package io.motif.engine;

/**
 * The bounds that keep an engine's memory finite, all on by default. Reaching one applies {@code
 * policy}, is counted in {@link EngineStats} and never produces a match the unbounded engine would
 * not (see docs/embedding.md for the one caveat with skip policies).
 *
 * @param maxRunsPerPartition partial matches of one pattern in one partition
 * @param maxRuns partial matches of all patterns together
 * @param maxPartitions live partitions of one pattern
 * @param maxBuffered out-of-order events waiting for the watermark; past it the oldest is processed
 *     early (counted as forced)
 * @param cascadeDepth levels of derived events that are fed back as input
 * @param maxBytes the estimated bytes that partial matches and buffered events may hold, the events
 *     they hold included (estimated within a factor of 2); past it, partial matches are dropped as
 *     {@code policy} says, and counted. The default is half the JVM's largest heap.
 */
public record Limits(
    int maxRunsPerPartition,
    long maxRuns,
    int maxPartitions,
    int maxBuffered,
    int cascadeDepth,
    OverflowPolicy policy,
    long maxBytes) {

  /**
   * The defaults: 10,000 partial matches a partition, 250,000 in all, 100,000 partitions and
   * buffered events, a cascade depth of 16, evicting the oldest, half the heap.
   */
  public static final Limits DEFAULT =
      new Limits(
          10_000,
          250_000,
          100_000,
          100_000,
          16,
          OverflowPolicy.EVICT_OLDEST,
          java.lang.Runtime.getRuntime().maxMemory() / 2);

  /** Checks that every bound is positive. */
  public Limits {
    if (maxRunsPerPartition < 1
        || maxRuns < 1
        || maxPartitions < 1
        || maxBuffered < 1
        || cascadeDepth < 0
        || policy == null
        || maxBytes < 1) {
      throw new IllegalArgumentException("limits must be positive: " + this);
    }
  }

  /** The count bounds as before, with the default byte bound. */
  public Limits(
      int maxRunsPerPartition,
      long maxRuns,
      int maxPartitions,
      int maxBuffered,
      int cascadeDepth,
      OverflowPolicy policy) {
    this(
        maxRunsPerPartition,
        maxRuns,
        maxPartitions,
        maxBuffered,
        cascadeDepth,
        policy,
        java.lang.Runtime.getRuntime().maxMemory() / 2);
  }

  /** These limits with another byte bound. */
  public Limits withMaxBytes(long n) {
    return new Limits(
        maxRunsPerPartition, maxRuns, maxPartitions, maxBuffered, cascadeDepth, policy, n);
  }

  /** These limits with another bound on a partition's partial matches. */
  public Limits withMaxRunsPerPartition(int n) {
    return new Limits(n, maxRuns, maxPartitions, maxBuffered, cascadeDepth, policy, maxBytes);
  }

  /** These limits with another bound on all partial matches. */
  public Limits withMaxRuns(long n) {
    return new Limits(
        maxRunsPerPartition, n, maxPartitions, maxBuffered, cascadeDepth, policy, maxBytes);
  }

  /** These limits with another bound on partitions. */
  public Limits withMaxPartitions(int n) {
    return new Limits(maxRunsPerPartition, maxRuns, n, maxBuffered, cascadeDepth, policy, maxBytes);
  }

  /** These limits with another bound on buffered out-of-order events. */
  public Limits withMaxBuffered(int n) {
    return new Limits(
        maxRunsPerPartition, maxRuns, maxPartitions, n, cascadeDepth, policy, maxBytes);
  }

  /** These limits with another cascade depth. */
  public Limits withCascadeDepth(int n) {
    return new Limits(
        maxRunsPerPartition, maxRuns, maxPartitions, maxBuffered, n, policy, maxBytes);
  }

  /** These limits with another overflow policy. */
  public Limits withPolicy(OverflowPolicy p) {
    return new Limits(
        maxRunsPerPartition, maxRuns, maxPartitions, maxBuffered, cascadeDepth, p, maxBytes);
  }
}
