package io.motif.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputCheckTest {
  private static final CompiledScript SCRIPT =
      Motif.compile(
              "rules.motif",
              """
      event Login(user string, ok boolean)
      event Tick()
      pattern P match a: Login -> b: Logout
      """)
          .script();

  @Test
  void countsUnreadUndeclaredTypesAndUndeclaredFieldsOnly() {
    InputCheck check = new InputCheck(SCRIPT);
    check.event(Event.of("Login", 0, Map.of("user", "al", "ok", true)));
    check.event(Event.of("Logout", 1, Map.of("user", "al", "anything", 1L))); // read, undeclared
    check.event(Event.of("Tick", 2)); // declared, read by no pattern: deliberate
    assertFalse(check.any());
    assertEquals(List.of(), check.warnings());
    check.event(Event.of("Logn", 3, Map.of("user", "al")));
    check.event(Event.of("Login", 4, Map.of("user", "al", "Ok", true)));
    check.event(Event.of("Logn", 5, Map.of()));
    check.event(Event.of("Tick", 6, Map.of("n", 1L)));
    assertTrue(check.any());
    assertEquals(
        List.of(
            "2 input events of type `Logn`, which no pattern reads; did you mean `Login`?",
            "1 event of type `Login` has field `Ok`, which `event Login` does not declare; did you"
                + " mean `ok`?",
            "1 event of type `Tick` has field `n`, which `event Tick` does not declare"),
        check.warnings());
  }

  @Test
  void manyDistinctMistakesAreBoundedAndSummedUp() {
    InputCheck check = new InputCheck(SCRIPT);
    int kinds = InputCheck.MAX_TRACKED + 5;
    for (int i = 0; i < kinds; i++) {
      check.event(Event.of("Unknown" + i, i));
    }
    check.event(Event.of("Unknown0", kinds));
    List<String> w = check.warnings();
    assertEquals(InputCheck.MAX_SHOWN + 1, w.size());
    assertEquals("2 input events of type `Unknown0`, which no pattern reads", w.get(0));
    assertEquals(
        "and "
            + (InputCheck.MAX_TRACKED - InputCheck.MAX_SHOWN)
            + " more types or"
            + " fields like these, not shown, and 5 events of still other types or fields, not told"
            + " apart",
        w.get(InputCheck.MAX_SHOWN));
  }

  @Test
  void theCommonPathAllocatesNothing() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    InputCheck check = new InputCheck(SCRIPT);
    Event[] events = {
      Event.of("Login", 0, Map.of("user", "al", "ok", true)),
      Event.of("Logout", 1, Map.of("user", "al")),
      Event.of("Login", 2, Map.of("user", "bo", "ok", false)),
      Event.of("Tick", 3)
    };
    for (int i = 0; i < 200_000; i++) { // warm up, so the measured loop runs compiled code
      check.event(events[i & 3]);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      check.event(events[i & 3]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for a million clean events");
    assertFalse(check.any());
  }
}
