package io.motif.engine.check;

import io.motif.engine.plan.PExpr;
import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;

/** Evaluates an expression that reads no event, at compile time. */
final class ConstantFolder {
  private ConstantFolder() {}

  static final class NotConstant extends Exception {
    NotConstant() {
      super(null, null, false, false);
    }
  }

  static Object fold(PExpr p) throws NotConstant {
    if (!isConstant(p)) {
      throw new NotConstant();
    }
    Evaluator e = ExprCompiler.compile(p);
    return e.eval(null);
  }

  private static boolean isConstant(PExpr p) {
    if (p instanceof PExpr.Const) {
      return true;
    }
    if (p instanceof PExpr.Unary u) {
      return isConstant(u.operand());
    }
    if (p instanceof PExpr.Binary b) {
      return isConstant(b.left()) && isConstant(b.right());
    }
    if (p instanceof PExpr.Call c) {
      return c.args().stream().allMatch(ConstantFolder::isConstant);
    }
    if (p instanceof PExpr.IsNull n) {
      return isConstant(n.operand());
    }
    if (p instanceof PExpr.In in) {
      return isConstant(in.operand()) && in.values().stream().allMatch(ConstantFolder::isConstant);
    }
    if (p instanceof PExpr.Between b) {
      return isConstant(b.operand()) && isConstant(b.low()) && isConstant(b.high());
    }
    if (p instanceof PExpr.Like l) {
      return isConstant(l.operand()) && isConstant(l.pattern());
    }
    if (p instanceof PExpr.Matches m) {
      return isConstant(m.operand()) && isConstant(m.regex());
    }
    return false;
  }
}
