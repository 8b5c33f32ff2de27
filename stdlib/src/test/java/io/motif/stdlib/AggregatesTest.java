package io.motif.stdlib;

import static io.motif.stdlib.Calls.aggregate;
import static io.motif.stdlib.Calls.assertValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatesTest {
  private static void is(Object expected, String name, Object... values) {
    assertValue(expected, aggregate(name, values), name + Arrays.toString(values));
  }

  private static final Object EVENT =
      new Object() {
        @Override
        public String toString() {
          return "an engine event";
        }
      };

  @Test
  void ofNothing() {
    is(0L, "count"); // LANGUAGE.md §8: count of nothing is 0, the others null
    is(0L, "count_distinct");
    is(0L, "count", (Object) null);
    for (String f : List.of("sum", "avg", "min", "max", "first", "last", "stddev", "variance")) {
      is(null, f);
      is(null, f, (Object) null); // nulls are skipped, so all-null is nothing
    }
  }

  @Test
  void count() {
    is(3L, "count", EVENT, EVENT, EVENT); // count(f): events are opaque
    is(2L, "count", "a", null, "b");
    is(2L, "count", Double.NaN, 1L);
  }

  @Test
  void sumOfLongs() {
    is(12L, "sum", 3L, null, 9L);
    is(-5L, "sum", -5L);
    is(Long.MAX_VALUE, "sum", Long.MAX_VALUE);
    is(null, "sum", Long.MAX_VALUE, 1L); // the total does not fit
    is(Long.MAX_VALUE, "sum", Long.MAX_VALUE, 1L, -1L); // overflowed on the way, exact at the end
    is(Long.MIN_VALUE, "sum", Long.MIN_VALUE, -1L, 1L);
    is(-2L, "sum", Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
    is(6L, "sum", 1, 2, 3); // Integers from a user's function
  }

  @Test
  void sumOfDoubles() {
    is(0.6, "sum", 0.1, 0.2, 0.3); // compensated: not 0.6000000000000001
    is(1.0, "sum", 1e100, 1.0, -1e100); // Neumaier keeps what naive and Kahan summation lose
    is(3.5, "sum", 1L, 2.5);
    is(2.5, "sum", 2.5);
    is(1.8446744073709552E19, "sum", Long.MAX_VALUE, Long.MAX_VALUE, 2.0);
    is(null, "sum", 1e308, 1e308); // overflow
    is(null, "sum", Double.POSITIVE_INFINITY);
    is(1.0, "sum", 1.0, Double.NaN); // NaN is skipped like null
    is(3L, "sum", 1L, "x", 2L); // a non-number in an untyped field is skipped
  }

  @Test
  void avg() {
    is(2.3333333333333335, "avg", 1L, 2L, null, 4L);
    is(2.0, "avg", 2L);
    is(Long.MAX_VALUE / 1.0, "avg", Long.MAX_VALUE, Long.MAX_VALUE); // no overflow on the way
    is(0.5, "avg", Long.MAX_VALUE, Long.MIN_VALUE, 1L, 2L);
    is(0.6 / 3, "avg", 0.1, 0.2, 0.3); // the compensated sum 0.6, divided by 3
    is(null, "avg", 1e308, 1e308, 1e308);
    is(1.5, "avg", 1L, "two", 2L);
  }

  @Test
  void minAndMax() {
    is(9.75, "min", 12.5, 9.75, null, 11.0);
    is(12.5, "max", 12.5, 9.75, null, 11.0);
    is(1L, "min", 3L, 1L, 2L);
    is(1L, "min", 1L, 1.0); // equal: the first
    is(1.0, "min", 1.0, 1L);
    is(2.5, "max", 1L, 2.5, 2L);
    is("al", "min", "bo", "al", "cy");
    is("cy", "max", "bo", "al", "cy");
    is(false, "min", true, false);
    is(true, "max", false, true, false);
    is(null, "min", 1L, "a"); // different kinds: the order is unknown
    is(null, "max", "a", 1L, "b", 2L);
    is(null, "max", Map.of("a", 1L));
    is(2L, "max", Double.NaN, 2L, Double.NaN);
    is(5L, "max", 5); // an Integer is a long
    is(0.0, "min", 1L, -0.0);
    is(null, "max", 1L, Double.POSITIVE_INFINITY);
    is(1L, "max", 1L, Double.NEGATIVE_INFINITY);
  }

  @Test
  void firstAndLast() {
    is(EVENT, "first", EVENT, "later");
    is("later", "last", EVENT, "later");
    is(10.5, "first", null, 10.5, 11.0, null);
    is(11.0, "last", 10.5, 11.0, null);
    assertSame(EVENT, aggregate("first", EVENT));
  }

  @Test
  void varianceAndStddev() {
    is(1.6666666666666667, "variance", 1L, 2L, 3L, 4L);
    is(2.138089935299395, "stddev", 2L, 4L, 4L, 4L, 5L, 5L, 7L, 9L);
    is(null, "variance", 5L); // fewer than two values
    is(null, "stddev", 5L, null);
    is(0.0, "variance", 5L, 5L, 5.0);
    is(0.0, "stddev", 3.3, 3.3, 3.3);
    is(0.5, "variance", 1L, "x", 2L);
    // Welford stays exact where the sum of squares would cancel: (1e9 + k) for k = 1..3.
    is(1.0, "variance", 1e9 + 1, 1e9 + 2, 1e9 + 3);
    is(null, "variance", 1e308, -1e308); // overflow
    // Values are doubles here: longs beyond 2^53 lose their last digits.
    is(0.0, "variance", Long.MAX_VALUE - 1, Long.MAX_VALUE, Double.NaN);
  }

  @Test
  void countDistinct() {
    is(2L, "count_distinct", "10.0.0.1", "10.0.0.2", null, "10.0.0.1");
    is(1L, "count_distinct", 1L, 1.0, 1); // numbers by value
    is(2L, "count_distinct", 1L, "1"); // different kinds differ
    is(2L, "count_distinct", true, false, true);
    is(1L, "count_distinct", 0.0, -0.0);
    is(1L, "count_distinct", Double.NaN, 1L); // NaN skipped
    is(2L, "count_distinct", Map.of("a", 1L), Map.of("a", 1.0), Map.of("a", 2L));
    is(2L, "count_distinct", List.of(1L, 2L), List.of(1.0, 2L), List.of(2L, 1L));
    Object[] many = new Object[5000];
    for (int i = 0; i < many.length; i++) {
      many[i] = (long) (i % 1234);
    }
    is(1234L, "count_distinct", many);
  }

  @Test
  void addingADuplicateKeepsTheState() {
    AggregateFunction f = Calls.aggregate("count_distinct");
    Accumulator a = f.empty().add("x");
    assertSame(a, a.add("x"));
  }

  @Test
  void resultTypes() {
    assertEquals(Type.LONG, Calls.aggregate("count").resultType(Type.EVENT));
    assertEquals(Type.LONG, Calls.aggregate("count").resultType(Type.STRING));
    assertEquals(Type.LONG, Calls.aggregate("sum").resultType(Type.LONG));
    assertEquals(Type.DOUBLE, Calls.aggregate("sum").resultType(Type.DOUBLE));
    assertEquals(Type.ANY, Calls.aggregate("sum").resultType(Type.ANY));
    assertNull(Calls.aggregate("sum").resultType(Type.STRING));
    assertNull(Calls.aggregate("sum").resultType(Type.EVENT));
    assertEquals(Type.DOUBLE, Calls.aggregate("avg").resultType(Type.LONG));
    assertEquals(Type.DOUBLE, Calls.aggregate("avg").resultType(Type.ANY));
    assertNull(Calls.aggregate("avg").resultType(Type.BOOLEAN));
    assertEquals(Type.STRING, Calls.aggregate("min").resultType(Type.STRING));
    assertEquals(Type.ANY, Calls.aggregate("max").resultType(Type.ANY));
    assertNull(Calls.aggregate("max").resultType(Type.EVENT));
    assertEquals(Type.EVENT, Calls.aggregate("first").resultType(Type.EVENT));
    assertEquals(Type.ANY, Calls.aggregate("first").resultType(Type.ANY));
    assertEquals(Type.DOUBLE, Calls.aggregate("last").resultType(Type.DOUBLE));
    assertEquals(Type.DOUBLE, Calls.aggregate("stddev").resultType(Type.LONG));
    assertNull(Calls.aggregate("variance").resultType(Type.STRING));
    assertEquals(Type.LONG, Calls.aggregate("count_distinct").resultType(Type.STRING));
    assertNull(Calls.aggregate("count_distinct").resultType(Type.EVENT));
  }
}
