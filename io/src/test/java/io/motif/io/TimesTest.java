package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimesTest {
  @Test
  void durations() {
    assertEquals(250, Durations.parseMillis("250ms"));
    assertEquals(5000, Durations.parseMillis("5s"));
    assertEquals(5000, Durations.parseMillis("5 sec"));
    assertEquals(120_000, Durations.parseMillis("2min"));
    assertEquals(3_600_000, Durations.parseMillis("1h"));
    assertEquals(86_400_000, Durations.parseMillis("1 day"));
    assertEquals(0, Durations.parseMillis("0"));
    assertEquals(
        "unknown duration unit 'mn'; use ms, s, min, h or d",
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("5mn"))
            .getMessage());
    assertEquals(
        "'5' needs a unit: write for example 5ms or 5s",
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("5"))
            .getMessage());
  }

  @Test
  void timesShowAsOffsetsOrInstants() {
    assertEquals("30s", Times.format(30_000));
    assertEquals("1500ms", Times.format(1_500));
    assertEquals("5min", Times.format(300_000));
    assertEquals("0s", Times.format(0));
    assertEquals("2024-01-01T00:00:00Z", Times.format(1704067200000L));
    assertEquals("2024-01-01T00:00:00.250Z", Times.format(1704067200250L));
    assertEquals("30s", Times.literal(30_000));
    assertEquals("\"2024-01-01T00:00:00Z\"", Times.literal(1704067200000L));
  }
}
