package io.motif.engine.eval;

import io.motif.engine.Event;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Values;
import java.util.List;
import java.util.Map;

/**
 * Compiles typed plan expressions into {@link Evaluator} closures once per pattern, so that no tree
 * is walked and nothing is looked up by name per event.
 */
public final class ExprCompiler {
  private ExprCompiler() {}

  /**
   * The functions behind the operators {@code like} and {@code matches}, registered by the standard
   * library like any function (so this package reads nothing of it); looked up once.
   */
  private static final ScalarFunction LIKE = operator("like");

  private static final ScalarFunction MATCHES = operator("matches");

  private static ScalarFunction operator(String name) {
    ScalarFunction f = FunctionRegistry.standard().operator(name);
    if (f == null) {
      throw new IllegalStateException(
          "no function "
              + name
              + " is registered: the standard"
              + " library (motif-stdlib) must be on the class path for the operator "
              + name);
    }
    return f;
  }

  public static Evaluator compile(TypedExpr p) {
    if (p instanceof TypedExpr.Const c) {
      Object v = c.value();
      return ctx -> v;
    }
    if (p instanceof TypedExpr.Current) {
      return EvalContext::current;
    }
    if (p instanceof TypedExpr.Element) {
      return EvalContext::current;
    }
    if (p instanceof TypedExpr.CurrentField f) {
      String name = f.field().intern(); // event field names are mostly interned: found by ==
      return ctx -> {
        Event e = ctx.current();
        return e == null ? null : e.get(name);
      };
    }
    if (p instanceof TypedExpr.Binding b) {
      int slot = b.slot();
      return ctx -> ctx.binding(slot);
    }
    if (p instanceof TypedExpr.Prev) {
      return EvalContext::prev;
    }
    if (p instanceof TypedExpr.Field f) {
      String name = f.field().intern();
      if (f.target() instanceof TypedExpr.Binding b) {
        int slot = b.slot();
        return ctx -> ctx.bindingField(slot, name);
      }
      Evaluator target = compile(f.target());
      return ctx -> field(target.eval(ctx), name);
    }
    if (p instanceof TypedExpr.EventTime t) {
      Evaluator event = compile(t.event());
      return ctx -> event.eval(ctx) instanceof Event e ? (Object) e.time() : null;
    }
    if (p instanceof TypedExpr.Aggregate a) {
      int slot = a.slot();
      return ctx -> ctx.aggregate(slot);
    }
    if (p instanceof TypedExpr.Call c) {
      return call(c);
    }
    if (p instanceof TypedExpr.Unary u) {
      if (u.op() == Op.NOT) {
        Evaluator operand = compile(u.operand());
        return ctx -> {
          Object v = operand.eval(ctx);
          return v instanceof Boolean b ? (Object) !b : null;
        };
      }
      return NumericCompiler.boxed(u);
    }
    if (p instanceof TypedExpr.Binary b) {
      return binary(b);
    }
    if (p instanceof TypedExpr.IsNull n) {
      Evaluator operand = compile(n.operand());
      boolean negated = n.negated();
      return ctx -> (operand.eval(ctx) == null) != negated;
    }
    if (p instanceof TypedExpr.In in) {
      Evaluator operand = compile(in.operand());
      Evaluator[] values =
          in.values().stream().map(ExprCompiler::compile).toArray(Evaluator[]::new);
      boolean negated = in.negated();
      return ctx -> {
        Object v = operand.eval(ctx);
        if (v == null) {
          return null;
        }
        boolean sawNull = false;
        for (Evaluator e : values) {
          Object x = e.eval(ctx);
          if (x == null) {
            sawNull = true;
          } else if (Values.same(v, x)) {
            return !negated;
          }
        }
        return sawNull ? null : (Object) negated;
      };
    }
    if (p instanceof TypedExpr.Between b) {
      Evaluator operand = compile(b.operand());
      Evaluator low = compile(b.low());
      Evaluator high = compile(b.high());
      boolean negated = b.negated();
      return ctx -> {
        Object v = operand.eval(ctx);
        Boolean ge = ordered(Values.compare(v, low.eval(ctx)), 1);
        Boolean le = ordered(Values.compare(v, high.eval(ctx)), -1);
        Boolean r = and(ge, le);
        return r == null ? null : (Object) (r != negated);
      };
    }
    if (p instanceof TypedExpr.Like l) {
      Evaluator operand = compile(l.operand());
      Evaluator pattern = compile(l.pattern());
      boolean negated = l.negated();
      return ctx -> {
        Object s = operand.eval(ctx);
        Object pat = pattern.eval(ctx);
        if (!(s instanceof String str) || !(pat instanceof String ps)) {
          return null;
        }
        Object r = LIKE.apply2(str, ps);
        return r == null ? null : (Object) ((Boolean) r != negated);
      };
    }
    TypedExpr.Matches m = (TypedExpr.Matches) p;
    Evaluator operand = compile(m.operand());
    Evaluator regex = compile(m.regex());
    boolean negated = m.negated();
    return ctx -> {
      Object s = operand.eval(ctx);
      Object re = regex.eval(ctx);
      if (!(s instanceof String str) || !(re instanceof String rs)) {
        return null;
      }
      Object r = MATCHES.apply2(str, rs);
      return r == null ? null : (Object) ((Boolean) r != negated);
    };
  }

  /** A field of an event, a map or nothing. {@code x.time} is the field named time. */
  /** A nested field of a record value (a map or an event), or null. */
  public static Object field(Object target, String name) {
    if (target instanceof Event e) {
      return e.get(name);
    }
    if (target instanceof Map<?, ?> m) {
      return Values.normalize(m.get(name));
    }
    return null;
  }

