package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trace's dry run predicts what the real step then does: over random events, for every attempt
 * of the event's partition, an attempt said to wait is still there after the event, one said to end
 * or to move on is gone (as it was), one that takes the event has a successor holding it, and a new
 * attempt said to start is there. (Tracing mirrors the step's rules in its own code: this keeps the
 * two from drifting apart.) Attempts are compared as {@link Engine#describePartials} writes them.
 */
class TraceAgreesWithTheStepTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "partition by k match a: A -> b: B(x > a.x) -> c: C within 3s",
        "match a: A => b: B -> c: C",
        "partition by k match a: A ->> b: B+ ->> c: C within 4s",
        "partition by k match a: A -> not C(x > a.x) -> b: B within 5s",
        "match a: A -> b: B where b.x > a.x and time(b) - time(a) < 2s",
        "partition by k match a: A -> (b: B | c: C) -> d: A within 6 events",
        "partition by k match f: A{2,} -> s: B(x == last(f).x) within 5s after match skip past last",
        "match a: A & b: B -> c: C within 5s",
        "partition by k match a: A -> b: B* => c: C within 4s after match skip to next",
        "partition by k match a: A -> not B within 2s",
        "partition by k match a: A -> not C => b: B within 3 events"
      })
  void theDryRunPredictsTheStep(String pattern) {
    Compilation c = Motif.compile("rules.motif", "pattern P " + pattern);
    assertTrue(!c.hasErrors(), c.render());
    Engine engine = Engine.builder().build();
    engine.deploy(c.script());
    TraceTest.Recorder r = new TraceTest.Recorder();
    engine.trace("P", r);
    Set<String> read = c.script().pattern("P").reads();
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    Random random = new Random(pattern.hashCode());
    long time = 0;
    for (int i = 0; i < 400; i++) {
      time += random.nextInt(1_500);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("k", (long) random.nextInt(2));
      fields.put("x", (long) random.nextInt(4));
      Event e = Event.of(String.valueOf("ABC".charAt(random.nextInt(3))), time, fields);
      Map<String, Integer> before = count(engine.describePartials("P"));
      r.steps.clear();
      r.ends.clear();
      out.clear();
      engine.send(e);
      // Absences completed as time moved to the event, before its step (one attempt each here).
      long completedBefore =
          out.stream()
              .filter(
                  d ->
                      d.time() < e.time()
                          && d.get("a") instanceof Event a
                          && a.get("k").equals(e.get("k")))
              .count();
      Map<String, Integer> after = count(engine.describePartials("P"));
      if (read.contains(e.type())) {
        check(e, before, after, r, completedBefore);
      } else {
        assertEquals(List.of(), r.steps, "a type the pattern does not read never reaches it");
      }
    }
  }

  private static void check(
      Event e,
      Map<String, Integer> before,
      Map<String, Integer> after,
      TraceTest.Recorder r,
      long completedBefore) {
    Trace.Step step =
        r.steps.stream()
            .filter(s -> s.event().event() == e)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step for " + e));
    List<String> ended = new ArrayList<>();
    r.ends.forEach(end -> ended.add(line(end.attempt())));
    String where =
        "at "
            + e
            + ", before "
            + before.keySet()
            + ", after "
            + after.keySet()
            + ", ended "
            + ended
            + ":\n";
    int inPartition = 0;
    for (Trace.Verdict v : step.attempts()) {
      if (v.reasons().stream()
          .anyMatch(x -> x.kind() == Trace.Kind.PARTITION || x.kind() == Trace.Kind.NO_KEY)) {
        continue;
      }
      inPartition++;
      String self = line(v.attempt());
      assertTrue(before.containsKey(self), where + self + " was alive");
      int was = before.get(self);
      int now = after.getOrDefault(self, 0);
      switch (v.outcome()) {
        case WAITS -> assertTrue(now >= was || ended.contains(self), where + self + " waits");
        case TAKEN_AND_WAITS -> {
          assertTrue(now >= was || ended.contains(self), where + self + " waits");
          successors(v, e, after, ended, where);
        }
        case TAKEN -> {
          assertTrue(now < was, where + self + " moved on");
          successors(v, e, after, ended, where);
        }
        case ENDS -> assertTrue(now < was, where + self + " ended");
        default -> fail(where + v);
      }
    }
    if (step.partition() != null) {
      String prefix = "P [" + step.partition() + "] at ";
      int alive = 0;
      for (Map.Entry<String, Integer> b : before.entrySet()) {
        alive += b.getKey().startsWith(prefix) ? b.getValue() : 0;
      }
      for (Trace.End end : r.ends) {
        if (end.cause() == null && line(end.attempt()).startsWith(prefix)) {
          alive--; // its window closed as time moved to the event, before its step
        }
      }
      assertEquals(
          alive - completedBefore,
          inPartition,
          where + "every attempt of the partition has a verdict");
    }
    if (step.start().outcome() == Trace.Outcome.STARTS) {
      for (Trace.Move m : step.start().moves()) {
        String started = "[" + step.partition() + "] at ";
        boolean there =
            after.keySet().stream().anyMatch(l -> l.contains(started) && l.endsWith(": " + e));
        boolean gone = ended.stream().anyMatch(l -> l.contains(started) && l.endsWith(": " + e));
        assertTrue(there || gone || m.completes(), where + "an attempt started");
      }
    } else {
      assertTrue(
          after.keySet().stream().noneMatch(l -> l.endsWith(": " + e)),
          where + "no attempt started");
    }
  }

  /** Each way the event was taken left an attempt holding it (unless it completed or ended). */
  private static void successors(
      Trace.Verdict v, Event e, Map<String, Integer> after, List<String> ended, String where) {
    String held = events(v.attempt()) + " -> " + e;
    for (Trace.Move m : v.moves()) {
      boolean there = after.keySet().stream().anyMatch(l -> l.endsWith(": " + held));
      boolean gone = ended.stream().anyMatch(l -> l.endsWith(": " + held));
      assertTrue(there || gone || m.completes(), where + "a successor holds " + held);
    }
  }

  private static String line(Trace.Attempt a) {
    return "P [" + a.partition() + "] at " + a.position() + ": " + events(a);
  }

  private static String events(Trace.Attempt a) {
    List<String> out = new ArrayList<>();
    a.events().forEach(t -> out.add(t.event().toString()));
    return String.join(" -> ", out);
  }

  private static Map<String, Integer> count(List<String> lines) {
    Map<String, Integer> out = new HashMap<>();
    lines.forEach(l -> out.merge(l, 1, Integer::sum));
    return out;
  }
}
