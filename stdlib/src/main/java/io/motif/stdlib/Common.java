package io.motif.stdlib;

import io.motif.function.Type;
import io.motif.function.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Shared typing and value helpers for built-ins. */
final class Common {
  private Common() {}

  /**
   * The one type several values share: the same type; {@code double} for a mix of numbers;
   * otherwise {@code any}. Nulls do not count.
   */
  public static Type common(List<Type> types) {
    Type result = Type.NULL;
    for (Type t : types) {
      if (t == Type.NULL || t == result) {
        continue;
      }
      if (result == Type.NULL) {
        result = t;
      } else if (result.isNumeric() && t.isNumeric()) {
        result = Type.DOUBLE;
      } else {
        return Type.ANY;
      }
    }
    return result == Type.NULL ? Type.ANY : result;
  }

  /**
   * The type of a value that is one of several arguments passed through unchanged ({@code if},
   * {@code coalesce}): their one shared type, else {@code any}. Unlike {@link #common}, a mix of
   * long and double is {@code any}: the value passed through may be either, since no conversion
   * takes place. Nulls do not count.
   */
  static Type passedThrough(List<Type> types) {
    Type result = Type.NULL;
    for (Type t : types) {
      if (t == Type.NULL || t == result) {
        continue;
      }
      if (result != Type.NULL) {
        return Type.ANY;
      }
      result = t;
    }
    return result == Type.NULL ? Type.ANY : result;
  }

  /**
   * The result type of a function that keeps its numeric argument's type ({@code abs}, {@code
   * floor}): {@code long} or {@code double}; {@code any} when the argument's type is known only at
   * run time (or is the literal null); null (no overload) for a non-number.
   */
  static Type sameNumeric(Type t) {
    if (t.isNumeric()) {
      return t;
    }
    return t == Type.ANY || t == Type.NULL ? Type.ANY : null;
  }

  /** True for the types of plain values (not an event, not a list of events). */
  static boolean isScalar(Type t) {
    return t != Type.EVENT && t != Type.LIST;
  }

  /** True when a value is a whole number: a long, or a double without a fractional part. */
  static boolean isWhole(Object v) {
    if (v instanceof Number n && Values.isIntegral(n)) {
      return true;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
    }
    return false;
  }

  /** The value of a number for which {@link #isWhole} holds. */
  static long whole(Object v) {
    return ((Number) v).longValue();
  }

  /** A double result, or null when it is not a finite number; {@code -0.0} becomes {@code 0.0}. */
  static Object finite(double d) {
    return Double.isFinite(d) ? (Object) (d + 0.0) : null;
  }

  /** True for NaN, which aggregates skip like a null. */
  static boolean isNaN(Object v) {
    return (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN());
  }

  /**
   * A hash consistent with {@link Values#same}: numbers hash by their double value, so that {@code
   * 1} and {@code 1.0} collide; maps and lists hash their elements the same way.
   */
  static int hash(Object v) {
    if (v instanceof Number n && Values.kind(v) == 1) {
      double d = n.doubleValue() + 0.0; // -0.0 and 0.0 are the same value
      return Double.hashCode(d);
    }
    if (v instanceof Map<?, ?> m) {
      int h = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object value = e.getValue();
        h += Objects.hashCode(e.getKey()) ^ (value == null ? 0 : hash(value));
      }
      return h;
    }
    if (v instanceof List<?> l) {
      int h = 1;
      for (Object o : l) {
        h = 31 * h + (o == null ? 0 : hash(o));
      }
      return h;
    }
    return v.hashCode();
  }
}
