package io.motif.cli.io;

import io.motif.engine.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Event times: epoch milliseconds, read from ISO-8601 text and shown back as text. */
public final class Times {
  /**
   * Times below this (about 115 days after the epoch) are shown as offsets such as {@code 30s},
   * as test blocks write them; later ones as ISO-8601 instants.
   */
  static final long OFFSET_LIMIT = 10_000_000_000L;

  private Times() {}

  /**
   * Epoch milliseconds of an ISO-8601 instant, date-time with offset, local date-time (taken as
   * UTC) or date (midnight UTC); a space may stand for the {@code T}. Null when the text is none.
   */
  public static Long parseIso(String text) {
    String s = text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /**
   * Epoch milliseconds from text: digits (optionally signed) or an ISO-8601 time; null when the
   * text is neither.
   */
  public static Long parse(String text) {
    String s = text.trim();
    if (isInteger(s)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return parseIso(s);
  }

  /**
   * {@code time} when the engine takes it as an event time (within ±{@link Event#MAX_TIME}, about
   * 285,000 years either side of 1970); {@code written} is the input's value, for the message.
   */
  static long eventTime(long time, String field, Object written) throws BadEventException {
    if (time > Event.MAX_TIME || time < -Event.MAX_TIME) {
      throw new BadEventException("\"" + field + "\" is outside the range of event times (about"
          + " 285,000 years either side of 1970): " + (written instanceof String s
              ? EventSchema.quoted(s) : EventSchema.abbreviate(String.valueOf(written))));
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
    return time >= 0 && time < OFFSET_LIMIT ? Durations.format(time)
        : '"' + Instant.ofEpochMilli(time).toString() + '"';
  }

  static boolean isInteger(String s) {
    int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
