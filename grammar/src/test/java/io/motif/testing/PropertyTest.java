package io.motif.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The property kit finds planted failures, shrinks them to the smallest case, and replays. */
class PropertyTest {

  @Test
  void aPlantedFailureShrinksToTheSmallestCase() {
    Gen<List<Integer>> lists = Gen.lists(Gen.ints(0, 1000), 0, 50);
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () ->
                Property.check(
                    200,
                    lists,
                    list -> assertTrue(list.stream().allMatch(x -> x <= 100), "an element > 100")));
    assertEquals(List.of(101), failure.minimal());
    assertTrue(((List<?>) failure.original()).stream().anyMatch(x -> (Integer) x > 100));
    String message = failure.getMessage();
    assertTrue(message.contains("base seed " + Property.baseSeed()), message);
    assertTrue(message.contains("on try "), message);
    assertTrue(message.contains("minimal case") && message.contains(": [101]"), message);
    assertTrue(message.contains("an element > 100"), "the original failure: " + message);
    assertTrue(failure.getCause() instanceof AssertionError);
  }

  @Test
  void shrinkingKeepsTheMinimumSizeAndFindsTheBoundaryInARange() {
    Gen<List<Long>> lists = Gen.lists(Gen.longs(-5000, -10), 3, 20);
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () ->
                Property.check(
                    100, lists, list -> assertTrue(list.stream().allMatch(x -> x > -1234))));
    // Three elements at least; each shrinks towards -10, the end nearest 0, but -1234 must stay.
    List<?> minimal = (List<?>) failure.minimal();
    assertEquals(3, minimal.size());
    assertTrue(minimal.contains(-1234L), minimal::toString);
    assertEquals(2, minimal.stream().filter(x -> x.equals(-10L)).count(), minimal::toString);
  }

  @Test
  void aPassingPropertyRunsEveryTryOnDifferentValues() {
    List<Long> seen = new ArrayList<>();
    Property.check(2000, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE), seen::add);
    assertEquals(2000, seen.size());
    assertTrue(new HashSet<>(seen).size() > 1500, "mostly distinct");
    // Edge cases come up, and so do small and huge magnitudes.
    assertTrue(seen.contains(Long.MIN_VALUE) && seen.contains(Long.MAX_VALUE), seen::toString);
    assertTrue(seen.stream().anyMatch(x -> Math.abs(x) < 1000), seen::toString);
    assertTrue(seen.stream().anyMatch(x -> Math.abs(x) > 1L << 60), seen::toString);
  }

  @Test
  void runsAreReproducible() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Gen<String> strings = Gen.elements(List.of("a", "b", "c", "d")).withEdges(3, List.of("e"));
    Property.check(50, strings, first::add);
    Property.check(50, strings, second::add);
    assertEquals(first, second);
  }

  @Test
  void rangesHoldAndShrinkWithinThem() {
    Gen<Integer> ints = Gen.ints(7, 12);
    Set<Integer> seen = new HashSet<>();
    Random r = new Random(1);
    for (int i = 0; i < 1000; i++) {
      int v = ints.next(r);
      assertTrue(v >= 7 && v <= 12, "" + v);
      seen.add(v);
      assertTrue(ints.shrink(v).stream().allMatch(s -> s >= 7 && s < v));
    }
    assertEquals(Set.of(7, 8, 9, 10, 11, 12), seen);
    assertEquals(List.of(0L, 50L, 75L, 88L, 94L, 97L, 99L), Gen.towards(100, 0));
  }

  @Test
  void stringsShrinkByWholeCodePoints() {
    for (String s : Gen.shorter("a\uD83D\uDE00b")) {
      assertTrue(
          s.codePoints()
              .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE),
          s);
    }
    assertTrue(Gen.shorter("abc").contains(""));
    assertEquals(List.of(), Gen.shorter(""));
  }

  @Test
  void combinedValuesShrinkOnePartAtATime() {
    record Pair(long a, long b) {}
    Gen<Pair> pairs =
        Gen.combine(Gen.longs(0, 100), Gen.longs(0, 100), Pair::new, Pair::a, Pair::b);
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () -> Property.check(100, pairs, p -> assertTrue(p.a() + p.b() < 50)));
    Pair minimal = (Pair) failure.minimal();
    assertEquals(50, minimal.a() + minimal.b(), minimal::toString);
  }

  @Test
  void theOriginalFailureIsTheCauseAndAnotherMinimalOneIsSuppressed() {
    IllegalStateException boom = new IllegalStateException("boom");
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () ->
                Property.check(
                    10,
                    Gen.longs(5, 5),
                    v -> {
                      throw boom;
                    }));
    assertSame(boom, failure.getCause());
    assertEquals(0, failure.getSuppressed().length, "the same failure is not repeated");
    assertNotEquals(null, failure.minimal());
  }
}
