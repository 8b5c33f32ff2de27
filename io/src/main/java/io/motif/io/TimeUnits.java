package io.motif.io;

import io.motif.engine.BadEventException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The unit of numeric input times ({@code --time-unit}): seconds, milliseconds (the default),
 * microseconds or nanoseconds since the epoch, converted to epoch milliseconds where events enter.
 * A result with a fraction of a millisecond is rounded down (toward negative infinity: -1500 µs is
 * -2 ms), so that every time in a millisecond maps to it. A value whose milliseconds do not fit in
 * a long is a bad line. Decimal numbers are taken in seconds only ({@code 1709283600.25}).
 */
public enum TimeUnits {
  s(1000, 1),
  ms(1, 1),
  us(1, 1000),
  ns(1, 1_000_000);

  /**
   * Numeric times from here up to {@link #PROBABLY_SECONDS_END} taken as milliseconds fall in 1970:
   * epoch seconds from 2001 on, most likely.
   */
  static final long PROBABLY_SECONDS_START = 1_000_000_000L;

  /** 1971-01-01T00:00:00Z in epoch milliseconds. */
  static final long PROBABLY_SECONDS_END = 31_536_000_000L;

  private final long multiply;
  private final long divide;

  TimeUnits(long multiply, long divide) {
    this.multiply = multiply;
    this.divide = divide;
  }

  /** Epoch milliseconds of a whole number in this unit; null when they do not fit in a long. */
  public Long toMillis(long value) {
    try {
      return Math.floorDiv(Math.multiplyExact(value, multiply), divide);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Epoch milliseconds of a number in this unit, rounded down; null when beyond a long. */
  Long toMillis(BigDecimal value) {
    BigDecimal ms =
        value
            .multiply(BigDecimal.valueOf(multiply))
            .divide(BigDecimal.valueOf(divide), 0, RoundingMode.FLOOR);
    try {
      return ms.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * A declared {@code time} field's number, read in this unit and converted by the schema to a
   * Long, in milliseconds.
   *
   * @throws BadEventException when the milliseconds do not fit in a long
   */
  Object timeField(String type, String field, Object value) throws BadEventException {
    if (this == ms || !(value instanceof Long l)) {
      return value;
    }
    Long t = toMillis(l);
    if (t == null) {
      throw new BadEventException(
          "field "
              + field
              + " of "
              + type
              + " is a time, but "
              + l
              + " "
              + this
              + " is beyond the range of long in milliseconds");
    }
    return t;
  }

  /** Whether a numeric time read in this unit looks like epoch seconds taken as milliseconds. */
  boolean probablySeconds(long millis) {
    return this == ms && millis >= PROBABLY_SECONDS_START && millis < PROBABLY_SECONDS_END;
  }

  /** The warning for times that {@link #probablySeconds} look like seconds. */
  static String secondsWarning(String field, String written) {
    return "\""
        + field
        + "\" "
        + written
        + " is in 1970 as epoch milliseconds: are the times in"
        + " seconds? (use --time-unit s)";
  }
}
