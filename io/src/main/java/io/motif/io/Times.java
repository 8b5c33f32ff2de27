package io.motif.io;

import io.motif.engine.BadEventException;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import java.time.Instant;

/**
 * Event times: epoch milliseconds, read from digits or ISO-8601 text (parsed by {@link
 * EventSchema#parseTime}, the engine's one parser) and shown back as text.
 */
public final class Times {
  /**
   * Times below this (about 115 days after the epoch) are shown as offsets such as {@code 30s}, as
   * test blocks write them; later ones as ISO-8601 instants.
   */
  static final long OFFSET_LIMIT = 10_000_000_000L;

  private Times() {}

  /**
   * Epoch milliseconds from text: digits (optionally signed) or an ISO-8601 time; null when the
   * text is neither.
   */
  public static Long parse(String text) {
    String s = text.trim();
    if (EventSchema.isInteger(s)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return EventSchema.parseTime(s);
  }

  /**
   * {@code time} when the engine takes it as an event time (within ±{@link Event#MAX_TIME}, about
   * 285,000 years either side of 1970); {@code written} is the input's value, for the message.
   */
  static long eventTime(long time, String field, Object written) throws BadEventException {
    if (time > Event.MAX_TIME || time < -Event.MAX_TIME) {
      throw new BadEventException(
          "\""
              + field
              + "\" is outside the range of event times (about"
              + " 285,000 years either side of 1970): "
              + (written instanceof String s
                  ? EventSchema.quoted(s)
                  : EventSchema.abbreviate(String.valueOf(written))));
    }
    return time;
  }

  /** A time as a test block would write it: {@code 30s} for small offsets, else ISO-8601. */
  public static String format(long time) {
    if (time >= 0 && time < OFFSET_LIMIT) {
      return Durations.format(time);
    }
    return Instant.ofEpochMilli(time).toString();
  }

  /** A time as Motif source writes it after {@code at}: {@code 30s} or a quoted ISO instant. */
  public static String literal(long time) {
    return time >= 0 && time < OFFSET_LIMIT
        ? Durations.format(time)
        : '"' + Instant.ofEpochMilli(time).toString() + '"';
  }
}
