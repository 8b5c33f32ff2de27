package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference's model of the engine's bound on partial matches (docs/embedding.md, "Bounds"), on
 * the documentation's own examples: what it evicts or refuses, and what it then emits.
 */
class BoundedReferenceTest {

  @Test
  void aBoundCanChangeWhichOfTwoOverlappingMatchesIsEmitted() {
    String source = "pattern P match a: A -> b: B after match skip past last emit M(a: a.i)";
    List<Event> events = EventTable.parse("A(i: 1) at 1ms\nA(i: 2) at 2ms\nB() at 3ms");
    ReferenceEvaluator.Counted unbounded = counted(source, events, 0, false);
    assertEquals("M(a: 1) at 3ms\n", EventTable.render(unbounded.outcome().finished()));
    ReferenceEvaluator.Counted bounded = counted(source, events, 1, false);
    assertEquals("M(a: 2) at 3ms\n", EventTable.render(bounded.outcome().finished()));
    assertEquals(1, bounded.evicted());
  }

  @Test
  void refusingKeepsTheOldestAttempts() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      lines.append("A(i: ").append(i).append(") at ").append(i).append("ms\n");
    }
    lines.append("B() at 100ms\n");
    ReferenceEvaluator.Counted c =
        counted(
            "pattern P match a: A -> b: B emit M(a: a.i)",
            EventTable.parse(lines.toString()),
            10,
            true);
    List<String> out = new ArrayList<>();
    c.outcome().finished().forEach(e -> out.add(EventTable.render(e)));
    assertEquals(10, out.size());
    assertEquals("M(a: 0) at 100ms", out.get(0));
    assertEquals(90, c.refused());
  }

  @Test
  void aCompletedRunCountsUntilItIsEmitted() {
    // At the second B the first attempt completes while the second starts: two runs, bound one;
    // the oldest, the completed one, goes, so nothing is ever emitted.
    ReferenceEvaluator.Counted c =
        counted(
            "pattern P match t: B{2}",
            EventTable.parse("B() at 0s\nB() at 1s\nB() at 2s"), 1, false);
    assertEquals("", EventTable.render(c.outcome().finished()));
    assertEquals(2, c.evicted());
  }

  private static ReferenceEvaluator.Counted counted(
      String source, List<Event> events, int bound, boolean refuseNew) {
    return ReferenceEvaluator.evaluateCounted(
        Harness.parse(source), events, Long.MAX_VALUE, bound, refuseNew);
  }
}
