package io.motif.engine.automaton;

import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A condition prepared for explaining why it is false (the runtime's tracer): split into its {@code
 * and}-ed parts, each with its text and the values it reads ({@code ip}, {@code last(f).ip}, {@code
 * time(s)}), compiled once. Only tracing uses it.
 */
public final class ConditionText {
  /** One {@code and}-ed part: its text, its evaluator, and what it reads. */
  public record Part(String text, Evaluator eval, List<String> readTexts, List<Evaluator> reads) {}

  private ConditionText() {}

  /**
   * The parts of {@code condition}; {@code own} names the binding the atom fills (what {@link
   * TypedExpr.Current} means), or null.
   */
  static List<Part> parts(TypedExpr condition, String own, List<Aggregation> aggs) {
    List<TypedExpr> conjuncts = new ArrayList<>();
    split(condition, conjuncts);
    List<Part> out = new ArrayList<>();
    for (TypedExpr c : conjuncts) {
      out.add(part(c, own, aggs));
    }
    return out;
  }

  /** One part, with {@code text} (from the source) when there is one, else printed. */
  static Part part(TypedExpr c, String own, List<Aggregation> aggs, String text) {
    Map<String, TypedExpr> reads = new LinkedHashMap<>();
    reads(c, own, aggs, reads);
    List<Evaluator> evals = new ArrayList<>();
    reads.values().forEach(r -> evals.add(ExprCompiler.compile(r)));
    return new Part(text, ExprCompiler.compile(c), List.copyOf(reads.keySet()), evals);
  }

  private static Part part(TypedExpr c, String own, List<Aggregation> aggs) {
    return part(c, own, aggs, print(c, own, aggs));
  }

  private static void split(TypedExpr e, List<TypedExpr> out) {
    if (e instanceof TypedExpr.Binary b && b.op() == Op.AND) {
      split(b.left(), out);
      split(b.right(), out);
    } else {
      out.add(e);
    }
  }

  /** A string as Motif writes it, quoted and escaped. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  // ---- what an expression reads ----

  /** The longest field paths an expression reads, rooted at a field, binding, prev or aggregate. */
  private static void reads(
      TypedExpr e, String own, List<Aggregation> aggs, Map<String, TypedExpr> out) {
    String path = path(e, own, aggs);
    if (path != null) {
      out.putIfAbsent(path, e);
      return;
    }
    for (TypedExpr child : children(e)) {
      reads(child, own, aggs, out);
    }
  }

  /** The text of a read ({@code s.ip}, {@code last(f).ip}, {@code time(s)}), or null. */
  private static String path(TypedExpr e, String own, List<Aggregation> aggs) {
    if (e instanceof TypedExpr.CurrentField f) {
      return f.field();
    }
    if (e instanceof TypedExpr.Current) {
      return own == null ? "it" : own;
    }
    if (e instanceof TypedExpr.Binding b) {
      return b.name();
    }
    if (e instanceof TypedExpr.Prev) {
      return "prev";
    }
    if (e instanceof TypedExpr.Aggregate a) {
      return aggs.get(a.slot()).text();
    }
    if (e instanceof TypedExpr.Field f) {
      String target = path(f.target(), own, aggs);
      return target == null ? null : target + "." + f.field();
    }
    if (e instanceof TypedExpr.EventTime t) {
      String target = path(t.event(), own, aggs);
      return target == null ? null : "time(" + target + ")";
    }
    return null;
  }

  private static List<TypedExpr> children(TypedExpr e) {
    if (e instanceof TypedExpr.Field f) {
      return List.of(f.target());
    }
    if (e instanceof TypedExpr.EventTime t) {
      return List.of(t.event());
    }
    if (e instanceof TypedExpr.Call c) {
      return c.args();
    }
    if (e instanceof TypedExpr.Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof TypedExpr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof TypedExpr.IsNull n) {
      return List.of(n.operand());
    }
    if (e instanceof TypedExpr.In in) {
      List<TypedExpr> all = new ArrayList<>();
      all.add(in.operand());
      all.addAll(in.values());
      return all;
    }
    if (e instanceof TypedExpr.Between b) {
      return List.of(b.operand(), b.low(), b.high());
    }
    if (e instanceof TypedExpr.Like l) {
      return List.of(l.operand(), l.pattern());
    }
    if (e instanceof TypedExpr.Matches m) {
      return List.of(m.operand(), m.regex());
    }
    return List.of();
  }

