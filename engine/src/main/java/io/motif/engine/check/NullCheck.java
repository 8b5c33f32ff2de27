package io.motif.engine.check;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.engine.plan.AggSpec;
import io.motif.engine.plan.BindingInfo;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.PExpr;
import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warnings for expressions of one pattern that can only ever be null (LANGUAGE.md §8, "Values":
 * any null operand gives null, and only `true` satisfies a condition): a comparison with the literal
 * `null` (never true: write `is null`), and a condition conjunct or an emitted field that is null
 * whatever the events, because it computes with `null` or reads a field that none of the declared
 * types its event can have declares. Only certain cases are reported: an undeclared type, a
 * function that accepts nulls (`coalesce`, `if`), `and`/`or` with one side that may be known, and
 * aggregates are taken to be possibly non-null.
 */
final class NullCheck {
  private final Diagnostics diagnostics;
  private final Map<String, EventTypeInfo> eventTypes;
  /** Every type each binding name is bound to (several under `|`). */
  private final Map<String, Set<String>> bindingTypes;
  private final Map<String, BindingInfo> bindings;
  private final List<AggSpec> aggs;
  /** The types `prev` can hold: those of the pattern's positive atoms. */
  private final Set<String> prevTypes = new LinkedHashSet<>();

  NullCheck(Diagnostics diagnostics, Map<String, EventTypeInfo> eventTypes,
      Map<String, Set<String>> bindingTypes, Map<String, BindingInfo> bindings,
      List<AggSpec> aggs, PatternExpr match) {
    this.diagnostics = diagnostics;
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
  void condition(Expr source, PExpr plan, String consequence) {
    List<Expr> sources = new ArrayList<>();
    List<PExpr> plans = new ArrayList<>();
    conjuncts(source, plan, sources, plans);
    for (int i = 0; i < plans.size(); i++) {
      if (nullComparisons(sources.get(i)) > 0) {
        continue; // said more precisely already
      }
      String reason = reason(plans.get(i));
      if (reason != null) {
        diagnostics.warning(Codes.ALWAYS_NULL, consequence + ": `" + AstPrinter.print(
            sources.get(i)) + "` is always null, " + reason, sources.get(i).span());
      }
    }
  }

  /** An emitted field: a bare `null` is deliberate; a computation that is always null is not. */
  void emitField(Expr source, PExpr plan, String field, String clause) {
    if (nullComparisons(source) > 0 || plan instanceof PExpr.Const) {
      return;
    }
    String reason = reason(plan);
    if (reason != null) {
      diagnostics.warning(Codes.ALWAYS_NULL, "field `" + field + "` of `" + clause
          + "` is always null, " + reason, source.span());
    }
  }

  /** Pairs the `and`-conjuncts of a condition with their plans (the plan mirrors the syntax). */
  private static void conjuncts(Expr source, PExpr plan, List<Expr> sources, List<PExpr> plans) {
    if (source instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND
        && plan instanceof PExpr.Binary p && p.op() == Op.AND) {
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
        String fix = b.op() == Expr.BinaryOp.EQ ? "; write `" + AstPrinter.print(other)
            + " is null`" : b.op() == Expr.BinaryOp.NE ? "; write `" + AstPrinter.print(other)
            + " is not null`" : "";
        diagnostics.warning(Codes.NULL_COMPARISON, "`" + AstPrinter.print(b) + "` is never"
            + " true: a comparison with `null` is unknown" + fix, b.span());
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
  private String reason(PExpr p) {
    if (p instanceof PExpr.Const c) {
      return c.value() == null ? "as any operation on `null` gives `null`" : null;
    }
    if (p instanceof PExpr.Field f) {
      String r = reason(f.target());
      return r != null ? r : missingField(f.target(), f.field());
    }
    if (p instanceof PExpr.EventTime t) {
      return reason(t.event());
    }
    if (p instanceof PExpr.Unary u) {
      return reason(u.operand());
    }
    if (p instanceof PExpr.Binary b) {
      String l = reason(b.left());
      String r = reason(b.right());
      if (b.op() == Op.AND || b.op() == Op.OR) {
        return l != null && r != null ? l : null;
      }
      return l != null ? l : r;
    }
    if (p instanceof PExpr.Call c) {
      if (c.function().acceptsNulls()) {
        return null;
      }
      for (PExpr a : c.args()) {
        String r = reason(a);
        if (r != null) {
          return r;
        }
      }
      return null;
    }
    if (p instanceof PExpr.In in) {
      return reason(in.operand());
    }
    if (p instanceof PExpr.Between b) {
      return reason(b.operand());
    }
    if (p instanceof PExpr.Like l) {
      String r = reason(l.operand());
      return r != null ? r : reason(l.pattern());
    }
    if (p instanceof PExpr.Matches m) {
      String r = reason(m.operand());
      return r != null ? r : reason(m.regex());
    }
    return null;
  }

  /**
   * A field no candidate type declares, when every type the event can have is declared. (A
   * single declared type is checked by the checker itself: an unknown field is an error there.)
   */
  private String missingField(PExpr target, String field) {
    String who;
    Set<String> types;
    if (target instanceof PExpr.Binding b) {
      who = "`" + b.name() + "`";
      types = bindingTypes.get(b.name());
    } else if (target instanceof PExpr.Prev) {
      who = "`prev`";
      types = prevTypes;
    } else if (target instanceof PExpr.Aggregate a && a.slot() < aggs.size()
        && aggs.get(a.slot()).argument() instanceof PExpr.Element) {
      String name = bindingName(aggs.get(a.slot()).binding());
      who = "`" + aggs.get(a.slot()).text() + "`";
      types = name == null ? null : bindingTypes.get(name);
    } else {
      return null;
    }
    if (types == null || types.isEmpty()) {
      return null;
    }
    for (String t : types) {
      EventTypeInfo info = eventTypes.get(t);
      if (info == null || info.fields().containsKey(field)) {
        return null;
      }
    }
    List<String> names = new ArrayList<>(types);
    String last = names.remove(names.size() - 1);
    String list = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
    return "as " + who + " is an event of type " + list + (types.size() == 1
        ? ", which declares no field `" : types.size() == 2 ? ", and neither declares a field `"
        : ", and none of them declares a field `") + field + "`";
  }

  private String bindingName(int slot) {
    for (BindingInfo b : bindings.values()) {
      if (b.slot() == slot) {
        return b.name();
      }
    }
    return null;
  }

  private void positiveTypes(PatternExpr p) {
    if (p instanceof PatternExpr.Atom a) {
      prevTypes.add(a.type().name());
    } else if (p instanceof PatternExpr.Sequence s) {
      s.elements().forEach(this::positiveTypes);
    } else if (p instanceof PatternExpr.Repetition r) {
      positiveTypes(r.body());
    } else if (p instanceof PatternExpr.Alternation a) {
      a.alternatives().forEach(this::positiveTypes);
    } else if (p instanceof PatternExpr.Conjunction c) {
      c.parts().forEach(this::positiveTypes);
    }
  }
}
