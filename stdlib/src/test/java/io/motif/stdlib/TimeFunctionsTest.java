package io.motif.stdlib;

import static io.motif.stdlib.Calls.assertValue;
import static io.motif.stdlib.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {
  private static void is(Object expected, String name, Object... args) {
    assertValue(expected, call(name, args), name + Arrays.toString(args));
  }

  private static final long T = 1_700_000_000_000L; // 2023-11-14T22:13:20Z, a Tuesday

  @Test
  void nulls() {
    is(null, "hour_of_day", (Object) null);
    is(null, "day_of_week", (Object) null);
    is(null, "format_time", (Object) null);
    is(null, "format_time", T, null);
    is(null, "parse_time", (Object) null);
    is(null, "parse_time", "2024-01-01", null);
  }

  @Test
  void hourOfDay() {
    is(22L, "hour_of_day", T);
    is(0L, "hour_of_day", 0L);
    is(23L, "hour_of_day", -1L); // the last millisecond of 1969
    is(1L, "hour_of_day", 3_600_000L);
    is(null, "hour_of_day", "noon");
    is(22L, "hour_of_day", (double) T); // a whole double from an untyped field
    is(null, "hour_of_day", 0.5);
  }

  @Test
  void dayOfWeek() {
    is(2L, "day_of_week", T); // Tuesday
    is(4L, "day_of_week", 0L); // Thursday 1970-01-01
    is(3L, "day_of_week", -1L); // Wednesday 1969-12-31
    is(7L, "day_of_week", 3 * 86_400_000L); // Sunday
    is(1L, "day_of_week", 4 * 86_400_000L); // Monday
  }

  @Test
  void hourAndDayAgreeWithJavaTime() {
    Property.check(
        1000,
        Gen.longs(-100_000_000_000_000L, 100_000_000_000_000L),
        t -> {
          var utc = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
          assertEquals((long) utc.getHour(), call("hour_of_day", t));
          assertEquals((long) utc.getDayOfWeek().getValue(), call("day_of_week", t));
        });
  }

  @Test
  void extremesDoNotThrow() {
    is(7L, "hour_of_day", Long.MAX_VALUE);
    is(16L, "hour_of_day", Long.MIN_VALUE);
    call("day_of_week", Long.MAX_VALUE);
    call("format_time", Long.MAX_VALUE);
    call("format_time", Long.MIN_VALUE, "yyyy-MM-dd");
  }

  @Test
  void formatTime() {
    is("2023-11-14T22:13:20Z", "format_time", T);
    is("2023-11-14T22:13:20.123Z", "format_time", T + 123);
    is("1969-12-31T23:59:59.999Z", "format_time", -1L);
    is("2023-11-14 22:13", "format_time", T, "yyyy-MM-dd HH:mm");
    is("Tue 14 Nov 2023", "format_time", T, "EEE d MMM yyyy");
    is("22:13:20.000Z", "format_time", T, "HH:mm:ss.SSSXXX");
    is("Q4", "format_time", T, "'Q'Q");
    is(null, "format_time", T, "yyyy-MM-dd {"); // invalid pattern: a reserved character
    is(null, "format_time", T, "'unclosed");
    is("", "format_time", T, "");
    is(null, "format_time", "2023-11-14", "yyyy");
  }

  @Test
  void parseTime() {
    is(1_709_294_400_000L, "parse_time", "2024-03-01T12:00:00Z");
    is(1_709_294_400_000L, "parse_time", "2024-03-01T12:00:00"); // no offset: UTC
    is(1_709_294_400_000L, "parse_time", "2024-03-01T13:00:00+01:00");
    is(1_709_294_400_123L, "parse_time", "2024-03-01T12:00:00.123Z");
    is(1_709_294_400_000L, "parse_time", "2024-03-01T12:00Z");
    is(1_709_251_200_000L, "parse_time", "2024-03-01"); // midnight UTC
    is(1_709_251_200_000L, "parse_time", " 2024-03-01 ");
    is(1_709_294_400_000L, "parse_time", "2024-03-01t12:00:00z");
    is(null, "parse_time", "2024-02-30");
    is(null, "parse_time", "yesterday");
    is(null, "parse_time", "");
    is(null, "parse_time", "2024-03-01T25:00:00Z");
    is(1_709_251_200_000L, "parse_time", "01/03/2024", "dd/MM/yyyy");
    is(1_709_294_400_000L, "parse_time", "2024-03-01 12:00", "yyyy-MM-dd HH:mm");
    is(1_709_290_800_000L, "parse_time", "2024-03-01 12:00 +0100", "yyyy-MM-dd HH:mm Z");
    is(null, "parse_time", "12:00", "HH:mm"); // no date
    is(null, "parse_time", "30/02/2024", "dd/MM/yyyy"); // no such day
    is(1_709_164_800_000L, "parse_time", "29/02/2024", "dd/MM/yyyy");
    is(1_709_251_200_000L, "parse_time", "2024-03-01", "uuuu-MM-dd");
    is(1_709_251_200_000L, "parse_time", "2024-03-01 AD", "yyyy-MM-dd G");
    is(1_709_294_400_000L, "parse_time", "01.03.2024 12:00 PM", "dd.MM.yyyy hh:mm a");
    is(null, "parse_time", "2024-03-01", "yyyy-MM-dd {");
    is(null, "parse_time", "2024-03-01", "dd/MM/yyyy");
    is(null, "parse_time", 20240301L);
    is(null, "parse_time", "+999999999-12-31T23:59:59Z"); // beyond the milliseconds of a long
  }

  /** From 0001-01-01 to 9999-12-31, the years both formats write with four digits. */
  @Test
  void parseReadsWhatFormatWrites() {
    Property.check(
        1000,
        Gen.longs(-62_135_596_800_000L, 253_402_300_799_999L),
        t -> {
          assertEquals(t, call("parse_time", call("format_time", t)));
          assertEquals(
              t,
              call(
                  "parse_time",
                  call("format_time", t, "yyyy-MM-dd HH:mm:ss.SSS"),
                  "yyyy-MM-dd HH:mm:ss.SSS"));
        });
  }
}
