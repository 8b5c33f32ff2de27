package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * Time: hour_of_day day_of_week format_time parse_time. Times are epoch milliseconds (a long),
 * durations are milliseconds, and every calendar computation is in UTC. Patterns are those of
 * {@link DateTimeFormatter#ofPattern} ({@code yyyy-MM-dd HH:mm:ss.SSS}), with English names.
 */
final class TimeFunctions {
  private TimeFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(HOUR_OF_DAY, DAY_OF_WEEK, FORMAT_TIME, PARSE_TIME);
  }

  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;

  private static final Object INVALID = new Object();

  /** Compiled patterns, or {@link #INVALID}. */
  private static final BoundedCache<Object> FORMATTERS =
      new BoundedCache<>(
          128,
          pattern -> {
            try {
              // Strict, so that 30/02 is no date rather than 29/02; an era defaults to AD, so that
              // the
              // usual `yyyy` (year of era) needs no `G` under strict resolution.
              return new DateTimeFormatterBuilder()
                  .appendPattern(pattern)
                  .parseDefaulting(ChronoField.ERA, 1)
                  .toFormatter(Locale.ROOT)
                  .withResolverStyle(ResolverStyle.STRICT)
                  .withZone(ZoneOffset.UTC);
            } catch (RuntimeException e) {
              return INVALID;
            }
          });

  private static DateTimeFormatter formatter(String pattern) {
    Object f = FORMATTERS.get(pattern);
    return f == INVALID ? null : (DateTimeFormatter) f;
  }

  /** ISO-8601 with an optional offset: what parse_time reads without a pattern. */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  static final ScalarFunction HOUR_OF_DAY =
      new Builtin(
          "hour_of_day",
          "The hour (0 to 23) of a time, in UTC.",
          List.of("hour_of_day(1700000000000)", "22"),
          Signature.of(Type.LONG, Type.LONG)) {
        @Override
        public Object apply1(Object a) {
          return Common.isWhole(a) ? (Object) (Math.floorMod(Common.whole(a), DAY) / HOUR) : null;
        }
      };

  static final ScalarFunction DAY_OF_WEEK =
      new Builtin(
          "day_of_week",
          "The ISO day of the week of a time, in UTC: 1 for Monday to 7 for Sunday.",
          List.of("day_of_week(0)", "4"),
          Signature.of(Type.LONG, Type.LONG)) {
        @Override
        public Object apply1(Object a) {
          if (!Common.isWhole(a)) {
            return null;
          }
          long days = Math.floorDiv(Common.whole(a), DAY);
          return Math.floorMod(days + 3, 7L) + 1; // 1970-01-01 was a Thursday
        }
      };

  static final ScalarFunction FORMAT_TIME =
      new Builtin(
          "format_time",
          "`format_time(t[, pattern])`: the time `t` written in UTC, as ISO-8601 "
              + "(`2023-11-14T22:13:20Z`, with milliseconds when there are any) or with a `java.time` "
              + "pattern such as 'yyyy-MM-dd HH:mm'. Null for an invalid pattern.",
          List.of(
              "format_time(1700000000000, 'yyyy-MM-dd HH:mm')",
              "'2023-11-14 22:13'",
              "format_time(0)",
              "'1970-01-01T00:00:00Z'"),
          Signature.of(Type.STRING, Type.LONG),
          Signature.of(Type.STRING, Type.LONG, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          if (!Common.isWhole(a)) {
            return null;
          }
          return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(Common.whole(a)));
        }

        @Override
        public Object apply2(Object a, Object b) {
          if (!Common.isWhole(a) || !(b instanceof String pattern)) {
            return null;
          }
          DateTimeFormatter f = formatter(pattern);
          if (f == null) {
            return null;
          }
          try {
            String s = f.format(Instant.ofEpochMilli(Common.whole(a)));
            return s.length() > Text.MAX_LENGTH ? null : s;
          } catch (DateTimeException e) {
            return null; // a field the pattern asks for that an instant does not have
          }
        }
      };

  static final ScalarFunction PARSE_TIME =
      new Builtin(
          "parse_time",
          "`parse_time(s[, pattern])`: the string `s` read as a time (epoch milliseconds): ISO-8601 "
              + "(a date, a date and time, with or without an offset; UTC when it has none), or read "
              + "with a `java.time` pattern. A missing time of day is midnight. Null when the string "
              + "does not fit.",
          List.of(
              "parse_time('2024-03-01T12:00:00Z')",
              "1709294400000",
              "parse_time('01/03/2024', 'dd/MM/yyyy')",
              "1709251200000"),
          Signature.of(Type.LONG, Type.STRING),
          Signature.of(Type.LONG, Type.STRING, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          return a instanceof String s ? parse(s, ISO) : null;
        }

        @Override
        public Object apply2(Object a, Object b) {
          if (!(a instanceof String s) || !(b instanceof String pattern)) {
            return null;
          }
          DateTimeFormatter f = formatter(pattern);
          return f == null ? null : parse(s, f);
        }
      };

  /** Epoch milliseconds of what {@code f} reads from all of {@code s}, or null. */
  private static Object parse(String s, DateTimeFormatter f) {
    try {
      TemporalAccessor t = f.parse(s.strip());
      if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(t).toEpochMilli();
      }
      LocalDate date = t.query(TemporalQueries.localDate());
      if (date == null) {
        return null;
      }
      LocalTime time = t.query(TemporalQueries.localTime());
      ZoneId zone = t.query(TemporalQueries.zone());
      return ZonedDateTime.of(
              date, time == null ? LocalTime.MIDNIGHT : time, zone == null ? ZoneOffset.UTC : zone)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }
}
