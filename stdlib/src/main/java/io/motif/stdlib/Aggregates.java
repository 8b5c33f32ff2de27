package io.motif.stdlib;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.function.Values;
import java.util.List;
import java.util.function.Function;

/**
 * Aggregates over repeated bindings: count sum avg min max first last stddev variance
 * count_distinct. Each accumulator is an immutable record: adding returns a new state in constant
 * work (count_distinct: a few small array copies) and leaves the old one as it was, since partial
 * matches branch and share their history.
 *
 * <p>The engine skips nulls before they get here. The numeric aggregates (sum avg stddev variance)
 * also skip values that are not numbers (possible only for untyped fields) and NaN. Of nothing,
 * {@code count} and {@code count_distinct} are 0 (as SQL's {@code COUNT}), the others null.
 */
final class Aggregates {
  private Aggregates() {}

  static List<AggregateFunction> all() {
    return List.of(COUNT, SUM, AVG, MIN, MAX, FIRST, LAST, STDDEV, VARIANCE, COUNT_DISTINCT);
  }

  /** An aggregate described by data; {@code type} maps the value type to the result type. */
  private record Simple(
      String name,
      List<Signature> signatures,
      String description,
      List<String> example,
      Accumulator empty,
      Function<Type, Type> type)
      implements AggregateFunction {
    Simple {
      signatures = List.copyOf(signatures);
      example = List.copyOf(example);
    }

    @Override
    public Accumulator empty() {
      return empty;
    }

    @Override
    public Type resultType(Type valueType) {
      return type.apply(valueType);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // ---- count ----

  private record Count(long n) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      return new Count(n + 1);
    }

    @Override
    public Object result() {
      return n; // LANGUAGE.md §8: `count` of nothing is 0, as SQL's COUNT
    }
  }

  static final AggregateFunction COUNT =
      new Simple(
          "count",
          List.of(Signature.of(Type.LONG, Type.EVENT), Signature.of(Type.LONG, Type.ANY)),
          "The number of events of a repeated binding (`count(f)`), or of non-null values of a field "
              + "(`count(f.x)`). 0 when there is nothing to count, as SQL's `COUNT`.",
          List.of(
              "count(f)",
              "[Login(ok: false), Login(ok: false), Login(ok: false)]",
              "3",
              "count(f.ip)",
              "['10.0.0.1', null, '10.0.0.1']",
              "2"),
          new Count(0),
          t -> Type.LONG);

  // ---- sum and avg ----

