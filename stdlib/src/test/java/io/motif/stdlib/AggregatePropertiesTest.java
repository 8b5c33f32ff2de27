package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.Values;
import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The algebra of aggregates: the incremental state after each addition equals the aggregate
 * computed over the whole list so far by an independent method, for generated lists (short ones at
 * every prefix, long ones at the end); and states are persistent, so adding to an old state never
 * changes states derived from it.
 */
class AggregatePropertiesTest {
  private static final List<String> ALL =
      List.of(
          "count",
          "sum",
          "avg",
          "min",
          "max",
          "first",
          "last",
          "stddev",
          "variance",
          "count_distinct");

  // ---- generators ----

  private static final Gen<Long> SMALL_LONGS = Gen.longs(-1_000_000, 1_000_000);
  private static final Gen<Integer> WHOLE = Gen.ints(-50, 50);
  private static final Gen<Long> ANY_LONG = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
  private static final List<Object> LONG_EDGES =
      List.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, -1L, 0L, 1L);
  private static final List<Object> STRINGS = List.of("a", "b", "c", "1", "");
  private static final List<Object> DOUBLE_EDGES = List.of(-1e6, 1e6, 0.0, 0.01, -0.01);

  /** Lists of up to {@code max} values, each shrinking to a simpler one of its kind. */
  private static Gen<List<Object>> listsOf(int max, Function<Random, Object> value) {
    return Gen.lists(Gen.of(value, Gen::simpler), 0, max);
  }

  /** Numbers as the engine sees them: longs and doubles, some whole, some null. */
  static Gen<List<Object>> numbers() {
    return listsOf(60, AggregatePropertiesTest::number);
  }

  private static Object number(Random r) {
    int k = r.nextInt(10);
    return k < 4
        ? SMALL_LONGS.next(r)
        : k < 8 ? cents(r) : k < 9 ? (Object) (double) WHOLE.next(r) : null;
  }

  /** A double in [-1e6, 1e6] with two decimals, often small, sometimes an edge. */
  private static Object cents(Random r) {
    if (r.nextInt(20) == 0) {
      return DOUBLE_EDGES.get(r.nextInt(DOUBLE_EDGES.size()));
    }
    double d = r.nextDouble(-1e6, 1e6) / Math.pow(10, r.nextBoolean() ? 0 : r.nextInt(7));
    return Math.round(d * 100) / 100.0;
  }

  /** Longs near the ends of the range, so that partial sums overflow and come back. */
  static Gen<List<Object>> bigLongs() {
    return listsOf(
        40, r -> r.nextBoolean() ? ANY_LONG.next(r) : LONG_EDGES.get(r.nextInt(LONG_EDGES.size())));
  }

  /** Few different values of several kinds, so that there are duplicates. */
  static Gen<List<Object>> mixed() {
    return listsOf(
        60,
        r ->
            switch (r.nextInt(5)) {
              case 0 -> (Object) (long) r.nextInt(13);
              case 1 -> r.nextInt(25) / 2.0;
              case 2 -> STRINGS.get(r.nextInt(STRINGS.size()));
              case 3 -> r.nextBoolean();
              default -> null;
            });
  }

  /** Values of one kind at a time (all numbers, all strings or all booleans), for min and max. */
  static Gen<List<Object>> ordered() {
    Gen<List<Object>> strings = listsOf(40, r -> r.nextInt(10) == 0 ? null : word(r));
    Gen<List<Object>> booleans = listsOf(40, r -> r.nextInt(10) == 0 ? null : r.nextBoolean());
    Gen<List<Object>> numbers = numbers();
    return Gen.of(
        r ->
            switch (r.nextInt(3)) {
              case 0 -> numbers.next(r);
              case 1 -> strings.next(r);
              default -> booleans.next(r);
            },
        numbers::shrink); // every list shrinks alike: elements dropped or made simpler
  }

  private static String word(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(5); n > 0; n--) {
      sb.append("ab\u00e9Z".charAt(r.nextInt(4)));
    }
    return sb.toString();
  }

  // ---- references: the same aggregates, computed over a whole list, differently ----

  private static List<Object> nonNull(List<Object> values) {
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<Object> numeric(List<Object> values) {
    List<Object> out = new ArrayList<>();
    for (Object v : nonNull(values)) {
      if (v instanceof Number && !(v instanceof Double d && d.isNaN())) {
        out.add(v);
      }
    }
    return out;
  }

  private static BigDecimal exactSum(List<Object> xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (Object x : xs) {
      s =
          s.add(
              Values.isIntegral(x)
                  ? new BigDecimal(((Number) x).longValue())
                  : new BigDecimal(((Number) x).doubleValue()));
    }
    return s;
  }

  /** The reference value, or a BigDecimal for results checked within a tolerance. */
  static Object reference(String name, List<Object> values) {
    List<Object> xs = nonNull(values);
    switch (name) {
      case "count": // LANGUAGE.md §8: `count` of nothing is 0, as SQL's COUNT
        return (long) xs.size();
      case "first":
        return xs.isEmpty() ? null : xs.get(0);
      case "last":
        return xs.isEmpty() ? null : xs.get(xs.size() - 1);
      case "count_distinct":
        {
          // Distinct by kind and value; the generated numbers are small, so doubles are exact.
          Set<List<Object>> seen = new HashSet<>();
          for (Object x : xs) {
            Object key = x instanceof Number n ? (Object) (n.doubleValue() + 0.0) : x;
            seen.add(List.of(Values.kind(x), key));
          }
          return (long) seen.size(); // 0 for nothing, as count
        }
      case "min":
      case "max":
        {
          if (xs.isEmpty()) {
            return null;
          }
          Comparator<Object> order = (a, b) -> Values.compare(a, b);
          // Collections.min/max keep the first of equal elements, like the aggregate.
          return Values.normalize(
              name.equals("min") ? Collections.min(xs, order) : Collections.max(xs, order));
        }
      case "sum":
        {
          List<Object> ns = numeric(values);
          if (ns.isEmpty()) {
            return null;
          }
          if (ns.stream().allMatch(Values::isIntegral)) {
            BigInteger s = exactSum(ns).toBigIntegerExact();
            return s.bitLength() < 64 ? (Object) s.longValue() : null;
          }
          return exactSum(ns);
        }
      case "avg":
        {
          List<Object> ns = numeric(values);
          return ns.isEmpty()
              ? null
              : exactSum(ns).divide(BigDecimal.valueOf(ns.size()), MathContext.DECIMAL128);
        }
      case "variance":
      case "stddev":
        {
          List<Object> ns = numeric(values);
          if (ns.size() < 2) {
            return null;
          }
          BigDecimal mean =
              exactSum(ns).divide(BigDecimal.valueOf(ns.size()), MathContext.DECIMAL128);
          BigDecimal m2 = BigDecimal.ZERO;
          for (Object x : ns) {
            BigDecimal d = new BigDecimal(((Number) x).doubleValue()).subtract(mean);
            m2 = m2.add(d.multiply(d));
          }
          BigDecimal var = m2.divide(BigDecimal.valueOf(ns.size() - 1), MathContext.DECIMAL128);
          return name.equals("variance") ? var : var.sqrt(MathContext.DECIMAL128);
        }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /** The scale that rounding errors are measured against: the largest magnitude involved. */
  private static double scale(String name, List<Object> values) {
    double m = 1;
    for (Object x : numeric(values)) {
      m = Math.max(m, Math.abs(((Number) x).doubleValue()));
    }
    return name.equals("variance") ? m * m : m;
  }

  static void assertAgrees(String name, List<Object> values, Object actual) {
    Object expected = reference(name, values);
    String what = name + describe(values);
    if (expected instanceof BigDecimal exact) {
      assertTrue(actual instanceof Double, () -> what + ": a double, not " + actual);
      double error = Math.abs(exact.subtract(new BigDecimal((Double) actual)).doubleValue());
      double tolerance = 1e-9 * scale(name, values);
      assertTrue(
          error <= tolerance,
          () -> what + ": " + actual + " vs exact " + exact + " (error " + error + ")");
    } else {
      Calls.assertValue(expected, actual, what);
    }
  }

  /** A list for a failure message, shortened: long lists would flood the report. */
  private static String describe(List<Object> values) {
    String s = values.toString();
    return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + values.size() + " values)";
  }

  private static Accumulator fold(AggregateFunction f, Accumulator acc, List<Object> values) {
    for (Object v : values) {
      if (v != null) {
        acc = acc.add(v);
      }
    }
    return acc;
  }

  // ---- properties ----

  @Test
  void incrementalEqualsWholeListAtEveryPrefix() {
    Property.check(300, numbers(), AggregatePropertiesTest::agreesAtEveryPrefix);
  }

  private static void agreesAtEveryPrefix(List<Object> values) {
    for (String name : ALL) {
      AggregateFunction f = Calls.aggregate(name);
      Accumulator acc = f.empty();
      assertAgrees(name, List.of(), acc.result());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          acc = acc.add(values.get(i));
        }
        assertAgrees(name, values.subList(0, i + 1), acc.result());
      }
    }
  }

  @Test
  void incrementalEqualsWholeListForMixedKinds() {
    Property.check(
        300,
        mixed(),
        values -> {
          for (String name : List.of("count", "count_distinct", "first", "last", "sum", "avg")) {
            AggregateFunction f = Calls.aggregate(name);
            assertAgrees(name, values, fold(f, f.empty(), values).result());
          }
        });
  }

  @Test
  void minAndMaxOfOneKind() {
    Property.check(
        300,
        ordered(),
        values -> {
          for (String name : List.of("min", "max")) {
            AggregateFunction f = Calls.aggregate(name);
            assertAgrees(name, values, fold(f, f.empty(), values).result());
          }
        });
  }

  @Test
  void minAndMaxOfMixedKindsAreNull() {
    Property.check(300, mixed(), AggregatePropertiesTest::minAndMaxNullAcrossKinds);
  }

  private static void minAndMaxNullAcrossKinds(List<Object> values) {
    long kinds = nonNull(values).stream().map(Values::kind).distinct().count();
    for (String name : List.of("min", "max")) {
      AggregateFunction f = Calls.aggregate(name);
      Object result = fold(f, f.empty(), values).result();
      if (kinds > 1) {
        assertNull(result, name + values);
      } else {
        assertAgrees(name, values, result);
      }
    }
  }

  @Test
  void sumOfLongsIsExactOrNull() {
    Property.check(300, bigLongs(), AggregatePropertiesTest::exactOrNullAtEveryPrefix);
  }

  private static void exactOrNullAtEveryPrefix(List<Object> values) {
    for (String name : List.of("sum", "avg", "count")) {
      AggregateFunction f = Calls.aggregate(name);
      Accumulator acc = f.empty();
      for (int i = 0; i < values.size(); i++) {
        acc = acc.add(values.get(i));
        assertAgrees(name, values.subList(0, i + 1), acc.result());
      }
    }
  }

  /** A long list: {@code pattern} repeated (with varied longs between) to {@code length} values. */
  record LongList(List<Object> pattern, int length) {}

  @Test
  void incrementalEqualsWholeListAfterManyAdditions() {
    Property.check(
        25,
        Gen.combine(
            numbers(), Gen.ints(1_000, 10_000), LongList::new, LongList::pattern, LongList::length),
        AggregatePropertiesTest::agreesAfterManyAdditions);
  }

  private static void agreesAfterManyAdditions(LongList c) {
    List<Object> seed = c.pattern();
    int length = c.length();
    List<Object> values = new ArrayList<>(length);
    for (int i = 0; values.size() < length; i++) {
      values.add(seed.isEmpty() ? (Object) (long) i : seed.get(i % seed.size()));
      if (i % 7 == 0) {
        values.add((long) i); // keep long runs varied
      }
    }
    for (String name : ALL) {
      AggregateFunction f = Calls.aggregate(name);
      assertAgrees(name, values, fold(f, f.empty(), values).result());
    }
  }

  /**
   * Branching, as partial matches do: a shared prefix state, two continuations from it, and later
   * additions to the first branch; no state changes under another's feet.
   */
  @Test
  void statesArePersistent() {
    Property.check(
        300,
        Gen.lists(mixed(), 3, 3),
        lists -> branchesStayApart(lists.get(0), lists.get(1), lists.get(2)));
  }

  private static void branchesStayApart(
      List<Object> prefix, List<Object> left, List<Object> right) {
    for (String name : ALL) {
      AggregateFunction f = Calls.aggregate(name);
      Accumulator empty = f.empty();
      Object emptyResult = empty.result();
      Accumulator base = fold(f, empty, prefix);
      Object baseResult = base.result();
      Accumulator l = fold(f, base, left);
      Object leftResult = l.result();
      Accumulator r = fold(f, base, right);
      Accumulator ll = fold(f, l, right);
      fold(f, r, left);
      fold(f, base, left);
      assertSame2(emptyResult, empty.result(), name + ": the empty state changed");
      assertSame2(baseResult, base.result(), name + ": the shared state changed");
      assertSame2(leftResult, l.result(), name + ": a branch changed when another grew");
      List<Object> all = new ArrayList<>(prefix);
      all.addAll(left);
      Object expectedLeft = fold(f, f.empty(), all).result();
      assertSame2(expectedLeft, l.result(), name + ": a branch differs from a fresh fold");
      all.addAll(right);
      assertSame2(fold(f, f.empty(), all).result(), ll.result(), name);
      List<Object> other = new ArrayList<>(prefix);
      other.addAll(right);
      assertSame2(fold(f, f.empty(), other).result(), r.result(), name);
    }
  }

  /** Equal values of the same class (NaN never reaches a result). */
  private static void assertSame2(Object expected, Object actual, String message) {
    assertEquals(Calls.show(expected), Calls.show(actual), message);
    assertTrue(Objects.equals(expected, actual), message);
  }
}
