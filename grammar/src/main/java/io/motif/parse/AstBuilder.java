package io.motif.parse;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.Ident;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Statement;
import io.motif.parse.MotifParser.*;
import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The one place that turns ANTLR's parse tree into the immutable AST. Validation the lexer and
 * grammar leave loose happens here, so messages can name the problem (unknown duration units,
 * repeated clauses, numbers out of range, bad escapes). One class of some 670 lines because it has
 * one method per grammar rule, each short, and splitting them would only scatter the grammar's
 * mirror.
 */
final class AstBuilder {
  private final Diagnostics diagnostics;

  /** Names of statements dropped for syntax errors; the checker does not call them unknown. */
  private final Set<String> brokenNames;

  AstBuilder(Diagnostics diagnostics, Set<String> brokenNames) {
    this.diagnostics = diagnostics;
    this.brokenNames = brokenNames;
  }

  Script script(ScriptContext ctx) {
    List<Statement> statements = new ArrayList<>();
    for (StatementContext s : ctx.statement()) {
      if (hasSyntaxError(s)) {
        recordBrokenName(s);
        continue;
      }
      Statement st = statement(s);
      if (st != null) {
        statements.add(st);
      }
    }
    return new Script(statements, span(ctx));
  }

  private void recordBrokenName(StatementContext s) {
    IdentifierContext name = null;
    if (s instanceof EventDeclContext e) {
      name = e.name;
    } else if (s instanceof ConstDeclContext c) {
      name = c.name;
    } else if (s instanceof PatternDeclContext p) {
      name = p.name;
    }
    if (name != null && !hasSyntaxError(name)) {
      brokenNames.add(identText(name));
    }
  }

