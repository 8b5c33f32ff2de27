package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subscribers that call the engine back while it is processing an event. */
class CallbackTest {
  private static Engine engine(String source, List<String> errors) {
    Compilation c = Motif.compile("test.motif", source);
    assertFalse(c.hasErrors(), c.render());
    Engine engine = Engine.builder().errorHandler((m, t) -> errors.add(m)).build();
    engine.deploy(c.script());
    return engine;
  }

  @Test
  void anEventSentFromASubscriberWaitsForTheEventInHand() {
    List<String> errors = new ArrayList<>();
    Engine engine =
        engine(
            """
        pattern P partition by k match a: A -> b: A within 10 s
          emit Pair(k: a.k)
          on timeout emit Missed(k: a.k)
        """,
            errors);
    List<String> out = new ArrayList<>();
    engine.subscribe("*", e -> out.add(e.toString()));
    boolean[] sent = {false};
    engine.subscribe(
        "Pair",
        e -> {
          if (!sent[0]) {
            sent[0] = true;
            engine.send(
                Event.of("A", 4_000, Map.of("k", 2L))); // queued until A(k: 1) at 3000 is done
          }
        });
    engine.send(Event.of("A", 0, Map.of("k", 1L)));
    engine.send(Event.of("A", 3_000, Map.of("k", 1L))); // completes P and starts an attempt
    engine.advanceTime(13_500);
    assertEquals(List.of("Pair(k: 1) at 3000", "Missed(k: 1) at 13000"), out);
    engine.advanceTime(14_500);
    assertEquals("Missed(k: 2) at 14000", out.get(2));
    assertEquals(3, out.size());
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void movingTimeFromASubscriberIsRefusedAndReported() {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A emit B(x: a.x)", errors);
    List<String> out = new ArrayList<>();
    engine.subscribe(
        "B",
        e -> {
          out.add(e.toString());
          engine.advanceTime(1_000_000);
        });
    engine.send(Event.of("A", 5, Map.of("x", 1L)));
    engine.send(Event.of("A", 6, Map.of("x", 2L)));
    assertEquals(List.of("B(x: 1) at 5", "B(x: 2) at 6"), out);
    assertEquals(2, errors.size());
    assertTrue(
        errors.get(0).contains("advanceTime cannot be called from a subscriber"), errors.get(0));
  }
}
