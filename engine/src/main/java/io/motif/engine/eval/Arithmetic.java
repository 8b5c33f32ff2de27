package io.motif.engine.eval;

import io.motif.engine.plan.TypedExpr;

/**
 * An arithmetic expression ({@code a.price * 0.9}) compiled to be evaluated without boxing, for
 * whoever keeps its value as a primitive (a guard's column): the value is left in the context's
 * {@link EvalContext#numbers} scratch, by the rules every other evaluation of it follows ({@link
 * NumericCompiler}).
 */
public final class Arithmetic {
  private final NumericCompiler.NumEval eval;

  private Arithmetic(NumericCompiler.NumEval eval) {
    this.eval = eval;
  }

  /** Whether {@code p} is arithmetic at its top: its value is a Long, a Double or null. */
  public static boolean is(TypedExpr p) {
    return NumericCompiler.arithmetic(p);
  }

  /** Compiles {@code p}, which {@link #is} arithmetic. */
  public static Arithmetic of(TypedExpr p) {
    if (!is(p)) {
      throw new IllegalArgumentException("not arithmetic: " + p);
    }
    return new Arithmetic(NumericCompiler.numeric(p));
  }

  /** Evaluates in {@code ctx}: the value is in {@code ctx.numbers()} (see {@link Num#isLong}). */
  public Num eval(EvalContext ctx) {
    Num out = ctx.numbers();
    eval.eval(ctx, out);
    return out;
  }
}
