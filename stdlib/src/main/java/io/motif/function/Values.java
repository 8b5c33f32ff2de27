package io.motif.function;

import java.util.List;
import java.util.Map;

/**
 * The value rules of LANGUAGE.md §8, in one place for the engine and for functions: numbers are
 * {@link Long} or {@link Double}; {@code long op long} is a long; a null operand gives null;
 * division by zero gives null; equality across kinds is false and ordering across kinds unknown.
 */
public final class Values {
  private Values() {}

  /** Kinds that compare with each other: numbers, strings, booleans; everything else is its own. */
  public static int kind(Object v) {
    if (v instanceof Long
        || v instanceof Double
        || v instanceof Integer
        || v instanceof Float
        || v instanceof Short
        || v instanceof Byte) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    if (v instanceof Boolean) {
      return 3;
    }
    if (v instanceof Map) {
      return 4;
    }
    if (v instanceof List) {
      return 5;
    }
    return 6;
  }

  /** Brings boxed integers of any width to Long and floats to Double. */
  public static Object normalize(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }

  /** SQL equality: null when either side is null, false across kinds, numbers by value. */
  public static Boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    return same(a, b);
  }

  /** Equality of two non-null values: numbers by value ({@code 1 == 1.0}), others by equals. */
  public static boolean same(Object a, Object b) {
    int ka = kind(a);
    if (ka != kind(b)) {
      return false;
    }
    if (ka == 1) {
      return compareNumbers((Number) a, (Number) b) == 0;
    }
    if (ka == 4 || ka == 5) {
      return deepEqual(a, b);
    }
    return a.equals(b);
  }

  private static boolean deepEqual(Object a, Object b) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object other = mb.get(e.getKey());
        if (e.getValue() == null
            ? other != null || !mb.containsKey(e.getKey())
            : other == null || !same(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        Object x = la.get(i);
        Object y = lb.get(i);
        if (x == null ? y != null : y == null || !same(x, y)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * Orders two values: negative, zero or positive, or {@link Integer#MIN_VALUE} when they do not
   * compare (null, or different kinds). {@code false < true}; strings by UTF-16 code units.
   */
  public static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return Integer.MIN_VALUE;
    }
    int ka = kind(a);
    if (ka != kind(b)) {
      return Integer.MIN_VALUE;
    }
    switch (ka) {
      case 1:
        return compareNumbers((Number) a, (Number) b);
      case 2:
        return Integer.signum(((String) a).compareTo((String) b));
      case 3:
        return Boolean.compare((Boolean) a, (Boolean) b);
      default:
        return Integer.MIN_VALUE;
    }
  }

  /**
   * Two numbers by their exact values: -1, 0 or 1, or {@link Integer#MIN_VALUE} when one is NaN
   * (NaN orders with nothing, itself included). {@code -0.0} equals {@code 0}; a long and a double
   * compare exactly, never through rounding the long ({@code 2^53 + 1 > 2^53} as a double).
   */
  private static int compareNumbers(Number x, Number y) {
    boolean ix = isIntegral(x);
    boolean iy = isIntegral(y);
    if (ix && iy) {
      return Long.compare(x.longValue(), y.longValue());
    }
    if (!ix && !iy) {
      return compareDoubles(x.doubleValue(), y.doubleValue());
    }
    return ix
        ? compareLongDouble(x.longValue(), y.doubleValue())
        : negate(compareLongDouble(y.longValue(), x.doubleValue()));
  }

  private static int negate(int c) {
    return c == Integer.MIN_VALUE ? c : -c;
  }

  /** Two doubles: -1, 0 or 1, or {@link Integer#MIN_VALUE} when one is NaN. */
  public static int compareDoubles(double dx, double dy) {
    return dx < dy ? -1 : dx > dy ? 1 : dx == dy ? 0 : Integer.MIN_VALUE;
  }

  /** A long against a double, exactly: -1, 0 or 1, or {@link Integer#MIN_VALUE} for NaN. */
  public static int compareLongDouble(long l, double d) {
    if (Double.isNaN(d)) {
      return Integer.MIN_VALUE;
    }
    if (d >= 0x1p63) {
      return -1;
    }
    if (d < -0x1p63) {
      return 1;
    }
    long whole = (long) d; // toward zero; exact here, as is d - whole
    if (l != whole) {
      return l < whole ? -1 : 1;
    }
    double rest = d - whole;
    return rest > 0 ? -1 : rest < 0 ? 1 : 0;
  }

  /** Whether a value is an integer (a Long, or a smaller integer type). */
  public static boolean isIntegral(Object n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  /**
   * {@code a + b}: long when both are integers (null on overflow), else double; null for a non-
   * number.
   */
  public static Object add(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return null;
    }
    if (isIntegral(x) && isIntegral(y)) {
      long l = x.longValue();
      long r = y.longValue();
      // Overflow gives null rather than a silently wrong number.
      return addOverflows(l, r) ? null : (Object) (l + r);
    }
    return x.doubleValue() + y.doubleValue();
  }

  /**
   * {@code a - b}: long when both are integers (null on overflow), else double; null for a non-
   * number.
   */
  public static Object subtract(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return null;
    }
    if (isIntegral(x) && isIntegral(y)) {
      long l = x.longValue();
      long r = y.longValue();
      return subtractOverflows(l, r) ? null : (Object) (l - r);
    }
    return x.doubleValue() - y.doubleValue();
  }

  /**
   * {@code a * b}: long when both are integers (null on overflow), else double; null for a non-
   * number.
   */
  public static Object multiply(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return null;
    }
    if (isIntegral(x) && isIntegral(y)) {
      long l = x.longValue();
      long r = y.longValue();
      return multiplyOverflows(l, r) ? null : (Object) (l * r);
    }
    return x.doubleValue() * y.doubleValue();
  }

  /** Whether {@code l + r} overflows a long (the sum is then null). */
  public static boolean addOverflows(long l, long r) {
    long s = l + r;
    return ((l ^ s) & (r ^ s)) < 0;
  }

  /** Whether {@code l - r} overflows a long. */
  public static boolean subtractOverflows(long l, long r) {
    long d = l - r;
    return ((l ^ r) & (l ^ d)) < 0;
  }

  /** Whether {@code l * r} overflows a long. */
  public static boolean multiplyOverflows(long l, long r) {
    long hi = Math.multiplyHigh(l, r);
    long lo = l * r;
    return !((hi == 0 && lo >= 0) || (hi == -1 && lo < 0));
  }

  /**
   * {@code a / b}: integer division when both are integers; null for a zero divisor, an overflow or
   * a non-number.
   */
  public static Object divide(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return null;
    }
    if (isIntegral(x) && isIntegral(y)) {
      long r = y.longValue();
      if (r == 0 || (r == -1 && x.longValue() == Long.MIN_VALUE)) {
        return null;
      }
      return x.longValue() / r;
    }
    double d = y.doubleValue();
    return d == 0.0 ? null : (Object) (x.doubleValue() / d);
  }

  /** {@code a % b}, with the sign of {@code a}; null for a zero divisor or a non-number. */
  public static Object remainder(Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return null;
    }
    if (isIntegral(x) && isIntegral(y)) {
      long r = y.longValue();
      if (r == 0) {
        return null;
      }
      return r == -1 ? 0L : x.longValue() % r;
    }
    double d = y.doubleValue();
    return d == 0.0 ? null : (Object) (x.doubleValue() % d);
  }

  /** {@code -a}; null for a non-number or the negation of the smallest long. */
  public static Object negate(Object a) {
    if (a instanceof Double d) {
      return -d;
    }
    if (a instanceof Number n && isIntegral(n)) {
      long l = n.longValue();
      return l == Long.MIN_VALUE ? null : (Object) (-l);
    }
    return null;
  }

  /** Text of a value for {@code ||} and string functions: numbers as written in JSON output. */
  public static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue()) + ".0";
      }
      return d.toString();
    }
    return v.toString();
  }

  /** Only {@code true} satisfies a condition. */
  public static boolean isTrue(Object v) {
    return v == Boolean.TRUE || (v instanceof Boolean b && b);
  }
}
