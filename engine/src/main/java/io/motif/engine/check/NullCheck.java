package io.motif.engine.check;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warnings for expressions of one pattern that can only ever be null (LANGUAGE.md §8, "Values": any
 * null operand gives null, and only `true` satisfies a condition): a comparison with the literal
 * `null` (never true: write `is null`), and a condition conjunct or an emitted field that is null
 * whatever the events, because it computes with `null` or reads a field that none of the declared
 * types its event can have declares. Only certain cases are reported: an undeclared type, a
 * function that accepts nulls (`coalesce`, `if`), `and`/`or` with one side that may be known, and
 * aggregates are taken to be possibly non-null.
 */
final class NullCheck {
  private final Problems problems;
  private final Map<String, EventTypeDecl> eventTypes;

  /** Every type each binding name is bound to (several under `|`). */
  private final Map<String, Set<String>> bindingTypes;

  private final Map<String, BindingDecl> bindings;
  private final List<Aggregation> aggs;

  /** The types `prev` can hold: those of the pattern's positive atoms. */
  private final Set<String> prevTypes = new LinkedHashSet<>();

  NullCheck(
      Problems problems,
      Map<String, EventTypeDecl> eventTypes,
      Map<String, Set<String>> bindingTypes,
      Map<String, BindingDecl> bindings,
      List<Aggregation> aggs,
      PatternExpr match) {
    this.problems = problems;
    this.eventTypes = eventTypes;
    this.bindingTypes = bindingTypes;
    this.bindings = bindings;
    this.aggs = aggs;
    positiveTypes(match);
  }

  /**
   * A condition (an atom's, a negation's or a `where` conjunct): each of its `and`-conjuncts that
   * is always null makes it never true; {@code consequence} says what that means, such as "this
   * `where` condition is never true, so pattern P never matches".
   */
  void condition(Expr source, TypedExpr plan, String consequence) {
    List<Expr> sources = new ArrayList<>();
    List<TypedExpr> plans = new ArrayList<>();
    conjuncts(source, plan, sources, plans);
    for (int i = 0; i < plans.size(); i++) {
      if (nullComparisons(sources.get(i)) > 0) {
        continue; // said more precisely already
      }
      String reason = reason(plans.get(i));
      if (reason != null) {
        problems.alwaysNullCondition(
            consequence, AstPrinter.print(sources.get(i)), reason, sources.get(i).span());
      }
    }
  }

  /** An emitted field: a bare `null` is deliberate; a computation that is always null is not. */
  void emitField(Expr source, TypedExpr plan, String field, String clause) {
    if (nullComparisons(source) > 0 || plan instanceof TypedExpr.Const) {
      return;
    }
    String reason = reason(plan);
    if (reason != null) {
      problems.alwaysNullField(field, clause, reason, source.span());
    }
  }

  /** Pairs the `and`-conjuncts of a condition with their plans (the plan mirrors the syntax). */
  private static void conjuncts(
      Expr source, TypedExpr plan, List<Expr> sources, List<TypedExpr> plans) {
    if (source instanceof Expr.Binary b
        && b.op() == Expr.BinaryOp.AND
        && plan instanceof TypedExpr.Binary p
        && p.op() == Op.AND) {
      conjuncts(b.left(), p.left(), sources, plans);
      conjuncts(b.right(), p.right(), sources, plans);
    } else {
      sources.add(source);
      plans.add(plan);
    }
  }

