package io.motif.ast;

import io.motif.ast.Expr.BinaryOp;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes canonical Motif text back from an AST. Parsing what it prints gives the same AST (spans
 * aside), which the round-trip property tests hold it to.
 */
public final class AstPrinter {
  private AstPrinter() {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "event",
          "const",
          "pattern",
          "test",
          "partition",
          "by",
          "match",
          "where",
          "within",
          "after",
          "skip",
          "emit",
          "on",
          "timeout",
          "given",
          "expect",
          "nothing",
          "at",
          "not",
          "and",
          "or",
          "in",
          "between",
          "is",
          "null",
          "like",
          "matches",
          "true",
          "false");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

  public static String print(Script script) {
    StringBuilder sb = new StringBuilder();
    for (Statement s : script.statements()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(print(s)).append('\n');
    }
    return sb.toString();
  }

  public static String print(Statement statement) {
    StringBuilder sb = new StringBuilder();
    if (statement instanceof Statement.EventDecl e) {
      sb.append("event ").append(name(e.name())).append('(');
      for (int i = 0; i < e.fields().size(); i++) {
        Statement.FieldDecl f = e.fields().get(i);
        sb.append(i == 0 ? "" : ", ").append(name(f.name())).append(' ').append(name(f.type()));
      }
      sb.append(')');
    } else if (statement instanceof Statement.ConstDecl c) {
      sb.append("const ").append(name(c.name())).append(" = ").append(print(c.value()));
    } else if (statement instanceof Statement.PatternDecl p) {
      sb.append(p.internal() ? "internal pattern " : "pattern ").append(name(p.name()));
      if (!p.partitionBy().isEmpty()) {
        sb.append("\n  partition by ");
        for (int i = 0; i < p.partitionBy().size(); i++) {
          sb.append(i == 0 ? "" : ", ").append(print(p.partitionBy().get(i)));
        }
      }
      sb.append("\n  match ").append(print(p.match()));
      if (p.where() != null) {
        sb.append("\n  where ").append(print(p.where()));
      }
      if (p.within() instanceof Statement.TimeWindow t) {
        sb.append("\n  within ").append(duration(t.millis()));
      } else if (p.within() instanceof Statement.CountWindow c) {
        sb.append("\n  within ").append(c.events()).append(" events");
      }
      if (p.skip() != SkipPolicy.KEEP_ALL) {
        sb.append("\n  after match skip ").append(p.skip().text());
        if (p.skipTo() != null) {
          sb.append(' ').append(name(p.skipTo()));
        }
      }
      if (p.emit() != null) {
        sb.append("\n  emit ").append(print(p.emit()));
      }
      if (p.onTimeout() != null) {
        sb.append("\n  on timeout emit ").append(print(p.onTimeout()));
      }
    } else if (statement instanceof Statement.TestDecl t) {
      sb.append("test ").append(quote(t.name().name())).append(" {\n  given\n");
      for (Statement.EventLiteral e : t.given()) {
        sb.append("    ").append(print(e)).append('\n');
      }
      sb.append("  expect\n");
      if (t.expect().isEmpty()) {
        sb.append("    nothing\n");
      }
      for (Statement.EventLiteral e : t.expect()) {
        sb.append("    ").append(print(e)).append('\n');
      }
      sb.append('}');
    }
    return sb.toString();
  }

  public static String print(Statement.EventLiteral e) {
    return print(e.event()) + " at " + print(e.time());
  }

  public static String print(Statement.EventConstructor c) {
    StringBuilder sb = new StringBuilder(name(c.type())).append('(');
    for (int i = 0; i < c.fields().size(); i++) {
      Statement.FieldValue f = c.fields().get(i);
      sb.append(i == 0 ? "" : ", ").append(name(f.name())).append(": ").append(print(f.value()));
    }
    return sb.append(')').toString();
  }

  // ---- patterns ----

  public static String print(PatternExpr p) {
    StringBuilder sb = new StringBuilder();
    pattern(p, sb);
    return sb.toString();
  }

