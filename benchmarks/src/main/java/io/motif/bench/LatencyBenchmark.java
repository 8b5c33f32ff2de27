package io.motif.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-event latency (issue 18): one operation is one {@link EngineAdapter#send} of the next event
 * of the workload's stream to a warmed engine, sampled by JMH ({@link Mode#SampleTime}, in
 * microseconds), which reports the percentiles (p50, p99, p99.9, p99.99) and the maximum.
 *
 * <p>The engine cycles through the stream: after its last event, the next operation's {@link
 * Level#Invocation} setup (outside the timed region) starts a fresh engine and the stream again
 * from its first event, so every sample is one event sent to an engine in the state that stream
 * left it in. The trial setup makes {@value CepBenchmark#PREWARM_PASSES} untimed passes first, as
 * {@link CepBenchmark} does. Each restart begins with empty partitions, so about one window's worth
 * of events per pass (5 % of W1, W4, W5's 200 s streams) meets fewer waiting runs than in the
 * steady state.
 *
 * <p>{@code java -cp benchmarks.jar org.openjdk.jmh.Main LatencyBenchmark -p engine=motif,esper -p
 * workload=W1,W4,W5}. Timer resolution ({@code System.nanoTime}, some 20–30 ns here) and its cost
 * are inside every sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class LatencyBenchmark {
  @Param({"motif", "esper"})
  public String engine;

  @Param({"W1", "W4", "W5"})
  public String workload;

  private Workload w;
  private EngineAdapter adapter;
  private int next;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    w = Workload.get(workload);
    adapter = EngineAdapter.create(engine);
    if (!adapter.supports(w)) {
      throw new IllegalStateException(engine + " cannot express " + w);
    }
    adapter.setup(w);
    for (int pass = 0; pass < CepBenchmark.PREWARM_PASSES; pass++) {
      adapter.reset();
      for (int i = 0; i < w.size; i++) {
        adapter.send(i);
      }
    }
    System.gc(); // as CepBenchmark: the events read packed
    adapter.reset();
    next = 0;
  }

  /** At the end of the stream: a fresh engine and the stream from its start, untimed. */
  @Setup(Level.Invocation)
  public void wrap() throws Exception {
    if (next == w.size) {
      adapter.reset();
      next = 0;
    }
  }

  @Benchmark
  public void send() throws Exception {
    adapter.send(next++);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    adapter.close();
  }
}
