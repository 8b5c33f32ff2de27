package io.motif.stdlib;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.function.Values;
import java.util.List;

/** The aggregates LANGUAGE.md §4.2 names: count, sum, avg, min, max, first, last. */
final class CoreAggregates {
  private CoreAggregates() {}

  static List<AggregateFunction> all() {
    return List.of(COUNT, SUM, AVG, MIN, MAX, FIRST, LAST);
  }

  private record Simple(String name, List<Signature> signatures, String description,
      List<String> example, Accumulator empty) implements AggregateFunction {
    @Override
    public Accumulator empty() {
      return empty;
    }
  }

  /** count: events for {@code count(f)}, non-null values for {@code count(f.x)}. */
  private record Count(long n) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      return new Count(n + 1);
    }

    @Override
    public Object result() {
      return n;
    }
  }

  static final AggregateFunction COUNT = new Simple("count",
      List.of(Signature.of(Type.LONG, Type.ANY)),
      "The number of events of a repeated binding, or of non-null values of a field.",
      List.of("count(f)"), new Count(0));

  /** sum: a long while every value is a long and no overflow; a double once one is a double. */
  private record Sum(Object total) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (!(value instanceof Number)) {
        return this;
      }
      if (total == null) {
        return new Sum(Values.normalize(value));
      }
      Object s = Values.add(total, value);
      if (s == null) { // long overflow: carry on in doubles rather than lose the sum
        s = ((Number) total).doubleValue() + ((Number) value).doubleValue();
      }
      return new Sum(s);
    }

    @Override
    public Object result() {
      return total;
    }
  }

  static final AggregateFunction SUM = new Simple("sum",
      List.of(Signature.of(Type.LONG, Type.LONG), Signature.of(Type.DOUBLE, Type.DOUBLE),
          Signature.of(Type.ANY, Type.ANY)),
      "The sum of non-null values; a long for longs, a double once any value is a double.",
      List.of("sum(f.amount)"), new Sum(null));

  private record Avg(double sum, long n) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      return value instanceof Number x ? new Avg(sum + x.doubleValue(), n + 1) : this;
    }

    @Override
    public Object result() {
      return n == 0 ? null : (Object) (sum / n);
    }
  }

  static final AggregateFunction AVG = new Simple("avg",
      List.of(Signature.of(Type.DOUBLE, Type.DOUBLE), Signature.of(Type.DOUBLE, Type.ANY)),
      "The mean of non-null values, as a double.", List.of("avg(f.price)"), new Avg(0, 0));

  private record Extreme(Object best, int sign) implements Accumulator {
    @Override
    public Accumulator add(Object value) {
      if (best == null) {
        return new Extreme(Values.normalize(value), sign);
      }
      int c = Values.compare(value, best);
      return c != Integer.MIN_VALUE && c * sign > 0 ? new Extreme(Values.normalize(value), sign)
          : this;
    }

    @Override
    public Object result() {
      return best;
    }
  }

  private static List<Signature> sameType() {
    return List.of(Signature.of(Type.LONG, Type.LONG), Signature.of(Type.DOUBLE, Type.DOUBLE),
        Signature.of(Type.STRING, Type.STRING), Signature.of(Type.BOOLEAN, Type.BOOLEAN),
        Signature.of(Type.ANY, Type.ANY));
  }

  static final AggregateFunction MIN = new Simple("min", sameType(),
      "The smallest non-null value.", List.of("min(f.price)"), new Extreme(null, -1));
  static final AggregateFunction MAX = new Simple("max", sameType(),
      "The largest non-null value.", List.of("max(f.price)"), new Extreme(null, 1));

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
    return List.of(Signature.of(Type.EVENT, Type.EVENT), Signature.of(Type.LONG, Type.LONG),
        Signature.of(Type.DOUBLE, Type.DOUBLE), Signature.of(Type.STRING, Type.STRING),
        Signature.of(Type.BOOLEAN, Type.BOOLEAN), Signature.of(Type.ANY, Type.ANY));
  }

  static final AggregateFunction FIRST = new Simple("first", passThrough(),
      "The first event of a repeated binding (or first non-null value).",
      List.of("first(f).price"), new First(null));
  static final AggregateFunction LAST = new Simple("last", passThrough(),
      "The last event of a repeated binding (or last non-null value).",
      List.of("last(f).price"), new Last(null));
}
