package io.motif.engine.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A pattern's fingerprint: the SHA-256 (hex) of a canonical rendering of its checked plan and of
 * the declarations of the event types it reads and emits. It is computed from the plan, never from
 * the text: comments, whitespace, the pattern's place among the others and the other patterns do
 * not change it; anything that changes what the pattern does (its match, conditions, {@code where},
 * window, skip policy, partition, emit, {@code on timeout}, {@code internal}, the values of the
 * constants it reads, the declared fields of its types) does. Source spans and source text are left
 * out; functions are named by their names; constants appear as their values.
 */
public final class PlanFingerprint {
  private PlanFingerprint() {}

  /** The fingerprint: 64 lowercase hex digits. */
  public static String of(PatternPlan plan, Map<String, EventTypeDecl> declared) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(plan, declared).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The canonical rendering the fingerprint hashes (one line; for tests and debugging). */
  public static String canonical(PatternPlan plan, Map<String, EventTypeDecl> declared) {
    StringBuilder sb = new StringBuilder("motif-plan/1");
    sb.append(" partition[");
    for (KeyPath k : plan.partitionBy()) {
      sb.append('(').append(str(k.eventType()));
      k.path().forEach(p -> sb.append(' ').append(str(p)));
      sb.append(')');
    }
    sb.append("] match ");
    node(sb, plan.match());
    sb.append(" where[");
    for (Conjunct c : plan.where()) {
      sb.append('(').append(c.bindingsRead()).append(' ');
      expr(sb, c.condition());
      sb.append(')');
    }
    sb.append("] window ")
        .append(plan.windowMillis())
        .append(' ')
        .append(plan.windowEvents())
        .append(" skip ")
        .append(plan.skip().name())
        .append(' ')
        .append(plan.skipSlot())
        .append(" internal ")
        .append(plan.internal())
        .append(" emit ");
    emit(sb, plan.emit());
    sb.append(" timeout ");
    emit(sb, plan.onTimeout());
    sb.append(" bindings[");
    for (BindingDecl b : plan.bindings()) {
      sb.append('(')
          .append(b.slot())
          .append(' ')
          .append(str(b.name()))
          .append(' ')
          .append(b.repeated())
          .append(' ')
          .append(b.negated())
          .append(' ')
          .append(str(b.eventType()))
          .append(')');
    }
    sb.append("] aggregates[");
    for (Aggregation a : plan.aggregates()) {
      sb.append('(')
          .append(a.slot())
          .append(' ')
          .append(str(a.function().name()))
          .append(' ')
          .append(a.binding())
          .append(' ')
          .append(a.incremental())
          .append(' ');
      expr(sb, a.argument());
      sb.append(')');
    }
    sb.append("] atoms ").append(plan.atomCount());
    // The declarations the pattern depends on: its stream's types and the types it emits.
    TreeSet<String> types = new TreeSet<>(plan.streamTypes());
    if (plan.emit() != null) {
      types.add(plan.emit().type());
    }
    if (plan.onTimeout() != null) {
      types.add(plan.onTimeout().type());
    }
    sb.append(" types[");
    for (String t : types) {
      EventTypeDecl info = declared.get(t);
      sb.append('(').append(str(t));
      if (info == null) {
        sb.append(" undeclared");
      } else {
        info.fields()
            .forEach((f, ft) -> sb.append(' ').append(str(f)).append(':').append(ft.name()));
      }
      sb.append(')');
    }
    return sb.append(']').toString();
  }

  private static void emit(StringBuilder sb, EmitPlan e) {
    if (e == null) {
      sb.append("none");
      return;
    }
    sb.append(str(e.type())).append('[');
    for (EmitPlan.EmitField f : e.fields()) {
      sb.append('(')
          .append(str(f.name()))
          .append(' ')
          .append(f.declared() == null ? "-" : f.declared().name())
          .append(' ');
      expr(sb, f.value());
      sb.append(')');
    }
    sb.append(']');
  }

  private static void node(StringBuilder sb, PatternNode n) {
    if (n instanceof PatternNode.Atom a) {
      sb.append("(atom ")
          .append(a.id())
          .append(' ')
          .append(str(a.type()))
          .append(' ')
          .append(a.binding())
          .append(' ');
      expr(sb, a.condition());
      sb.append(')');
    } else if (n instanceof PatternNode.Negation g) {
      sb.append("(not ");
      node(sb, g.atom());
      sb.append(')');
    } else if (n instanceof PatternNode.Sequence s) {
      sb.append("(seq");
      for (int i = 0; i < s.elements().size(); i++) {
        if (i > 0) {
          sb.append(' ').append(s.arrows().get(i - 1).name());
        }
        sb.append(' ');
        node(sb, s.elements().get(i));
      }
      sb.append(')');
    } else if (n instanceof PatternNode.Repetition r) {
      sb.append("(rep ").append(r.min()).append(' ').append(r.max()).append(' ');
      node(sb, r.body());
      sb.append(')');
    } else if (n instanceof PatternNode.Alternation a) {
      nodes(sb, "alt", a.alternatives());
    } else if (n instanceof PatternNode.Conjunction c) {
      nodes(sb, "and", c.parts());
    } else if (n == null) {
      sb.append("null");
    } else {
      throw new IllegalStateException("unknown plan node " + n.getClass());
    }
  }

