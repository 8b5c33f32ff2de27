package io.motif.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every engine on every workload: one invocation sends the workload's whole stream (200,000 events,
 * 1,000,000 for the long variants, measured by {@link #runLong}) to a fresh engine (after {@value
 * #PREWARM_PASSES} untimed passes in the trial's setup), so the score is events per second and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} divided by the stream size is bytes allocated per
 * event. The engine is rebuilt, untimed, before each invocation; after each, the number of matches
 * must equal what the hand-written loop found when the engine has Motif's semantics on the
 * workload.
 *
 * <p>Run through {@link Suite} (run.sh), which picks the supported engine × workload pairs; direct
 * use: {@code java -jar benchmarks.jar 'CepBenchmark.run$' -p engine=motif -p workload=W1 -prof
 * gc}, or {@code 'CepBenchmark.runLong$' -p workload=W1-1M} for a long variant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CepBenchmark {
  @Param({"motif", "esper", "flink", "siddhi", "limit"})
  public String engine;

  @Param({"W1"})
  public String workload;

  /** Untimed passes over the stream in the trial's setup. */
  static final int PREWARM_PASSES = 2;

  private Workload w;
  private EngineAdapter adapter;
  private long expected = -1;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    w = Workload.get(workload);
    adapter = EngineAdapter.create(engine);
    if (!adapter.supports(w)) {
      throw new IllegalStateException(engine + " cannot express " + w);
    }
    adapter.setup(w);
    // Warm-up by events, before JMH's warm-up by time: the slower engines see as many events as
    // the faster ones before they are measured (Esper's generated code needs ~1M to settle).
    for (int pass = 0; pass < PREWARM_PASSES; pass++) {
      adapter.reset();
      for (int i = 0; i < w.size; i++) {
        adapter.send(i);
      }
    }
    // The events were built among the garbage of building them (maps, boxes); an engine that
    // allocates nothing would read them where they were made, scattered, while one that allocates
    // gets them compacted by its first collection. Collect once so every engine reads them packed.
    System.gc();
    if (adapter.sameSemanticsAsMotif(w)) {
      LimitAdapter limit = new LimitAdapter();
      limit.setup(w);
      limit.reset();
      for (int i = 0; i < w.size; i++) {
        limit.send(i);
      }
      expected = limit.matches();
    }
  }

  @Setup(Level.Invocation)
  public void fresh() throws Exception {
    adapter.reset();
  }

  /**
   * The benchmark thread's CPU time per invocation, beside JMH's wall-clock score: on a machine
   * shared with other work, CPU time is what the engine itself spent (GC and JIT threads excluded).
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    public long cpuNanos;
    public long events;

    @Setup(Level.Iteration)
    public void clear() {
      cpuNanos = 0;
      events = 0;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The workloads of {@link Workload#names()}: {@value Workload#EVENTS} events an invocation. */
  @Benchmark
  @OperationsPerInvocation(Workload.EVENTS)
  public long run(Cpu cpu) throws Exception {
    return pass(cpu, Workload.EVENTS);
  }

  /**
   * The long variants of {@link Workload#longNames()}: {@value Workload#LONG_EVENTS} events an
   * invocation (JMH's operations per invocation is a constant, hence a method of its own).
   */
  @Benchmark
  @OperationsPerInvocation(Workload.LONG_EVENTS)
  public long runLong(Cpu cpu) throws Exception {
    return pass(cpu, Workload.LONG_EVENTS);
  }

  private long pass(Cpu cpu, int size) throws Exception {
    if (w.size != size) {
      throw new IllegalStateException(
          workload
              + " has "
              + w.size
              + " events: run it with "
              + (w.size == Workload.LONG_EVENTS ? "runLong" : "run")
              + ", which counts "
              + w.size
              + " operations an invocation");
    }
    long c0 = THREADS.getCurrentThreadCpuTime();
    EngineAdapter a = adapter;
    int n = w.size;
    for (int i = 0; i < n; i++) {
      a.send(i);
    }
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - c0;
    cpu.events += n;
    return a.matches();
  }

  @TearDown(Level.Invocation)
  public void check() {
    if (expected >= 0 && adapter.matches() != expected) {
      throw new IllegalStateException(
          engine
              + " on "
              + workload
              + " reported "
              + adapter.matches()
              + " matches; the hand-written loop found "
              + expected);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    adapter.close();
  }
}