  static boolean hasSyntaxError(ParseTree tree) {
    if (tree instanceof ErrorNode) {
      return true;
    }
    if (tree instanceof ParserRuleContext prc) {
      if (prc.exception != null) {
        return true;
      }
      for (int i = 0; i < prc.getChildCount(); i++) {
        if (hasSyntaxError(prc.getChild(i))) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- statements ----

  Statement statement(StatementContext ctx) {
    if (ctx instanceof EventDeclContext e) {
      List<Statement.FieldDecl> fields = new ArrayList<>();
      for (FieldDeclContext f : e.fieldDecl()) {
        fields.add(new Statement.FieldDecl(ident(f.name), ident(f.type), span(f)));
      }
      return new Statement.EventDecl(ident(e.name), fields, span(e));
    }
    if (ctx instanceof ConstDeclContext c) {
      return new Statement.ConstDecl(ident(c.name), expr(c.expression()), span(c));
    }
    if (ctx instanceof TestDeclContext t) {
      Ident name = new Ident(string(t.name), span(t.name, t.name));
      List<Statement.EventLiteral> given = new ArrayList<>();
      for (EventLiteralContext e : t.testGiven().eventLiteral()) {
        given.add(eventLiteral(e));
      }
      List<Statement.EventLiteral> expect = new ArrayList<>();
      for (EventLiteralContext e : t.testExpect().eventLiteral()) {
        expect.add(eventLiteral(e));
      }
      return new Statement.TestDecl(name, given, expect, span(t));
    }
    return pattern((PatternDeclContext) ctx);
  }

  private Statement.PatternDecl pattern(PatternDeclContext ctx) {
    List<Expr> partition = new ArrayList<>();
    PatternExpr match = null;
    Expr where = null;
    Statement.Window within = null;
    SkipPolicy skip = SkipPolicy.KEEP_ALL;
    Ident skipTo = null;
    Statement.EventConstructor emit = null;
    Statement.EventConstructor timeout = null;
    boolean seenPartition = false;
    boolean seenSkip = false;
    String name = identText(ctx.name);
    for (PatternClauseContext clause : ctx.patternClause()) {
      if (clause instanceof PartitionClauseContext p) {
        if (seenPartition) {
          duplicateClause("partition by", name, p);
        }
        seenPartition = true;
        for (PartitionKeyContext k : p.partitionKey()) {
          Expr key = null;
          for (IdentifierContext part : k.identifier()) {
            Ident id = ident(part);
            key =
                key == null
                    ? new Expr.Name(id, id.span())
                    : new Expr.Field(key, id, span(k.start, part.stop));
          }
          partition.add(key);
        }
      } else if (clause instanceof MatchClauseContext m) {
        if (match != null) {
          duplicateClause("match", name, m);
        }
        match = patternExpr(m.patternExpr());
      } else if (clause instanceof WhereClauseContext w) {
        if (where != null) {
          duplicateClause("where", name, w);
        }
        where = expr(w.expression());
      } else if (clause instanceof WithinClauseContext w) {
        if (within != null) {
          duplicateClause("within", name, w);
        }
        within = window(w);
      } else if (clause instanceof SkipClauseContext s) {
        if (seenSkip) {
          duplicateClause("after match skip", name, s);
        }
        seenSkip = true;
        skip = skipPolicy(s);
        if ((skip == SkipPolicy.TO_FIRST || skip == SkipPolicy.TO_LAST) && s.target != null) {
          skipTo = ident(s.target);
        }
      } else if (clause instanceof EmitClauseContext e) {
        if (emit != null) {
          duplicateClause("emit", name, e);
        }
        emit = constructor(e.eventConstructor());
      } else if (clause instanceof TimeoutClauseContext t) {
        if (timeout != null) {
          duplicateClause("on timeout emit", name, t);
        }
        timeout = constructor(t.eventConstructor());
      }
    }
    if (match == null) {
      diagnostics.error(
          Codes.BAD_CLAUSE,
          "pattern " + name + " has no `match` clause; write one such as `match a: A -> b: B`",
          span(ctx.name));
      brokenNames.add(name);
      return null;
    }
    return new Statement.PatternDecl(
        ctx.internal != null,
        ident(ctx.name),
        partition,
        match,
        where,
        within,
        skip,
        skipTo,
        emit,
        timeout,
        span(ctx));
  }

  private void duplicateClause(String clause, String pattern, ParserRuleContext ctx) {
    diagnostics.error(
        Codes.BAD_CLAUSE,
        "pattern " + pattern + " has a second `" + clause + "` clause; a pattern takes at most one",
        span(ctx));
  }

  private Statement.Window window(WithinClauseContext w) {
    Span span = span(w);
    if (w.unit == null) {
      diagnostics.error(
          Codes.BAD_DURATION,
          "`within` needs a unit or `events`: write `within "
              + w.amount.getText()
              + " s` or `within "
              + w.amount.getText()
              + " events`",
          span(w.amount));
      return new Statement.TimeWindow(0, span);
    }
    String unit = unitText(w.unit);
    if (unit.equalsIgnoreCase("events") || unit.equalsIgnoreCase("event")) {
      Object n = number(w.amount);
      if (!(n instanceof Long count) || count <= 0) {
        diagnostics.error(
            Codes.BAD_LITERAL,
            "an event count must be a positive whole number, such as `within 100 events`",
            span(w.amount));
        return new Statement.CountWindow(1, span);
      }
      return new Statement.CountWindow(count, span);
    }
    long millis = duration(w.amount, w.unit);
    if (millis < 0) {
      diagnostics.error(Codes.BAD_DURATION, "a window cannot be negative", span);
    }
    return new Statement.TimeWindow(millis, span);
  }

  private SkipPolicy skipPolicy(SkipClauseContext s) {
    String first = identText(s.first).toLowerCase(Locale.ROOT);
    String second = s.second == null ? "" : identText(s.second).toLowerCase(Locale.ROOT);
    ParserRuleContext end = s.target != null ? s.target : s.second != null ? s.second : s.first;
    if (first.equals("to") && (second.equals("first") || second.equals("last"))) {
      if (s.target == null) {
        diagnostics.error(
            Codes.BAD_CLAUSE,
            "`after match skip to "
                + second
                + "` names the"
                + " binding to resume at: write `after match skip to "
                + second
                + " x`",
            span(s.first.start, s.second.stop));
        return SkipPolicy.KEEP_ALL;
      }
      return second.equals("first") ? SkipPolicy.TO_FIRST : SkipPolicy.TO_LAST;
    }
    if (s.target == null && first.equals("past") && second.equals("last")) {
      return SkipPolicy.PAST_LAST;
    }
    if (s.target == null && first.equals("to") && second.equals("next")) {
      return SkipPolicy.TO_NEXT;
    }
    String written =
        (first + " " + second + " " + (s.target == null ? "" : identText(s.target))).trim();
    diagnostics.error(
        Codes.BAD_CLAUSE,
        "unknown skip policy `"
            + written
            + "`; write `after"
            + " match skip past last`, `to next`, `to first x` or `to last x`",
        span(s.first.start, end.stop));
    return SkipPolicy.KEEP_ALL;
  }

  private Statement.EventConstructor constructor(EventConstructorContext ctx) {
    List<Statement.FieldValue> fields = new ArrayList<>();
    for (FieldValueContext f : ctx.fieldValue()) {
      fields.add(new Statement.FieldValue(ident(f.name), expr(f.expression()), span(f)));
    }
    return new Statement.EventConstructor(ident(ctx.type), fields, span(ctx));
  }

  /** An event typed alone: its time is null when the input has none. */
  Statement.EventLiteral standaloneEvent(StandaloneEventContext ctx) {
    return new Statement.EventLiteral(
        constructor(ctx.eventConstructor()), ctx.time == null ? null : expr(ctx.time), span(ctx));
  }

  private Statement.EventLiteral eventLiteral(EventLiteralContext ctx) {
    return new Statement.EventLiteral(
        constructor(ctx.eventConstructor()), expr(ctx.time), span(ctx));
  }

  // ---- patterns ----

  PatternExpr patternExpr(PatternExprContext ctx) {
    List<PatternExpr> alternatives = new ArrayList<>();
    for (PatternAndContext a : ctx.patternAnd()) {
      alternatives.add(patternAnd(a));
    }
    return alternatives.size() == 1
        ? alternatives.get(0)
        : new PatternExpr.Alternation(alternatives, span(ctx));
  }

  private PatternExpr patternAnd(PatternAndContext ctx) {
    List<PatternExpr> parts = new ArrayList<>();
    for (PatternSeqContext s : ctx.patternSeq()) {
      parts.add(patternSeq(s));
    }
    return parts.size() == 1 ? parts.get(0) : new PatternExpr.Conjunction(parts, span(ctx));
  }

  private PatternExpr patternSeq(PatternSeqContext ctx) {
    List<PatternExpr> elements = new ArrayList<>();
    for (PatternUnitContext u : ctx.patternUnit()) {
      elements.add(patternUnit(u));
    }
    if (elements.size() == 1) {
      return elements.get(0);
    }
    List<Arrow> arrows = new ArrayList<>();
    for (ArrowContext a : ctx.arrow()) {
      arrows.add(
          switch (a.getStart().getType()) {
            case MotifLexer.ARROW_ANY -> Arrow.ANY;
            case MotifLexer.STRICT -> Arrow.STRICT;
            default -> Arrow.NEXT;
          });
    }
    return new PatternExpr.Sequence(elements, arrows, span(ctx));
  }

  private PatternExpr patternUnit(PatternUnitContext ctx) {
    if (ctx instanceof NegatedUnitContext n) {
      return new PatternExpr.Negation(atom(n.atom()), span(n));
    }
    QuantifiedUnitContext q = (QuantifiedUnitContext) ctx;
    PatternExpr body =
        q.patternPrimary() instanceof AtomPrimaryContext a
            ? atom(a.atom())
            : patternExpr(((GroupPrimaryContext) q.patternPrimary()).patternExpr());
    for (QuantifierContext quant : q.quantifier()) {
      body = quantify(body, quant, span(q.start, quant.stop));
    }
    return body;
  }

  private PatternExpr quantify(PatternExpr body, QuantifierContext q, Span span) {
    int min;
    int max;
    if (q instanceof PlusQuantifierContext) {
      min = 1;
      max = PatternExpr.Repetition.UNBOUNDED;
    } else if (q instanceof StarQuantifierContext) {
      min = 0;
      max = PatternExpr.Repetition.UNBOUNDED;
    } else if (q instanceof OptionalQuantifierContext) {
      min = 0;
      max = 1;
    } else if (q instanceof ExactQuantifierContext e) {
      min = count(e.min);
      max = min;
    } else if (q instanceof AtLeastQuantifierContext a) {
      min = count(a.min);
      max = PatternExpr.Repetition.UNBOUNDED;
    } else {
      RangeQuantifierContext r = (RangeQuantifierContext) q;
      min = count(r.min);
      max = count(r.max);
      if (max < min) {
        diagnostics.error(
            Codes.BAD_QUANTIFIER,
            "a repetition `{"
                + min
                + ","
                + max
                + "}` has its maximum below its minimum; write `{"
                + max
                + ","
                + min
                + "}`",
            span(q));
        max = min;
      } else if (max == 0) {
        diagnostics.error(
            Codes.BAD_QUANTIFIER,
            "a repetition `{0,0}` matches nothing; remove the element",
            span(q));
        max = 1;
      }
    }
    if (q instanceof ExactQuantifierContext && min == 0) {
      diagnostics.error(
          Codes.BAD_QUANTIFIER, "a repetition `{0}` matches nothing; remove the element", span(q));
      min = max = 1;
    }
    return new PatternExpr.Repetition(body, min, max, span);
  }

  private int count(Token token) {
    String text = token.getText().replace("_", "");
    try {
      int n = Integer.parseInt(text);
      if (n > 1_000_000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      diagnostics.error(
          Codes.BAD_QUANTIFIER, "a repetition count must be at most 1000000", span(token, token));
      return 1;
    }
  }

  private PatternExpr.Atom atom(AtomContext ctx) {
    Ident binding = ctx.binding == null ? null : ident(ctx.binding);
    Expr condition = ctx.expression() == null ? null : expr(ctx.expression());
    return new PatternExpr.Atom(binding, ident(ctx.type), condition, span(ctx));
  }

  // ---- expressions ----

  Expr value(ValueExpressionContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof PrimaryExprContext p) {
      return primary(p.primary());
    }
    if (ctx instanceof FieldExprContext f) {
      return new Expr.Field(value(f.valueExpression()), ident(f.identifier()), span);
    }
    if (ctx instanceof NegateExprContext n) {
      Expr operand = value(n.valueExpression());
      // Fold `-5` into a literal so it prints back as written and counts as a constant.
      boolean written =
          n.valueExpression() instanceof PrimaryExprContext pe
              && pe.primary() instanceof NumberLiteralContext;
      if (written && operand instanceof Expr.Literal lit && lit.value() instanceof Long l) {
        return new Expr.Literal(-l, span);
      }
      if (written && operand instanceof Expr.Literal lit && lit.value() instanceof Double d) {
        return new Expr.Literal(-d, span);
      }
      return new Expr.Unary(Expr.UnaryOp.NEGATE, operand, span);
    }
    if (ctx instanceof PlusExprContext p) {
      return value(p.valueExpression());
    }
    if (ctx instanceof MultiplicativeExprContext m) {
      Expr.BinaryOp op =
          switch (m.op.getType()) {
            case MotifLexer.STAR -> Expr.BinaryOp.MUL;
            case MotifLexer.SLASH -> Expr.BinaryOp.DIV;
            default -> Expr.BinaryOp.MOD;
          };
      return new Expr.Binary(op, value(m.valueExpression(0)), value(m.valueExpression(1)), span);
    }
    AdditiveExprContext a = (AdditiveExprContext) ctx;
    Expr.BinaryOp op =
        switch (a.op.getType()) {
          case MotifLexer.PLUS -> Expr.BinaryOp.ADD;
          case MotifLexer.MINUS -> Expr.BinaryOp.SUB;
          default -> Expr.BinaryOp.CONCAT;
        };
    return new Expr.Binary(op, value(a.valueExpression(0)), value(a.valueExpression(1)), span);
  }

  /**
   * {@code x == 1 || y == 2}: `||` binds tighter than a comparison, so this parses as {@code (x ==
   * (1 || y)) == 2}. Written without parentheses between two comparisons, `||` was meant as `or`:
   * that is reported once, and the expression read as the `or` it meant (no cascade of type
   * errors). Null when {@code c} is not that shape.
   */
  private Expr orWrittenAsConcat(ComparisonExprContext c, Expr.BinaryOp op, Span span) {
    if (!(c.expression(0) instanceof ComparisonExprContext inner)
        || !(inner.expression(1) instanceof ValueExprContext v)
        || !(v.valueExpression() instanceof AdditiveExprContext a)
        || a.op.getType() != MotifLexer.CONCAT) {
      return null;
    }
    diagnostics.error(
        Codes.SYNTAX,
        "`||` joins strings; between two conditions write `or`"
            + " (Motif's boolean operators are `and`, `or`, `not`)",
        span(a.op, a.op));
    Expr.BinaryOp innerOp =
        switch (inner.op.getType()) {
          case MotifLexer.EQ, MotifLexer.ASSIGN -> Expr.BinaryOp.EQ;
          case MotifLexer.NEQ, MotifLexer.LTGT -> Expr.BinaryOp.NE;
          case MotifLexer.LT -> Expr.BinaryOp.LT;
          case MotifLexer.LE -> Expr.BinaryOp.LE;
          case MotifLexer.GT -> Expr.BinaryOp.GT;
          default -> Expr.BinaryOp.GE;
        };
    Expr left =
        new Expr.Binary(
            innerOp,
            expr(inner.expression(0)),
            value(a.valueExpression(0)),
            span(inner.expression(0).start, a.valueExpression(0).stop));
    Expr right =
        new Expr.Binary(
            op,
            value(a.valueExpression(1)),
            expr(c.expression(1)),
            span(a.valueExpression(1).start, c.expression(1).stop));
    return new Expr.Binary(Expr.BinaryOp.OR, left, right, span);
  }

  Expr expr(ExpressionContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof ValueExprContext v) {
      return value(v.valueExpression());
    }
    if (ctx instanceof ComparisonExprContext c) {
      Expr.BinaryOp op =
          switch (c.op.getType()) {
            case MotifLexer.EQ, MotifLexer.ASSIGN -> Expr.BinaryOp.EQ;
            case MotifLexer.NEQ, MotifLexer.LTGT -> Expr.BinaryOp.NE;
            case MotifLexer.LT -> Expr.BinaryOp.LT;
            case MotifLexer.LE -> Expr.BinaryOp.LE;
            case MotifLexer.GT -> Expr.BinaryOp.GT;
            default -> Expr.BinaryOp.GE;
          };
      Expr joined = orWrittenAsConcat(c, op, span);
      if (joined != null) {
        return joined;
      }
      return new Expr.Binary(op, expr(c.expression(0)), expr(c.expression(1)), span);
    }
    if (ctx instanceof IsNullExprContext i) {
      return new Expr.IsNull(expr(i.expression()), i.NOT() != null, span);
    }
    if (ctx instanceof InExprContext i) {
      List<Expr> values = new ArrayList<>();
      for (int k = 1; k < i.expression().size(); k++) {
        values.add(expr(i.expression(k)));
      }
      return new Expr.In(expr(i.expression(0)), values, i.NOT() != null, span);
    }
    if (ctx instanceof BetweenExprContext b) {
      return new Expr.Between(
          expr(b.expression()),
          value(b.valueExpression(0)),
          value(b.valueExpression(1)),
          b.NOT() != null,
          span);
    }
    if (ctx instanceof LikeExprContext l) {
      return new Expr.Like(expr(l.expression(0)), expr(l.expression(1)), l.NOT() != null, span);
    }
    if (ctx instanceof MatchesExprContext m) {
      return new Expr.Matches(expr(m.expression(0)), expr(m.expression(1)), m.NOT() != null, span);
    }
    if (ctx instanceof NotExprContext n) {
      return new Expr.Unary(Expr.UnaryOp.NOT, expr(n.expression()), span);
    }
    if (ctx instanceof AndExprContext a) {
      return new Expr.Binary(Expr.BinaryOp.AND, expr(a.expression(0)), expr(a.expression(1)), span);
    }
    if (ctx instanceof DoubleAmpExprContext d) {
      // `&&` of other languages: one error, and the `and` it meant (no cascade).
      diagnostics.error(
          Codes.SYNTAX,
          "unexpected `&&`; between two conditions write `and`"
              + " (Motif's boolean operators are `and`, `or`, `not`)",
          span(d.AMP(0).getSymbol(), d.AMP(1).getSymbol()));
      return new Expr.Binary(Expr.BinaryOp.AND, expr(d.expression(0)), expr(d.expression(1)), span);
    }
    OrExprContext o = (OrExprContext) ctx;
    return new Expr.Binary(Expr.BinaryOp.OR, expr(o.expression(0)), expr(o.expression(1)), span);
  }

  private Expr primary(PrimaryContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof DurationLiteralContext d) {
      return new Expr.Duration(duration(d.number(), d.unit), span);
    }
    if (ctx instanceof NumberLiteralContext n) {
      return new Expr.Literal(number(n.number()), span);
    }
    if (ctx instanceof StringLiteralContext s) {
      return new Expr.Literal(string(s.STRING().getSymbol()), span);
    }
    if (ctx instanceof BooleanLiteralContext b) {
      return new Expr.Literal(b.TRUE() != null, span);
    }
    if (ctx instanceof NullLiteralContext) {
      return new Expr.Literal(null, span);
    }
    if (ctx instanceof CallExprContext c) {
      List<Expr> args = new ArrayList<>();
      for (ExpressionContext a : c.expression()) {
        args.add(expr(a));
      }
      return new Expr.Call(ident(c.function), args, span);
    }
    if (ctx instanceof NameExprContext n) {
      Ident id = ident(n.identifier());
      return new Expr.Name(id, span);
    }
    return expr(((ParenExprContext) ctx).expression());
  }

  // ---- literals ----

  private Object number(NumberContext ctx) {
    Token t = ctx.getStart();
    String text = t.getText().replace("_", "");
    if (t.getType() == MotifLexer.INTEGER) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        diagnostics.error(
            Codes.BAD_LITERAL,
            "the number "
                + t.getText()
                + " is too large for a long; the largest is 9223372036854775807",
            span(t, t));
        return 0L;
      }
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      diagnostics.error(
          Codes.BAD_LITERAL, "the number " + t.getText() + " is too large", span(t, t));
      return 0.0;
    }
    return d;
  }

  /** Milliseconds per unit; -1 when the word is not a unit. */
  static long unitMillis(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "ms", "millis", "millisecond", "milliseconds" -> 1L;
      case "s", "sec", "secs", "second", "seconds" -> 1_000L;
      case "m", "min", "mins", "minute", "minutes" -> 60_000L;
      case "h", "hour", "hours" -> 3_600_000L;
      case "d", "day", "days" -> 86_400_000L;
      default -> -1L;
    };
  }

  private long duration(NumberContext amount, UnitWordContext unitCtx) {
    String unit = unitText(unitCtx);
    long per = unitMillis(unit);
    if (per < 0) {
      diagnostics.error(
          Codes.BAD_DURATION,
          "unknown duration unit '" + unit + "'; use ms, s, min, h or d",
          span(unitCtx));
      return 0;
    }
    Object n = number(amount);
    if (n instanceof Long whole) {
      // Exact in long arithmetic: a double would round amounts above 2^53 milliseconds.
      if (whole > Long.MAX_VALUE / 2 / per) {
        diagnostics.error(
            Codes.BAD_DURATION, "the duration is too long", span(amount.start, unitCtx.stop));
        return 0;
      }
      return whole * per;
    }
    double millis = ((Number) n).doubleValue() * per;
    if (millis > Long.MAX_VALUE / 2) {
      diagnostics.error(
          Codes.BAD_DURATION, "the duration is too long", span(amount.start, unitCtx.stop));
      return 0;
    }
    if (millis != Math.rint(millis)) {
      diagnostics.error(
          Codes.BAD_DURATION,
          "a duration must be a whole number of milliseconds",
          span(amount.start, unitCtx.stop));
    }
    return Math.round(millis);
  }

  private String string(Token token) {
    String raw = token.getText();
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '\\', '\'', '"', '/' -> sb.append(e);
        case 'u' -> {
          String hex = i + 5 <= raw.length() - 1 ? raw.substring(i + 1, i + 5) : "";
          if (hex.matches("[0-9a-fA-F]{4}")) {
            sb.append((char) Integer.parseInt(hex, 16));
            i += 4;
          } else {
            int at = token.getStartIndex() + i - 1;
            diagnostics.error(
                Codes.BAD_LITERAL,
                "`\\u` takes four hexadecimal digits, such as `\\u00e9`",
                new Span(at, at + 2));
          }
        }
        default -> {
          int at = token.getStartIndex() + i - 1;
          diagnostics.error(
              Codes.BAD_LITERAL,
              "unknown escape `\\"
                  + e
                  + "` in a string; use \\n, \\t, \\r, \\\\, \\', \\\" or \\uXXXX",
              new Span(at, at + 2));
          sb.append(e);
        }
      }
    }
    return sb.toString();
  }

  // ---- names and spans ----

  static String identText(IdentifierContext ctx) {
    String text = ctx.getText();
    if (ctx.QUOTED_IDENT() != null) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }

  static String unitText(UnitWordContext ctx) {
    String text = ctx.getText();
    return ctx.QUOTED_IDENT() != null ? text.substring(1, text.length() - 1) : text;
  }

  private Ident ident(IdentifierContext ctx) {
    return new Ident(identText(ctx), span(ctx));
  }

  static Span span(ParserRuleContext ctx) {
    return span(ctx.start, ctx.stop);
  }

  static Span span(Token start, Token stop) {
    int s = Math.max(0, start.getStartIndex());
    int e = stop == null ? s : Math.max(s, stop.getStopIndex() + 1);
    return new Span(s, e);
  }

  static Span span(TerminalNode node) {
    return span(node.getSymbol(), node.getSymbol());
  }
}
