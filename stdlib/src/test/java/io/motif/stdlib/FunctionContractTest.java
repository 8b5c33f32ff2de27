package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What every function promises the engine, checked over all of them: no exception for any
 * arguments at all; plain result values (Long, finite Double, String, Boolean); a runtime value of
 * the type the checker was told; and signatures that agree with {@code resultType}.
 */
class FunctionContractTest {
  private static final List<ScalarFunction> SCALARS = new ArrayList<>(Calls.REGISTRY.scalars());
  private static final List<AggregateFunction> AGGREGATES =
      new ArrayList<>(Calls.REGISTRY.aggregates());

  /** Anything at all, of any kind, edge values included. */
  @Provide
  Arbitrary<Object> anything() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.of(0L, 1L, -1L, 2L, 3L, 10L, -3L, Long.MAX_VALUE, Long.MIN_VALUE,
            1_700_000_000_000L).map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(0.0, -0.0, 0.5, -2.5, 1e308, -1e308, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE)
            .map(d -> (Object) d),
        strings().map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.of(7, (short) 2, 1.5f).map(n -> (Object) n),
        Arbitraries.of(Map.of("type", "Login", "ip", "1.2.3.4"), List.of(1L, "a"))
            .map(o -> (Object) o));
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("a%_\\.*+?()[]{}|^$-:,0123456789yMdHms'").ofMaxLength(10),
        Arbitraries.of("", " ", "a", "abc", "%", "_", "\\", "(a+)+$", "[", "(?i)A", "a{2,3}",
            "\uD83D\uDE00", "\uD83D", "2024-03-01", "2024-03-01T12:00:00Z", "yyyy-MM-dd",
            "HH:mm", "'", "{", "{}", "EEE", "VV", "Q", "x".repeat(300)));
  }

  @Property(tries = 2000)
  void scalarsNeverThrow(@ForAll("anything") Object a, @ForAll("anything") Object b,
      @ForAll("anything") Object c, @ForAll("anything") Object d) {
    Object[] all = {a, b, c, d};
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

  @Property(tries = 1000)
  void aggregatesNeverThrow(@ForAll List<@From("anything") Object> values) {
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
    assertTrue(r == null || r instanceof Long || r instanceof String || r instanceof Boolean
        || (r instanceof Double d && Double.isFinite(d) && !d.equals(-0.0)),
        () -> what + " gave " + Calls.show(r));
  }

  /** A value of a declared type, edge values included. */
  private static Arbitrary<Object> valueOf(Type t) {
    switch (t) {
      case LONG:
        return Arbitraries.oneOf(Arbitraries.longs().between(-100, 100),
            Arbitraries.longs(), Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L))
            .map(l -> (Object) l);
      case DOUBLE:
        return Arbitraries.oneOf(Arbitraries.doubles().between(-100, 100), Arbitraries.doubles(),
            Arbitraries.of(0.0, -0.0, 2.5, -2.5, 1e308)).map(d -> (Object) d);
      case STRING:
        return strings().map(s -> (Object) s);
      case BOOLEAN:
        return Arbitraries.of(true, false).map(b -> (Object) b);
      default:
        return Arbitraries.just(null);
    }
  }

  @Provide
  Arbitrary<List<Type>> argumentTypes() {
    return Arbitraries.of(Type.LONG, Type.DOUBLE, Type.STRING, Type.BOOLEAN, Type.NULL)
        .list().ofMinSize(0).ofMaxSize(4);
  }

  /**
   * For every typing the checker accepts, values of those types give null or a value of the
   * result type (a double result is never a Long, and so on).
   */
  @Property(tries = 1000)
  void runtimeValuesHaveTheCheckedType(@ForAll("argumentTypes") List<Type> types,
      @ForAll("anything") Object seed) {
    for (ScalarFunction f : SCALARS) {
      Type result = f.resultType(types);
      if (result == null || result == Type.ANY) {
        continue;
      }
      for (int attempt = 0; attempt < 3; attempt++) {
        Object[] args = new Object[types.size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = valueOf(types.get(i)).sample();
        }
        Object r = Calls.call(f, args);
        String what = f.name() + types + Arrays.toString(args) + " -> " + Calls.show(r);
        if (r != null) {
          assertEquals(result, Type.of(r), what);
        }
      }
    }
  }

  @Property(tries = 300)
  void aggregateValuesHaveTheCheckedType(@ForAll("argumentTypes") List<Type> types) {
    for (Type t : types) {
      for (AggregateFunction f : AGGREGATES) {
        Type result = f.resultType(t);
        if (result == null || result == Type.ANY) {
          continue;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          values.add(valueOf(t).sample());
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
