package io.motif.bench;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.Motif;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation on a string within a partition: {@code a: A -> b: B(s == a.s)}, partitioned by {@code
 * k}, over 200,000 events with {@code keys} partitions and 1,000 distinct strings, so that some
 * hundred rows wait per partition and a B matches few of them. {@code column}: the condition as
 * written, whose rows keep {@code a.s}'s hash as their guard column (a B passes over the rows of
 * other strings, and a large partition finds its rows through the column's hash index); {@code
 * event}: the same condition through {@code coalesce(a.s)}, which makes no column, so a B reads
 * every waiting row's first event, as before strings had columns. Both emit the same matches; the
 * ratio within one run is the column's effect.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StringKeyBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StringKeyBenchmark {
  private static final int EVENTS = 200_000;

  @Param({"10", "100"})
  public int keys;

  @Param({"column", "event"})
  public String condition;

  private CompiledScript script;
  private Event[] events;
  private long matches;

  @Setup
  public void setup() {
    String test = condition.equals("column") ? "s == a.s" : "s == coalesce(a.s)";
    String source =
        "event A(k long, s string)\nevent B(k long, s string)\n"
            + "pattern P partition by k match a: A -> b: B("
            + test
            + ") within 10 s emit M(k: a.k, s: b.s)\n";
    Compilation c = Motif.compile("strings.motif", source);
    if (c.hasErrors()) {
      throw new IllegalStateException(c.render());
    }
    script = c.script();
    SplittableRandom random = new SplittableRandom(1);
    EventShape shape = EventShape.of("k", "s");
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      // (a string of its own per event, as a reader makes them: no identity to lean on)
      String s = new String("user-" + random.nextInt(1000));
      long key = random.nextInt(keys);
      String type = random.nextInt(3) == 0 ? "B" : "A";
      events[i] = Event.of(type, Workload.T0 + 5L * i, shape, key, s);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long pass() {
    Engine engine = Engine.builder().build();
    engine.deploy(script);
    matches = 0;
    engine.subscribe("M", e -> matches++);
    for (Event e : events) {
      engine.send(e);
    }
    return matches;
  }
}
