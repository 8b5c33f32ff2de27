package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Negation, absence, timeouts and event time, written as Motif and event tables. */
class EngineTimeTest {

  /** Runs {@code source} over events written as {@code Type(f: v, ...) at TIME} lines. */
  static List<String> run(String source, long maxDelay, boolean flush, String... events) {
    Compilation c = Motif.compile("test.motif", source);
    assertFalse(c.hasErrors(), c.render());
    Engine engine = Engine.builder().maxDelay(maxDelay).build();
    engine.deploy(c.script());
    List<String> out = new ArrayList<>();
    engine.subscribe("*", e -> out.add(e.toString()));
    for (String line : events) {
      engine.send(parse(line));
    }
    engine.drain();
    if (flush) {
      engine.finish();
    }
    return out;
  }

  static List<String> run(String source, String... events) {
    return run(source, 0, false, events);
  }

  /** {@code A(x: 1, s: "t") at 5} — time in milliseconds. */
  static Event parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    String type = line.substring(0, open).trim();
    Map<String, Object> fields = new LinkedHashMap<>();
    String body = line.substring(open + 1, close).trim();
    if (!body.isEmpty()) {
      for (String part : body.split(",")) {
        String[] kv = part.split(":", 2);
        String v = kv[1].trim();
        Object value =
            v.startsWith("\"")
                ? v.substring(1, v.length() - 1)
                : v.equals("true") || v.equals("false")
                    ? (Object) Boolean.parseBoolean(v)
                    : v.contains(".") ? (Object) Double.parseDouble(v) : (Object) Long.parseLong(v);
        fields.put(kv[0].trim(), value);
      }
    }
    long time = Long.parseLong(line.substring(line.indexOf(" at ") + 4).trim());
    return Event.of(type, time, fields);
  }

  private static final String ABSENCE =
      "pattern Late match o: Order -> not Ship(id == o.id)" + " within 10 ms emit Alarm(id: o.id)";

  @Test
  void absenceCompletesAtWindowEndWhenTheWatermarkPassesIt() {
    assertEquals(
        List.of("Alarm(id: 1) at 10"),
        run(ABSENCE, "Order(id: 1) at 0", "Tick() at 5", "Order(id: 9) at 11"));
  }

  @Test
  void aShipmentExactlyAtTheEndPreventsTheAbsence() {
    assertEquals(
        List.of(), run(ABSENCE, "Order(id: 1) at 0", "Ship(id: 1) at 10", "Ship(id: 2) at 11"));
  }

  @Test
  void theWatermarkAtTheEndDoesNotCompleteTheAbsence() {
    // The watermark must be strictly past the end.
    assertEquals(List.of(), run(ABSENCE, "Order(id: 1) at 0", "Ship(id: 2) at 10"));
  }

  @Test
  void endOfInputLeavesWindowsOpenButFlushCompletesThem() {
    assertEquals(List.of(), run(ABSENCE, "Order(id: 1) at 0"));
    assertEquals(List.of("Alarm(id: 1) at 10"), run(ABSENCE, 0, true, "Order(id: 1) at 0"));
  }

  @Test
  void negationBetweenTwoEvents() {
    String src = "pattern P match a: A -> not B -> c: C emit R(a: a.x, c: c.x)";
    assertEquals(
        List.of("R(a: 2, c: 3) at 4"),
        run(src, "A(x: 1) at 1", "B(x: 0) at 2", "A(x: 2) at 3", "C(x: 3) at 4"));
  }

  @Test
  void negationConditionReadsEarlierBindings() {
    String src = "pattern P partition by k match a: A -> not B(v == a.v) -> c: C emit R(v: a.v)";
    assertEquals(
        List.of("R(v: 1) at 4"),
        run(
            src,
            "A(k: 1, v: 1) at 1",
            "B(k: 1, v: 2) at 2",
            "A(k: 2, v: 5) at 2",
            "B(k: 2, v: 5) at 3",
            "C(k: 1) at 4",
            "C(k: 2) at 4"));
  }

  @Test
  void outOfOrderEventsWithinTheDelayGiveTheSortedOutput() {
    String src = "pattern P match a: A -> b: B emit R(a: a.x, b: b.x)";
    List<String> sorted =
        run(src, 0, false, "A(x: 1) at 1", "B(x: 2) at 2", "A(x: 3) at 3", "B(x: 4) at 4");
    List<String> shuffled =
        run(src, 5, false, "B(x: 2) at 2", "A(x: 1) at 1", "B(x: 4) at 4", "A(x: 3) at 3");
    assertEquals(sorted, shuffled);
  }

  @Test
  void lateEventsAreCountedAndNotProcessed() {
    Compilation c = Motif.compile("t", "pattern P match a: A -> b: B");
    List<Event> late = new ArrayList<>();
    Engine engine = Engine.builder().maxDelay(2).lateHandler(late::add).build();
    engine.deploy(c.script());
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    engine.send(parse("A(x: 1) at 10"));
    engine.send(parse("B(x: 1) at 20"));
    engine.send(parse("A(x: 2) at 17"));
    engine.drain();
    assertEquals(1, late.size());
    assertEquals(1, engine.stats().late());
    assertEquals(1, out.size());
  }

  @Test
  void timeoutEmitsForAttemptsThatNeverMatched() {
    String src =
        "pattern S partition by id match o: Order -> s: Shipment within 10 ms"
            + " emit Shipped(id: o.id) on timeout emit Unshipped(id: o.id, s: s)";
    assertEquals(
        List.of("Shipped(id: 1) at 5", "Unshipped(id: 2, s: null) at 11"),
        run(
            src,
            "Order(id: 1) at 0",
            "Order(id: 2) at 1",
            "Shipment(id: 1) at 5",
            "Order(id: 3) at 30"));
  }

  @Test
  void countWindowAbsenceCompletesOnTheNthEvent() {
    String src = "pattern P match a: A -> not B within 3 events emit R(x: a.x)";
    assertEquals(
        List.of("R(x: 1) at 3"),
        run(src, "A(x: 1) at 1", "A(x: 2) at 2", "A(x: 3) at 3", "B(x: 0) at 4"));
  }

  @Test
  void engineHoldsNothingOnceEveryWindowHasClosed() {
    Compilation c = Motif.compile("t", "pattern P partition by k match a: A -> b: B within 5 ms");
    Engine engine = Engine.builder().build();
    engine.deploy(c.script());
    for (int i = 0; i < 100; i++) {
      engine.send(Event.of("A", i, Map.of("k", (long) (i % 7))));
    }
    engine.advanceTime(200);
    assertEquals(0, engine.stats().partialMatches());
    assertEquals(0, engine.stats().partitions());
  }

  @Test
  void aThrowingSubscriberHarmsNoOtherSubscriber() {
    Compilation c = Motif.compile("t", "pattern P match a: A");
    List<String> errors = new ArrayList<>();
    Engine engine = Engine.builder().errorHandler((m, t) -> errors.add(m)).build();
    engine.deploy(c.script());
    List<Event> out = new ArrayList<>();
    engine.subscribe(
        "P",
        e -> {
          throw new IllegalStateException("boom");
        });
    engine.subscribe("P", out::add);
    engine.send(parse("A(x: 1) at 1"));
    engine.send(parse("A(x: 2) at 2"));
    assertEquals(2, out.size());
    assertEquals(2, errors.size());
  }

  @Test
  void undeployDropsPartialMatchesAtOnce() {
    Compilation c = Motif.compile("t", "pattern P match a: A -> b: B");
    Engine engine = Engine.builder().build();
    engine.deploy(c.script());
    engine.send(parse("A(x: 1) at 1"));
    assertEquals(1, engine.stats().partialMatches());
    engine.undeploy("P");
    assertEquals(0, engine.stats().partialMatches());
  }

  @Test
  void absencesEndingAtOneInstantCompleteInOrderOfFirstEventAcrossPartitions() {
    String src = "pattern P partition by k match a: A -> not B within 10 ms emit Alarm(v: a.v)";
    assertEquals(
        List.of("Alarm(v: 1) at 10", "Alarm(v: 2) at 10", "Alarm(v: 3) at 10"),
        run(
            src,
            "A(k: 1, v: 1) at 0",
            "A(k: 2, v: 2) at 0",
            "A(k: 1, v: 3) at 0",
            "X(k: 0) at 11"));
  }

  @Test
  void defaultOutputFieldsFollowFirstAppearance() {
    assertEquals(
        List.of("P(z: A() at 1, y: B() at 2, x: C() at 3) at 3"),
        run("pattern P match z: A -> y: B -> x: C", "A() at 1", "B() at 2", "C() at 3"));
  }

  @Test
  void duplicateIdsCompareAsTypedValues() {
    Compilation c = Motif.compile("t", "pattern P match a: A");
    Engine engine = Engine.builder().deduplicate("id", 100).build();
    engine.deploy(c.script());
    engine.send(parse("A(id: 1) at 1"));
    engine.send(parse("A(id: 1.0) at 2"));
    assertEquals(1, engine.stats().duplicates());
  }

  @Test
  void inputEventsOfDeclaredTypesTakeTheirFieldTypes() {
    String src =
        "event T(x double, n long, at time)\n"
            + "pattern P match t: T emit R(half: t.x / 2, n: t.n / 2, at: t.at)";
    Compilation c = Motif.compile("t", src);
    Engine engine = Engine.builder().build();
    engine.deploy(c.script());
    List<String> out = new ArrayList<>();
    engine.subscribe("*", e -> out.add(e.toString()));
    engine.send(Event.of("T", 1, Map.of("x", 3L, "n", 5.0, "at", "1970-01-01T00:00:01Z")));
    assertEquals(List.of("R(half: 1.5, n: 2, at: 1000) at 1"), out);
  }

  @Test
  void theMaximumDelayChangesWithoutLosingPartialMatches() {
    Compilation c = Motif.compile("t", "pattern P match a: A -> b: B emit R(a: a.v, b: b.v)");
    Engine engine = Engine.builder().maxDelay(10).build();
    engine.deploy(c.script());
    List<String> out = new ArrayList<>();
    engine.subscribe("*", e -> out.add(e.toString()));
    engine.send(parse("A(v: 1) at 5"));
    engine.send(parse("B(v: 2) at 20")); // watermark 10: A processed, B waits
    assertEquals(List.of(), out);
    engine.maxDelay(0); // the watermark rises to 20: B is processed
    assertEquals(List.of("R(a: 1, b: 2) at 20"), out);
    engine.maxDelay(100); // longer: applies from the next event
    engine.send(parse("A(v: 3) at 21")); // waits: the watermark stays at 20
    assertEquals(1, engine.stats().buffered());
    engine.drain();
    assertEquals(1, engine.stats().partialMatches());
  }
}