  /** For {@code >=} pass 1: true when c >= 0. For {@code <=} pass -1. */
  private static Boolean ordered(int c, int direction) {
    if (c == Integer.MIN_VALUE) {
      return null;
    }
    return direction > 0 ? c >= 0 : c <= 0;
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    if (a == null || b == null) {
      return null;
    }
    return true;
  }

  private static Evaluator binary(TypedExpr.Binary b) {
    // Arithmetic, and comparisons over it, pass numbers unboxed (see NumericCompiler).
    switch (b.op()) {
      case ADD, SUB, MUL, DIV, MOD:
        return NumericCompiler.boxed(b);
      case EQ, NE, LT, LE, GT, GE:
        if (NumericCompiler.arithmetic(b.left()) || NumericCompiler.arithmetic(b.right())) {
          return NumericCompiler.comparison(b);
        }
        break;
      default:
        break;
    }
    Evaluator l = compile(b.left());
    Evaluator r = compile(b.right());
    switch (b.op()) {
      case AND:
        return ctx -> {
          Object x = l.eval(ctx);
          if (Boolean.FALSE.equals(x)) {
            return false;
          }
          Object y = r.eval(ctx);
          if (Boolean.FALSE.equals(y)) {
            return false;
          }
          return x instanceof Boolean && y instanceof Boolean ? (Object) true : null;
        };
      case OR:
        return ctx -> {
          Object x = l.eval(ctx);
          if (Boolean.TRUE.equals(x)) {
            return true;
          }
          Object y = r.eval(ctx);
          if (Boolean.TRUE.equals(y)) {
            return true;
          }
          return x instanceof Boolean && y instanceof Boolean ? (Object) false : null;
        };
      case CONCAT:
        return ctx -> {
          Object x = l.eval(ctx);
          Object y = r.eval(ctx);
          return x == null || y == null ? null : Values.text(x) + Values.text(y);
        };
      case EQ:
        return ctx -> Values.equal(l.eval(ctx), r.eval(ctx));
      case NE:
        return ctx -> {
          Boolean e = Values.equal(l.eval(ctx), r.eval(ctx));
          return e == null ? null : (Object) !e;
        };
      case LT:
        return ctx -> compareResult(compare(l.eval(ctx), r.eval(ctx)), -1, false);
      case LE:
        return ctx -> compareResult(compare(l.eval(ctx), r.eval(ctx)), -1, true);
      case GT:
        return ctx -> compareResult(compare(l.eval(ctx), r.eval(ctx)), 1, false);
      default:
        return ctx -> compareResult(compare(l.eval(ctx), r.eval(ctx)), 1, true);
    }
  }

  /** {@link Values#compare}, with the usual case of two longs first. */
  private static int compare(Object x, Object y) {
    if (x instanceof Long a && y instanceof Long b) {
      return Long.compare(a, b);
    }
    return Values.compare(x, y);
  }

  private static Object compareResult(int c, int sign, boolean orEqual) {
    if (c == Integer.MIN_VALUE) {
      return null;
    }
    return c == 0 ? orEqual : (c > 0) == (sign > 0);
  }

  private static Evaluator call(TypedExpr.Call c) {
    ScalarFunction f = c.function();
    List<TypedExpr> args = c.args();
    boolean nulls = f.acceptsNulls();
    switch (args.size()) {
      case 0:
        return ctx -> {
          try {
            return Values.normalize(f.apply0());
          } catch (RuntimeException e) {
            return failed(f, e, ctx);
          }
        };
      case 1:
        {
          Evaluator a = compile(args.get(0));
          return ctx -> {
            Object x = a.eval(ctx);
            if (x == null && !nulls) {
              return null;
            }
            try {
              return Values.normalize(f.apply1(x));
            } catch (RuntimeException e) {
              return failed(f, e, ctx);
            }
          };
        }
      case 2:
        {
          Evaluator a = compile(args.get(0));
          Evaluator b = compile(args.get(1));
          return ctx -> {
            Object x = a.eval(ctx);
            Object y = b.eval(ctx);
            if ((x == null || y == null) && !nulls) {
              return null;
            }
            try {
              return Values.normalize(f.apply2(x, y));
            } catch (RuntimeException e) {
              return failed(f, e, ctx);
            }
          };
        }
      case 3:
        {
          Evaluator a = compile(args.get(0));
          Evaluator b = compile(args.get(1));
          Evaluator d = compile(args.get(2));
          return ctx -> {
            Object x = a.eval(ctx);
            Object y = b.eval(ctx);
            Object z = d.eval(ctx);
            if ((x == null || y == null || z == null) && !nulls) {
              return null;
            }
            try {
              return Values.normalize(f.apply3(x, y, z));
            } catch (RuntimeException e) {
              return failed(f, e, ctx);
            }
          };
        }
      default:
        {
          Evaluator[] es = args.stream().map(ExprCompiler::compile).toArray(Evaluator[]::new);
          return ctx -> {
            Object[] vs = new Object[es.length];
            for (int i = 0; i < es.length; i++) {
              vs[i] = es[i].eval(ctx);
              if (vs[i] == null && !nulls) {
                return null;
              }
            }
            try {
              return Values.normalize(f.apply(vs));
            } catch (RuntimeException e) {
              return failed(f, e, ctx);
            }
          };
        }
    }
  }

  /**
   * A function that throws gives null: one bad argument must not stop the engine. The context
   * reports the failure to the engine evaluating it (its counts and error handler); constant
   * folding evaluates without a context, and its failures are the checker's to report.
   */
  private static Object failed(ScalarFunction f, RuntimeException e, EvalContext ctx) {
    if (ctx != null) {
      ctx.functionFailed(f.name(), e);
    }
    return null;
  }
}
