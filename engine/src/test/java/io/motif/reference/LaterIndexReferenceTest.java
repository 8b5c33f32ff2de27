package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.Script;
import io.motif.engine.Event;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rows indexed at positions after the start: in a pattern whose attempts are one row each, a
 * partition whose rows all wait at guarded positions is stepped through each position's index
 * ({@code a: Login -> b: Purchase(user == a.user) -> Refund(user == a.user)} without {@code
 * partition by}). Rows move between the indexes, leave stale entries behind, and come back to a
 * position with the same column (a repeated binding): each pattern here runs in an engine that
 * indexes every partition ({@code orderRowsFrom(0)}) against the reference (a third of the runs
 * taken through a snapshot half-way, whose partitions make their indexes anew), and against an
 * engine that indexes none.
 */
class LaterIndexReferenceTest {
  private static final String[] MATCHES = {
    "a: A -> b: B(w == a.w) -> c: C(w == a.w)",
    "a: A -> b: B(x > a.x) -> c: C(x > b.x)",
    "a: A -> b: B(x > a.x) -> c: C(x <= b.x - 3)",
    "a: A -> b: B(x > a.x) -> c: B(x > b.x)",
    "a: A -> b: B(w == a.w) -> c: B(x < b.x) -> d: C(w == b.w)",
    "a: A -> b: B(x >= a.x) -> c: C(x > a.x) where c.y > b.y",
    "a: A -> b: B(w == a.w) -> not C(w == a.w) -> d: B(x > b.x)",
    "a: A -> b: B(w == a.w) -> c: C(x > b.x and y > 0)",
    "a: A -> b: B(w == a.w)+ -> c: C(x > a.x)",
    "a: A -> b: B(x > a.x)+ -> c: C(w == a.w)",
    "a: A -> b: B(x > a.x) -> c: C(w == a.w) -> d: B(x < c.x)",
  };

  private static final String[] SKIPS = {
    "", " after match skip past last", " after match skip to next"
  };

  @Test
  void laterIndexesAgreeWithTheReference() {
    SplittableRandom random = new SplittableRandom(0x1A7E);
    int matches = 0;
    int laterCases = 0;
    int cases = 0;
    for (String match : MATCHES) {
      for (String skip : SKIPS) {
        String source = source(match, skip);
        Script script = Harness.parse(source);
        for (int trial = 0; trial < 8; trial++) {
          int bound = trial % 4 == 3 ? 12 : 0;
          boolean refuse = trial % 8 == 7;
          List<Event> events = OrderedRowsReferenceTest.stream(random, 300, 9, 16);
          long before = Harness.LATER_INDEX_CASES[0];
          int snapshotAt = trial % 3 == 1 ? events.size() / 2 : -1; // (indexes made anew after)
          Harness.EngineRun run =
              Harness.agreeing(source, script, events, bound, refuse, snapshotAt, 0);
          matches += run.finished().size();
          laterCases += Harness.LATER_INDEX_CASES[0] > before ? 1 : 0;
          cases++;
        }
      }
    }
    System.out.printf(
        "later indexes: %d cases, %d looked rows up after the start, %d matches%n",
        cases, laterCases, matches);
    assertTrue(matches > 2_000, "the streams should match often: " + matches);
    assertTrue(
        laterCases > cases / 2,
        "most cases should look rows up after the start: " + laterCases + " of " + cases);
  }

  /** The same patterns in an engine that indexes every partition and in one that indexes none. */
  @Test
  void laterIndexesAgreeWithScans() {
    SplittableRandom random = new SplittableRandom(0x1A7F);
    int matches = 0;
    for (String match : MATCHES) {
      for (String skip : SKIPS) {
        String source = source(match, skip);
        matches +=
            OrderedRowsReferenceTest.agreeWithScans(
                source, random, () -> OrderedRowsReferenceTest.stream(random, 300, 9, 16));
      }
    }
    assertTrue(matches > 2_000, "the streams should match often: " + matches);
  }

  /** The emit reads single bindings only: a repeated one would keep its rows from packing. */
  private static String source(String match, String skip) {
    boolean repeated = match.contains(")+");
    return "pattern G partition by k match "
        + match
        + " within 60 ms"
        + skip
        + " emit G(k: a.k, ax: a.x"
        + (match.contains("c: C") ? ", cx: c.x" : "")
        + (!repeated && match.contains("b:") ? ", bx: b.x" : "")
        + ")\n";
  }
}
