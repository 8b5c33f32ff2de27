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
 * emitted straight from the row and the completing event, with no run made. Each pattern here runs
 * beside a twin with {@code where coalesce(b.x, -1) > -2}, which means the same but makes a run for
 * every match: the two must emit the same events, with the same origins, in the same order, also
 * when one event completes many rows at once, when runs complete beside the rows, and at a bound on
 * partial matches (where the engine falls back to runs, whose eviction the bound defines).
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
  };

  private static final String[] OUTPUTS = {"", " emit %s(k: a.k, ax: a.x, bx: b.x, t: b.time)"};

  @Test
  void matchesEmittedFromRowsAreThoseOfRuns() {
    SplittableRandom random = new SplittableRandom(2026);
    int matches = 0;
    for (String match : MATCHES) {
      for (String output : OUTPUTS) {
        if (!output.isEmpty() && !match.contains("a: A")) {
          continue;
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
                pattern("G", match, "", output)
                    + pattern("H", match, " where coalesce(b.x, -1) > -2", output);
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

  private static String render(Event e) {
    Map<String, Object> f = new LinkedHashMap<>(e.fields());
    return f + "@" + e.time() + java.util.Arrays.toString(e.origins());
  }

  private static String pattern(String name, String match, String where, String output) {
    return "pattern "
        + name
        + " partition by k match "
        + match
        + where
        + " within 20 ms"
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
      int t = random.nextInt(10);
      String type = t < 5 ? "A" : t < 9 ? "B" : "C";
      Event e = Event.of(type, i / 2, f);
      out.add(origins && random.nextBoolean() ? e.withOrigins(i + 1, 1000 - i) : e);
    }
    return out;
  }
}
