package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motif.engine.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference evaluator's own corners, apart from the engine. (Its semantics are tested by the
 * hand-written cases, which it must pass as the engine must.)
 */
class ReferenceEvaluatorTest {

  @Test
  void processingOrderDropsLateEventsAndSortsTheRestStably() {
    List<Event> arrivals =
        EventTable.parse(
            """
        A(n: 1) at 3s
        A(n: 2) at 1s
        A(n: 3) at 2s
        A(n: 4) at 5s
        A(n: 5) at 2s
        A(n: 6) at 3s
        """);
    assertEquals(
        """
        A(n: 2) at 1s
        A(n: 3) at 2s
        A(n: 1) at 3s
        A(n: 6) at 3s
        A(n: 4) at 5s
        """,
        EventTable.render(ReferenceEvaluator.processingOrder(arrivals, 2000)));
    assertEquals(
        """
        A(n: 1) at 3s
        A(n: 4) at 5s
        """,
        EventTable.render(ReferenceEvaluator.processingOrder(arrivals, 0)));
  }

  @Test
  void givesUpWhenTooManyPartialMatchesAreAlive() {
    String source = "pattern P match a: A ->> b: A ->> c: A ->> d: A";
    List<Event> events = EventTable.parse("A() at 0s\n".repeat(30));
    assertThrows(
        ReferenceEvaluator.TooManyRuns.class,
        () -> ReferenceEvaluator.evaluateBounded(Harness.parse(source), events, 1000));
  }

  @Test
  void takesEventsInTimeOrderOnly() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ReferenceEvaluator.evaluate(
                Harness.parse("pattern P match A"), EventTable.parse("A() at 2s\nA() at 1s")));
  }

  @Test
  void theEndOfTimeClosesTimeWindowsOnly() {
    String source =
        """
        pattern T match a: A -> not B within 5s emit InTime(a: a.n)
        pattern N match a: A -> not B within 3 events emit InEvents(a: a.n)
        """;
    List<Event> events = EventTable.parse("A(n: 1) at 0s\nA(n: 2) at 9s");
    ReferenceEvaluator.Outcome out = Harness.reference(source, events, 0);
    assertEquals("InTime(a: 1) at 5s\n", EventTable.render(out.drained()));
    assertEquals("InTime(a: 1) at 5s\nInTime(a: 2) at 14s\n", EventTable.render(out.finished()));
  }

  @Test
  void rendersEventsAsTheTablesWriteThem() {
    Event e =
        Event.of(
            "P", 1500, Map.of("a", Event.of("A", 0, Map.of("s", "x\"y")), "l", List.of(1L, 2.0)));
    String text = EventTable.render(e);
    assertEquals(true, text.contains("a: A(s: \"x\\\"y\") at 0s"), text);
    assertEquals(true, text.contains("l: [1, 2.0]"), text);
    assertEquals(true, text.endsWith(") at 1500ms"), text);
  }
}
