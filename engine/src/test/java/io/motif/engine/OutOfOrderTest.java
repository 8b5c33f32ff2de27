package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * LANGUAGE.md §4.4: events are processed in event-time order. Any reordering in which no event
 * moves back by more than the maximum delay gives exactly the sorted stream's output; events beyond
 * it go to the late handler, and the output is that of the stream without them.
 */
class OutOfOrderTest {
  static final String RULES =
      """
      pattern Seq partition by k match a: A -> b: B(v >= a.v) within 20 ms
        emit AB(k: a.k, a: a.v, b: b.v)
      pattern Gap partition by k match a: A -> not C within 15 ms emit NoC(k: a.k)
      pattern Strict match x: A => y: B emit Next(x: x.v, y: y.v)
      pattern Late partition by k match o: B -> p: C within 10 ms on timeout emit Miss(k: o.k)
      """;

  static List<String> run(List<Event> events, long delay, List<Event> lateOut) {
    Compilation c = Motif.compile("t", RULES);
    assertFalse(c.hasErrors(), c.render());
    Engine e = Engine.builder().maxDelay(delay).lateHandler(lateOut::add).build();
    e.deploy(c.script());
    List<String> out = new ArrayList<>();
    e.subscribe("*", d -> out.add(d.toString()));
    events.forEach(e::send);
    e.finish();
    return out;
  }

  static List<Event> sortedStream(long seed, int n) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>();
    long t = 0;
    String[] types = {"A", "B", "C"};
    for (int i = 0; i < n; i++) {
      t += r.nextInt(4); // ties are common
      out.add(
          Event.of(
              types[r.nextInt(3)],
              t,
              Map.of("k", (long) r.nextInt(2), "v", (long) r.nextInt(5), "i", (long) i)));
    }
    return out;
  }

  /** Moves events back by at most {@code delay} ms of event time; equal times keep their order. */
  static List<Event> shuffleWithin(List<Event> sorted, long delay, Random r) {
    List<long[]> keyed = new ArrayList<>();
    Map<Long, Long> jitterByTime = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      // The arrival key: its time plus a jitter up to the delay, one jitter per distinct time so
      // that equal times keep their order; ties broken by position.
      long time = sorted.get(i).time();
      long jitter =
          jitterByTime.computeIfAbsent(
              time, t -> delay == 0 ? 0L : (long) r.nextInt((int) delay + 1));
      keyed.add(new long[] {time + jitter, i});
    }
    keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
    List<Event> out = new ArrayList<>();
    for (long[] k : keyed) {
      out.add(sorted.get((int) k[1]));
    }
    return out;
  }

  /** A sorted stream of up to 40 events, a maximum delay, and the seed of the arrival jitter. */
  record Case(List<Event> sorted, int delay, long jitterSeed) {}

  /**
   * Cases with delays up to {@code maxDelay}; the jitter seed derives from the stream's. A failing
   * case shrinks by dropping events (the stream stays sorted) and lowering the delay.
   */
  static Gen<Case> cases(int maxDelay, LongUnaryOperator jitterSeed) {
    Gen<Integer> sizes = Gen.ints(0, 40);
    Gen<Integer> delays = Gen.ints(0, maxDelay);
    return Gen.of(
        r -> {
          long seed = r.nextLong();
          return new Case(
              sortedStream(seed, sizes.next(r)), delays.next(r), jitterSeed.applyAsLong(seed));
        },
        c -> {
          List<Case> out = new ArrayList<>();
          Gen.shrinkList(c.sorted(), 0, e -> List.<Event>of())
              .forEach(fewer -> out.add(new Case(fewer, c.delay(), c.jitterSeed())));
          delays.shrink(c.delay()).forEach(d -> out.add(new Case(c.sorted(), d, c.jitterSeed())));
          return out;
        });
  }

  @Test
  void reorderingWithinTheDelayGivesTheSortedOutput() {
    Property.check(
        300,
        cases(6, seed -> seed ^ 0x5DEECE66DL),
        c -> {
          List<Event> sorted = c.sorted();
          int delay = c.delay();
          List<Event> shuffled = shuffleWithin(sorted, delay, new Random(c.jitterSeed()));
          List<Event> late = new ArrayList<>();
          List<String> expected = run(sorted, 0, new ArrayList<>());
          assertEquals(expected, run(shuffled, delay, late));
          assertEquals(List.of(), late);
        });
  }

  @Test
  void eventsBeyondTheDelayAreLateAndLeftOut() {
    Property.check(
        300,
        cases(3, seed -> seed + 1),
        c -> {
          List<Event> sorted = c.sorted();
          int delay = c.delay();
          // Jitter by up to three times the delay: some events arrive too late.
          List<Event> shuffled = shuffleWithin(sorted, 3L * delay + 2, new Random(c.jitterSeed()));
          List<Event> late = new ArrayList<>();
          List<String> out = run(shuffled, delay, late);
          List<Event> withoutLate = new ArrayList<>(sorted);
          late.forEach(l -> withoutLate.removeIf(x -> x == l));
          assertEquals(run(withoutLate, 0, new ArrayList<>()), out);
        });
  }
}
