package io.motif.engine;

import static io.motif.engine.EngineTimeTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code P & Q}: both sides, in either order, on distinct events (LANGUAGE.md §4.1, §8). */
class ConjunctionTest {
  private static final String BOTH =
      "pattern P match a: A -> (b: B & c: C) -> d: D" + " emit R(a: a.x, b: b.x, c: c.x, d: d.x)";

  @Test
  void eitherOrder() {
    assertEquals(
        List.of("R(a: 1, b: 3, c: 2, d: 4) at 4"),
        run(BOTH, "A(x: 1) at 1", "C(x: 2) at 2", "B(x: 3) at 3", "D(x: 4) at 4"));
    assertEquals(
        List.of("R(a: 1, b: 2, c: 3, d: 4) at 4"),
        run(BOTH, "A(x: 1) at 1", "B(x: 2) at 2", "C(x: 3) at 3", "D(x: 4) at 4"));
  }

  @Test
  void bothSidesAreNeeded() {
    assertEquals(List.of(), run(BOTH, "A(x: 1) at 1", "B(x: 2) at 2", "D(x: 4) at 4"));
  }

  @Test
  void strictArrowsInsideASideAreMeasuredFromThatSidesLastEvent() {
    String src = "pattern T match (p: P1 => q: Q1) & r: R1 emit U(p: p.v, q: q.v, r: r.v)";
    // R1 between P1 and Q1 breaks `=>`; the later P1 => Q1 pair matches with that R1.
    assertEquals(
        List.of("U(p: 4, q: 5, r: 2) at 11"),
        run(
            src,
            "P1(v: 1) at 7",
            "R1(v: 2) at 8",
            "Q1(v: 3) at 9",
            "P1(v: 4) at 10",
            "Q1(v: 5) at 11"));
  }

  @Test
  void sidesTakeDistinctEvents() {
    String src = "pattern S match x: X & y: X(v > 0) emit O(x: x.v, y: y.v)";
    List<String> out = run(src, "X(v: 1) at 1", "X(v: 2) at 2");
    assertTrue(out.contains("O(x: 1, y: 2) at 2"), out.toString());
    assertTrue(out.contains("O(x: 2, y: 1) at 2"), out.toString());
  }

  @Test
  void notInsideASideIsACompileError() {
    Compilation c = Motif.compile("t", "pattern P match (a: A -> not B -> c: C) & d: D");
    assertTrue(c.hasErrors());
    assertTrue(c.render().contains("outside the `&` group"), c.render());
  }
}
