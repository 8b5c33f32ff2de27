package io.motif.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 18's method: rotation, medians, ratios within a run, spreads, every-run targets. */
class RunsTest {
  private static final double NaN = Double.NaN;

  @Test
  void rotatesTheEnginesByOnePerRun() {
    List<String> engines = List.of("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), Runs.rotated(engines, 0));
    assertEquals(List.of("b", "c", "a"), Runs.rotated(engines, 1));
    assertEquals(List.of("c", "a", "b"), Runs.rotated(engines, 2));
    assertEquals(List.of("a", "b", "c"), Runs.rotated(engines, 3));
    assertEquals(List.of(), Runs.rotated(List.of(), 2));
  }

  @Test
  void medianOfOddAndEvenCountsLeavesUnmeasuredRunsOut() {
    assertEquals(5.0, Runs.median(new double[] {9, 1, 5}));
    assertEquals(3.0, Runs.median(new double[] {1, 5}));
    assertEquals(7.0, Runs.median(new double[] {7}));
    assertEquals(4.0, Runs.median(new double[] {NaN, 3, 5}));
    assertTrue(Double.isNaN(Runs.median(new double[] {NaN, NaN})));
    assertTrue(Double.isNaN(Runs.median(new double[0])));
  }

  @Test
  void theMedianRatioIsOfRatiosWithinRunsNotOfMedianRates() {
    // Motif and a peer, both moved by the machine's speed in each run
    double[] motif = {10, 20, 30};
    double[] peer = {2, 1, 3};
    double[] ratio = Runs.ratios(motif, peer);
    assertArrayEquals(new double[] {5, 20, 10}, ratio);
    assertEquals(10.0, Runs.median(ratio));
    // with a fourth run, the median of the ratios and the ratio of the medians differ
    double[] motif4 = {10, 20, 30, 40};
    double[] peer4 = {2, 1, 3, 1};
    assertEquals(15.0, Runs.median(Runs.ratios(motif4, peer4))); // of 5, 20, 10, 40
    assertEquals(25.0 / 1.5, Runs.median(motif4) / Runs.median(peer4), 1e-12);
  }

  @Test
  void spreadIsFastestOverSlowestWithinEachRun() {
    double[] oneSecond = {8, 4, 9};
    double[] thousandSeconds = {4, 4, NaN};
    double[] spread = Runs.spreads(List.of(oneSecond, thousandSeconds));
    assertEquals(2.0, spread[0]);
    assertEquals(1.0, spread[1]);
    assertTrue(Double.isNaN(spread[2]), "a run missing one workload has no spread");
    assertEquals(1.5, Runs.median(spread));
  }

  @Test
  void bestPeerIsPickedPerRun() {
    Map<String, double[]> peers = new LinkedHashMap<>();
    peers.put("esper", new double[] {1.0, 3.0, NaN});
    peers.put("siddhi", new double[] {2.0, 0.5, NaN});
    Runs.Best best = Runs.best(peers, 3);
    assertEquals(2.0, best.rate()[0]);
    assertEquals("siddhi", best.engine()[0]);
    assertEquals(3.0, best.rate()[1]);
    assertEquals("esper", best.engine()[1]);
    assertTrue(Double.isNaN(best.rate()[2]));
    assertNull(best.engine()[2]);
  }

  @Test
  void everyRunMustBeMeasuredAndMeetTheTarget() {
    assertTrue(Runs.everyRun(new double[] {10, 12, 11}, v -> v >= 10));
    // the median (11) meets 10×, one run does not: the every-run target is missed
    assertFalse(Runs.everyRun(new double[] {9.9, 12, 11}, v -> v >= 10));
    assertFalse(Runs.everyRun(new double[] {10, NaN, 11}, v -> v >= 10));
    assertFalse(Runs.everyRun(new double[0], v -> true));
  }

  @Test
  void verdicts() {
    assertEquals("MET", Runs.verdict(2.5, true));
    assertEquals("not met", Runs.verdict(3.5, false));
    assertEquals("not measured", Runs.verdict(NaN, false));
  }

  @Test
  void theTenfoldTargetCoversW1ToW7AndTheirVariants() {
    for (String w : List.of("W1", "W5", "W6-1s", "W7-10k", "W1-1M", "W6-1000s-1M", "W7-10-1M")) {
      assertTrue(Suite.peerTargetWorkload(w), w);
    }
    for (String w : List.of("W0-idle", "W8", "W10")) {
      assertFalse(Suite.peerTargetWorkload(w), w);
    }
    assertTrue(Workload.longNames().containsAll(Suite.W6_LONG));
    assertTrue(Workload.names().containsAll(Suite.W7_SHORT));
  }

  @Test
  void compactRates() {
    assertEquals("6.37 M", Suite.compact(6_374_386));
    assertEquals("527 k", Suite.compact(526_665));
    assertEquals("812", Suite.compact(812));
    assertEquals("—", Suite.compact(NaN));
  }
}
