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
 * Conditions that compare a new event with a waiting one, where the waiting rows keep the earlier
 * side as a guard column: over 200,000 events in {@code keys} partitions, a 10 s window, so that
 * some hundred rows wait per partition and an event moves few of them.
 *
 * <ul>
 *   <li>{@code string}: {@code a: A -> b: B(s == a.s)} over 1,000 distinct strings: the column
 *       keeps {@code a.s}'s hash; a B passes over the rows of other strings, and a large partition
 *       finds its rows through the column's hash index.
 *   <li>{@code rise}: {@code a: A -> b: B(price > a.price * 1.5)}, prices from 100 to 200: the
 *       column keeps {@code a.price * 1.5}, computed once when the row is made; a large partition
 *       keeps its rows ordered by it.
 *   <li>{@code absent}: {@code a: A -> not B(s == a.s)}, an absence whose negation names the
 *       string: the column keeps {@code a.s}'s hash, so a B leaves the rows of other strings as
 *       they are and a large partition finds the rows it ends through the hash index.
 *   <li>{@code chain}: {@code a: A -> b: B(s == a.s) -> c: C(s == a.s)}, half the B's of the other
 *       shapes being C's: rows wait at {@code a} and at {@code b}, each position with a column; a
 *       large partition finds the rows a B or a C moves through each position's hash index.
 * </ul>
 *
 * <p>{@code column}: the condition as written; {@code event}: the same condition with the earlier
 * side read through {@code coalesce(...)}, which makes no column, so an event reads every waiting
 * row's first event, as before these columns. Both emit the same matches; the ratio within one run
 * is the column's effect.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ColumnBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ColumnBenchmark {
  private static final int EVENTS = 200_000;

  @Param({"string", "rise", "absent", "chain"})
  public String shape;

  @Param({"10", "100"})
  public int keys;

  @Param({"column", "event"})
  public String condition;

  private CompiledScript script;
  private Event[] events;
  private long matches;

  @Setup
  public void setup() {
    boolean rise = shape.equals("rise");
    String earlier = rise ? "a.price" : "a.s";
    if (condition.equals("event")) {
      earlier = "coalesce(" + earlier + ")";
    }
    String test = rise ? "price > " + earlier + " * 1.5" : "s == " + earlier;
    String atom = (shape.equals("absent") ? "not B(" : "b: B(") + test + ")";
    if (shape.equals("chain")) {
      atom += " -> c: C(" + test + ")";
    }
    String source =
        "event A(k long, s string, price double)\nevent B(k long, s string, price double)\n"
            + "event C(k long, s string, price double)\n"
            + "pattern P partition by k match a: A -> "
            + atom
            + " within 10 s emit M(k: a.k, s: a.s)\n";
    Compilation c = Motif.compile("columns.motif", source);
    if (c.hasErrors()) {
      throw new IllegalStateException(c.render());
    }
    script = c.script();
    SplittableRandom random = new SplittableRandom(1);
    EventShape eventShape = EventShape.of("k", "s", "price");
    events = new Event[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      // (a string of its own per event, as a reader makes them: no identity to lean on)
      String s = new String("user-" + random.nextInt(1000));
      long key = random.nextInt(keys);
      double price = 100 + random.nextInt(10_000) / 100.0;
      String type = random.nextInt(3) == 0 ? "B" : "A";
      if (shape.equals("chain") && type.equals("B") && i % 2 == 0) {
        type = "C"; // (the other shapes' streams unchanged)
      }
      events[i] = Event.of(type, Workload.T0 + 5L * i, eventShape, key, s, price);
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
