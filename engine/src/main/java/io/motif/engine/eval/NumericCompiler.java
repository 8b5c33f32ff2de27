package io.motif.engine.eval;

import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.Values;

/**
 * Arithmetic, and comparisons with arithmetic on a side, compiled to closures that pass numbers
 * unboxed: {@code price < a.price * 0.9} reads two boxed fields and allocates nothing, where the
 * boxed path made a Double for the product. Each node leaves its value in a {@link Num} (a kind and
 * a long or a double) instead of returning an object; only a value that leaves arithmetic for
 * somewhere else (an emitted field, a function's argument) is boxed, once.
 *
 * <p>The rules are {@link Values}' to the letter, since the boxed path and the reference apply
 * those: a long with a long is a long, null on overflow; anything with a double is a double; a
 * non-number gives null; a zero divisor gives null; NaN orders with nothing; a long and a double
 * compare exactly. Closures rather than generated classes: the JIT inlines a condition's few
 * closures into the step that calls them, and no class is defined per pattern.
 */
final class NumericCompiler {
  private NumericCompiler() {}

  /** A compiled arithmetic node: leaves its value in {@code out}. */
  @FunctionalInterface
  interface NumEval {
    void eval(EvalContext ctx, Num out);
  }

  /** Whether {@code p} is arithmetic: its value is a Long, a Double or null. */
  static boolean arithmetic(TypedExpr p) {
    if (p instanceof TypedExpr.Binary b) {
      return switch (b.op()) {
        case ADD, SUB, MUL, DIV, MOD -> true;
        default -> false;
      };
    }
    return p instanceof TypedExpr.Unary u && u.op() == Op.NEGATE;
  }

  /** The context's scratch; constant folding evaluates without a context. */
  private static Num scratch(EvalContext ctx) {
    return ctx == null ? new Num() : ctx.numbers();
  }

  /** An arithmetic expression, boxed once at the end (an emitted field, a function's argument). */
  static Evaluator boxed(TypedExpr p) {
    NumEval n = numeric(p);
    return ctx -> {
      Num out = scratch(ctx);
      n.eval(ctx, out);
      return switch (out.kind) {
        case Num.LONG -> (Object) out.l;
        case Num.DOUBLE -> (Object) out.d;
        default -> null; // arithmetic gives a long, a double or null
      };
    };
  }

