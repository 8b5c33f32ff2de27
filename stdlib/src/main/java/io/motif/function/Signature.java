package io.motif.function;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One overload of a function: parameter types and result type. With {@code variadic}, the last
 * parameter may repeat any number of times (at least once).
 */
public record Signature(List<Type> params, boolean variadic, Type result) {
  /** Copies the parameter types. */
  public Signature {
    params = List.copyOf(params);
  }

  /** An overload of fixed arity. */
  public static Signature of(Type result, Type... params) {
    return new Signature(List.of(params), false, result);
  }

  /** An overload whose last parameter type may repeat. */
  public static Signature variadic(Type result, Type... params) {
    return new Signature(List.of(params), true, result);
  }

  /** True when arguments of these types fit this overload. */
  public boolean accepts(List<Type> args) {
    int n = params.size();
    if (variadic ? args.size() < n : args.size() != n) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      Type p = params.get(Math.min(i, n - 1));
      if (!args.get(i).fits(p)) {
        return false;
      }
    }
    return true;
  }

  /** As users read it: {@code round(double, long) -> double}. */
  public String render(String name) {
    String ps = params.stream().map(Type::label).collect(Collectors.joining(", "));
    return name + "(" + ps + (variadic ? ", ..." : "") + ") -> " + result.label();
  }
}
