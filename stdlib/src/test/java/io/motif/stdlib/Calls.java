package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Values;
import java.util.Arrays;
import java.util.List;

/** Calls functions the way the engine does, for tests. */
final class Calls {
  private Calls() {}

  static final FunctionRegistry REGISTRY = FunctionRegistry.standard();

  static ScalarFunction scalar(String name) {
    ScalarFunction f = REGISTRY.scalar(name);
    assertNotNull(f, "no scalar function " + name);
    return f;
  }

  static AggregateFunction aggregate(String name) {
    AggregateFunction f = REGISTRY.aggregate(name);
    assertNotNull(f, "no aggregate function " + name);
    return f;
  }

  /**
   * The engine's call: null without calling when an argument is null (unless the function accepts
   * nulls), else the arity-specialised method. Also checks that {@code apply(Object[])} agrees.
   */
  static Object call(ScalarFunction f, Object... args) {
    if (!f.acceptsNulls()) {
      for (Object a : args) {
        if (a == null) {
          return null;
        }
      }
    }
    Object viaArity;
    switch (args.length) {
      case 0 -> viaArity = f.apply0();
      case 1 -> viaArity = f.apply1(args[0]);
      case 2 -> viaArity = f.apply2(args[0], args[1]);
      case 3 -> viaArity = f.apply3(args[0], args[1], args[2]);
      default -> viaArity = f.apply(args.clone());
    }
    Object viaArray = f.apply(args.clone());
    assertEquals(
        show(viaArity),
        show(viaArray),
        () -> f.name() + Arrays.toString(args) + ": apply(Object[]) disagrees with applyN");
    return viaArity;
  }

  static Object call(String name, Object... args) {
    return call(scalar(name), args);
  }

  /** The engine's aggregation: nulls are skipped, everything else is added in order. */
  static Accumulator fold(AggregateFunction f, List<?> values) {
    Accumulator acc = f.empty();
    for (Object v : values) {
      if (v != null) {
        acc = acc.add(v);
      }
    }
    return acc;
  }

  static Object aggregate(String name, Object... values) {
    return fold(aggregate(name), Arrays.asList(values)).result();
  }

  /** A value with its Java class, so that 3 and 3.0 (and "3") print differently. */
  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    return v.getClass().getSimpleName() + ":" + v;
  }

  /** Asserts value and kind: a long is not a double, even when equal by value. */
  static void assertValue(Object expected, Object actual, String what) {
    boolean ok =
        expected == null
            ? actual == null
            : actual != null
                && expected.getClass() == actual.getClass()
                && Values.same(expected, actual);
    if (!ok) {
      assertEquals(show(expected), show(actual), what);
    }
  }
}
