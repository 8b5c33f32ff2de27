package io.motif.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What packed rows of several events hold on to: a partition makes the later columns only with a
 * row of several events of its own (not because the step's scratch list has them), and the step
 * lets go of the last such row's bindings when it ends. (Found by review: neither changes an
 * output, both keep memory.)
 */
class LaterRowsMemoryTest {
  @Test
  void aPartitionWithoutRowsOfSeveralEventsHasNoLaterColumns() throws Exception {
    Engine engine = engine("pattern G partition by k match a: A -> (B -> C | d: D+) -> E\n");
    PatternRuntime p = pattern(engine);
    engine.send(event("A", 0, 1));
    engine.send(event("B", 0, 2)); // key 0: a row of two events (the scratch list becomes wide)
    engine.send(event("A", 1, 3));
    engine.send(event("D", 1, 4)); // key 1: the row takes D+ and becomes a run
    assertEquals(2, ((int[]) field(RunList.class, "depths").get(p.partitions.get(0L))).length);
    assertEquals(0, ((int[]) field(RunList.class, "depths").get(p.partitions.get(1L))).length);
  }

  @Test
  void theStepLetsGoOfTheLastRowsBindings() throws Exception {
    Engine engine = engine("pattern G partition by k match a: A -> b: B -> c: C -> d: D\n");
    PatternRuntime p = pattern(engine);
    for (String type : new String[] {"A", "B", "C", "D"}) {
      engine.send(
          event(type, 0, type.charAt(0))); // the row [a, b, c] completes; its partition goes
    }
    engine.send(event("A", 1, 100)); // a row of one event only
    assertEquals(1, p.partitions.size());
    Stepper stepper = (Stepper) field(PatternRuntime.class, "stepper").get(p);
    for (Event e : (Event[]) field(Stepper.class, "rowSingles").get(stepper)) {
      assertNull(e, "an event of a match already emitted is still held");
    }
  }

  private static Engine engine(String source) {
    Engine engine = Engine.builder().build();
    engine.deploy(Motif.compile("later.motif", source).scriptOrThrow());
    return engine;
  }

  private static PatternRuntime pattern(Engine engine) throws Exception {
    return ((EngineCore) field(Engine.class, "runtime").get(engine)).patterns.get(0);
  }

  private static Field field(Class<?> owner, String name) throws Exception {
    Field f = owner.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static Event event(String type, long key, long time) {
    return Event.of(type, time, Map.of("k", key, "x", 1L));
  }
}
