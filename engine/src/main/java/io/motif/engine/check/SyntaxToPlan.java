package io.motif.engine.check;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.SkipPolicy;
import io.motif.engine.plan.Contiguity;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.Skip;
import java.util.ArrayList;
import java.util.List;

/** The checker's translation of syntax enums into the plan's, so nothing later reads the AST. */
final class SyntaxToPlan {
  private SyntaxToPlan() {}

  static Contiguity contiguity(Arrow a) {
    return Contiguity.valueOf(a.name());
  }

  static List<Contiguity> arrows(List<Arrow> arrows) {
    List<Contiguity> out = new ArrayList<>(arrows.size());
    arrows.forEach(a -> out.add(contiguity(a)));
    return out;
  }

  static Skip skip(SkipPolicy s) {
    return Skip.valueOf(s.name());
  }

  static Op op(Expr.UnaryOp op) {
    return Op.valueOf(op.name());
  }

  static Op op(Expr.BinaryOp op) {
    return Op.valueOf(op.name());
  }
}