  private static void nodes(StringBuilder sb, String tag, List<PatternNode> list) {
    sb.append('(').append(tag);
    for (PatternNode n : list) {
      sb.append(' ');
      node(sb, n);
    }
    sb.append(')');
  }

  private static void expr(StringBuilder sb, TypedExpr e) {
    if (e == null) {
      sb.append("null");
      return;
    }
    sb.append('(');
    if (e instanceof TypedExpr.Const c) {
      sb.append("const ");
      value(sb, c.value());
    } else if (e instanceof TypedExpr.Current) {
      sb.append("current");
    } else if (e instanceof TypedExpr.CurrentField f) {
      sb.append("field ").append(str(f.field()));
    } else if (e instanceof TypedExpr.Binding b) {
      sb.append("binding ").append(b.slot()).append(' ').append(str(b.name()));
    } else if (e instanceof TypedExpr.Element) {
      sb.append("element");
    } else if (e instanceof TypedExpr.Prev) {
      sb.append("prev");
    } else if (e instanceof TypedExpr.Field f) {
      sb.append("get ").append(str(f.field())).append(' ');
      expr(sb, f.target());
    } else if (e instanceof TypedExpr.EventTime t) {
      sb.append("time ");
      expr(sb, t.event());
    } else if (e instanceof TypedExpr.Call c) {
      sb.append("call ").append(str(c.function().name()));
      c.args()
          .forEach(
              a -> {
                sb.append(' ');
                expr(sb, a);
              });
    } else if (e instanceof TypedExpr.Aggregate a) {
      sb.append("aggregate ").append(a.slot());
    } else if (e instanceof TypedExpr.Unary u) {
      sb.append(u.op().name()).append(' ');
      expr(sb, u.operand());
    } else if (e instanceof TypedExpr.Binary b) {
      sb.append(b.op().name()).append(' ');
      expr(sb, b.left());
      sb.append(' ');
      expr(sb, b.right());
    } else if (e instanceof TypedExpr.IsNull n) {
      sb.append("isnull ").append(n.negated()).append(' ');
      expr(sb, n.operand());
    } else if (e instanceof TypedExpr.In in) {
      sb.append("in ").append(in.negated()).append(' ');
      expr(sb, in.operand());
      in.values()
          .forEach(
              v -> {
                sb.append(' ');
                expr(sb, v);
              });
    } else if (e instanceof TypedExpr.Between b) {
      sb.append("between ").append(b.negated()).append(' ');
      expr(sb, b.operand());
      sb.append(' ');
      expr(sb, b.low());
      sb.append(' ');
      expr(sb, b.high());
    } else if (e instanceof TypedExpr.Like l) {
      sb.append("like ").append(l.negated()).append(' ');
      expr(sb, l.operand());
      sb.append(' ');
      expr(sb, l.pattern());
    } else if (e instanceof TypedExpr.Matches m) {
      sb.append("matches ").append(m.negated()).append(' ');
      expr(sb, m.operand());
      sb.append(' ');
      expr(sb, m.regex());
    } else {
      throw new IllegalStateException("unknown plan expression " + e.getClass());
    }
    sb.append(" : ").append(e.type().name()).append(')');
  }

  private static void value(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append(str(s));
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      sb.append("L").append(v);
    } else if (v instanceof Double || v instanceof Float) {
      sb.append("D").append(Double.toString(((Number) v).doubleValue()));
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof List<?> l) {
      sb.append('[');
      l.forEach(
          x -> {
            value(sb, x);
            sb.append(',');
          });
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      m.forEach(
          (k, x) -> {
            sb.append(str(String.valueOf(k))).append(':');
            value(sb, x);
            sb.append(',');
          });
      sb.append('}');
    } else if (v instanceof Pattern p) {
      sb.append("re").append(str(p.pattern())).append(p.flags());
    } else {
      sb.append(v.getClass().getName()).append(str(v.toString()));
    }
  }

  /** A string, quoted so that no content can be confused with the rendering around it. */
  private static String str(String s) {
    if (s == null) {
      return "~";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
