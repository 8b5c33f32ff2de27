package io.motif.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The targets section of a three-run suite, from figures set by hand (no timing). */
class SuiteTargetsTest {
  private static Suite threeRuns() {
    Suite s = new Suite();
    s.parse(
        new String[] {"--runs", "3", "--engines", "motif,limit", "--workloads", "W0-idle,W1,W4"});
    return s;
  }

  private static void set(double[] into, double... values) {
    System.arraycopy(values, 0, into, 0, values.length);
  }

  private static String line(String text, String start) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + start + " in\n" + text));
  }

  @Test
  void tenfoldMustHoldInEveryRunNotOnlyInTheMedian() {
    Suite s = threeRuns();
    set(s.row("W1", "motif").rate, 10, 12, 11);
    set(s.row("W1", "esper").rate, 1, 1.1, 1);
    set(s.row("W1", "siddhi").rate, 0.5, 1.2, 0.9); // the best peer in run 2
    set(s.row("W4", "motif").rate, 10, 12, 11);
    set(s.row("W4", "esper").rate, 1, 1.3, 1); // run 2: 9.23×, median 10×
    String t = s.targets();
    String w1 = line(t, "- W1: Motif / best peer");
    assertTrue(w1.contains("10.00× (runs: 10.00× esper, 10.00× siddhi, 11.00× esper)"), w1);
    assertTrue(w1.endsWith("MET"), w1);
    String w4 = line(t, "- W4: Motif / best peer");
    assertTrue(w4.contains("10.00× (runs: 10.00× esper, 9.23× esper, 11.00× esper)"), w4);
    assertTrue(w4.endsWith("not met"), w4);
    String all = line(t, "- ≥ 10× the best peer on every workload W1–W7 (2 here)");
    assertTrue(all.contains("not met (below 10× in some run: [W4])"), all);
  }

  @Test
  void loopRatioAndSpreadAreMediansOfRatiosWithinRuns() {
    Suite s = threeRuns();
    set(s.row("W1", "motif").rate, 10, 20, 40);
    set(s.row("W1", "limit").rate, 25, 80, 100); // 2.5×, 4×, 2.5×: median 2.5×
    set(s.row("W4", "motif").rate, 10, 20, 40);
    set(s.row("W4", "limit").rate, 40, 40, 160); // 4×, 2×, 4×: median 4×
    String t = s.targets();
    String w1 = line(t, "- W1: the loop is");
    assertTrue(w1.contains("2.50× Motif (runs: 2.50×, 4.00×, 2.50×)"), w1);
    assertTrue(w1.endsWith("MET"), w1);
    assertTrue(line(t, "- W4: the loop is").endsWith("not met"));
    // W6's series: only W1 (10 s) of the 200,000-event one ran here, so it is not measured
    assertTrue(line(t, "- W6 windows").contains("not measured (needs W6-1s, W1, W6-100s"));
  }

  @Test
  void aPartlyRunSeriesShowsItsSpreadWithoutAVerdict() {
    Suite s = new Suite();
    s.parse(
        new String[] {
          "--runs", "3", "--engines", "motif,limit", "--workloads", "W6-1s-1M,W6-1000s-1M"
        });
    set(s.row("W6-1s-1M", "motif").rate, 8e6, 6e6, 9e6);
    set(s.row("W6-1000s-1M", "motif").rate, 4e6, 4e6, 3e6); // 2×, 1.5×, 3×
    String w6 = line(s.targets(), "- W6 windows 1 s, 10 s, 100 s, 1000 s (1M events)");
    assertTrue(w6.contains("on W6-1s-1M, W6-1000s-1M, fastest/slowest 2.00"), w6);
    assertTrue(w6.contains("(runs: 2.00, 1.50, 3.00)"), w6);
    assertTrue(w6.endsWith("not judged: W1-1M, W6-100s-1M not run"), w6);
  }

  @Test
  void shortAndLongNameEveryWorkloadOnce() {
    Suite s = new Suite();
    s.parse(new String[] {"--engines", "motif,limit", "--workloads", "short,long,W1"});
    set(s.row("W1", "motif").rate, 10);
    set(s.row("W1", "esper").rate, 1);
    String t = s.targets();
    int workloads = Workload.names().size() + Workload.longNames().size();
    int tenfold = workloads - 4; // all but W0-idle, W8 and W9's two
    assertTrue(t.contains("every workload W1–W7 (" + tenfold + " here)"), t);
    assertTrue(line(t, "- W1: Motif / best peer").contains("10.00× (best: 10.00× esper)"));
  }

  @Test
  void allocationRetainedAndLatency() {
    Suite s = threeRuns();
    set(s.row("W1", "motif").bytesPerEvent, 39.2, 15.0, 16.0);
    set(s.row("W0-idle", "motif").bytesPerEvent, 0.0, 0.01, 0.0);
    set(s.row("W1", "motif").retained, 142, 142, 141);
    String t = s.targets();
    assertTrue(line(t, "- W1: Motif allocates 16.0 B per event").endsWith("MET"));
    assertTrue(line(t, "- W0-idle: Motif allocates 0.00 B").endsWith("MET"));
    assertTrue(line(t, "- W1: Motif retains 142 B").endsWith("not met"));
    String p99 = line(t, "- W5: Motif p99");
    assertTrue(p99.contains("not measured"), p99);
  }
}
