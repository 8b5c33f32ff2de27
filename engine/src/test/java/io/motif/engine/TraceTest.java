package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#trace}: every reason an event is not taken and every way an attempt ends, each from
 * a pattern written in Motif and a few events; and tracing changes nothing the engine does.
 */
class TraceTest {
  /** What a listener heard. */
  static class Recorder implements Trace.Listener {
    final List<Trace.Step> steps = new ArrayList<>();
    final List<Trace.End> ends = new ArrayList<>();

    @Override
    public void onStep(Trace.Step step) {
      steps.add(step);
    }

    @Override
    public void onEnd(Trace.End end) {
      ends.add(end);
    }

    Trace.Step last() {
      return steps.get(steps.size() - 1);
    }
  }

  private static Engine engine(String rules) {
    return engine(rules, Limits.DEFAULT);
  }

  private static Engine engine(String rules, Limits limits) {
    Compilation c = Motif.compile("rules.motif", rules);
    assertTrue(!c.hasErrors(), c.render());
    Engine e = Engine.builder().limits(limits).build();
    e.deploy(c.script());
    return e;
  }

  private static Event ev(String type, long time, Object... kv) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.put((String) kv[i], kv[i + 1]);
    }
    return Event.of(type, time, fields);
  }

  /** The only reason of the only attempt of the last step. */
  private static Trace.Reason onlyReason(Recorder r) {
    Trace.Step step = r.last();
    assertEquals(1, step.attempts().size(), step::toString);
    List<Trace.Reason> reasons = step.attempts().get(0).reasons();
    assertEquals(1, reasons.size(), reasons::toString);
    return reasons.get(0);
  }

  @Test
  void anEventOfAnotherTypeWaitsAndSaysWhatItTakesNext() {
    Engine e = engine("pattern P match a: A -> b: B -> c: C");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0));
    e.send(ev("C", 1));
    Trace.Verdict v = r.last().attempts().get(0);
    assertEquals(Trace.Outcome.WAITS, v.outcome());
    assertEquals(Trace.Kind.TYPE, onlyReason(r).kind());
    assertEquals("it can take next `b: B`; this is a C", onlyReason(r).message());
    assertEquals("a: A", v.attempt().at().text());
    assertEquals(
        List.of(new Trace.Atom("b: B", v.attempt().next().get(0).span(), "->")),
        v.attempt().next());
    assertEquals(Trace.Outcome.STARTS_NONE, r.last().start().outcome());
    assertEquals(
        "an attempt starts with `a: A`; this is a C", r.last().start().reasons().get(0).message());
  }

  @Test
  void aFalseConditionNamesThePartAndTheValuesRead() {
    String rules =
        """
        pattern P
          partition by k
          match a: A -> b: B(x > 5 and y == a.y)
        """;
    Engine e = engine(rules);
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0, "k", 1L, "y", "u"));
    e.send(ev("B", 1, "k", 1L, "x", 9L, "y", "v"));
    Trace.Reason why = onlyReason(r);
    assertEquals(Trace.Kind.CONDITION, why.kind());
    assertEquals("y == a.y", why.text());
    assertEquals(Map.of("y", "v", "a.y", "u"), why.values());
    assertEquals(
        "the condition of `b: B(x > 5 and y == a.y)` is false: `y == a.y`"
            + " (y = \"v\", a.y = \"u\")",
        why.message());
    // The span points at the atom in the source: line 3, `b: B(...)`.
    assertEquals(rules.indexOf("b: B"), why.span().start());
    assertEquals(Trace.Outcome.WAITS, r.last().attempts().get(0).outcome());
  }

  @Test
  void anotherPartitionAndAMissingKeyAreNamed() {
    Engine e = engine("pattern P partition by k match a: A -> b: B");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0, "k", "al"));
    e.send(ev("B", 1, "k", "bo"));
    Trace.Reason why = onlyReason(r);
    assertEquals(Trace.Kind.PARTITION, why.kind());
    assertEquals(
        "the event is in partition \"bo\", the attempt in partition \"al\"", why.message());
    e.send(ev("B", 2));
    assertEquals(Trace.Kind.NO_KEY, onlyReason(r).kind());
    assertNull(r.last().partition());
    assertEquals(Trace.Kind.NO_KEY, r.last().start().reasons().get(0).kind());
  }

  @Test
  void aTimeWindowEndsTheAttemptBeforeTheEvent() {
    Engine e = engine("pattern P match a: A -> b: B within 5s");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0));
    e.send(ev("B", 10_000));
    assertEquals(1, r.ends.size());
    Trace.End end = r.ends.get(0);
    assertEquals(Trace.Kind.WINDOW, end.reason().kind());
    assertEquals(5_000, end.time());
    assertEquals(
        "its window closed: it started at 0s, within 5s, so its window ended at 5s, and"
            + " the watermark is now past it (10s)",
        end.reason().message());
    assertEquals(List.of(), r.last().attempts(), "nothing is alive when B comes");
  }

  @Test
  void aCountWindowIsUsedUp() {
    Engine e = engine("pattern P match a: A -> b: B -> c: C within 2 events");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0));
    e.send(ev("B", 1));
    assertEquals(Trace.Outcome.TAKEN, r.last().attempts().get(0).outcome());
    assertEquals(1, r.ends.size());
    assertEquals(Trace.Kind.WINDOW, r.ends.get(0).reason().kind());
    assertEquals("its window of 2 events is used up", r.ends.get(0).reason().message());
  }

  @Test
  void strictContiguityBrokenEndsTheAttempt() {
    Engine e = engine("pattern P match a: A => b: B -> c: C");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0));
    e.send(ev("C", 1));
    Trace.Verdict v = r.last().attempts().get(0);
    assertEquals(Trace.Outcome.ENDS, v.outcome());
    assertEquals(1, r.ends.size());
    assertEquals(Trace.Kind.STRICT, r.ends.get(0).reason().kind());
    assertEquals(
        "`=> b: B` needs the partition's very next event, and the event (a C) was not"
            + " taken, so the attempt can take nothing more",
        r.ends.get(0).reason().message());
  }

  @Test
  void aNegationHitNamesTheNotAtomAndItsValues() {
    Engine e = engine("pattern P match a: A -> not N(v > a.v) -> b: B");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0, "v", 1L));
    e.send(ev("N", 1, "v", 0L)); // does not fit the negation: nothing happens
    assertEquals(Trace.Outcome.WAITS, r.last().attempts().get(0).outcome());
    e.send(ev("N", 2, "v", 5L));
    Trace.Verdict v = r.last().attempts().get(0);
    assertEquals(Trace.Outcome.ENDS, v.outcome());
    Trace.Reason why = r.ends.get(0).reason();
    assertEquals(Trace.Kind.NEGATION, why.kind());
    assertEquals("not N(v > a.v)", why.text());
    assertEquals(Map.of("v", 5L, "a.v", 1L), why.values());
  }

  @Test
  void aWhereConjunctThatIsFalseIsShownWithItsValues() {
    Engine e = engine("pattern P match a: A -> b: B where b.x > a.x and a.y == 1");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0, "x", 5L, "y", 1L));
    e.send(ev("B", 1, "x", 3L));
    Trace.Reason why = onlyReason(r);
    assertEquals(Trace.Kind.WHERE, why.kind());
    assertEquals("b.x > a.x", why.text());
    assertEquals(Map.of("b.x", 3L, "a.x", 5L), why.values());
    assertTrue(why.span() != null);
  }

  @Test
  void theSkipPolicyDropsTheOtherAttempts() {
    Engine e = engine("pattern P match a: A -> b: B after match skip past last");
    Recorder r = new Recorder();
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    e.trace("P", r);
    e.send(ev("A", 0, "i", 1L));
    e.send(ev("A", 1, "i", 2L));
    e.send(ev("B", 2));
    assertEquals(1, out.size());
    List<Trace.Verdict> attempts = r.last().attempts();
    assertEquals(2, attempts.size());
    for (Trace.Verdict v : attempts) {
      assertEquals(Trace.Outcome.TAKEN, v.outcome());
      assertTrue(v.moves().get(0).completes());
    }
    assertEquals(1, r.ends.size());
    Trace.End end = r.ends.get(0);
    assertEquals(Trace.Kind.SKIP, end.reason().kind());
    assertEquals(2, end.attempt().events().size());
    assertEquals(2L, end.attempt().events().get(0).event().get("i"));
  }

  @Test
  void boundsEvictAttempts() {
    Engine e = engine("pattern P match a: A -> b: B", Limits.DEFAULT.withMaxRunsPerPartition(2));
    Recorder r = new Recorder();
    e.trace("P", r);
    for (int i = 0; i < 3; i++) {
      e.send(ev("A", i, "i", (long) i));
    }
    assertEquals(1, r.ends.size());
    assertEquals(Trace.Kind.BOUND, r.ends.get(0).reason().kind());
    assertEquals(0L, r.ends.get(0).attempt().events().get(0).event().get("i"));
  }

  @Test
  void aTakenEventSaysIntoWhichAtomAndWhetherItCompletes() {
    Engine e = engine("pattern P match a: A ->> b: B+ within 1 min");
    Recorder r = new Recorder();
    e.trace("P", r);
    e.send(ev("A", 0));
    assertEquals(Trace.Outcome.STARTS, r.last().start().outcome());
    e.send(ev("B", 1));
    Trace.Verdict v = r.last().attempts().get(0);
    assertEquals(Trace.Outcome.TAKEN_AND_WAITS, v.outcome());
    assertEquals(new Trace.Move(v.moves().get(0).into(), true), v.moves().get(0));
    assertEquals("->>", v.moves().get(0).into().arrow());
  }

  @Test
  void withoutStepsOnlyTheEndsAreReportedWithTheEventThatEndedThem() {
    Engine e = engine("pattern P match a: A => b: B -> c: C");
    Recorder r =
        new Recorder() {
          @Override
          public boolean wantsStep(Event event) {
            return false;
          }
        };
    e.trace("P", r);
    e.send(ev("A", 0));
    e.send(ev("C", 1));
    assertEquals(List.of(), r.steps);
    assertEquals(1, r.ends.size());
    assertEquals(Trace.Kind.STRICT, r.ends.get(0).reason().kind());
    assertEquals(ev("C", 1), r.ends.get(0).cause().event());
  }

  @Test
  void anUnknownPatternIsRefused() {
    Engine e = engine("pattern P match a: A");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> e.trace("Q", new Recorder()));
    assertEquals("no pattern named Q; the patterns are P", ex.getMessage());
  }

  /** Tracing reads and never writes: the same output with it on for every event, or off. */
  @Test
  void tracingChangesNothingAndCancelledReportsNothing() {
    String rules =
        """
        pattern Brute
          partition by user
          match f: Login(ok == false){2,} -> s: Login(ok == true and ip == last(f).ip)
          within 1 min
          after match skip past last
        pattern Quiet
          partition by user
          match a: Login(ok == false) -> not Login(ok == true) -> b: Logout
          where time(b) - time(a) < 30s
          within 2 min
        pattern Strict match a: Login => b: Logout ->> c: Login{1,3}
          within 10 events
        """;
    List<Event> input = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 400; i++) {
      String user = "u" + random.nextInt(4);
      input.add(
          random.nextInt(4) == 0
              ? ev("Logout", i * 1_000L, "user", user)
              : ev(
                  "Login",
                  i * 1_000L,
                  "user",
                  user,
                  "ok",
                  random.nextBoolean(),
                  "ip",
                  "10.0.0." + random.nextInt(2)));
    }
    List<Event> plain = run(rules, input, false, null);
    Recorder everything = new Recorder();
    List<Event> traced = run(rules, input, true, everything);
    assertEquals(plain, traced);
    assertTrue(everything.steps.size() > 400, "every pattern traced on every event");
    assertTrue(everything.ends.size() > 0);
    Recorder cancelled = new Recorder();
    assertEquals(plain, run(rules, input, false, cancelled));
    assertEquals(0, cancelled.steps.size() + cancelled.ends.size());
  }

  private static List<Event> run(String rules, List<Event> input, boolean on, Recorder r) {
    Engine e = engine(rules);
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    List<Subscription> subs = new ArrayList<>();
    if (r != null) {
      for (String p : e.patterns()) {
        subs.add(e.trace(p, r));
      }
      if (!on) {
        subs.forEach(Subscription::cancel);
      }
    }
    input.forEach(e::send);
    e.finish();
    return out;
  }
}
