package io.motif.engine.check;

import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.plan.PExpr;

/** Evaluates an expression that reads no event, at compile time. */
final class ConstantFolder {
  private ConstantFolder() {}

  /** Thrown by {@link #fold} for an expression that reads an event or an aggregate. */
  static final class NotConstant extends Exception {
    NotConstant() {
      super(null, null, false, false);
    }
  }

  /** The value of {@code p}, which must be free of errors. */
  static Object fold(PExpr p) throws NotConstant {
    if (!p.accept(IS_CONSTANT)) {
      throw new NotConstant();
    }
    Evaluator e = ExprCompiler.compile(p);
    return e.eval(null);
  }

  /** True for literals and operators and calls over them; false for whatever reads an event. */
  private static final PExpr.Visitor<Boolean> IS_CONSTANT = new PExpr.Visitor<>() {
    private boolean all(PExpr p) {
      for (PExpr child : p.children()) {
        if (!child.accept(this)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Boolean visitConst(PExpr.Const e) {
      return true;
    }

    @Override
    public Boolean visitCurrent(PExpr.Current e) {
      return false;
    }

    @Override
    public Boolean visitCurrentField(PExpr.CurrentField e) {
      return false;
    }

    @Override
    public Boolean visitBinding(PExpr.Binding e) {
      return false;
    }

    @Override
    public Boolean visitElement(PExpr.Element e) {
      return false;
    }

    @Override
    public Boolean visitPrev(PExpr.Prev e) {
      return false;
    }

    @Override
    public Boolean visitField(PExpr.Field e) {
      return false;
    }

    @Override
    public Boolean visitEventTime(PExpr.EventTime e) {
      return false;
    }

    @Override
    public Boolean visitCall(PExpr.Call e) {
      return all(e);
    }

    @Override
    public Boolean visitAggregate(PExpr.Aggregate e) {
      return false;
    }

    @Override
    public Boolean visitUnary(PExpr.Unary e) {
      return all(e);
    }

    @Override
    public Boolean visitBinary(PExpr.Binary e) {
      return all(e);
    }

    @Override
    public Boolean visitIsNull(PExpr.IsNull e) {
      return all(e);
    }

    @Override
    public Boolean visitIn(PExpr.In e) {
      return all(e);
    }

    @Override
    public Boolean visitBetween(PExpr.Between e) {
      return all(e);
    }

    @Override
    public Boolean visitLike(PExpr.Like e) {
      return all(e);
    }

    @Override
    public Boolean visitMatches(PExpr.Matches e) {
      return all(e);
    }

    @Override
    public Boolean visitError(PExpr.Error e) {
      return false;
    }
  };
}
