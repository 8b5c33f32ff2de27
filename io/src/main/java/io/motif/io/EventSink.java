package io.motif.io;

import io.motif.engine.Event;

/** Receives what an event reader reads, record by record; either method returns false to stop. */
public interface EventSink {
  /** A well-formed event that starts on {@code line} (1-based). */
  boolean event(Event event, long line);

  /** A record on {@code line} that is not a valid event, and why. */
  boolean bad(long line, String message);

  /**
   * Something on {@code line} that is read but looks mistaken (numeric times that look like
   * seconds); each reader says it once per input. Ignored unless overridden.
   */
  default void warning(long line, String message) {}
}
