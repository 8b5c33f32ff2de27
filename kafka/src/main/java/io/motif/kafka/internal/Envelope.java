package io.motif.kafka.internal;

import io.motif.engine.Event;
import java.util.Objects;

/**
 * What travels between Motif's steps: an event to process, a watermark marker, or what an engine
 * gives back (a derived event, an input event that came late).
 *
 * <p>A marker says that its source (an input partition, or one task of an earlier stage) will send
 * nothing older than {@code watermark}; a task's watermark is the least over the sources it hears
 * from (see {@link MotifProcessor}).
 *
 * @param kind what it is
 * @param event the event; null for a marker
 * @param source the marker's source, or an audit record's JSON text; null otherwise
 * @param watermark the marker's watermark ({@link Long#MIN_VALUE}: none yet)
 */
public record Envelope(Kind kind, Event event, String source, long watermark) {
  /** The kinds of envelope. */
  public enum Kind {
    /** An event for an engine: an input event, or one derived by an earlier stage. */
    EVENT,
    /** A watermark marker. */
    MARK,
    /** An input event older than the watermark: not processed. */
    LATE,
    /** An event derived by a pattern that is not internal: output, and input to later stages. */
    DERIVED,
    /** An event derived by an internal pattern: input to later stages only. */
    INTERNAL,
    /** A task's audit record (JSON text in {@code source}): to the audit topic only. */
    AUDIT
  }

  public Envelope {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.MARK || kind == Kind.AUDIT) != (event == null)) {
      throw new IllegalArgumentException(
          "a marker or an audit record has no event, everything else has one");
    }
  }

  public static Envelope event(Event e) {
    return new Envelope(Kind.EVENT, e, null, Long.MIN_VALUE);
  }

  public static Envelope mark(String source, long watermark) {
    return new Envelope(Kind.MARK, null, Objects.requireNonNull(source, "source"), watermark);
  }

  public static Envelope late(Event e) {
    return new Envelope(Kind.LATE, e, null, Long.MIN_VALUE);
  }

  public static Envelope derived(Event e, boolean internal) {
    return new Envelope(internal ? Kind.INTERNAL : Kind.DERIVED, e, null, Long.MIN_VALUE);
  }

  public static Envelope audit(String json) {
    return new Envelope(Kind.AUDIT, null, Objects.requireNonNull(json, "json"), Long.MIN_VALUE);
  }

  /** An audit record's JSON text. */
  public String text() {
    if (kind != Kind.AUDIT) {
      throw new IllegalStateException("a " + kind + " envelope has no text");
    }
    return source;
  }

  public boolean isMark() {
    return kind == Kind.MARK;
  }

  /** Derived by a pattern, internal or not. */
  public boolean isDerived() {
    return kind == Kind.DERIVED || kind == Kind.INTERNAL;
  }
}