  // ---- printing ----

  /** The expression as Motif writes it (constants folded, durations in milliseconds). */
  static String print(TypedExpr e, String own, List<Aggregation> aggs) {
    String path = path(e, own, aggs);
    if (path != null) {
      return path;
    }
    if (e instanceof TypedExpr.Const c) {
      return c.value() instanceof String s
          ? quote(s)
          : c.value() == null ? "null" : Values.text(c.value());
    }
    if (e instanceof TypedExpr.Element) {
      return "it";
    }
    if (e instanceof TypedExpr.Field f) {
      return operand(f.target(), 9, own, aggs) + "." + f.field();
    }
    if (e instanceof TypedExpr.EventTime t) {
      return "time(" + print(t.event(), own, aggs) + ")";
    }
    if (e instanceof TypedExpr.Call c) {
      List<String> args = new ArrayList<>();
      c.args().forEach(a -> args.add(print(a, own, aggs)));
      return c.function().name() + "(" + String.join(", ", args) + ")";
    }
    if (e instanceof TypedExpr.Unary u) {
      return u.op() == Op.NOT
          ? "not " + operand(u.operand(), 3, own, aggs)
          : "-" + operand(u.operand(), 8, own, aggs);
    }
    if (e instanceof TypedExpr.Binary b) {
      int p = precedence(b.op());
      return operand(b.left(), p, own, aggs)
          + " "
          + symbol(b.op())
          + " "
          + operand(b.right(), p + 1, own, aggs);
    }
    if (e instanceof TypedExpr.IsNull n) {
      return operand(n.operand(), 5, own, aggs) + (n.negated() ? " is not null" : " is null");
    }
    if (e instanceof TypedExpr.In in) {
      List<String> values = new ArrayList<>();
      in.values().forEach(v -> values.add(print(v, own, aggs)));
      return operand(in.operand(), 5, own, aggs)
          + (in.negated() ? " not in (" : " in (")
          + String.join(", ", values)
          + ")";
    }
    if (e instanceof TypedExpr.Between b) {
      return operand(b.operand(), 5, own, aggs)
          + (b.negated() ? " not between " : " between ")
          + operand(b.low(), 5, own, aggs)
          + " and "
          + operand(b.high(), 5, own, aggs);
    }
    if (e instanceof TypedExpr.Like l) {
      return operand(l.operand(), 5, own, aggs)
          + (l.negated() ? " not like " : " like ")
          + operand(l.pattern(), 5, own, aggs);
    }
    if (e instanceof TypedExpr.Matches m) {
      return operand(m.operand(), 5, own, aggs)
          + (m.negated() ? " not matches " : " matches ")
          + operand(m.regex(), 5, own, aggs);
    }
    return String.valueOf(e);
  }

  private static String operand(TypedExpr e, int context, String own, List<Aggregation> aggs) {
    String s = print(e, own, aggs);
    int p =
        e instanceof TypedExpr.Binary b
            ? precedence(b.op())
            : e instanceof TypedExpr.Unary u
                ? (u.op() == Op.NOT ? 3 : 8)
                : e instanceof TypedExpr.IsNull
                        || e instanceof TypedExpr.In
                        || e instanceof TypedExpr.Between
                        || e instanceof TypedExpr.Like
                        || e instanceof TypedExpr.Matches
                    ? 4
                    : 10;
    return p < context ? "(" + s + ")" : s;
  }

  private static int precedence(Op op) {
    return switch (op) {
      case OR -> 1;
      case AND -> 2;
      case EQ, NE, LT, LE, GT, GE -> 4;
      case ADD, SUB, CONCAT -> 6;
      case MUL, DIV, MOD -> 7;
      case NOT -> 3;
      case NEGATE -> 8;
    };
  }

  private static String symbol(Op op) {
    return switch (op) {
      case MUL -> "*";
      case DIV -> "/";
      case MOD -> "%";
      case ADD -> "+";
      case SUB -> "-";
      case CONCAT -> "||";
      case EQ -> "==";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case AND -> "and";
      case OR -> "or";
      case NOT -> "not";
      case NEGATE -> "-";
    };
  }
}
