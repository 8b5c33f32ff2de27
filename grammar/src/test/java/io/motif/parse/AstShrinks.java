package io.motif.parse;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.Ident;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Statement;
import io.motif.source.Span;
import io.motif.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Smaller ASTs for a failing generated one: a node replaced by one of its children, a list element
 * or an optional clause dropped, a number or text made smaller, a name made {@code a}. Every
 * candidate is still a tree {@link AstArbitraries} could have grown (sequences, alternations and
 * conjunctions keep two parts, {@code in} one value, ranges stay valid), so the minimal case fails
 * for the reason the original did, not because the builder could never produce it.
 */
final class AstShrinks {
  private AstShrinks() {}

  private static final Span NONE = Span.NONE;

  static List<Script> script(Script s) {
    return map(Gen.shrinkList(s.statements(), 0, AstShrinks::statement), l -> new Script(l, NONE));
  }

  static List<Statement> statement(Statement s) {
    List<Statement> out = new ArrayList<>();
    if (s instanceof Statement.EventDecl e) {
      out.addAll(map(ident(e.name()), n -> new Statement.EventDecl(n, e.fields(), NONE)));
      out.addAll(
          map(
              Gen.shrinkList(e.fields(), 0, AstShrinks::fieldDecl),
              f -> new Statement.EventDecl(e.name(), f, NONE)));
    } else if (s instanceof Statement.ConstDecl c) {
      out.addAll(map(expr(c.value()), v -> new Statement.ConstDecl(c.name(), v, NONE)));
      out.addAll(map(ident(c.name()), n -> new Statement.ConstDecl(n, c.value(), NONE)));
    } else if (s instanceof Statement.TestDecl t) {
      out.addAll(
          map(
              Gen.shrinkList(t.given(), 0, AstShrinks::eventLiteral),
              g -> new Statement.TestDecl(t.name(), g, t.expect(), NONE)));
      out.addAll(
          map(
              Gen.shrinkList(t.expect(), 0, AstShrinks::eventLiteral),
              x -> new Statement.TestDecl(t.name(), t.given(), x, NONE)));
      out.addAll(
          map(
              Gen.shorter(t.name().name()),
              n -> new Statement.TestDecl(new Ident(n, NONE), t.given(), t.expect(), NONE)));
    } else {
      out.addAll(patternDecl((Statement.PatternDecl) s));
    }
    return out;
  }

