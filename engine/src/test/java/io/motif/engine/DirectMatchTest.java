package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A match of two single events whose first waits as a packed row ({@code a: A -> b: B(x > a.x)}) is
 * emitted straight from the row and the completing event, with no run made; so is a match that the
 * last event completes from a run ({@code a: A -> c: C -> b: B}), and an absence such a row waits
 * for ({@code a: A -> not B}) when its window closes. Each pattern here runs beside a twin with a
 * {@code where} that always holds ({@code coalesce(b.x, -1) > -2}), which means the same but makes
 * a run for every match: the two must emit the same events, with the same origins, in the same
 * order, also when one event completes many rows at once, when runs complete beside the rows, and
 * at a bound on partial matches (where the engine falls back to runs, whose eviction the bound
 * defines).
 */
class DirectMatchTest {
  private static final String[] MATCHES = {
    "a: A -> b: B(x > a.x)",
    "a: A ->> b: B(x > a.x)",
    "a: A -> b: B",
    "A -> b: B(x >= 1)",
    "a: A -> (b: B(x > a.x) | C -> c: B)",
    "a: A -> (b: B | c: C)",
    "(a: A | c: C) -> b: B(x < 2)",
    "a: A -> c: C -> b: B(x > a.x)",
    "a: A -> c: C+ -> b: B",
    "a: A ->> c: C ->> b: B(x >= c.x)",
    "a: A -> not C -> B -> b: B(x > a.x)",
    "a: A -> not C",
    "a: A(x > 0) -> not B(x > a.x)",
    "a: A -> not B(x > 2) -> not C",
  };

  private static final String[] OUTPUTS = {"", " emit %s(k: a.k, ax: a.x, bx: b.x, t: b.time)"};

  private static final String ABSENCE_OUTPUT = " emit %s(k: a.k, ax: a.x, t: a.time)";

  @Test
  void matchesEmittedFromRowsAreThoseOfRuns() {
    SplittableRandom random = new SplittableRandom(2026);
    int matches = 0;
    for (String match : MATCHES) {
      for (String output : OUTPUTS) {
        if (!output.isEmpty() && !match.contains("a: A")) {
          continue; // the emit clauses read a
        }
        if (!output.isEmpty() && !match.contains("b:")) {
          output = ABSENCE_OUTPUT;
        }
        for (Limits limits :
            List.of(
                Limits.DEFAULT,
                Limits.DEFAULT.withMaxRunsPerPartition(3),
                Limits.DEFAULT.withMaxRunsPerPartition(2).withPolicy(OverflowPolicy.REFUSE_NEW))) {
          for (int trial = 0; trial < 12; trial++) {
            List<Event> events = stream(random, 60, trial % 2 == 0);
            List<String> direct = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            String source =
                pattern("G", match, "", output) + pattern("H", match, twin(match), output);
            Engine engine = Engine.builder().limits(limits).build();
            engine.deploy(compile(source));
            engine.subscribe("G", e -> direct.add(render(e)));
            engine.subscribe("H", e -> runs.add(render(e)));
            events.forEach(engine::send);
            engine.drain();
            assertEquals(runs, direct, source + "\n" + events);
            EngineStats stats = engine.stats();
            assertEquals(
                stats.patterns().get(1).evicted() + stats.patterns().get(1).dropped(),
                stats.patterns().get(0).evicted() + stats.patterns().get(0).dropped(),
                "bounded alike: " + source);
            matches += direct.size();
          }
        }
      }
    }
    assertTrue(matches > 2_000, "the streams should match often: " + matches);
  }

  /**
   * What makes the twin's matches runs while meaning the same: a {@code where} that always holds
   * and that the compiler keeps, checked as the last event is taken; for an absence, whose one
   * binding is known from the start (where a {@code where} is checked too), {@code after match skip
   * to next}, which drops only the attempt that matched (each has one run here).
   */
  private static String twin(String match) {
    return match.contains("b:")
        ? " where coalesce(b.x, -1) > -2"
        : match.contains("not") ? " after match skip to next" : " where coalesce(a.x, -1) > -2";
  }

  private static String render(Event e) {
    Map<String, Object> f = new LinkedHashMap<>(e.fields());
    return f + "@" + e.time() + java.util.Arrays.toString(e.origins());
  }

  private static String pattern(String name, String match, String where, String output) {
    return "pattern "
        + name
        + " partition by k match "
        + match
        + (where.startsWith(" where") ? where : "")
        + " within 20 ms"
        + (where.startsWith(" after") ? where : "")
        + (output.isEmpty() ? "" : String.format(output, name))
        + "\n";
  }

  private static CompiledScript compile(String source) {
    Compilation c = Motif.compile("direct.motif", source);
    assertFalse(c.hasErrors(), c.render());
    return c.script();
  }

  /** Bursts of A's then B's per key, so one B often completes several waiting A's at once. */
  private static List<Event> stream(SplittableRandom random, int n, boolean origins) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("k", (long) random.nextInt(2));
      f.put("x", (long) random.nextInt(4));
      int t = random.nextInt(20);
      String type = t < 8 ? "A" : t < 15 ? "B" : "C";
      Event e = Event.of(type, i / 2, f);
      out.add(origins && random.nextBoolean() ? e.withOrigins(i + 1, 1000 - i) : e);
    }
    return out;
  }
}
