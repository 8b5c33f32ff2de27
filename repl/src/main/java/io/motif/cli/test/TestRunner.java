package io.motif.cli.test;

import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.TestCase;
import io.motif.function.Values;
import io.motif.io.EventText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code test} blocks of LANGUAGE.md §7: a fresh engine per test, the {@code given} events
 * sent in order, and the derived events compared with {@code expect}. The end of the given events
 * is not the end of time (§4.4): windows still open do not complete.
 */
public final class TestRunner {
  private TestRunner() {}

  /** What one test did. {@code notes} holds late events and engine errors, one per line. */
  public record Outcome(TestCase test, boolean passed, List<Event> actual, List<String> notes) {}

  /** Runs one test of a script. */
  public static Outcome run(CompiledScript script, TestCase test) {
    List<Event> actual = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean[] failed = new boolean[1];
    Engine engine =
        Engine.builder()
            .lateHandler(e -> notes.add("late event, not processed: " + EventText.render(e)))
            .errorHandler(
                (message, cause) -> {
                  failed[0] = true;
                  notes.add(
                      "engine error: "
                          + message
                          + (cause == null || message.contains(String.valueOf(cause.getMessage()))
                              ? ""
                              : " (" + cause + ")"));
                })
            .build();
    engine.deploy(script);
    engine.subscribe("*", actual::add);
    for (Event e : test.given()) {
      try {
        engine.send(e);
      } catch (RuntimeException ex) {
        failed[0] = true;
        notes.add("engine failure on " + EventText.render(e) + ": " + ex);
        break;
      }
    }
    boolean passed = !failed[0] && matches(test.expect(), actual);
    return new Outcome(test, passed, List.copyOf(actual), List.copyOf(notes));
  }

  /** The same number of events, each matching the expected one at its position. */
  public static boolean matches(List<Event> expected, List<Event> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!matches(expected.get(i), actual.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Type and time equal, and every field the expected event lists equal in the actual one (numbers
   * by value; a missing field is null). Fields it does not list are not compared.
   */
  public static boolean matches(Event expected, Event actual) {
    if (!expected.type().equals(actual.type()) || expected.time() != actual.time()) {
      return false;
    }
    for (Map.Entry<String, Object> f : expected.fields().entrySet()) {
      if (!sameValue(f.getValue(), actual.get(f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Equal by value (numbers, nested lists, maps and events); null only equals null. */
  private static boolean sameValue(Object a, Object b) {
    return a == null || b == null ? a == b : Values.same(a, b);
  }
}