  private static List<Statement> patternDecl(Statement.PatternDecl p) {
    List<Statement> out = new ArrayList<>();
    // Optional clauses go first: dropping one removes the most text.
    if (p.where() != null) {
      out.add(
          pattern(
              p, p.partitionBy(), p.match(), null, p.within(), p.skip(), p.emit(), p.onTimeout()));
    }
    if (p.within() != null) {
      out.add(
          pattern(
              p, p.partitionBy(), p.match(), p.where(), null, p.skip(), p.emit(), p.onTimeout()));
    }
    if (p.skip() != SkipPolicy.KEEP_ALL) {
      out.add(
          new Statement.PatternDecl(
              p.internal(),
              p.name(),
              p.partitionBy(),
              p.match(),
              p.where(),
              p.within(),
              SkipPolicy.KEEP_ALL,
              null,
              p.emit(),
              p.onTimeout(),
              NONE));
    }
    if (p.internal()) {
      out.add(
          new Statement.PatternDecl(
              false,
              p.name(),
              p.partitionBy(),
              p.match(),
              p.where(),
              p.within(),
              p.skip(),
              p.skipTo(),
              p.emit(),
              p.onTimeout(),
              NONE));
    }
    if (p.emit() != null) {
      out.add(
          pattern(
              p, p.partitionBy(), p.match(), p.where(), p.within(), p.skip(), null, p.onTimeout()));
    }
    if (p.onTimeout() != null) {
      out.add(
          pattern(p, p.partitionBy(), p.match(), p.where(), p.within(), p.skip(), p.emit(), null));
    }
    out.addAll(
        map(
            Gen.shrinkList(p.partitionBy(), 0, AstShrinks::expr),
            k ->
                pattern(
                    p, k, p.match(), p.where(), p.within(), p.skip(), p.emit(), p.onTimeout())));
    out.addAll(
        map(
            pattern(p.match()),
            m ->
                pattern(
                    p,
                    p.partitionBy(),
                    m,
                    p.where(),
                    p.within(),
                    p.skip(),
                    p.emit(),
                    p.onTimeout())));
    if (p.where() != null) {
      out.addAll(
          map(
              expr(p.where()),
              w ->
                  pattern(
                      p,
                      p.partitionBy(),
                      p.match(),
                      w,
                      p.within(),
                      p.skip(),
                      p.emit(),
                      p.onTimeout())));
    }
    if (p.within() instanceof Statement.TimeWindow t) {
      out.addAll(
          map(
              Gen.towards(t.millis(), 0),
              ms ->
                  pattern(
                      p,
                      p.partitionBy(),
                      p.match(),
                      p.where(),
                      new Statement.TimeWindow(ms, NONE),
                      p.skip(),
                      p.emit(),
                      p.onTimeout())));
    } else if (p.within() instanceof Statement.CountWindow c) {
      out.addAll(
          map(
              Gen.towards(c.events(), 1),
              n ->
                  pattern(
                      p,
                      p.partitionBy(),
                      p.match(),
                      p.where(),
                      new Statement.CountWindow(n, NONE),
                      p.skip(),
                      p.emit(),
                      p.onTimeout())));
    }
    if (p.emit() != null) {
      out.addAll(
          map(
              constructor(p.emit()),
              e ->
                  pattern(
                      p,
                      p.partitionBy(),
                      p.match(),
                      p.where(),
                      p.within(),
                      p.skip(),
                      e,
                      p.onTimeout())));
    }
    if (p.onTimeout() != null) {
      out.addAll(
          map(
              constructor(p.onTimeout()),
              e ->
                  pattern(
                      p,
                      p.partitionBy(),
                      p.match(),
                      p.where(),
                      p.within(),
                      p.skip(),
                      p.emit(),
                      e)));
    }
    out.addAll(
        map(
            ident(p.name()),
            n ->
                new Statement.PatternDecl(
                    p.internal(),
                    n,
                    p.partitionBy(),
                    p.match(),
                    p.where(),
                    p.within(),
                    p.skip(),
                    p.skipTo(),
                    p.emit(),
                    p.onTimeout(),
                    NONE)));
    return out;
  }

  private static Statement pattern(
      Statement.PatternDecl p,
      List<Expr> partitionBy,
      PatternExpr match,
      Expr where,
      Statement.Window within,
      SkipPolicy skip,
      Statement.EventConstructor emit,
      Statement.EventConstructor onTimeout) {
    return new Statement.PatternDecl(
        p.internal(),
        p.name(),
        partitionBy,
        match,
        where,
        within,
        skip,
        skip == p.skip() ? p.skipTo() : null,
        emit,
        onTimeout,
        NONE);
  }

  private static List<Statement.FieldDecl> fieldDecl(Statement.FieldDecl f) {
    List<Statement.FieldDecl> out = new ArrayList<>();
    out.addAll(map(ident(f.name()), n -> new Statement.FieldDecl(n, f.type(), NONE)));
    out.addAll(map(ident(f.type()), t -> new Statement.FieldDecl(f.name(), t, NONE)));
    return out;
  }

  private static List<Statement.EventConstructor> constructor(Statement.EventConstructor c) {
    List<Statement.EventConstructor> out = new ArrayList<>();
    out.addAll(
        map(
            Gen.shrinkList(c.fields(), 0, AstShrinks::fieldValue),
            f -> new Statement.EventConstructor(c.type(), f, NONE)));
    out.addAll(map(ident(c.type()), t -> new Statement.EventConstructor(t, c.fields(), NONE)));
    return out;
  }

  private static List<Statement.FieldValue> fieldValue(Statement.FieldValue f) {
    List<Statement.FieldValue> out = new ArrayList<>();
    out.addAll(map(expr(f.value()), v -> new Statement.FieldValue(f.name(), v, NONE)));
    out.addAll(map(ident(f.name()), n -> new Statement.FieldValue(n, f.value(), NONE)));
    return out;
  }

