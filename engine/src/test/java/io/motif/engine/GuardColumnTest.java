package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.automaton.Automaton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A waiting run keeps the field a comparison reads from an earlier event as a column, and a step
 * passes over the runs whose column says the event cannot move them. Each pattern here runs beside
 * a twin whose comparison reads the same value through {@code coalesce}, which makes no column: the
 * two must emit the same matches, over values of every kind (longs, doubles, equal values of both
 * kinds, nulls, missing fields, strings, the smallest long).
 */
class GuardColumnTest {
  private static final Object[] VALUES = {
    1L,
    2L,
    3L,
    2.0,
    2.5,
    -0.0,
    0L,
    Long.MIN_VALUE,
    Long.MAX_VALUE,
    "2",
    "a",
    "b",
    true,
    null,
    Double.NaN,
    1L << 53,
    (1L << 53) + 1
  };

  private static final String[] CONDITIONS = {
    "x > a.x",
    "x >= a.x",
    "x < a.x",
    "x <= a.x",
    "x == a.x",
    "a.x < x",
    "a.x == x and y > 0",
    "x > prev.x",
    // arithmetic on either side (longs that overflow, division by zero, -0.0, NaN among VALUES)
    "x > a.x * 2",
    "x * 2 >= a.x + 1",
    "x < a.x - 0.5",
    "-x == a.x",
    "x + 1 == a.x",
    "x > prev.x / 2",
    "x % 3 == a.x % 3",
    "a.x * 3 < x and y > 0",
    "x - 1 <= -a.x",
    "x / a.x > 1",
    // two comparisons: the equality keeps the column
    "x > a.x and y == a.y",
  };

  @Test
  void passingOverRunsByTheirColumnChangesNoMatch() {
    SplittableRandom random = new SplittableRandom(18);
    int matches = 0;
    for (String condition : CONDITIONS) {
      for (String arrow : List.of("->", "->>")) {
        String twin =
            condition
                .replace("a.x", "coalesce(a.x)")
                .replace("a.y", "coalesce(a.y)")
                .replace("prev.x", "coalesce(prev.x)");
        String source = pattern("G", arrow, condition, "") + pattern("H", arrow, twin, "");
        for (int trial = 0; trial < 20; trial++) {
          List<Event> events = stream(random, 40);
          List<String> guarded = new ArrayList<>();
          List<String> plain = new ArrayList<>();
          Engine engine = Engine.builder().build();
          engine.deploy(compile(source));
          engine.subscribe("G", e -> guarded.add(e.fields().toString() + "@" + e.time()));
          engine.subscribe("H", e -> plain.add(e.fields().toString() + "@" + e.time()));
          events.forEach(engine::send);
          engine.drain();
          assertEquals(plain, guarded, source + "\n" + events);
          matches += guarded.size();
        }
      }
    }
    assertTrue(matches > 500, "the streams should match often: " + matches);
  }