  /**
   * The running total of sum and avg: longs exactly, in 128 bits ({@code hi:lo}), so a sum that
   * overflows a long on the way and comes back is still exact; doubles with Neumaier's compensated
   * summation ({@code s} plus the lost low-order part {@code c}), so the order of the values
   * matters as little as it can.
   */
  private record Total(boolean avg, long n, long hi, long lo, boolean doubles, double s, double c)
      implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (!(value instanceof Number x) || Values.kind(value) != 1 || Common.isNaN(value)) {
        return this;
      }
      if (Values.isIntegral(x)) {
        long v = x.longValue();
        long l = lo + v;
        long carry = Long.compareUnsigned(l, lo) < 0 ? 1 : 0;
        return new Total(avg, n + 1, hi + (v >> 63) + carry, l, doubles, s, c);
      }
      double v = x.doubleValue();
      double t = s + v;
      double comp = Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
      return new Total(avg, n + 1, hi, lo, true, t, c + comp);
    }

    /** The long part as a double (rounded once when it fits in a long, else within an ulp). */
    private double longs() {
      if (fitsLong()) {
        return lo;
      }
      double low = lo >= 0 ? lo : ((lo >>> 1) | (lo & 1)) * 2.0; // unsigned
      return hi * 0x1p64 + low;
    }

    private boolean fitsLong() {
      return hi == (lo >> 63);
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      if (avg) {
        return Common.finite((longs() + (s + c)) / n);
      }
      if (!doubles) {
        return fitsLong() ? (Object) lo : null;
      }
      return Common.finite(longs() + (s + c));
    }
  }

  /** sum: long for longs, double for doubles (or a mix), any when known only at run time. */
  private static Type sumType(Type t) {
    if (t.isNumeric()) {
      return t;
    }
    return t == Type.ANY || t == Type.NULL ? Type.ANY : null;
  }

  private static Type doubleOfNumbers(Type t) {
    return t.isNumeric() || t == Type.ANY || t == Type.NULL ? Type.DOUBLE : null;
  }

  static final AggregateFunction SUM =
      new Simple(
          "sum",
          List.of(Signature.of(Type.LONG, Type.LONG), Signature.of(Type.DOUBLE, Type.DOUBLE)),
          "The sum of the values: a long for longs (null when the total does not fit in a long, even "
              + "if a partial sum did not), a double once any value is a double (compensated "
              + "summation; null if it overflows). Null for no values.",
          List.of("sum(f.amount)", "[3, null, 9]", "12", "sum(f.price)", "[0.1, 0.2, 0.3]", "0.6"),
          new Total(false, 0, 0, 0, false, 0, 0),
          Aggregates::sumType);

  static final AggregateFunction AVG =
      new Simple(
          "avg",
          List.of(Signature.of(Type.DOUBLE, Type.DOUBLE)),
          "The mean of the values, as a double; longs are summed exactly first. Null for no values.",
          List.of("avg(f.price)", "[1, 2, null, 4]", "2.3333333333333335"),
          new Total(true, 0, 0, 0, false, 0, 0),
          Aggregates::doubleOfNumbers);

  // ---- min and max ----

  /**
   * The best value so far; {@code mixed} once two values did not compare (different kinds, seen
   * only for untyped fields): their order is unknown, so the result is null from then on.
   */
  private record Extreme(Object best, int sign, boolean mixed) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (mixed || Common.isNaN(value)) {
        return this;
      }
      if (best == null) {
        return Values.kind(value) <= 3
            ? new Extreme(Values.normalize(value), sign, false)
            : new Extreme(null, sign, true);
      }
      int c = Values.compare(value, best);
      if (c == Integer.MIN_VALUE) {
        return new Extreme(null, sign, true);
      }
      return c * sign > 0 ? new Extreme(Values.normalize(value), sign, false) : this;
    }

    @Override
    public Object result() {
      // As for every double result: -0.0 reads 0.0, and an infinity is no finite number: null.
      return best instanceof Double d ? Common.finite(d) : best;
    }
  }

  private static List<Signature> ordered() {
    return List.of(
        Signature.of(Type.LONG, Type.LONG),
        Signature.of(Type.DOUBLE, Type.DOUBLE),
        Signature.of(Type.STRING, Type.STRING),
        Signature.of(Type.BOOLEAN, Type.BOOLEAN));
  }

  private static Type orderedType(Type t) {
    if (t == Type.NULL) {
      return Type.ANY;
    }
    return Common.isScalar(t) ? t : null;
  }

  static final AggregateFunction MIN =
      new Simple(
          "min",
          ordered(),
          "The smallest value (numbers, strings or booleans, `false < true`); the first of equal "
              + "ones. Null for no values, when untyped values of different kinds are mixed, or when "
              + "it is an infinite double.",
          List.of("min(f.price)", "[12.5, 9.75, null, 11.0]", "9.75"),
          new Extreme(null, -1, false),
          Aggregates::orderedType);

  static final AggregateFunction MAX =
      new Simple(
          "max",
          ordered(),
          "The largest value (numbers, strings or booleans, `false < true`); the first of equal "
              + "ones. Null for no values, when untyped values of different kinds are mixed, or when "
              + "it is an infinite double.",
          List.of("max(f.user)", "['bo', 'al', 'cy']", "'cy'"),
          new Extreme(null, 1, false),
          Aggregates::orderedType);

  // ---- first and last ----

  private record First(Object value) implements Accumulator {
    @Override
    public Accumulator add(Object v) {
      return value == null ? new First(v) : this;
    }

    @Override
    public Object result() {
      return value;
    }
  }

  private record Last(Object value) implements Accumulator {
    @Override
    public Accumulator add(Object v) {
      return new Last(v);
    }

    @Override
    public Object result() {
      return value;
    }
  }

  private static List<Signature> passThrough() {
    return List.of(
        Signature.of(Type.EVENT, Type.EVENT),
        Signature.of(Type.LONG, Type.LONG),
        Signature.of(Type.DOUBLE, Type.DOUBLE),
        Signature.of(Type.STRING, Type.STRING),
        Signature.of(Type.BOOLEAN, Type.BOOLEAN),
        Signature.of(Type.ANY, Type.ANY));
  }

  private static Type passThroughType(Type t) {
    return t == Type.NULL || t == Type.LIST ? Type.ANY : t;
  }

  static final AggregateFunction FIRST =
      new Simple(
          "first",
          passThrough(),
          "The first event of a repeated binding (`first(f).price`), or the first non-null value "
              + "(`first(f.price)`). Null when there is none.",
          List.of("first(f).ip", "[Login(ip: '10.0.0.1'), Login(ip: '10.0.0.7')]", "'10.0.0.1'"),
          new First(null),
          Aggregates::passThroughType);

  static final AggregateFunction LAST =
      new Simple(
          "last",
          passThrough(),
          "The last event of a repeated binding (`last(f).price`), or the last non-null value "
              + "(`last(f.price)`). Null when there is none.",
          List.of("last(f.price)", "[10.5, 11.0, null]", "11.0"),
          new Last(null),
          Aggregates::passThroughType);

  // ---- stddev and variance ----

  /**
   * Count, mean and sum of squared deviations, updated with Welford's method (Welford, 1962; Knuth
   * TAOCP vol. 2, 4.2.2), which stays accurate where the textbook sum of squares cancels.
   */
  private record Moments(boolean sqrt, long n, double mean, double m2) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (!(value instanceof Number x) || Values.kind(value) != 1 || Common.isNaN(value)) {
        return this;
      }
      double v = x.doubleValue();
      long n1 = n + 1;
      double delta = v - mean;
      double mean1 = mean + delta / n1;
      return new Moments(sqrt, n1, mean1, m2 + delta * (v - mean1));
    }

    @Override
    public Object result() {
      if (n < 2) {
        return null;
      }
      double variance = m2 / (n - 1);
      return Common.finite(sqrt ? Math.sqrt(variance) : variance);
    }
  }

  static final AggregateFunction STDDEV =
      new Simple(
          "stddev",
          List.of(Signature.of(Type.DOUBLE, Type.DOUBLE)),
          "The sample standard deviation (divisor n - 1), as a double; the square root of "
              + "`variance`. Null for fewer than two values, or when it overflows.",
          List.of("stddev(f.latency)", "[2, 4, 4, 4, 5, 5, 7, 9]", "2.138089935299395"),
          new Moments(true, 0, 0, 0),
          Aggregates::doubleOfNumbers);

  static final AggregateFunction VARIANCE =
      new Simple(
          "variance",
          List.of(Signature.of(Type.DOUBLE, Type.DOUBLE)),
          "The sample variance (divisor n - 1), as a double. Null for fewer than two values, or "
              + "when it overflows.",
          List.of("variance(f.latency)", "[1, 2, 3, 4]", "1.6666666666666667"),
          new Moments(false, 0, 0, 0),
          Aggregates::doubleOfNumbers);

  // ---- count_distinct ----

  private record Distinct(PersistentSet set) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (Common.isNaN(value)) {
        return this;
      }
      PersistentSet s = set.add(Values.normalize(value));
      return s == set ? this : new Distinct(s);
    }

    @Override
    public Object result() {
      return (long) set.size(); // 0 for none, as count and SQL's COUNT(DISTINCT)
    }
  }

  private static Type distinctType(Type t) {
    return Common.isScalar(t) ? Type.LONG : null;
  }

  static final AggregateFunction COUNT_DISTINCT =
      new Simple(
          "count_distinct",
          List.of(Signature.of(Type.LONG, Type.ANY)),
          "The number of different non-null values; numbers compare by value (`1` and `1.0` are one "
              + "value), values of different kinds differ (`1` and `'1'` are two). 0 for none.",
          List.of("count_distinct(f.ip)", "['10.0.0.1', '10.0.0.2', null, '10.0.0.1']", "2"),
          new Distinct(PersistentSet.EMPTY),
          Aggregates::distinctType);
}