  private static int precedence(PatternExpr p) {
    if (p instanceof PatternExpr.Alternation) {
      return 1;
    }
    if (p instanceof PatternExpr.Conjunction) {
      return 2;
    }
    if (p instanceof PatternExpr.Sequence) {
      return 3;
    }
    if (p instanceof PatternExpr.Repetition) {
      return 4;
    }
    return 5;
  }

  private static void child(PatternExpr child, int parent, StringBuilder sb) {
    boolean parens =
        precedence(child) <= parent || (parent == 4 && child instanceof PatternExpr.Negation);
    if (parens) {
      sb.append('(');
    }
    pattern(child, sb);
    if (parens) {
      sb.append(')');
    }
  }

  private static void pattern(PatternExpr p, StringBuilder sb) {
    if (p instanceof PatternExpr.Atom a) {
      if (a.binding() != null) {
        sb.append(name(a.binding())).append(": ");
      }
      sb.append(name(a.type()));
      if (a.condition() != null) {
        sb.append('(').append(print(a.condition())).append(')');
      }
    } else if (p instanceof PatternExpr.Negation n) {
      sb.append("not ");
      pattern(n.atom(), sb);
    } else if (p instanceof PatternExpr.Sequence s) {
      for (int i = 0; i < s.elements().size(); i++) {
        if (i > 0) {
          sb.append(' ').append(s.arrows().get(i - 1).symbol()).append(' ');
        }
        child(s.elements().get(i), 3, sb);
      }
    } else if (p instanceof PatternExpr.Repetition r) {
      child(r.body(), r.body() instanceof PatternExpr.Repetition ? 3 : 4, sb);
      sb.append(quantifier(r.min(), r.max()));
    } else if (p instanceof PatternExpr.Alternation a) {
      joined(a.alternatives(), " | ", 1, sb);
    } else if (p instanceof PatternExpr.Conjunction c) {
      joined(c.parts(), " & ", 2, sb);
    }
  }

