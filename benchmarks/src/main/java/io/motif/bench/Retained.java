package io.motif.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Estimates the bytes an engine retains per live partial match.
 *
 * <p>Method: a stream of {@value #STARTS} A events only (keys uniform over the workload's keys, all
 * within one window, so none expires and none completes) is converted by the adapter first, so the
 * input events themselves are held by the harness and not counted. Then: a fresh engine, full GC,
 * heap used after GC ({@code MemoryMXBean}, the lowest of three GCs); send every A; full GC again;
 * the difference divided by the number of A's is the engine's retained bytes per partial match: its
 * per-match structures, any copy or wrapper of the event it keeps, and its per-key state amortised
 * over the {@code STARTS / keys} matches of each key. Each A starts exactly one partial match in
 * every workload whose pattern begins with A (W1–W5). Run it in a JVM of its own with a fixed heap
 * so the GC does not resize it between the two readings.
 */
public final class Retained {
  static final int STARTS = 100_000;

  private Retained() {}

  /** The starts-only stream for a workload. */
  static Workload starts(Workload w) {
    return Workload.startsOnly(w, STARTS);
  }

  /** Bytes retained per partial match, or NaN when the engine cannot run the workload. */
  public static double measure(String engine, Workload w) throws Exception {
    EngineAdapter a = EngineAdapter.create(engine);
    if (!a.supports(w)) {
      return Double.NaN;
    }
    Workload s = starts(w);
    a.setup(s);
    a.reset();
    // warm the engine's lazily built structures with a throwaway run, then start afresh
    for (int i = 0; i < 1000; i++) {
      a.send(i);
    }
    a.reset();
    long before = usedAfterGc();
    for (int i = 0; i < s.size; i++) {
      a.send(i);
    }
    long after = usedAfterGc();
    long partial = a.partialMatches();
    if (partial >= 0 && partial != s.size) {
      System.err.printf(
          "note: %s on %s holds %d partial matches after %d starts%n",
          engine, w.name, partial, s.size);
    }
    double perMatch = (after - before) / (double) s.size;
    if (a.matches() != 0) {
      System.err.printf(
          "note: %s on %s reported %d matches in the starts-only stream%n",
          engine, w.name, a.matches());
    }
    a.close();
    return perMatch;
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  /** {@code Retained ENGINE WORKLOAD}: prints the estimate, for the suite to read. */
  public static void main(String[] args) throws Exception {
    double v = measure(args[0], Workload.get(args[1]));
    System.out.println("RETAINED " + args[0] + " " + args[1] + " " + v);
    System.exit(0);
  }
}