  /**
   * A comparison ({@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}) one of
   * whose sides is {@link #arithmetic}: a Boolean or null.
   */
  static Evaluator comparison(TypedExpr.Binary b) {
    NumEval l = numeric(b.left());
    NumEval r = numeric(b.right());
    Op op = b.op();
    return ctx -> {
      Num out = scratch(ctx);
      l.eval(ctx, out);
      byte lk = out.kind;
      long ll = out.l;
      double ld = out.d;
      r.eval(ctx, out);
      if (lk == Num.NULL || out.kind == Num.NULL) {
        return null; // Values.equal and Values.compare alike
      }
      int c = compare(lk, ll, ld, out);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        default -> c == Integer.MIN_VALUE ? null : (Object) ordered(op, c);
      };
    };
  }

  /** Whether {@code c} (not {@link Integer#MIN_VALUE}) satisfies an ordering operator. */
  private static boolean ordered(Op op, int c) {
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalArgumentException("not an ordering: " + op);
    };
  }

  /** Compiles a node whose value arithmetic reads: arithmetic itself, a constant, or any leaf. */
  static NumEval numeric(TypedExpr p) {
    if (p instanceof TypedExpr.Binary b && arithmetic(b)) {
      NumEval l = numeric(b.left());
      NumEval r = numeric(b.right());
      Op op = b.op();
      return (ctx, out) -> {
        l.eval(ctx, out);
        byte lk = out.kind;
        long ll = out.l;
        double ld = out.d;
        r.eval(ctx, out);
        combine(op, lk, ll, ld, out);
      };
    }
    if (p instanceof TypedExpr.Unary u && u.op() == Op.NEGATE) {
      NumEval operand = numeric(u.operand());
      return (ctx, out) -> {
        operand.eval(ctx, out);
        negate(out);
      };
    }
    if (p instanceof TypedExpr.Const c) {
      Num v = new Num();
      load(c.value(), v);
      byte kind = v.kind;
      long l = v.l;
      double d = v.d;
      return (ctx, out) -> {
        out.kind = kind;
        out.l = l;
        out.d = d;
      };
    }
    Evaluator leaf = ExprCompiler.compile(p);
    return (ctx, out) -> load(leaf.eval(ctx), out);
  }

  /** Classifies a value (see {@link Num}'s kinds). */
  static void load(Object v, Num out) {
    if (v instanceof Long x) {
      out.kind = Num.LONG;
      out.l = x;
    } else if (v instanceof Double x) {
      out.kind = Num.DOUBLE;
      out.d = x;
    } else if (v == null) {
      out.kind = Num.NULL;
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.kind = Num.LONG;
      out.l = ((Number) v).longValue();
    } else if (v instanceof Float f) {
      out.kind = Num.FLOAT;
      out.d = f.doubleValue();
    } else if (v instanceof Number n) {
      out.kind = Num.EXOTIC;
      out.d = n.doubleValue();
    } else {
      out.kind = Num.OTHER;
    }
  }

  /** Whether arithmetic takes a kind as a number (Values: {@code instanceof Number}). */
  private static boolean number(byte kind) {
    return kind != Num.NULL && kind != Num.OTHER;
  }

  /** A number's value as a double ({@code Number.doubleValue()}). */
  private static double asDouble(byte kind, long l, double d) {
    return kind == Num.LONG ? (double) l : d;
  }

  /**
   * {@code left op right}, the left operand in ({@code lk}, {@code ll}, {@code ld}), the right one
   * in {@code out}, where the result goes.
   */
  private static void combine(Op op, byte lk, long ll, double ld, Num out) {
    byte rk = out.kind;
    if (!number(lk) || !number(rk)) {
      out.kind = Num.NULL;
    } else if (lk == Num.LONG && rk == Num.LONG) {
      longs(op, ll, out.l, out);
    } else {
      doubles(op, asDouble(lk, ll, ld), asDouble(rk, out.l, out.d), out);
    }
  }

  /** A long with a long: a long, or null on overflow or a zero divisor. */
  private static void longs(Op op, long l, long r, Num out) {
    boolean none =
        switch (op) {
          case ADD -> Values.addOverflows(l, r);
          case SUB -> Values.subtractOverflows(l, r);
          case MUL -> Values.multiplyOverflows(l, r);
          case DIV -> r == 0 || (r == -1 && l == Long.MIN_VALUE);
          default -> r == 0;
        };
    if (none) {
      out.kind = Num.NULL;
      return;
    }
    out.kind = Num.LONG;
    out.l =
        switch (op) {
          case ADD -> l + r;
          case SUB -> l - r;
          case MUL -> l * r;
          case DIV -> l / r;
          default -> r == -1 ? 0L : l % r;
        };
  }

  /** Numbers of which one is not whole: a double, or null for a zero divisor. */
  private static void doubles(Op op, double l, double r, Num out) {
    if ((op == Op.DIV || op == Op.MOD) && r == 0.0) {
      out.kind = Num.NULL;
      return;
    }
    out.kind = Num.DOUBLE;
    out.d =
        switch (op) {
          case ADD -> l + r;
          case SUB -> l - r;
          case MUL -> l * r;
          case DIV -> l / r;
          default -> l % r;
        };
  }

  /** {@code -x}: a Double or a whole number negated (null for the smallest long); else null. */
  private static void negate(Num out) {
    if (out.kind == Num.DOUBLE) {
      out.d = -out.d;
    } else if (out.kind == Num.LONG && out.l != Long.MIN_VALUE) {
      out.l = -out.l;
    } else {
      out.kind = Num.NULL;
    }
  }

  /**
   * Whether comparisons take a kind for a number (Values.kind: Long, Double, Integer, Float...).
   */
  private static boolean comparable(byte kind) {
    return kind == Num.LONG || kind == Num.DOUBLE || kind == Num.FLOAT;
  }

  /**
   * Orders the left operand against the right one (in {@code r}): {@link Values#compare}'s answer.
   * One side is arithmetic (a number or null), so a side that is not a number is of another kind:
   * they do not order.
   */
  private static int compare(byte lk, long ll, double ld, Num r) {
    byte rk = r.kind;
    if (!comparable(lk) || !comparable(rk)) {
      return Integer.MIN_VALUE;
    }
    if (lk == Num.LONG) {
      return rk == Num.LONG ? Long.compare(ll, r.l) : Values.compareLongDouble(ll, r.d);
    }
    if (rk == Num.LONG) {
      int c = Values.compareLongDouble(r.l, ld);
      return c == Integer.MIN_VALUE ? c : -c;
    }
    return Values.compareDoubles(ld, r.d);
  }
}
