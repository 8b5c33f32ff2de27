package io.motif.engine;

/** What the engine does when a bound on partial matches or partitions is reached. */
public enum OverflowPolicy {
  /** Keep what is there; the new attempt (or partition) is not created. Counted as dropped. */
  REFUSE_NEW,
  /**
   * Drop partial matches of the oldest attempts first (or the oldest partition) to make room, each
   * counted as evicted; an attempt may lose only some of its partial matches.
   */
  EVICT_OLDEST
}
