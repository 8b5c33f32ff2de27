package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bounds on by default and configurable; overflow is counted, never silent. */
class BoundsTest {

  static Engine engine(String rules, Limits limits) {
    Compilation c = Motif.compile("t", rules);
    assertTrue(!c.hasErrors(), c.render());
    Engine e = Engine.builder().limits(limits).build();
    e.deploy(c.script());
    return e;
  }

  @Test
  void everyEventStartingAnAttemptStaysWithinThePerPartitionBound() {
    Engine e = engine("pattern P match a: A -> b: B", Limits.DEFAULT.withMaxRunsPerPartition(50));
    for (int i = 0; i < 1_000; i++) {
      e.send(Event.of("A", i, Map.of()));
      assertTrue(e.stats().partialMatches() <= 50);
    }
    assertEquals(950, e.stats().evicted());
    assertEquals(0, e.stats().dropped());
  }

  @Test
  void refusePolicyKeepsTheOldestAndCountsTheRefused() {
    Engine e =
        engine(
            "pattern P match a: A -> b: B",
            Limits.DEFAULT.withMaxRunsPerPartition(10).withPolicy(OverflowPolicy.REFUSE_NEW));
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    for (int i = 0; i < 100; i++) {
      e.send(Event.of("A", i, Map.of("i", (long) i)));
    }
    e.send(Event.of("B", 100, Map.of()));
    assertEquals(90, e.stats().dropped());
    assertEquals(10, out.size());
    // The matches made are matches the unbounded engine makes too: the first ten attempts.
    assertEquals(0L, ((Event) out.get(0).get("a")).get("i"));
  }

  @Test
  void anyMatchRepetitionIsBoundedInTotal() {
    Engine e = engine("pattern P match a: A ->> b: B+ within 1 h", Limits.DEFAULT.withMaxRuns(500));
    for (int i = 0; i < 200; i++) {
      e.send(Event.of(i % 2 == 0 ? "A" : "B", i, Map.of()));
      assertTrue(e.stats().partialMatches() <= 500, "at " + i);
    }
    assertTrue(e.stats().evicted() > 0);
  }

  @Test
  void partitionsAreBounded() {
    Engine e =
        engine(
            "pattern P partition by k match a: A -> b: B", Limits.DEFAULT.withMaxPartitions(100));
    for (int i = 0; i < 1_000; i++) {
      e.send(Event.of("A", i, Map.of("k", (long) i)));
    }
    assertEquals(100, e.stats().partitions());
    assertEquals(900, e.stats().evicted());
  }

  @Test
  void theOutOfOrderBufferIsBounded() {
    Compilation c = Motif.compile("t", "pattern P match a: A");
    Engine e =
        Engine.builder().maxDelay(1_000_000).limits(Limits.DEFAULT.withMaxBuffered(10)).build();
    e.deploy(c.script());
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    for (int i = 0; i < 100; i++) {
      e.send(Event.of("A", i, Map.of()));
      assertTrue(e.stats().buffered() <= 10);
    }
    assertEquals(90, e.stats().forced());
    assertEquals(90, out.size());
  }

  @Test
  void heldBytesAreEstimatedWithinTwiceWhatTheEventsHold() {
    Engine e =
        engine("pattern P partition by k match a: A -> b: B emit Out(k: a.k)", Limits.DEFAULT);
    String big = "x".repeat(100_000);
    for (int i = 0; i < 100; i++) {
      e.send(Event.of("A", i, Map.of("k", (long) i, "s", big)));
    }
    long payload = 100L * 100_000; // the characters the waiting attempts hold
    long estimated = e.stats().estimatedBytes();
    assertTrue(estimated >= payload / 2 && estimated <= payload * 2, "estimated " + estimated);
    assertEquals(0, e.stats().evicted());
  }

  @Test
  void heldBytesAreBoundedEvictingTheOldestAttempts() {
    long bound = 20L << 20;
    Engine e =
        engine(
            "pattern P partition by k match a: A -> b: B emit Out(k: a.k)",
            Limits.DEFAULT.withMaxBytes(bound));
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    for (int i = 0; i < 400; i++) {
      // 1 MB each: 400 MB held without the bound.
      e.send(
          Event.of(
              "A",
              i,
              Map.of("k", (long) i, "s", String.valueOf((char) ('a' + i % 26)).repeat(1 << 20))));
      assertTrue(e.stats().estimatedBytes() <= bound, "over the bound at event " + i);
    }
    assertTrue(e.stats().evicted() > 300, "evicted " + e.stats().evicted());
    e.send(Event.of("B", 400, Map.of("k", 399L)));
    assertEquals(1, out.size(), "the newest attempts were kept");
  }

