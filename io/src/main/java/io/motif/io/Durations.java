package io.motif.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the command line and Motif write them: {@code 250ms}, {@code 5s}, {@code 2min}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d[\\d_]*)\\s*([a-zA-Z]*)\\s*");

  private Durations() {}

  /**
   * The duration in milliseconds.
   *
   * @throws IllegalArgumentException with a message that says what to write instead
   */
  public static long parseMillis(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write for example" + " 250ms, 5s, 2min or 1h");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a duration");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "ms" -> 1L;
          case "s", "sec", "secs", "second", "seconds" -> 1_000L;
          case "m", "min", "mins", "minute", "minutes" -> 60_000L;
          case "h", "hour", "hours" -> 3_600_000L;
          case "d", "day", "days" -> 86_400_000L;
          case "" -> {
            if (amount == 0) {
              yield 1L;
            }
            throw new IllegalArgumentException(
                "'"
                    + text
                    + "' needs a unit: write for example "
                    + amount
                    + "ms or "
                    + amount
                    + "s");
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown duration unit '" + m.group(2) + "'; use ms, s, min, h or d");
        };
    try {
      return Math.multiplyExact(amount, factor);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a duration");
    }
  }

  /** A duration as the shortest Motif literal: {@code 30s}, {@code 5min}, {@code 1500ms}. */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    if (millis % 86_400_000L == 0) {
      return millis / 86_400_000L + "d";
    }
    if (millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis % 60_000L == 0) {
      return millis / 60_000L + "min";
    }
    if (millis % 1_000L == 0) {
      return millis / 1_000L + "s";
    }
    return millis + "ms";
  }
}
