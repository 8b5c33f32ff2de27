package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.Limits;

/**
 * What a deployed pattern asks of the engine's core that hosts it: the bounds and the count of live
 * runs they apply to, the byte estimate, timers, and where its matches go. One implementation, so
 * that calls on the step's path stay monomorphic.
 */
interface PatternHost {
  /** The engine's bounds. */
  Limits limits();

  /** Live partial matches over every pattern. */
  long liveRuns();

  /** A pattern gained (or, negative, lost) {@code delta} live runs. */
  void runsChanged(long delta);

  /** A pattern took on about {@code bytes} more (an upper bound until measured). */
  void bytesAdded(long bytes);

  /** A pattern queued a deadline: the core wakes for it. */
  void scheduled(long deadline);

  /** A match: deliver {@code derived} now, and feed it back after the current event. */
  void derive(Event derived, boolean internal);

  /** Processes the derived events fed back so far, in full. */
  void drainCascade();

  /** A pattern removed a partition: the core hands it back for reuse between events. */
  void partitionRetired();

  /** Whether an event with origins was ever sent: until then, matches spend nothing on them. */
  boolean originsSeen();

  /** How far event time has been processed. */
  long watermark();

  /** Where a function that throws is counted and reported. */
  FunctionFailures functionFailures();

  /**
   * From how many waiting rows a partition keeps them ordered by their guard column (see {@link
   * ColumnOrder}).
   */
  int orderRowsFrom();
}
