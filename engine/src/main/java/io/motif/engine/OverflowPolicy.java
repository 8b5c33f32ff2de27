package io.motif.engine;

/** What the engine does when a bound on partial matches or partitions is reached. */
public enum OverflowPolicy {
  /** Keep what is there; the new attempt (or partition) is not created. Counted as dropped. */
  REFUSE_NEW,
  /** Drop the oldest attempt (or partition) to make room. Counted as evicted. */
  EVICT_OLDEST
}
