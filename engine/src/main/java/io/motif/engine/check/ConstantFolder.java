package io.motif.engine.check;

import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.plan.TypedExpr;

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
  static Object fold(TypedExpr p) throws NotConstant {
    if (!p.accept(IS_CONSTANT)) {
      throw new NotConstant();
    }
    Evaluator e = ExprCompiler.compile(p);
    return e.eval(null);
  }

  /** True for literals and operators and calls over them; false for whatever reads an event. */
  private static final TypedExpr.Visitor<Boolean> IS_CONSTANT =
      new TypedExpr.Visitor<>() {
        private boolean all(TypedExpr p) {
          for (TypedExpr child : p.children()) {
            if (!child.accept(this)) {
              return false;
            }
          }
          return true;
        }

        @Override
        public Boolean visitConst(TypedExpr.Const e) {
          return true;
        }

        @Override
        public Boolean visitCurrent(TypedExpr.Current e) {
          return false;
        }

        @Override
        public Boolean visitCurrentField(TypedExpr.CurrentField e) {
          return false;
        }

        @Override
        public Boolean visitBinding(TypedExpr.Binding e) {
          return false;
        }

        @Override
        public Boolean visitElement(TypedExpr.Element e) {
          return false;
        }

        @Override
        public Boolean visitPrev(TypedExpr.Prev e) {
          return false;
        }

        @Override
        public Boolean visitField(TypedExpr.Field e) {
          return false;
        }

        @Override
        public Boolean visitEventTime(TypedExpr.EventTime e) {
          return false;
        }

        @Override
        public Boolean visitCall(TypedExpr.Call e) {
          return all(e);
        }

        @Override
        public Boolean visitAggregate(TypedExpr.Aggregate e) {
          return false;
        }

        @Override
        public Boolean visitUnary(TypedExpr.Unary e) {
          return all(e);
        }

        @Override
        public Boolean visitBinary(TypedExpr.Binary e) {
          return all(e);
        }

        @Override
        public Boolean visitIsNull(TypedExpr.IsNull e) {
          return all(e);
        }

        @Override
        public Boolean visitIn(TypedExpr.In e) {
          return all(e);
        }

        @Override
        public Boolean visitBetween(TypedExpr.Between e) {
          return all(e);
        }

        @Override
        public Boolean visitLike(TypedExpr.Like e) {
          return all(e);
        }

        @Override
        public Boolean visitMatches(TypedExpr.Matches e) {
          return all(e);
        }

        @Override
        public Boolean visitError(TypedExpr.Error e) {
          return false;
        }
      };
}
