package io.motif.kafka.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.kafka.KafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale benchmark end to end at a tiny size, so that it keeps working: every phase runs, the
 * figures are there and make sense. Never its timings (those come from the benchmark's own runs).
 */
class ScaleBenchmarkSmokeTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void everyPhaseRunsAndReportsItsFigures() throws Exception {
    ScaleBenchmark.Options o =
        new ScaleBenchmark.Options(
            List.of(20), 2, List.of(ScaleBenchmark.Layout.values()), 40, 1, 0, dir);
    try (KafkaBroker broker = KafkaBroker.start(ScaleBenchmark.BROKER)) {
      for (ScaleBenchmark.Layout layout : ScaleBenchmark.Layout.values()) {
        ScaleBenchmark.Result r = new ScaleBenchmark(broker, o).run(layout, 20);
        String what = layout + ": " + r;
        System.out.println("ScaleBenchmarkSmokeTest: " + r.row());
        // Three probes (a Start and its Finish per task) and one per Finish measured.
        assertEquals(3 * 2 + 40 / 2, r.expected(), what);
        assertEquals(r.expected(), r.derived(), what);
        assertEquals(0, r.duplicates(), what);
        assertEquals(0, r.bounded(), what);
        assertEquals(40, r.measured(), what);
        assertTrue(r.changelogBytes() > 0, what);
        assertTrue(r.eventsPerSecond() > 0 && Double.isFinite(r.eventsPerSecond()), what);
        assertTrue(r.restoreMillis() > 0 && r.loadMillis() > 0, what);
        assertTrue(r.outputGapMillis() >= 0, what);
        // The loaded keys wait: half of the measured inputs complete some, half add new ones. (Kept
        // per key, an engine counts only the partitions it has loaded since it started.)
        if (layout == ScaleBenchmark.Layout.WHOLE) {
          assertTrue(r.partialMatches() >= 20 - 10 && r.partialMatches() <= 20 + 10, what);
        }
      }
    }
  }
}