  private static void joined(List<PatternExpr> parts, String sep, int prec, StringBuilder sb) {
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      child(parts.get(i), prec, sb);
    }
  }

  /** The shortest quantifier for a repetition range. */
  public static String quantifier(int min, int max) {
    if (max == PatternExpr.Repetition.UNBOUNDED) {
      return min == 0 ? "*" : min == 1 ? "+" : "{" + min + ",}";
    }
    if (min == 0 && max == 1) {
      return "?";
    }
    return min == max ? "{" + min + "}" : "{" + min + "," + max + "}";
  }

  // ---- expressions ----

  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    expr(e, sb);
    return sb.toString();
  }

  // Levels follow the grammar, loosest first.
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int MATCHES = 4;
  private static final int LIKE = 5;
  private static final int BETWEEN = 6;
  private static final int IN = 7;
  private static final int IS_NULL = 8;
  private static final int COMPARISON = 9;
  private static final int ADDITIVE = 10;
  private static final int MULTIPLICATIVE = 11;
  private static final int NEGATE = 12;
  private static final int FIELD = 13;
  private static final int PRIMARY = 14;

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case OR -> OR;
        case AND -> AND;
        case MUL, DIV, MOD -> MULTIPLICATIVE;
        case ADD, SUB, CONCAT -> ADDITIVE;
        default -> COMPARISON;
      };
    }
    if (e instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NOT ? NOT : NEGATE;
    }
    if (e instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() < 0
        || e instanceof Expr.Literal l2 && l2.value() instanceof Double d && d.equals(-0.0)) {
      return NEGATE;
    }
    if (e instanceof Expr.IsNull) {
      return IS_NULL;
    }
    if (e instanceof Expr.In) {
      return IN;
    }
    if (e instanceof Expr.Between) {
      return BETWEEN;
    }
    if (e instanceof Expr.Like) {
      return LIKE;
    }
    if (e instanceof Expr.Matches) {
      return MATCHES;
    }
    if (e instanceof Expr.Field) {
      return FIELD;
    }
    return PRIMARY;
  }

  /** Prints a child, in parentheses when it binds looser than {@code min} requires. */
  private static void operand(Expr child, int min, StringBuilder sb) {
    boolean parens = precedence(child) < min;
    if (parens) {
      sb.append('(');
    }
    expr(child, sb);
    if (parens) {
      sb.append(')');
    }
  }

  private static void expr(Expr e, StringBuilder sb) {
    if (e instanceof Expr.Literal l) {
      sb.append(literal(l.value()));
    } else if (e instanceof Expr.Duration d) {
      sb.append(duration(d.millis()));
    } else if (e instanceof Expr.Name n) {
      sb.append(name(n.name()));
    } else if (e instanceof Expr.Field f) {
      operand(f.target(), FIELD, sb);
      sb.append('.').append(name(f.field()));
    } else if (e instanceof Expr.Call c) {
      sb.append(name(c.function())).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        expr(c.args().get(i), sb);
      }
      sb.append(')');
    } else if (e instanceof Expr.Unary u) {
      if (u.op() == Expr.UnaryOp.NOT) {
        sb.append("not ");
        operand(u.operand(), NOT, sb);
      } else {
        StringBuilder inner = new StringBuilder();
        if (u.operand() instanceof Expr.Literal l && l.value() instanceof Number) {
          // `-5` reads back as the literal -5; `-(5)` keeps the negation of a literal.
          inner.append('(');
          expr(u.operand(), inner);
          inner.append(')');
        } else {
          operand(u.operand(), NEGATE, inner);
        }
        sb.append('-');
        if (inner.charAt(0) == '-') {
          sb.append(' '); // `--` would start a comment
        }
        sb.append(inner);
      }
    } else if (e instanceof Expr.Binary b) {
      int p = precedence(b);
      operand(b.left(), p, sb);
      sb.append(' ').append(b.op().symbol).append(' ');
      operand(b.right(), p + 1, sb);
    } else if (e instanceof Expr.IsNull n) {
      operand(n.operand(), IS_NULL, sb);
      sb.append(n.negated() ? " is not null" : " is null");
    } else if (e instanceof Expr.In in) {
      operand(in.operand(), IN, sb);
      sb.append(in.negated() ? " not in (" : " in (");
      for (int i = 0; i < in.values().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        expr(in.values().get(i), sb);
      }
      sb.append(')');
    } else if (e instanceof Expr.Between b) {
      operand(b.operand(), BETWEEN, sb);
      sb.append(b.negated() ? " not between " : " between ");
      operand(b.low(), ADDITIVE, sb);
      sb.append(" and ");
      operand(b.high(), ADDITIVE, sb);
    } else if (e instanceof Expr.Like l) {
      operand(l.operand(), LIKE, sb);
      sb.append(l.negated() ? " not like " : " like ");
      operand(l.pattern(), LIKE + 1, sb);
    } else if (e instanceof Expr.Matches m) {
      operand(m.operand(), MATCHES, sb);
      sb.append(m.negated() ? " not matches " : " matches ");
      operand(m.regex(), MATCHES + 1, sb);
    }
  }

  public static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Double d) {
      String text = Double.toString(d);
      return text;
    }
    return value.toString();
  }

  /** A duration in the largest unit that divides it exactly. */
  public static String duration(long millis) {
    if (millis != 0) {
      if (millis % 86_400_000L == 0) {
        return millis / 86_400_000L + " d";
      }
      if (millis % 3_600_000L == 0) {
        return millis / 3_600_000L + " h";
      }
      if (millis % 60_000L == 0) {
        return millis / 60_000L + " min";
      }
      if (millis % 1_000L == 0) {
        return millis / 1_000L + " s";
      }
    }
    return millis + " ms";
  }

  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A name, in backquotes when it is a keyword or not a plain identifier. */
  public static String name(Ident id) {
    return name(id.name());
  }

  public static String name(String n) {
    if (PLAIN.matcher(n).matches() && !KEYWORDS.contains(n.toLowerCase(Locale.ROOT))) {
      return n;
    }
    return "`" + n + "`";
  }

  static boolean isComparison(BinaryOp op) {
    return op.isComparison();
  }
}
