package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Origins: what each derived event was made from, through chains, timeouts and snapshots. */
class ProvenanceTest {
  private static final String RULES =
      """
      event Reading(sensor string, value int)
      pattern High partition by sensor
        match a: Reading(value > 10) -> b: Reading(value > 10) within 1 min
        after match skip past last
        emit Hot(sensor: a.sensor, peak: b.value)
      pattern Twice partition by sensor
        match h1: Hot -> h2: Hot within 10 min
        emit Alarm(sensor: h1.sensor)
      pattern Alone partition by sensor
        match r: Reading(value < 0) -> not Reading within 30 s
        emit Quiet(sensor: r.sensor)
      pattern Lost partition by sensor
        match r: Reading(value == 99) -> Reading(value == 100) within 5 s
        emit Found(sensor: r.sensor)
        on timeout emit Missing(sensor: r.sensor)
      """;

  private static CompiledScript script() {
    Compilation c = Motif.compile("provenance.motif", RULES);
    assertFalse(c.hasErrors(), c.render());
    return c.script();
  }

  private static Event reading(long time, String sensor, long value, long origin) {
    return Event.of("Reading", time, Map.of("sensor", sensor, "value", value)).withOrigins(origin);
  }

  private static List<Event> run(Engine engine, List<Event> in) {
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    in.forEach(engine::send);
    engine.finish();
    return out;
  }

  private static Event only(List<Event> out, String type) {
    List<Event> of = out.stream().filter(e -> e.type().equals(type)).toList();
    assertEquals(1, of.size(), of.toString());
    return of.get(0);
  }

  @Test
  void aDerivedEventCarriesTheOriginsOfItsMatchThroughAChain() {
    Engine engine = Engine.builder().build();
    engine.deploy(script());
    List<Event> out =
        run(
            engine,
            List.of(
                reading(1_000, "s1", 20, 1),
                reading(2_000, "s2", 5, 2),
                reading(3_000, "s1", 30, 3),
                reading(4_000, "s1", 40, 4),
                reading(5_000, "s1", 50, 5)));
    List<long[]> hot =
        out.stream().filter(e -> e.type().equals("Hot")).map(Event::origins).toList();
    assertEquals(2, hot.size());
    assertArrayEquals(new long[] {1, 3}, hot.get(0));
    assertArrayEquals(new long[] {4, 5}, hot.get(1));
    // The alarm is made from two Hot events, each made from two readings: their union.
    assertArrayEquals(new long[] {1, 3, 4, 5}, only(out, "Alarm").origins());
  }

  @Test
  void absencesAndTimeoutsCarryTheOriginsOfWhatTheAttemptTook() {
    Engine engine = Engine.builder().build();
    engine.deploy(script());
    List<Event> out =
        run(
            engine,
            List.of(
                reading(1_000, "s3", -1, 7),
                reading(40_000, "s4", 99, 8),
                reading(60_000, "s4", 1, 9)));
    assertArrayEquals(new long[] {7}, only(out, "Quiet").origins());
    assertArrayEquals(new long[] {8}, only(out, "Missing").origins());
  }

  @Test
  void withoutOriginsNothingIsAddedAndOriginsAreNotFields() {
    Engine engine = Engine.builder().build();
    engine.deploy(script());
    List<Event> out =
        run(
            engine,
            List.of(
                Event.of("Reading", 1_000, Map.of("sensor", "s1", "value", 20L)),
                Event.of("Reading", 2_000, Map.of("sensor", "s1", "value", 30L))));
    Event hot = only(out, "Hot");
    assertFalse(hot.hasOrigins());
    assertEquals(0, hot.origins().length);
    Event plain = Event.of("Reading", 1, Map.of("sensor", "s1"));
    Event tagged = plain.withOrigins(5, 3, 5);
    assertEquals(plain, tagged);
    assertEquals(plain.fields(), tagged.fields());
    assertArrayEquals(new long[] {3, 5}, tagged.origins());
  }

  @Test
  void originsSurviveASnapshotOfTheRunsHoldingThem() throws Exception {
    Engine engine = Engine.builder().build();
    engine.deploy(script());
    engine.send(reading(1_000, "s1", 20, 11));
    ByteArrayOutputStream snap = new ByteArrayOutputStream();
    engine.snapshot(snap);
    Engine restored = Engine.builder().restore(new ByteArrayInputStream(snap.toByteArray()));
    List<Event> out = run(restored, List.of(reading(2_000, "s1", 30, 12)));
    assertArrayEquals(new long[] {11, 12}, only(out, "Hot").origins());
  }

  @Test
  void anEventConvertedToItsDeclaredTypesKeepsItsOrigins() {
    Engine engine = Engine.builder().build();
    engine.deploy(script());
    // value given as an int and a double: conformed to the declared int, the origins kept.
    List<Event> out =
        run(
            engine,
            List.of(
                Event.of("Reading", 1_000, Map.of("sensor", "s9", "value", 20)).withOrigins(21),
                Event.of("Reading", 2_000, Map.of("sensor", "s9", "value", 30.0)).withOrigins(22)));
    assertArrayEquals(new long[] {21, 22}, only(out, "Hot").origins());
    assertTrue(out.stream().noneMatch(e -> e.type().equals("Alarm")));
  }
}
