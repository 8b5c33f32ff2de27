package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.Script;
import io.motif.engine.Engine;
import io.motif.engine.EngineProbe;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The engine against the reference on patterns whose partial matches of several events stay packed
 * rows (an attempt that has taken {@code A} and {@code B} of {@code a: A -> B -> C -> D} waits as
 * one row of the partition's arrays, not as run objects), over streams of two keys where many
 * attempts wait at every position: with bindings and guards read from later events, {@code ->>}
 * branches completing in one step, alternatives, a negation after the row, a {@code where}, rows
 * deeper than a row holds, repeated atoms (their events held in the row, the run made from it lists
 * them), skip policies and bounds.
 */
class LaterRowsReferenceTest {
  private static final String[] MATCHES = {
    "a: A -> B -> C -> D",
    "a: A -> b: B -> c: C(x > b.x) -> d: D",
    "a: A ->> b: B ->> c: C",
    "a: A ->> B ->> c: C(x >= a.x) ->> D",
    "a: A -> b: B(x > a.x) -> c: C(x > b.x) -> D",
    "a: A -> (b: B | c: C) -> d: D(x > a.x)",
    "a: A -> b: B -> not C -> d: D",
    "a: A -> b: B -> c: C -> d: D where c.y > a.y",
    "a: A ->> (b: B ->> c: C | c: C)",
    "a: A -> B -> C -> B -> C -> B -> C -> B -> d: D",
    "a: A -> b: B -> c: C+ -> D",
    "a: A -> b: B -> c: C -> not D",
    "a: A -> b: B(x > prev.x)+ -> C",
    "a: A -> b: B+ -> C -> d: D",
    "a: A -> b: B+ -> c: C(x > a.x) -> D",
    "a: A -> b: B(x >= prev.x)+ -> not C -> d: D(x > a.x)",
    // under `=>` a row keeps its newest event's stream position, which contiguity is checked by
    "a: A => b: B",
    "a: A => B -> C => d: D",
    "a: A -> b: B => c: C(x > b.x) -> D",
    "a: A => b: B => c: C => D",
    "a: A => b: B+ -> C",
    "a: A ->> b: B => c: C",
    "a: A -> b: B+ => c: C(x > a.x)",
    // under `within N events` a row keeps its first event's stream position, which it counts from
    "a: A -> b: B(x > a.x) within 6 events",
    "a: A -> B -> C -> d: D within 9 events",
    "a: A => b: B -> c: C within 4 events",
    "a: A -> b: B+ -> C within 7 events",
    "a: A -> not B within 4 events",
    "a: A -> b: B(x > a.x) -> not C within 6 events",
  };

  private static final String[] SKIPS = {
    "", " after match skip past last", " after match skip to next"
  };

  @Test
  void laterRowsAgreeWithTheReference() {
    SplittableRandom random = new SplittableRandom(0x1A7E);
    int matches = 0;
    int laterCases = 0;
    int laterMatchCases = 0;
    int repeatedCases = 0;
    int inPlaceCases = 0;
    int contiguousCases = 0;
    int countedCases = 0;
    int aggregateCases = 0;
    int cases = 0;
    for (String match : MATCHES) {
      for (String skip : SKIPS) {
        String source = source(match, skip);
        Script script = Harness.parse(source);
        for (int trial = 0; trial < 8; trial++) {
          int bound = trial % 4 == 3 ? 12 : 0;
          boolean refuse = trial % 8 == 7;
          List<Event> events = stream(random, 240);
          long rowsBefore = Harness.LATER_ROW_CASES[0];
          long matchesBefore = Harness.LATER_ROW_MATCH_CASES[0];
          long repeatedBefore = Harness.REPEATED_ROW_CASES[0];
          long inPlaceBefore = Harness.DEEPENED_IN_PLACE_CASES[0];
          long contiguousBefore = Harness.CONTIGUOUS_ROW_CASES[0];
          long countedBefore = Harness.COUNTED_ROW_CASES[0];
          long aggregateBefore = Harness.AGGREGATE_ROW_CASES[0];
          // (every other trial snapshots half-way: the rows are written and restored as runs)
          int snapshotAt = trial % 2 == 1 ? events.size() / 2 : -1;
          Harness.EngineRun run =
              Harness.agreeing(source, script, events, bound, refuse, snapshotAt, 32);
          matches += run.finished().size();
          laterCases += Harness.LATER_ROW_CASES[0] > rowsBefore ? 1 : 0;
          laterMatchCases += Harness.LATER_ROW_MATCH_CASES[0] > matchesBefore ? 1 : 0;
          repeatedCases += Harness.REPEATED_ROW_CASES[0] > repeatedBefore ? 1 : 0;
          inPlaceCases += Harness.DEEPENED_IN_PLACE_CASES[0] > inPlaceBefore ? 1 : 0;
          contiguousCases += Harness.CONTIGUOUS_ROW_CASES[0] > contiguousBefore ? 1 : 0;
          countedCases += Harness.COUNTED_ROW_CASES[0] > countedBefore ? 1 : 0;
          aggregateCases += Harness.AGGREGATE_ROW_CASES[0] > aggregateBefore ? 1 : 0;
          cases++;
        }
      }
    }
    assertTrue(matches > 5_000, "the streams should match often: " + matches);
    assertTrue(
        laterCases > cases * 3 / 4,
        "most cases should keep rows of several events: " + laterCases + " of " + cases);
    // (matches come straight from a row only without a skip policy, `where`, aggregate or a bound
    // in the way)
    assertTrue(
        laterMatchCases > cases / 14,
        "cases should match from such rows: " + laterMatchCases + " of " + cases);
    // (seven patterns repeat an atom, each in 24 cases)
    assertTrue(
        repeatedCases > 60,
        "rows should hold a repeated binding's events: " + repeatedCases + " of " + cases);
    // (a row that takes an event and moves is made deeper where it stands; under `->>` it also
    // stays as it was, and the partition is rewritten)
    assertTrue(
        inPlaceCases > cases / 2,
        "rows should be made deeper in place: " + inPlaceCases + " of " + cases);
    // (seven patterns have `=>`, each in 24 cases)
    assertTrue(
        contiguousCases > 100,
        "events should follow rows along `=>`: " + contiguousCases + " of " + cases);
    // (six patterns count their window in events, each in 24 cases)
    assertTrue(
        countedCases > 60,
        "rows should be kept under `within N events`: " + countedCases + " of " + cases);
    // (six patterns repeat `b`, whose aggregates the emit reads, each in 24 cases)
    assertTrue(
        aggregateCases > 60,
        "rows' aggregates should be worked out from their events: "
            + aggregateCases
            + " of "
            + cases);
    System.out.println(
        "rows of several events: "
            + laterCases
            + " of "
            + cases
            + " cases; matched from one: "
            + laterMatchCases
            + "; held a repeated binding's events: "
            + repeatedCases
            + "; made deeper in place: "
            + inPlaceCases
            + "; aggregates worked out from a row: "
            + aggregateCases);
  }

  /**
   * A match emitted from a row of several events carries the origins of all of them (LANGUAGE.md:
   * the union of the origins of the events it was made from), read here from the fields that say
   * which events it bound.
   */
  @Test
  void matchesFromLaterRowsCarryEveryEventsOrigins() {
    Engine engine = Engine.builder().build();
    engine.deploy(
        Motif.compile(
                "later.motif",
                "pattern G partition by k match a: A -> b: B -> c: C(x > b.x) -> d: D within 40 ms"
                    + " emit G(ai: a.i, bi: b.i, ci: c.i, di: d.i)\n")
            .scriptOrThrow());
    List<Event> out = new ArrayList<>();
    engine.subscribe("G", out::add);
    SplittableRandom random = new SplittableRandom(7);
    List<Event> events = stream(random, 400);
    for (int i = 0; i < events.size(); i++) {
      engine.send(events.get(i).withOrigins(1000L + i));
    }
    engine.finish();
    assertTrue(out.size() > 20, "matches: " + out.size());
    assertTrue(EngineProbe.laterRowMatches(engine) > 0, "matches from rows of several events");
    for (Event g : out) {
      TreeSet<Long> expected = new TreeSet<>();
      for (String f : List.of("ai", "bi", "ci", "di")) {
        expected.add(1000L + ((Number) g.get(f)).longValue());
      }
      assertArrayEquals(
          expected.stream().mapToLong(Long::longValue).toArray(), g.origins(), g.toString());
    }
  }

  private static String source(String match, String skip) {
    return "pattern G partition by k match "
        + match
        + (match.contains(" within ") ? "" : " within 40 ms")
        + skip
        + " emit G(k: a.k, ai: a.i"
        + (match.contains("b:") && !repeated(match, "b: B") ? ", bi: b.i" : "")
        // (aggregates read in the emit only: rows hold the events, their runs work them out;
        // `max(b.x - a.x)` reads another binding, so it is recomputed when read)
        + (repeated(match, "b: B") ? ", bn: count(b), bs: sum(b.x), bl: last(b).i" : "")
        + (repeated(match, "b: B") && match.contains("prev") ? ", bm: max(b.x - a.x)" : "")
        + (match.contains("c:") && !repeated(match, "c: C") ? ", ci: c.i" : "")
        + ")\n";
  }

  /**
   * Whether {@code atom} ({@code "b: B"}) is repeated in {@code match}: read by aggregates only.
   */
  private static boolean repeated(String match, String atom) {
    return match.matches(".*" + atom + "(\\([^)]*\\))?\\+.*");
  }

  /** A's, B's, C's and D's over two keys, so that attempts wait at every position. */
  private static List<Event> stream(SplittableRandom random, int n) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("k", (long) random.nextInt(2));
      f.put("x", (long) random.nextInt(40));
      f.put("y", (long) random.nextInt(4));
      f.put("i", (long) i);
      int t = random.nextInt(20);
      out.add(Event.of(t < 6 ? "A" : t < 12 ? "B" : t < 17 ? "C" : "D", i / 3, f));
    }
    return out;
  }
}
