package io.motif.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import io.motif.function.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Unboxed arithmetic and the comparisons over it give exactly what {@link Values} gives, operation
 * by operation, the answer the boxed path gave before it and the reference evaluator gives: random
 * expression trees over values chosen for their corners (overflow, zero divisors, NaN, signed
 * zeros, longs beyond 2^53, integers of other widths, floats, other numbers, non-numbers, null).
 */
class NumericCompilerTest {
  private static final Object[] VALUES = {
    null,
    0L,
    1L,
    -1L,
    2L,
    7L,
    -3L,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    (1L << 53) + 1,
    3,
    (short) 5,
    (byte) -2,
    2.5,
    -0.0,
    0.0,
    1.0,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    1e300,
    9.223372036854776E18,
    (double) (1L << 53),
    3.0f,
    -0.5f,
    new BigDecimal("1.5"),
    "abc",
    "1",
    true,
    false
  };

  private static final Op[] ARITHMETIC = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MOD};
  private static final Op[] COMPARISONS = {Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE};

  /** Leaves read through an aggregate slot are not constants: they take the compiled leaf path. */
  private static final class Slots implements EvalContext {
    final Object[] values = new Object[VALUES.length];
    final Num numbers = new Num();

    Slots() {
      System.arraycopy(VALUES, 0, values, 0, VALUES.length);
    }

    @Override
    public Event current() {
      return null;
    }

    @Override
    public Event prev() {
      return null;
    }

    @Override
    public Event binding(int slot) {
      return null;
    }

    @Override
    public Object aggregate(int slot) {
      return values[slot];
    }

    @Override
    public Num numbers() {
      return numbers;
    }
  }

  private final SplittableRandom rnd = new SplittableRandom(0x5EED);

  private TypedExpr leaf() {
    int i = rnd.nextInt(VALUES.length);
    return rnd.nextBoolean()
        ? new TypedExpr.Const(VALUES[i], Type.ANY)
        : new TypedExpr.Aggregate(i, Type.ANY);
  }

  private TypedExpr arithmetic(int depth) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      return leaf();
    }
    if (rnd.nextInt(6) == 0) {
      return new TypedExpr.Unary(Op.NEGATE, arithmetic(depth - 1), Type.ANY);
    }
    Op op = ARITHMETIC[rnd.nextInt(ARITHMETIC.length)];
    return new TypedExpr.Binary(op, arithmetic(depth - 1), arithmetic(depth - 1), Type.ANY);
  }

  private TypedExpr expression() {
    TypedExpr left = arithmetic(3);
    TypedExpr right = arithmetic(2);
    if (rnd.nextInt(4) == 0) {
      return left;
    }
    TypedExpr[] sides =
        rnd.nextBoolean() ? new TypedExpr[] {left, right} : new TypedExpr[] {right, left};
    Op op = COMPARISONS[rnd.nextInt(COMPARISONS.length)];
    TypedExpr cmp = new TypedExpr.Binary(op, sides[0], sides[1], Type.BOOLEAN);
    return rnd.nextInt(5) == 0 ? new TypedExpr.Unary(Op.NOT, cmp, Type.BOOLEAN) : cmp;
  }

  /** The rules as {@link Values} states them, node by node, boxed: the plain reading. */
  private static Object reference(TypedExpr e, EvalContext ctx) {
    if (e instanceof TypedExpr.Const c) {
      return c.value();
    }
    if (e instanceof TypedExpr.Aggregate a) {
      return ctx.aggregate(a.slot());
    }
    if (e instanceof TypedExpr.Call call) {
      List<Object> args = new ArrayList<>();
      for (TypedExpr a : call.args()) {
        Object v = reference(a, ctx);
        if (v == null && !call.function().acceptsNulls()) {
          return null;
        }
        args.add(v);
      }
      try {
        return Values.normalize(call.function().apply(args.toArray()));
      } catch (RuntimeException failed) {
        return null;
      }
    }
    if (e instanceof TypedExpr.Unary u) {
      Object v = reference(u.operand(), ctx);
      if (u.op() == Op.NOT) {
        return v instanceof Boolean b ? (Object) !b : null;
      }
      return Values.negate(v);
    }
    TypedExpr.Binary b = (TypedExpr.Binary) e;
    Object l = reference(b.left(), ctx);
    Object r = reference(b.right(), ctx);
    return switch (b.op()) {
      case ADD -> Values.add(l, r);
      case SUB -> Values.subtract(l, r);
      case MUL -> Values.multiply(l, r);
      case DIV -> Values.divide(l, r);
      case MOD -> Values.remainder(l, r);
      case EQ -> Values.equal(l, r);
      case NE -> {
        Boolean eq = Values.equal(l, r);
        yield eq == null ? null : !eq;
      }
      default -> {
        int c = Values.compare(l, r);
        if (c == Integer.MIN_VALUE) {
          yield null;
        }
        yield switch (b.op()) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
      }
    };
  }

  @Test
  void agreesWithValuesOnRandomExpressions() {
    Slots ctx = new Slots();
    int cases = 20_000;
    int nulls = 0;
    int longs = 0;
    int doubles = 0;
    int booleans = 0;
    for (int k = 0; k < cases; k++) {
      TypedExpr e = expression();
      Object expected = reference(e, ctx);
      Object actual = ExprCompiler.compile(e).eval(ctx);
      assertEquals(expected, actual, () -> e.toString());
      // without a context too, as constant folding evaluates
      if (!mentionsSlot(e)) {
        assertTrue(Objects.equals(expected, ExprCompiler.compile(e).eval(null)), e::toString);
      }
      if (expected == null) {
        nulls++;
      } else if (expected instanceof Long) {
        longs++;
      } else if (expected instanceof Double) {
        doubles++;
      } else {
        booleans++;
      }
    }
    // what the cases exercised, not only what they contained
    assertTrue(nulls > cases / 20, "nulls " + nulls);
    assertTrue(longs > cases / 50, "longs " + longs);
    assertTrue(doubles > cases / 50, "doubles " + doubles);
    assertTrue(booleans > cases / 4, "comparisons " + booleans);
  }

  private static boolean mentionsSlot(TypedExpr e) {
    if (e instanceof TypedExpr.Aggregate) {
      return true;
    }
    for (TypedExpr c : e.children()) {
      if (mentionsSlot(c)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void cornersByHand() {
    Slots ctx = new Slots();
    assertNull(eval(Op.ADD, Long.MAX_VALUE, 1L, ctx), "overflow is null");
    assertNull(eval(Op.MUL, Long.MIN_VALUE, -1L, ctx));
    assertNull(eval(Op.DIV, Long.MIN_VALUE, -1L, ctx));
    assertEquals(0L, eval(Op.MOD, Long.MIN_VALUE, -1L, ctx));
    assertNull(eval(Op.DIV, 1.0, -0.0, ctx), "a zero divisor is null, -0.0 too");
    assertNull(eval(Op.ADD, "1", 1L, ctx), "a string is not a number");
    assertEquals(3.5, eval(Op.ADD, new BigDecimal("1.5"), 2L, ctx), "another Number is a double");
    assertEquals(false, eval(Op.EQ, new TypedExpr.Binary(Op.ADD, c(1L), c(1L), Type.ANY), c("2")));
    assertNull(eval(Op.LT, new TypedExpr.Binary(Op.ADD, c(1L), c(1L), Type.ANY), c("2")));
    assertEquals(
        true,
        eval(Op.GT, new TypedExpr.Binary(Op.ADD, c((1L << 53)), c(1L), Type.ANY), c(0x1p53)),
        "2^53 + 1 > 2^53: a long and a double compare exactly");
    assertNull(
        eval(Op.GE, new TypedExpr.Binary(Op.MUL, c(Double.NaN), c(1L), Type.ANY), c(1L)),
        "NaN orders with nothing");
    assertEquals(
        false,
        eval(Op.EQ, new TypedExpr.Binary(Op.MUL, c(Double.NaN), c(1L), Type.ANY), c(Double.NaN)));
    assertNull(ExprCompiler.compile(new TypedExpr.Unary(Op.NEGATE, c(3.0f), Type.ANY)).eval(ctx));
  }

  private static TypedExpr c(Object v) {
    return new TypedExpr.Const(v, Type.ANY);
  }

  private static Object eval(Op op, Object l, Object r, EvalContext ctx) {
    return ExprCompiler.compile(new TypedExpr.Binary(op, c(l), c(r), Type.ANY)).eval(ctx);
  }

  private static Object eval(Op op, TypedExpr l, TypedExpr r) {
    return ExprCompiler.compile(new TypedExpr.Binary(op, l, r, Type.BOOLEAN)).eval(new Slots());
  }

  /**
   * {@code price < a.price * 0.9 + fee - 1} allocates nothing, whether or not the JIT would have
   * removed the boxes (counted by the thread's allocated bytes, not timed).
   */
  @Test
  void arithmeticComparisonsAllocateNothing() {
    Slots ctx = new Slots();
    ctx.values[0] = 101.5;
    ctx.values[1] = 120.25;
    ctx.values[2] = 3L;
    TypedExpr product =
        new TypedExpr.Binary(
            Op.SUB,
            new TypedExpr.Binary(
                Op.ADD,
                new TypedExpr.Binary(
                    Op.MUL, new TypedExpr.Aggregate(1, Type.ANY), c(0.9), Type.DOUBLE),
                new TypedExpr.Aggregate(2, Type.ANY),
                Type.DOUBLE),
            c(1L),
            Type.DOUBLE);
    Evaluator e =
        ExprCompiler.compile(
            new TypedExpr.Binary(
                Op.LT, new TypedExpr.Aggregate(0, Type.ANY), product, Type.BOOLEAN));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int trues = 0;
    for (int i = 0; i < 10_000; i++) {
      trues += e.eval(ctx) == Boolean.TRUE ? 1 : 0;
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      trues += e.eval(ctx) == Boolean.TRUE ? 1 : 0;
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertEquals(110_000, trues);
    assertTrue(allocated < 10_000, allocated + " bytes for 100,000 evaluations");
  }

  /**
   * A comparison inside a leaf of arithmetic ({@code if(x + 1 > y, ...)} as an operand) uses the
   * context's scratch while the outer arithmetic is half done: the outer sides keep their values.
   */
  @Test
  void nestedComparisonsShareTheScratch() {
    ScalarFunction choose = FunctionRegistry.standard().scalar("if");
    Slots ctx = new Slots();
    int decided = 0;
    for (int k = 0; k < 5_000; k++) {
      TypedExpr inner = new TypedExpr.Binary(Op.GT, arithmetic(2), arithmetic(1), Type.BOOLEAN);
      TypedExpr chosen =
          new TypedExpr.Call(choose, List.of(inner, arithmetic(1), arithmetic(1)), Type.ANY);
      TypedExpr outer =
          new TypedExpr.Binary(
              COMPARISONS[rnd.nextInt(COMPARISONS.length)],
              new TypedExpr.Binary(Op.ADD, arithmetic(2), arithmetic(1), Type.ANY),
              new TypedExpr.Binary(Op.MUL, arithmetic(1), chosen, Type.ANY),
              Type.BOOLEAN);
      Object expected = reference(outer, ctx);
      assertEquals(expected, ExprCompiler.compile(outer).eval(ctx), outer::toString);
      if (expected != null) {
        decided++;
      }
    }
    assertTrue(decided > 250, "decided " + decided);
  }
}
