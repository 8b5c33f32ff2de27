package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.Script;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The engine, indexing every partition's waiting rows by their guard column ({@code
 * orderRowsFrom(0)}), against the reference, on the patterns that index (a first atom whose
 * following atom compares a field with it by {@code <}, {@code <=}, {@code >}, {@code >=} or {@code
 * ==}, on numbers or strings), over streams of few keys where dozens of rows wait: the generated
 * programs of {@link DifferentialProperties} seldom have that shape, so it is generated here.
 */
class OrderedRowsReferenceTest {
  private static final String[] MATCHES = {
    "a: A -> b: B(x > a.x)",
    "a: A -> b: B(x >= a.x)",
    "a: A -> b: B(x < a.x)",
    "a: A -> b: B(a.x >= x)",
    "a: A ->> b: B(x > a.x)",
    "a: A -> b: B(x < a.x and y > 1)",
    "a: A -> b: B(x > a.x) -> c: C",
    "a: A -> b: B(x <= a.x) -> not C",
    "a: A -> not C -> b: B(x > a.x)",
    "a: A -> b: B(x >= a.x) where b.y > a.y",
    "a: A -> b: B(x == a.x)",
    "a: A ->> b: B(a.x == x)",
    "a: A -> b: B(x == a.x and y > 1)",
    "a: A -> b: B(x > a.x * 2 - 10)",
    "a: A -> b: B(x + 1 == a.x)",
    "a: A -> b: B(x * 0.5 <= a.x / 3 and y > 0)",
    "a: A -> b: B(w == a.w)",
    "a: A ->> b: B(a.w == w and y > 1)",
    "a: A -> b: B(w == a.w) -> c: C(x > b.x)",
    "a: A -> b: B(x > a.x and w == a.w)",
    // a negation's conjunct as the column: a B whose field it excludes leaves the row as it is
    "a: A -> not B(w == a.w)",
    "a: A -> not B(x >= a.x * 2 and y > 0)",
    "a: A -> not B(x == a.x) -> c: C",
  };

  /** String keys, two of one hash ({@code "Aa"}, {@code "BB"}), and other kinds now and then. */
  private static final Object[] KEYS = {"p", "q", "Aa", "BB", "", "p", "q", 3L, null};

  private static final String[] SKIPS = {
    "", " after match skip past last", " after match skip to next"
  };

  private static final Object[] ODD = {null, 2.5, "3", 1L << 60};

  @Test
  void orderedStepsAgreeWithTheReference() {
    SplittableRandom random = new SplittableRandom(0x0DE5);
    int matches = 0;
    int orderedCases = 0;
    int negationCases = 0;
    int cases = 0;
    for (String match : MATCHES) {
      for (String skip : SKIPS) {
        String source = source(match, skip);
        Script script = Harness.parse(source);
        for (int trial = 0; trial < 8; trial++) {
          int bound = trial % 4 == 3 ? 12 : 0;
          boolean refuse = trial % 8 == 7;
          List<Event> events = stream(random, 240, 11, 18);
          long before = Harness.ORDERED_CASES[0];
          long negationBefore = Harness.NEGATION_COLUMN_CASES[0];
          Harness.EngineRun run = Harness.agreeing(source, script, events, bound, refuse, -1, 0);
          matches += run.finished().size();
          orderedCases += Harness.ORDERED_CASES[0] > before ? 1 : 0;
          negationCases += Harness.NEGATION_COLUMN_CASES[0] > negationBefore ? 1 : 0;
          cases++;
        }
      }
    }
    assertTrue(matches > 5_000, "the streams should match often: " + matches);
    assertTrue(
        orderedCases > cases * 3 / 4,
        "most cases should step by the order: " + orderedCases + " of " + cases);
    // (three patterns have a negation with a column, each in 24 cases)
    assertTrue(
        negationCases > 50,
        "negations' columns should leave rows as they were: " + negationCases + " of " + cases);
  }

  /**
   * The same patterns in an engine that orders every partition and in one that orders none, over
   * streams with origins and values the JSON rendering leaves out ({@code NaN}, {@code -0.0}): the
   * same events, origins and order, and the same partial matches evicted or refused.
   */
  @Test
  void orderedStepsAgreeWithUnorderedOnes() {
    SplittableRandom random = new SplittableRandom(18);
    int matches = 0;
    for (String match : MATCHES) {
      for (String skip : SKIPS) {
        matches += agreeWithScans(source(match, skip), random, () -> stream(random, 240, 11, 18));
      }
    }
    assertTrue(matches > 5_000, "the streams should match often: " + matches);
  }

  /**
   * Runs {@code source} six times over streams from {@code streams}, in an engine that indexes
   * every partition and in one that indexes none, with and without bounds that evict or refuse;
   * some values become {@code NaN} or {@code -0.0} and some events get origins. Asserts the same
   * events, origins and order, and the same counts; returns how many matches there were.
   */
  static int agreeWithScans(String source, SplittableRandom random, Supplier<List<Event>> streams) {
    int matches = 0;
    for (int trial = 0; trial < 6; trial++) {
      Limits limits =
          trial % 3 == 0
              ? Limits.DEFAULT
              : Limits.DEFAULT
                  .withMaxRunsPerPartition(15)
                  .withPolicy(
                      trial % 3 == 1 ? OverflowPolicy.EVICT_OLDEST : OverflowPolicy.REFUSE_NEW);
      List<Event> events = new ArrayList<>();
      for (Event e : streams.get()) {
        Object x = e.fields().get("x");
        boolean odd = random.nextInt(40) == 0;
        Map<String, Object> f = new LinkedHashMap<>(e.fields());
        f.put("x", odd ? (random.nextBoolean() ? Double.NaN : -0.0) : x);
        Event changed = Event.of(e.type(), e.time(), f);
        events.add(random.nextBoolean() ? changed.withOrigins(events.size() + 1) : changed);
      }
      Harness.EngineRun ordered = Harness.engine(source, events, 0, true, -1, limits, 0);
      Harness.EngineRun plain =
          Harness.engine(source, events, 0, true, -1, limits, Integer.MAX_VALUE);
      assertEquals(render(plain.finished()), render(ordered.finished()), source + "\n" + events);
      assertEquals(plain.stats().evicted(), ordered.stats().evicted(), source);
      assertEquals(plain.stats().dropped(), ordered.stats().dropped(), source);
      matches += ordered.finished().size();
    }
    return matches;
  }

  private static List<String> render(List<Event> events) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      out.add(e + java.util.Arrays.toString(e.origins()));
    }
    return out;
  }

  private static String source(String match, String skip) {
    return "pattern G partition by k match "
        + match
        + " within 40 ms"
        + skip
        + " emit G(k: a.k, ax: a.x"
        + (match.contains("b:") ? ", bx: b.x" : "")
        + ")\n";
  }

  /**
   * Over two keys, {@code aBelow} A's, {@code bBelow - aBelow} B's and the rest C's in 20: A's
   * start rows, B's move a few at a time.
   */
  static List<Event> stream(SplittableRandom random, int n, int aBelow, int bBelow) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("k", (long) random.nextInt(2));
      f.put("x", random.nextInt(30) == 0 ? ODD[random.nextInt(ODD.length)] : random.nextInt(40));
      f.put("y", (long) random.nextInt(4));
      f.put("w", KEYS[random.nextInt(KEYS.length)]);
      int t = random.nextInt(20);
      out.add(Event.of(t < aBelow ? "A" : t < bBelow ? "B" : "C", i / 3, f));
    }
    return out;
  }
}
