package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every function promises the engine, checked over all of them: no exception for any arguments
 * at all; plain result values (Long, finite Double, String, Boolean); a runtime value of the type
 * the checker was told; and signatures that agree with {@code resultType}.
 */
class FunctionContractTest {
  private static final List<ScalarFunction> SCALARS = new ArrayList<>(Calls.REGISTRY.scalars());
  private static final List<AggregateFunction> AGGREGATES =
      new ArrayList<>(Calls.REGISTRY.aggregates());

  private static final Gen<Long> ANY_LONG = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
  private static final List<Object> LONG_EDGES =
      List.of(0L, 1L, -1L, 2L, 3L, 10L, -3L, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L);
  private static final List<Object> DOUBLE_EDGES =
      List.of(
          0.0,
          -0.0,
          0.5,
          -2.5,
          1e308,
          -1e308,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE);
  private static final List<Object> OTHER_NUMBERS = List.of(7, (short) 2, 1.5f);
  private static final List<Object> CONTAINERS =
      List.of(Map.of("type", "Login", "ip", "1.2.3.4"), List.of(1L, "a"));
  private static final String PATTERN_CHARS = "a%_\\.*+?()[]{}|^$-:,0123456789yMdHms'";
  private static final List<String> SPECIAL_STRINGS =
      List.of(
          "",
          " ",
          "a",
          "abc",
          "%",
          "_",
          "\\",
          "(a+)+$",
          "[",
          "(?i)A",
          "a{2,3}",
          "\uD83D\uDE00",
          "\uD83D",
          "2024-03-01",
          "2024-03-01T12:00:00Z",
          "yyyy-MM-dd",
          "HH:mm",
          "'",
          "{",
          "{}",
          "EEE",
          "VV",
          "Q",
          "x".repeat(300));

  /** Anything at all, of any kind, edge values included; shrinks to simpler values of a kind. */
  static final Gen<Object> ANYTHING =
      Gen.of(
          r ->
              switch (r.nextInt(9)) {
                case 0 -> null;
                case 1 -> ANY_LONG.next(r);
                case 2 -> pick(r, LONG_EDGES);
                case 3 -> anyDouble(r);
                case 4 -> pick(r, DOUBLE_EDGES);
                case 5 -> string(r);
                case 6 -> r.nextBoolean();
                case 7 -> pick(r, OTHER_NUMBERS);
                default -> pick(r, CONTAINERS);
              },
          Gen::simpler);

  private static Object pick(Random r, List<?> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** Numbers of every magnitude, to two decimals where a double has them, or any bit pattern. */
  private static double anyDouble(Random r) {
    if (r.nextInt(4) == 0) {
      return Double.longBitsToDouble(r.nextLong()); // NaNs, infinities, subnormals too
    }
    double d = (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-3, 308));
    return Math.abs(d) < 1e15 ? Math.round(d * 100) / 100.0 : d; // past 1e15, cents are gone
  }