  @Test
  void declaredDoublesCompareAsDoubles() {
    String source =
        "event A(k long, x double)\nevent B(k long, x double, y long)\n"
            + pattern("G", "->", "x > a.x", "")
            + pattern("H", "->", "x > coalesce(a.x)", "");
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 30; trial++) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("k", (long) random.nextInt(2));
        f.put("x", random.nextInt(6) == 0 ? null : random.nextInt(5) / 2.0);
        f.put("y", 1L);
        events.add(Event.of(random.nextBoolean() ? "A" : "B", i, f));
      }
      List<String> guarded = new ArrayList<>();
      List<String> plain = new ArrayList<>();
      Engine engine = Engine.builder().build();
      engine.deploy(compile(source));
      engine.subscribe("G", e -> guarded.add(e.fields() + "@" + e.time()));
      engine.subscribe("H", e -> plain.add(e.fields() + "@" + e.time()));
      events.forEach(engine::send);
      engine.drain();
      assertEquals(plain, guarded);
    }
  }

  /**
   * An equality keeps a declared string as its hash: strings that differ exclude the run, equal
   * hashes still evaluate the condition. Among the strings, two pairs with one hash ({@code "Aa"}
   * and {@code "BB"}, {@code "AaAa"} and {@code "BBBB"}): the column cannot tell them apart, the
   * condition must.
   */
  @Test
  void declaredStringsCompareByValueThroughTheirHash() {
    String[] strings = {"Aa", "BB", "AaAa", "BBBB", "a", "", "ü", "a\u0000"};
    assertEquals("Aa".hashCode(), "BB".hashCode());
    String source =
        "event A(k long, x string)\nevent B(k long, x string, y long)\n"
            + pattern("G", "->", "x == a.x", "")
            + pattern("H", "->", "x == coalesce(a.x)", "")
            + pattern("G2", "->", "a.x == x and y > 0", "")
            + pattern("H2", "->", "coalesce(a.x) == x and y > 0", "");
    CompiledScript script = compile(source);
    assertEquals("x EQ #0.x", guards(script, "G"));
    SplittableRandom random = new SplittableRandom(11);
    int matches = 0;
    for (int trial = 0; trial < 40; trial++) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("k", (long) random.nextInt(2));
        f.put("x", random.nextInt(8) == 0 ? null : strings[random.nextInt(strings.length)]);
        f.put("y", (long) random.nextInt(2));
        events.add(Event.of(random.nextInt(3) == 0 ? "B" : "A", i, f));
      }
      // Many rows wait per key: the partitions grow large enough to be indexed by the column.
      Engine engine = Engine.builder().build();
      engine.deploy(script);
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String name : List.of("G", "H", "G2", "H2")) {
        List<String> got = new ArrayList<>();
        out.put(name, got);
        engine.subscribe(name, e -> got.add(e.fields() + "@" + e.time()));
      }
      events.forEach(engine::send);
      engine.drain();
      assertEquals(out.get("H"), out.get("G"), events::toString);
      assertEquals(out.get("H2"), out.get("G2"), events::toString);
      matches += out.get("G").size();
    }
    assertTrue(matches > 200, "the streams should match often: " + matches);
  }

  /**
   * A negation's comparison is a column too ({@code not B(x == a.x)}): a B whose field it excludes
   * does not violate the negation and leaves the waiting run as it is; one it does not exclude is
   * tested as before. Each against a twin through {@code coalesce}, at the end (an absence) and in
   * the middle, over values of every kind.
   */
  @Test
  void negationsKeepAColumnToo() {
    String[] negations = {
      "not B(x == a.x)",
      "not B(x > a.x)",
      "not B(a.x * 2 <= x and y > 0)",
      "not B(x == a.x) -> c: C",
      "not B(x < prev.x) -> c: C(y > 0)",
      "not B(x == a.x) -> b: B", // (a B the column excludes is taken: no column here)
    };
    SplittableRandom random = new SplittableRandom(23);
    int matches = 0;
    for (String negation : negations) {
      String twin = negation.replace("a.x", "coalesce(a.x)").replace("prev.x", "coalesce(prev.x)");
      String source =
          "pattern G partition by k match a: A -> "
              + negation
              + " within 30 ms\n"
              + "pattern H partition by k match a: A -> "
              + twin
              + " within 30 ms\n";
      CompiledScript script = compile(source);
      assertFalse(guards(script, "G").isEmpty() && negationGuards(script, "G").isEmpty());
      assertEquals("", negationGuards(script, "H"), twin);
      for (int trial = 0; trial < 20; trial++) {
        List<Event> events = new ArrayList<>();
        for (Event e : stream(random, 60)) { // (a C now and then, for the negations in the middle)
          boolean c = e.type().equals("B") && random.nextInt(3) == 0;
          events.add(c ? Event.of("C", e.time(), e.fields()) : e);
        }
        List<String> guarded = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        Engine engine = Engine.builder().orderRowsFrom(trial % 2 == 0 ? 0 : 32).build();
        engine.deploy(script);
        engine.subscribe("G", e -> guarded.add(e.fields() + "@" + e.time()));
        engine.subscribe("H", e -> plain.add(e.fields() + "@" + e.time()));
        events.forEach(engine::send);
        engine.finish();
        assertEquals(plain, guarded, source + "\n" + events);
        matches += guarded.size();
      }
    }
    assertTrue(matches > 300, "the streams should match often: " + matches);
  }

  /** The guards of a pattern's negations, in order. */
  private static String negationGuards(CompiledScript script, String pattern) {
    Automaton a = script.rules().automaton(pattern);
    List<String> out = new ArrayList<>();
    for (int n = 0; n < a.negations(); n++) {
      if (a.negationGuard(n) != null) {
        out.add(a.negationGuard(n).toString());
      }
    }
    return String.join(", ", out);
  }

  @Test
  void theComparisonMakesAGuardAndItsTwinNone() {
    CompiledScript script =
        compile(
            pattern("G", "->", "y > 0 and x > a.x", "")
                + pattern("H", "->", "x > coalesce(a.x)", ""));
    assertEquals("x GT #0.x", guards(script, "G"));
    assertEquals("", guards(script, "H"));
    assertEquals("x LT prev.x", guards(compile(pattern("P", "->", "prev.x > x", "")), "P"));
    assertEquals("", guards(compile(pattern("N", "->", "x != a.x", "")), "N"));
    assertEquals("", guards(compile(pattern("S", "->", "x > b.x", "")), "S"));
    assertEquals(
        "x * 2 GE a.x + 1", guards(compile(pattern("A", "->", "x * 2 >= a.x + 1", "")), "A"));
    assertEquals("x LT a.x * 0.9", guards(compile(pattern("D", "->", "a.x * 0.9 > x", "")), "D"));
    // both events on one side, or arithmetic through a function: no column can hold it
    assertEquals("", guards(compile(pattern("M", "->", "x / a.x > 1", "")), "M"));
    assertEquals("", guards(compile(pattern("F", "->", "x > abs(a.x) * 2", "")), "F"));
    assertEquals("y EQ #0.y", guards(compile(pattern("Q", "->", "x > a.x and y == a.y", "")), "Q"));
    assertEquals("x GT #0.x", guards(compile(pattern("R", "->", "x > a.x and y >= a.y", "")), "R"));
    String strings = "event A(k long, x string)\nevent B(k long, x string)\n";
    assertEquals("x EQ #0.x", guards(compile(strings + pattern("E", "->", "x == a.x", "")), "E"));
    assertEquals("", guards(compile(strings + pattern("L", "->", "x > a.x", "")), "L"));
  }

  /**
   * Waiting attempts are packed rows, not run objects: tracing that starts while they wait sees
   * them as attempts, and a snapshot taken then restores them (the rows stay packed in the engine
   * that wrote it, and the restored engine goes on the same way).
   */
  @Test
  void packedRowsAreTracedAndSnapshotLikeRuns() throws Exception {
    String source = pattern("G", "->", "x > a.x", "");
    Engine live = Engine.builder().build();
    live.deploy(compile(source));
    List<String> liveOut = new ArrayList<>();
    live.subscribe("G", e -> liveOut.add(e.fields() + "@" + e.time()));
    for (int i = 0; i < 6; i++) {
      live.send(Event.of("A", i, fields("k", (long) (i % 2), "x", (long) i)));
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    live.snapshot(bytes);
    Engine restored =
        Engine.builder().restore(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    List<String> restoredOut = new ArrayList<>();
    restored.subscribe("G", e -> restoredOut.add(e.fields() + "@" + e.time()));

    List<Trace.Step> steps = new ArrayList<>();
    live.trace(
        "G",
        new Trace.Listener() {
          @Override
          public void onStep(Trace.Step step) {
            steps.add(step);
          }

          @Override
          public void onEnd(Trace.End end) {}
        });
    Event b = Event.of("B", 10, fields("k", 0L, "x", 3L));
    live.send(b);
    restored.send(b);
    assertEquals(
        List.of(
            "{a=A(k: 0, x: 0) at 0, b=B(k: 0, x: 3) at 10}@10",
            "{a=A(k: 0, x: 2) at 2, b=B(k: 0, x: 3) at 10}@10"),
        liveOut);
    assertEquals(liveOut, restoredOut);
    Trace.Step step = steps.get(0);
    assertEquals(6, step.attempts().size(), step::toString); // three in its partition, three not
    long taken = step.attempts().stream().filter(v -> v.outcome() == Trace.Outcome.TAKEN).count();
    assertEquals(2, taken, step::toString);
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  /** The guards of a pattern's positions, in order. */
  private static String guards(CompiledScript script, String pattern) {
    Automaton a = script.rules().automaton(pattern);
    List<String> out = new ArrayList<>();
    for (int p = 0; p < a.positions(); p++) {
      if (a.guard(p) != null) {
        out.add(a.guard(p).toString());
      }
    }
    return String.join(", ", out);
  }

  private static String pattern(String name, String arrow, String condition, String extra) {
    return "pattern "
        + name
        + " partition by k match a: A "
        + arrow
        + " b: B("
        + condition
        + ") within 30 ms"
        + extra
        + "\n";
  }

  private static CompiledScript compile(String source) {
    Compilation c = Motif.compile("guard.motif", source);
    assertFalse(c.hasErrors(), c.render());
    return c.script();
  }

  private static List<Event> stream(SplittableRandom random, int n) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("k", (long) random.nextInt(2));
      Object x = VALUES[random.nextInt(VALUES.length)];
      if (x != null || random.nextBoolean()) {
        f.put("x", x); // else the field is missing
      }
      f.put("y", (long) random.nextInt(3));
      out.add(Event.of(random.nextInt(3) == 0 ? "A" : "B", i, f));
    }
    return out;
  }
}