  private static List<Statement.EventLiteral> eventLiteral(Statement.EventLiteral e) {
    List<Statement.EventLiteral> out = new ArrayList<>();
    out.addAll(map(constructor(e.event()), c -> new Statement.EventLiteral(c, e.time(), NONE)));
    out.addAll(map(expr(e.time()), t -> new Statement.EventLiteral(e.event(), t, NONE)));
    return out;
  }

  // ---- patterns ----

  static List<PatternExpr> pattern(PatternExpr p) {
    List<PatternExpr> out = new ArrayList<>();
    if (p instanceof PatternExpr.Atom a) {
      out.addAll(atom(a));
    } else if (p instanceof PatternExpr.Negation n) {
      out.add(n.atom());
      out.addAll(map(atom(n.atom()), a -> new PatternExpr.Negation(a, NONE)));
    } else if (p instanceof PatternExpr.Sequence s) {
      List<PatternExpr> elements = s.elements();
      out.addAll(elements);
      for (int i = 0; elements.size() > 2 && i < elements.size(); i++) {
        List<PatternExpr> fewer = new ArrayList<>(elements);
        List<Arrow> arrows = new ArrayList<>(s.arrows());
        fewer.remove(i);
        arrows.remove(Math.max(0, i - 1));
        out.add(new PatternExpr.Sequence(fewer, arrows, NONE));
      }
      for (int i = 0; i < s.arrows().size(); i++) {
        if (s.arrows().get(i) != Arrow.NEXT) {
          List<Arrow> arrows = new ArrayList<>(s.arrows());
          arrows.set(i, Arrow.NEXT);
          out.add(new PatternExpr.Sequence(elements, arrows, NONE));
        }
      }
      out.addAll(
          map(
              Gen.shrinkList(elements, elements.size(), AstShrinks::pattern),
              l -> new PatternExpr.Sequence(l, s.arrows(), NONE)));
    } else if (p instanceof PatternExpr.Repetition r) {
      out.add(r.body());
      if (r.min() != 1 || r.max() != PatternExpr.Repetition.UNBOUNDED) {
        out.add(new PatternExpr.Repetition(r.body(), 1, PatternExpr.Repetition.UNBOUNDED, NONE));
      }
      out.addAll(
          map(pattern(r.body()), b -> new PatternExpr.Repetition(b, r.min(), r.max(), NONE)));
    } else if (p instanceof PatternExpr.Alternation a) {
      out.addAll(a.alternatives());
      out.addAll(
          map(
              Gen.shrinkList(a.alternatives(), 2, AstShrinks::pattern),
              l -> new PatternExpr.Alternation(l, NONE)));
    } else {
      PatternExpr.Conjunction c = (PatternExpr.Conjunction) p;
      out.addAll(c.parts());
      out.addAll(
          map(
              Gen.shrinkList(c.parts(), 2, AstShrinks::pattern),
              l -> new PatternExpr.Conjunction(l, NONE)));
    }
    return out;
  }

  private static List<PatternExpr.Atom> atom(PatternExpr.Atom a) {
    List<PatternExpr.Atom> out = new ArrayList<>();
    if (a.condition() != null) {
      out.add(new PatternExpr.Atom(a.binding(), a.type(), null, NONE));
    }
    if (a.binding() != null) {
      out.add(new PatternExpr.Atom(null, a.type(), a.condition(), NONE));
    }
    if (a.condition() != null) {
      out.addAll(
          map(expr(a.condition()), c -> new PatternExpr.Atom(a.binding(), a.type(), c, NONE)));
    }
    if (a.binding() != null) {
      out.addAll(
          map(ident(a.binding()), b -> new PatternExpr.Atom(b, a.type(), a.condition(), NONE)));
    }
    out.addAll(
        map(ident(a.type()), t -> new PatternExpr.Atom(a.binding(), t, a.condition(), NONE)));
    return out;
  }

  // ---- expressions ----