  /** Any characters (lone surrogates too), pattern and format characters, or known traps. */
  private static String string(Random r) {
    switch (r.nextInt(3)) {
      case 0 -> {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(13); n > 0; n--) {
          sb.append(r.nextBoolean() ? (char) (' ' + r.nextInt(95)) : (char) r.nextInt(0x10000));
        }
        return sb.toString();
      }
      case 1 -> {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(11); n > 0; n--) {
          sb.append(PATTERN_CHARS.charAt(r.nextInt(PATTERN_CHARS.length())));
        }
        return sb.toString();
      }
      default -> {
        return SPECIAL_STRINGS.get(r.nextInt(SPECIAL_STRINGS.size()));
      }
    }
  }

  @Test
  void scalarsNeverThrow() {
    Property.check(2000, Gen.lists(ANYTHING, 4, 4), FunctionContractTest::noScalarThrows);
  }

  private static void noScalarThrows(List<Object> arguments) {
    Object[] all = arguments.toArray();
    Object a = all[0];
    Object b = all[1];
    Object c = all[2];
    for (ScalarFunction f : SCALARS) {
      for (int n = 0; n <= 4; n++) {
        Object[] args = Arrays.copyOf(all, n);
        Object r;
        try {
          r = n == 4 ? f.apply(args) : Calls.call(f, args); // direct: nulls reach the function
          if (n == 1) {
            f.apply1(a);
          } else if (n == 2) {
            f.apply2(a, b);
          } else if (n == 3) {
            f.apply3(a, b, c);
          }
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError(f.name() + Arrays.toString(args) + " threw " + e, e);
        }
        if (!f.acceptsNulls()) { // if, coalesce and nullif hand back their arguments
          assertPlain(r, f.name() + Arrays.toString(args));
        }
      }
    }
  }

  @Test
  void aggregatesNeverThrow() {
    Property.check(1000, Gen.lists(ANYTHING, 0, 255), FunctionContractTest::noAggregateThrows);
  }

  private static void noAggregateThrows(List<Object> values) {
    for (AggregateFunction f : AGGREGATES) {
      Accumulator acc = f.empty();
      try {
        for (Object v : values) {
          if (v != null) {
            acc = acc.add(v);
            acc.result();
          }
        }
      } catch (RuntimeException e) {
        throw new AssertionError(f.name() + values + " threw " + e, e);
      }
      if (!List.of("first", "last").contains(f.name())) {
        assertPlain(acc.result(), f.name() + values);
      }
    }
  }

  private static void assertPlain(Object r, String what) {
    assertTrue(
        r == null
            || r instanceof Long
            || r instanceof String
            || r instanceof Boolean
            || (r instanceof Double d && Double.isFinite(d) && !d.equals(-0.0)),
        () -> what + " gave " + Calls.show(r));
  }

  private static final Gen<Long> SMALL_LONGS = Gen.longs(-100, 100);
  private static final List<Object> TYPED_LONG_EDGES = List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L);
  private static final List<Object> TYPED_DOUBLE_EDGES = List.of(0.0, -0.0, 2.5, -2.5, 1e308);

  /** A value of a declared type, edge values included. */
  private static Object valueOf(Type t, Random r) {
    switch (t) {
      case LONG:
        return switch (r.nextInt(3)) {
          case 0 -> SMALL_LONGS.next(r);
          case 1 -> ANY_LONG.next(r);
          default -> pick(r, TYPED_LONG_EDGES);
        };
      case DOUBLE:
        return switch (r.nextInt(3)) {
          case 0 -> Math.round(r.nextDouble(-100, 100) * 100) / 100.0;
          case 1 -> anyDouble(r);
          default -> pick(r, TYPED_DOUBLE_EDGES);
        };
      case STRING:
        return string(r);
      case BOOLEAN:
        return r.nextBoolean();
      default:
        return null;
    }
  }

  /**
   * Argument types, and the seed that draws values of those types: the types shrink, the values are
   * drawn afresh for every function.
   */
  record Typing(List<Type> types, long seed) {}

  static Gen<Typing> typings() {
    Gen<List<Type>> types =
        Gen.lists(
            Gen.elements(List.of(Type.LONG, Type.DOUBLE, Type.STRING, Type.BOOLEAN, Type.NULL)),
            0,
            4);
    return Gen.combine(types, Gen.of(Random::nextLong), Typing::new, Typing::types, Typing::seed);
  }

  /**
   * For every typing the checker accepts, values of those types give null or a value of the result
   * type (a double result is never a Long, and so on).
   */
  @Test
  void runtimeValuesHaveTheCheckedType() {
    Property.check(1000, typings(), FunctionContractTest::scalarValuesHaveTheCheckedType);
  }

  private static void scalarValuesHaveTheCheckedType(Typing typing) {
    List<Type> types = typing.types();
    Random random = new Random(typing.seed());
    for (ScalarFunction f : SCALARS) {
      Type result = f.resultType(types);
      if (result == null || result == Type.ANY) {
        continue;
      }
      for (int attempt = 0; attempt < 3; attempt++) {
        Object[] args = new Object[types.size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = valueOf(types.get(i), random);
        }
        Object r = Calls.call(f, args);
        String what = f.name() + types + Arrays.toString(args) + " -> " + Calls.show(r);
        if (r != null) {
          assertEquals(result, Type.of(r), what);
        }
      }
    }
  }

  @Test
  void aggregateValuesHaveTheCheckedType() {
    Property.check(300, typings(), FunctionContractTest::aggregateValuesHaveTheCheckedType);
  }

  private static void aggregateValuesHaveTheCheckedType(Typing typing) {
    Random random = new Random(typing.seed());
    for (Type t : typing.types()) {
      for (AggregateFunction f : AGGREGATES) {
        Type result = f.resultType(t);
        if (result == null || result == Type.ANY) {
          continue;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          values.add(valueOf(t, random));
        }
        Object r = Calls.fold(f, values).result();
        if (r != null) {
          assertEquals(result, Type.of(r), f.name() + "(" + t + ") over " + values);
        }
      }
    }
  }

  /** The overloads on the reference page are what the checker resolves. */
  @Test
  void signaturesAgreeWithResultType() {
    for (ScalarFunction f : SCALARS) {
      for (Signature s : f.signatures()) {
        List<Type> params = s.params();
        assertEquals(s.result(), f.resultType(params), f.name() + " " + s.render(f.name()));
        if (s.variadic()) {
          List<Type> more = new ArrayList<>(params);
          more.add(params.get(params.size() - 1));
          assertEquals(s.result(), f.resultType(more), s.render(f.name()) + " repeated");
        }
      }
    }
    for (AggregateFunction f : AGGREGATES) {
      for (Signature s : f.signatures()) {
        assertEquals(1, s.params().size(), f.name());
        assertEquals(s.result(), f.resultType(s.params().get(0)), s.render(f.name()));
      }
    }
  }

  /** A call the checker rejects names no overload; no function accepts a list of events. */
  @Test
  void listsOfEventsAreForAggregatesOnly() {
    for (ScalarFunction f : SCALARS) {
      if (f.name().equals("if") || f.name().equals("coalesce") || f.name().equals("nullif")) {
        continue; // these pass values through, whatever they are
      }
      for (int n = 1; n <= 3; n++) {
        List<Type> types = new ArrayList<>(Collections.nCopies(n, Type.LIST));
        if (f.resultType(types) != null) {
          fail(f.name() + " accepts " + types);
        }
      }
    }
  }
}
