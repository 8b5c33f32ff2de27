package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.function.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Math: abs round floor ceil sqrt pow exp ln log10 sign greatest least.
 *
 * <p>The rules: functions that keep their argument's type give a long for a long and a double for a
 * double; a long result that would overflow is null (as for {@code +} in LANGUAGE.md §8); a double
 * result that is not a finite number (the square root of a negative, the logarithm of zero, an
 * overflowing {@code exp}) is null, so no NaN or infinity ever reaches the output.
 */
final class MathFunctions {
  private MathFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(ABS, ROUND, FLOOR, CEIL, SQRT, POW, EXP, LN, LOG10, SIGN, GREATEST, LEAST);
  }

  /** A function of one number that keeps its type. */
  private abstract static class SameNumeric extends Builtin {
    SameNumeric(String name, String description, List<String> example) {
      super(
          name,
          description,
          example,
          Signature.of(Type.LONG, Type.LONG),
          Signature.of(Type.DOUBLE, Type.DOUBLE));
    }

    @Override
    public Type resultType(List<Type> args) {
      return args.size() == 1 ? Common.sameNumeric(args.get(0)) : null;
    }

    @Override
    public Object apply1(Object a) {
      if (a instanceof Number n) {
        return Values.isIntegral(n) ? ofLong(n.longValue()) : ofDouble(n.doubleValue());
      }
      return null;
    }

    abstract Object ofLong(long x);

    abstract Object ofDouble(double x);
  }

  /** A function of one or two numbers that always gives a double. */
  private abstract static class ToDouble extends Builtin {
    ToDouble(String name, String description, List<String> example, Signature... signatures) {
      super(name, description, example, signatures);
    }

    @Override
    public Object apply1(Object a) {
      return a instanceof Number n ? Common.finite(of(n.doubleValue())) : null;
    }

    double of(double x) {
      return Double.NaN;
    }
  }

  static final ScalarFunction ABS =
      new SameNumeric(
          "abs",
          "The absolute value. `abs` of the smallest long (-9223372036854775808) overflows and is "
              + "null.",
          List.of("abs(-3)", "3", "abs(-2.5)", "2.5")) {
        @Override
        Object ofLong(long x) {
          return x == Long.MIN_VALUE ? null : (Object) Math.abs(x);
        }

        @Override
        Object ofDouble(double x) {
          return Common.finite(Math.abs(x));
        }
      };

  /** Rounds half away from zero, the SQL rule (Java's {@code Math.round} rounds half up). */
  static double roundHalfAway(double x) {
    double t = x < 0 ? Math.ceil(x) : Math.floor(x);
    if (Math.abs(x - t) >= 0.5) {
      t += Math.signum(x);
    }
    return t;
  }

  static final ScalarFunction ROUND =
      new Builtin(
          "round",
          "`round(x[, digits])`: `x` rounded to the nearest whole number, or to `digits` decimal "
              + "places (negative: tens, hundreds, ...), halves away from zero; keeps the argument's "
              + "type. Decimal places are counted on the number as written, so `round(2.675, 2)` is "
              + "`2.68`. A long result that would overflow is null; `digits` must be a whole number, "
              + "else the result is null.",
          List.of("round(2.567, 2)", "2.57", "round(-2.5)", "-3.0", "round(1250, -2)", "1300"),
          Signature.of(Type.LONG, Type.LONG),
          Signature.of(Type.DOUBLE, Type.DOUBLE),
          Signature.of(Type.LONG, Type.LONG, Type.LONG),
          Signature.of(Type.DOUBLE, Type.DOUBLE, Type.LONG)) {
        @Override
        public Type resultType(List<Type> args) {
          if (args.size() == 2 && !args.get(1).fits(Type.LONG)) {
            return null;
          }
          return args.size() == 1 || args.size() == 2 ? Common.sameNumeric(args.get(0)) : null;
        }

        @Override
        public Object apply1(Object a) {
          if (a instanceof Number n) {
            return Values.isIntegral(n)
                ? (Object) n.longValue()
                : Common.finite(roundHalfAway(n.doubleValue()));
          }
          return null;
        }

        @Override
        public Object apply2(Object a, Object b) {
          if (!(a instanceof Number n) || !Common.isWhole(b)) {
            return null;
          }
          long digits = Common.whole(b);
          if (Values.isIntegral(n)) {
            long x = n.longValue();
            if (digits >= 0) {
              return x;
            }
            if (digits < -19) {
              return 0L; // 10^20 is more than twice any long
            }
            BigInteger r =
                BigDecimal.valueOf(x).setScale((int) digits, RoundingMode.HALF_UP).toBigInteger();
            return r.bitLength() < 64 ? (Object) r.longValue() : null;
          }
          double x = n.doubleValue();
          if (!Double.isFinite(x)) {
            return null;
          }
          if (digits > 400) {
            return x + 0.0; // beyond the last digit of any double
          }
          if (digits < -400) {
            return 0.0;
          }
          return Common.finite(
              BigDecimal.valueOf(x).setScale((int) digits, RoundingMode.HALF_UP).doubleValue());
        }
      };

  static final ScalarFunction FLOOR =
      new SameNumeric(
          "floor",
          "The largest whole number not greater than the argument; keeps the argument's type.",
          List.of("floor(-2.5)", "-3.0")) {
        @Override
        Object ofLong(long x) {
          return x;
        }

        @Override
        Object ofDouble(double x) {
          return Common.finite(Math.floor(x));
        }
      };

  static final ScalarFunction CEIL =
      new SameNumeric(
          "ceil",
          "The smallest whole number not less than the argument; keeps the argument's type.",
          List.of("ceil(2.1)", "3.0")) {
        @Override
        Object ofLong(long x) {
          return x;
        }

        @Override
        Object ofDouble(double x) {
          return Common.finite(Math.ceil(x));
        }
      };

  static final ScalarFunction SQRT =
      new ToDouble(
          "sqrt",
          "The square root, as a double; null for a negative number.",
          List.of("sqrt(16)", "4.0", "sqrt(-1)", "null"),
          Signature.of(Type.DOUBLE, Type.DOUBLE)) {
        @Override
        double of(double x) {
          return Math.sqrt(x);
        }
      };

  static final ScalarFunction POW =
      new ToDouble(
          "pow",
          "`pow(x, y)`: `x` raised to the power `y`, as a double; null when the result is not a real "
              + "number (`pow(-8, 0.5)`) or overflows, and for `pow(0, y)` with negative `y`.",
          List.of("pow(2, 10)", "1024.0"),
          Signature.of(Type.DOUBLE, Type.DOUBLE, Type.DOUBLE)) {
        @Override
        public Object apply1(Object a) {
          return null;
        }

        @Override
        public Object apply2(Object a, Object b) {
          if (a instanceof Number x && b instanceof Number y) {
            return Common.finite(Math.pow(x.doubleValue(), y.doubleValue()));
          }
          return null;
        }
      };

  static final ScalarFunction EXP =
      new ToDouble(
          "exp",
          "e raised to the argument, as a double; null when it overflows (above about 709.78).",
          List.of("exp(0)", "1.0"),
          Signature.of(Type.DOUBLE, Type.DOUBLE)) {
        @Override
        double of(double x) {
          return Math.exp(x);
        }
      };

  static final ScalarFunction LN =
      new ToDouble(
          "ln",
          "The natural logarithm, as a double; null for zero or a negative number.",
          List.of("ln(1)", "0.0", "ln(0)", "null"),
          Signature.of(Type.DOUBLE, Type.DOUBLE)) {
        @Override
        double of(double x) {
          return Math.log(x);
        }
      };

  static final ScalarFunction LOG10 =
      new ToDouble(
          "log10",
          "The base-10 logarithm, as a double; null for zero or a negative number.",
          List.of("log10(1000)", "3.0"),
          Signature.of(Type.DOUBLE, Type.DOUBLE)) {
        @Override
        double of(double x) {
          return Math.log10(x);
        }
      };

  static final ScalarFunction SIGN =
      new SameNumeric(
          "sign",
          "-1, 0 or 1 as the argument is negative, zero or positive; keeps the argument's type.",
          List.of("sign(-7)", "-1")) {
        @Override
        Object ofLong(long x) {
          return (long) Long.signum(x);
        }

        @Override
        Object ofDouble(double x) {
          return Common.finite(Math.signum(x));
        }
      };

  /**
   * greatest and least: all arguments of one kind (numbers, strings or booleans). A null argument
   * makes the result null (SQL's usual rule; Trino and MySQL agree, PostgreSQL skips nulls).
   */
  private static final class Extreme extends Builtin {
    private final int sign;

    Extreme(String name, int sign, String description, List<String> example) {
      super(
          name,
          description,
          example,
          Signature.variadic(Type.LONG, Type.LONG),
          Signature.variadic(Type.DOUBLE, Type.DOUBLE),
          Signature.variadic(Type.STRING, Type.STRING),
          Signature.variadic(Type.BOOLEAN, Type.BOOLEAN));
      this.sign = sign;
    }

    @Override
    public Type resultType(List<Type> args) {
      if (args.isEmpty()) {
        return null;
      }
      Type result = Type.NULL;
      boolean any = false;
      for (Type t : args) {
        if (!Common.isScalar(t)) {
          return null;
        }
        if (t == Type.ANY) {
          any = true;
        } else if (t != Type.NULL) {
          if (result == Type.NULL || result == t) {
            result = t;
          } else if (result.isNumeric() && t.isNumeric()) {
            result = Type.DOUBLE;
          } else {
            return null; // values of different kinds do not compare: a compile error
          }
        }
      }
      return any || result == Type.NULL ? Type.ANY : result;
    }

    @Override
    public Object apply1(Object a) {
      return Values.kind(a) <= 3 && !Common.isNaN(a) ? plain(a) : null;
    }

    @Override
    public Object apply2(Object a, Object b) {
      int c = Values.compare(b, a);
      if (c == Integer.MIN_VALUE || Values.kind(a) > 3) {
        return null;
      }
      Object best = c * sign > 0 ? b : a;
      return (a instanceof Double || b instanceof Double) ? toDouble(best) : plain(best);
    }

    @Override
    public Object apply3(Object a, Object b, Object c) {
      return applyMany(new Object[] {a, b, c});
    }

    @Override
    Object applyMany(Object[] args) {
      Object best = args[0];
      boolean anyDouble = false;
      for (Object v : args) {
        anyDouble |= v instanceof Double || v instanceof Float;
        int c = Values.compare(v, best);
        if (c == Integer.MIN_VALUE || Values.kind(v) > 3) {
          return null;
        }
        if (c * sign > 0) {
          best = v;
        }
      }
      return anyDouble ? toDouble(best) : plain(best);
    }

    /** With a double among the arguments the result type is double, so the value is too. */
    private static Object toDouble(Object v) {
      return v instanceof Number n ? Common.finite(n.doubleValue()) : v;
    }

    /** Long for any integer; a finite double or null, as for every math function. */
    private static Object plain(Object v) {
      return v instanceof Double || v instanceof Float ? toDouble(v) : Values.normalize(v);
    }
  }

  static final ScalarFunction GREATEST =
      new Extreme(
          "greatest",
          1,
          "The largest argument; arguments must be all numbers, all strings or all booleans. Null if "
              + "any argument is null, or (for untyped values) when the arguments are of different "
              + "kinds; a double when any argument is a double.",
          List.of("greatest(3, 7.5, 5)", "7.5", "greatest(3, null)", "null"));

  static final ScalarFunction LEAST =
      new Extreme(
          "least",
          -1,
          "The smallest argument; arguments must be all numbers, all strings or all booleans. Null if "
              + "any argument is null, or (for untyped values) when the arguments are of different "
              + "kinds; a double when any argument is a double.",
          List.of("least('pear', 'apple', 'fig')", "'apple'"));
}