  static List<Expr> expr(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Expr.Literal l) {
      if (l.value() instanceof Long v) {
        out.addAll(map(Gen.towards(v, 0), x -> new Expr.Literal(x, NONE)));
      } else if (l.value() instanceof Double v) {
        out.addAll(map(Gen.towardsZero(v), x -> new Expr.Literal(x, NONE)));
      } else if (l.value() instanceof String v) {
        out.addAll(map(Gen.shorter(v), x -> new Expr.Literal(x, NONE)));
      } else if (Boolean.TRUE.equals(l.value())) {
        out.add(new Expr.Literal(false, NONE));
      }
    } else if (e instanceof Expr.Duration d) {
      out.addAll(map(Gen.towards(d.millis(), 0), x -> new Expr.Duration(x, NONE)));
    } else if (e instanceof Expr.Name n) {
      out.addAll(map(ident(n.name()), x -> new Expr.Name(x, NONE)));
    } else if (e instanceof Expr.Field f) {
      out.add(f.target());
      out.addAll(map(expr(f.target()), t -> new Expr.Field(t, f.field(), NONE)));
      out.addAll(map(ident(f.field()), x -> new Expr.Field(f.target(), x, NONE)));
    } else if (e instanceof Expr.Call c) {
      out.addAll(c.args());
      out.addAll(
          map(
              Gen.shrinkList(c.args(), 0, AstShrinks::expr),
              a -> new Expr.Call(c.function(), a, NONE)));
      out.addAll(map(ident(c.function()), x -> new Expr.Call(x, c.args(), NONE)));
    } else if (e instanceof Expr.Unary u) {
      out.add(u.operand());
      out.addAll(map(expr(u.operand()), x -> new Expr.Unary(u.op(), x, NONE)));
    } else if (e instanceof Expr.Binary b) {
      out.add(b.left());
      out.add(b.right());
      out.addAll(map(expr(b.left()), x -> new Expr.Binary(b.op(), x, b.right(), NONE)));
      out.addAll(map(expr(b.right()), x -> new Expr.Binary(b.op(), b.left(), x, NONE)));
    } else if (e instanceof Expr.IsNull n) {
      out.add(n.operand());
      out.addAll(map(expr(n.operand()), x -> new Expr.IsNull(x, n.negated(), NONE)));
    } else if (e instanceof Expr.In in) {
      out.add(in.operand());
      out.addAll(in.values());
      out.addAll(map(expr(in.operand()), x -> new Expr.In(x, in.values(), in.negated(), NONE)));
      out.addAll(
          map(
              Gen.shrinkList(in.values(), 1, AstShrinks::expr),
              v -> new Expr.In(in.operand(), v, in.negated(), NONE)));
    } else if (e instanceof Expr.Between b) {
      out.addAll(List.of(b.operand(), b.low(), b.high()));
      out.addAll(
          map(expr(b.operand()), x -> new Expr.Between(x, b.low(), b.high(), b.negated(), NONE)));
      out.addAll(
          map(expr(b.low()), x -> new Expr.Between(b.operand(), x, b.high(), b.negated(), NONE)));
      out.addAll(
          map(expr(b.high()), x -> new Expr.Between(b.operand(), b.low(), x, b.negated(), NONE)));
    } else if (e instanceof Expr.Like l) {
      out.addAll(List.of(l.operand(), l.pattern()));
      out.addAll(map(expr(l.operand()), x -> new Expr.Like(x, l.pattern(), l.negated(), NONE)));
      out.addAll(map(expr(l.pattern()), x -> new Expr.Like(l.operand(), x, l.negated(), NONE)));
    } else {
      Expr.Matches m = (Expr.Matches) e;
      out.addAll(List.of(m.operand(), m.regex()));
      out.addAll(map(expr(m.operand()), x -> new Expr.Matches(x, m.regex(), m.negated(), NONE)));
      out.addAll(map(expr(m.regex()), x -> new Expr.Matches(m.operand(), x, m.negated(), NONE)));
    }
    return out;
  }

  /** Any name can stand for another here; {@code a} is the plainest. */
  private static List<Ident> ident(Ident i) {
    return i.name().equals("a") ? List.of() : List.of(new Ident("a", NONE));
  }

  private static <A, R> List<R> map(List<A> parts, Function<A, R> make) {
    List<R> out = new ArrayList<>(parts.size());
    for (A a : parts) {
      out.add(make.apply(a));
    }
    return out;
  }
}