  /**
   * Partial matches that share their first event (one attempt's branches under {@code ->>}) are
   * dropped together by the byte bound, under either policy: dropping strictly older (newer) ones
   * than the eighth's first event dropped none of them, and the bound looped for ever.
   */
  @Test
  void theByteBoundDropsPartialMatchesOfOneAttempt() {
    for (OverflowPolicy policy : OverflowPolicy.values()) {
      Engine e =
          engine(
              "pattern P partition by k match a: A ->> b: B ->> C emit Out(k: a.k)",
              Limits.DEFAULT.withMaxBytes(4_000).withPolicy(policy));
      e.send(Event.of("A", 0, Map.of("k", 1L)));
      for (int i = 1; i <= 40; i++) {
        e.send(Event.of("B", i, Map.of("k", 1L, "s", "x".repeat(100))));
      }
      EngineStats s = e.stats();
      assertTrue(s.estimatedBytes() <= 4_000, policy + ": " + s);
      assertTrue(s.evicted() + s.dropped() > 0, policy + ": " + s);
    }
  }

  @Test
  void aFullBufferNeverReportsOnTimeEventsAsLate() {
    Compilation c = Motif.compile("t", "pattern P match a: A");
    List<String> errors = new ArrayList<>();
    Engine e =
        Engine.builder()
            .maxDelay(1_000_000)
            .errorHandler((m, t) -> errors.add(m))
            .limits(Limits.DEFAULT.withMaxBuffered(10))
            .build();
    e.deploy(c.script());
    List<Event> late = new ArrayList<>();
    // Reversed times, all within the delay of the first: none is late.
    for (int i = 100; i > 0; i--) {
      e.send(Event.of("A", i, Map.of()));
    }
    assertEquals(0, e.stats().late());
    assertEquals(1, e.stats().forced(), "the 11th event overflowed the buffer: 90 went through");
    assertEquals(89, e.stats().overtaken(), "each later one came after the forced event");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("reorder buffer was full"), errors.get(0));
    // A truly late event is still late.
    e.send(Event.of("A", 5_000_000, Map.of()));
    e.send(Event.of("A", 0, Map.of()));
    assertEquals(1, e.stats().late());
  }

  @Test
  void cascadeDepthIsBounded() {
    Engine e =
        engine("pattern Loop match x: Ping emit Ping(n: 1)", Limits.DEFAULT.withCascadeDepth(5));
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    e.send(Event.of("Ping", 0, Map.of()));
    assertEquals(6, out.size());
    assertEquals(1, e.stats().cascadeDropped());
  }

  @Test
  void duplicateIdsWithinTheHorizonAreDropped() {
    Compilation c = Motif.compile("t", "pattern P match a: A");
    Engine e = Engine.builder().deduplicate("id", 100).build();
    e.deploy(c.script());
    List<Event> out = new ArrayList<>();
    e.subscribe("*", out::add);
    e.send(Event.of("A", 0, Map.of("id", "x")));
    e.send(Event.of("A", 50, Map.of("id", "x")));
    e.send(Event.of("A", 60, Map.of("id", "y")));
    e.send(Event.of("A", 200, Map.of("id", "x")));
    assertEquals(3, out.size());
    assertEquals(1, e.stats().duplicates());
  }

  @Test
  void perPatternMetrics() {
    Engine e =
        engine(
            "pattern P partition by k match a: A -> b: B\n" + "pattern Q match c: C",
            Limits.DEFAULT);
    e.send(Event.of("A", 0, Map.of("k", 1L)));
    e.send(Event.of("A", 1, Map.of("k", 2L)));
    e.send(Event.of("B", 2, Map.of("k", 1L)));
    e.send(Event.of("C", 3, Map.of()));
    EngineStats s = e.stats();
    assertEquals(2, s.patterns().size());
    PatternStats p = s.patterns().get(0);
    assertEquals("P", p.pattern());
    assertEquals(1, p.matches());
    assertEquals(1, p.partialMatches());
    assertEquals(1, p.partitions());
    assertTrue(p.estimatedBytes() > 0);
    assertEquals(1, s.patterns().get(1).matches());
  }
}
