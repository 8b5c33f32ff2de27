package io.motif.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One side of {@link AbHarness}: defined anew in the class loader of each build compared, so that
 * it runs that build's {@link MotifAdapter} (through the adapter's public methods only, which every
 * build since the benchmarks began has).
 */
public final class AbPass {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final MotifAdapter adapter = new MotifAdapter();
  private final int size;

  /** Compiles the workload's pattern and builds its events in this build. */
  public AbPass(String workload) throws Exception {
    Workload w = Workload.get(workload);
    adapter.setup(w);
    size = w.size;
  }

  /** Events per CPU-second of this thread over {@code passes} passes, each on a fresh engine. */
  public double run(int passes) throws Exception {
    long cpu = 0;
    for (int p = 0; p < passes; p++) {
      adapter.reset();
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < size; i++) {
        adapter.send(i);
      }
      cpu += CPU.getCurrentThreadCpuTime() - t0;
    }
    return (double) size * passes / (cpu / 1e9);
  }
}