  /** Warns about every comparison with the literal `null` in {@code e}; returns how many. */
  private int nullComparisons(Expr e) {
    int n = 0;
    if (e instanceof Expr.Binary b) {
      if (b.op().isComparison() && (isNull(b.left()) || isNull(b.right()))) {
        Expr other = isNull(b.left()) ? b.right() : b.left();
        if (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) {
          problems.nullEquality(
              AstPrinter.print(b), AstPrinter.print(other), b.op() == Expr.BinaryOp.NE, b.span());
        } else {
          problems.nullOrdering(AstPrinter.print(b), b.span());
        }
        n++;
      }
      return n + nullComparisons(b.left()) + nullComparisons(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return nullComparisons(u.operand());
    }
    if (e instanceof Expr.Field f) {
      return nullComparisons(f.target());
    }
    if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) {
        n += nullComparisons(a);
      }
      return n;
    }
    if (e instanceof Expr.IsNull i) {
      return nullComparisons(i.operand());
    }
    if (e instanceof Expr.In in) {
      n = nullComparisons(in.operand());
      for (Expr v : in.values()) {
        n += nullComparisons(v);
      }
      return n;
    }
    if (e instanceof Expr.Between b) {
      return nullComparisons(b.operand()) + nullComparisons(b.low()) + nullComparisons(b.high());
    }
    if (e instanceof Expr.Like l) {
      return nullComparisons(l.operand()) + nullComparisons(l.pattern());
    }
    if (e instanceof Expr.Matches m) {
      return nullComparisons(m.operand()) + nullComparisons(m.regex());
    }
    return 0;
  }

  private static boolean isNull(Expr e) {
    return e instanceof Expr.Literal l && l.value() == null;
  }

  /** Why {@code p} is null whatever the events, or null when it may have a value. */
  private String reason(TypedExpr p) {
    return p.accept(reasons);
  }

  /** The first reason among {@code candidates}, in order, or null. */
  private String first(TypedExpr... candidates) {
    for (TypedExpr c : candidates) {
      String r = reason(c);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /**
   * Why each kind of node is always null: an operand that is (but only the operand of `in` and
   * `between`, whose lists may hold a null on purpose), a field no type declares; `and`/`or` only
   * when both sides are; never a function that accepts nulls, an aggregate or a binding.
   */
  private final TypedExpr.Visitor<String> reasons =
      new TypedExpr.Visitor<>() {
        @Override
        public String visitConst(TypedExpr.Const e) {
          return e.value() == null ? Problems.nullOperand() : null;
        }

        @Override
        public String visitCurrent(TypedExpr.Current e) {
          return null;
        }

        @Override
        public String visitCurrentField(TypedExpr.CurrentField e) {
          return null;
        }

        @Override
        public String visitBinding(TypedExpr.Binding e) {
          return null;
        }

        @Override
        public String visitElement(TypedExpr.Element e) {
          return null;
        }

        @Override
        public String visitPrev(TypedExpr.Prev e) {
          return null;
        }

        @Override
        public String visitField(TypedExpr.Field e) {
          String r = reason(e.target());
          return r != null ? r : missingField(e.target(), e.field());
        }

        @Override
        public String visitEventTime(TypedExpr.EventTime e) {
          return reason(e.event());
        }

        @Override
        public String visitCall(TypedExpr.Call e) {
          return e.function().acceptsNulls() ? null : first(e.args().toArray(new TypedExpr[0]));
        }

        @Override
        public String visitAggregate(TypedExpr.Aggregate e) {
          return null;
        }

        @Override
        public String visitUnary(TypedExpr.Unary e) {
          return reason(e.operand());
        }

        @Override
        public String visitBinary(TypedExpr.Binary e) {
          if (e.op() == Op.AND || e.op() == Op.OR) {
            String l = reason(e.left());
            return l != null && reason(e.right()) != null ? l : null;
          }
          return first(e.left(), e.right());
        }

        @Override
        public String visitIsNull(TypedExpr.IsNull e) {
          return null;
        }

        @Override
        public String visitIn(TypedExpr.In e) {
          return reason(e.operand());
        }

        @Override
        public String visitBetween(TypedExpr.Between e) {
          return reason(e.operand());
        }

        @Override
        public String visitLike(TypedExpr.Like e) {
          return first(e.operand(), e.pattern());
        }

        @Override
        public String visitMatches(TypedExpr.Matches e) {
          return first(e.operand(), e.regex());
        }

        @Override
        public String visitError(TypedExpr.Error e) {
          return null;
        }
      };

  /**
   * A field no candidate type declares, when every type the event can have is declared. (A single
   * declared type is checked by the checker itself: an unknown field is an error there.)
   */
  private String missingField(TypedExpr target, String field) {
    String who;
    Set<String> types;
    if (target instanceof TypedExpr.Binding b) {
      who = b.name();
      types = bindingTypes.get(b.name());
    } else if (target instanceof TypedExpr.Prev) {
      who = "prev";
      types = prevTypes;
    } else if (target instanceof TypedExpr.Aggregate a
        && a.slot() < aggs.size()
        && aggs.get(a.slot()).argument() instanceof TypedExpr.Element) {
      String name = bindingName(aggs.get(a.slot()).binding());
      who = aggs.get(a.slot()).text();
      types = name == null ? null : bindingTypes.get(name);
    } else {
      return null;
    }
    if (types == null || types.isEmpty()) {
      return null;
    }
    for (String t : types) {
      EventTypeDecl info = eventTypes.get(t);
      if (info == null || info.fields().containsKey(field)) {
        return null;
      }
    }
    return Problems.missingField(who, new ArrayList<>(types), field);
  }

  private String bindingName(int slot) {
    for (BindingDecl b : bindings.values()) {
      if (b.slot() == slot) {
        return b.name();
      }
    }
    return null;
  }

  /** The types of the atoms not under `not`: those `prev` can hold. */
  private void positiveTypes(PatternExpr p) {
    if (p instanceof PatternExpr.Atom a) {
      prevTypes.add(a.type().name());
    } else {
      PatternShape.children(p).forEach(this::positiveTypes);
    }
  }
}
