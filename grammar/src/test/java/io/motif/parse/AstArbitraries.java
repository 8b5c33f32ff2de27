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
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generators of ASTs the AST builder can produce, every span {@link Span#NONE}, with {@link
 * AstShrinks} to shrink a failing one.
 *
 * <p>Each tree is grown from the random source and a depth budget drawn first, so that shallow
 * trees are as common as deep ones; growing trees by hand rather than from combinators keeps
 * generation cheap (it used to be ~100 ms a script, most of the suite's time).
 *
 * <p>What the builder cannot produce is left out on purpose: sequences, alternations and
 * conjunctions have at least two parts; repetition ranges are the valid ones; numbers are finite;
 * durations and windows are non-negative and at most {@code Long.MAX_VALUE / 2} ms; event counts
 * positive; {@code Long.MIN_VALUE} is not a literal (its digits overflow before the minus applies).
 * Names may be anything the printer can write: keywords in any case included (it backquotes them),
 * but no backquote or line break, which no backquoted name can hold.
 */
final class AstArbitraries {
  private AstArbitraries() {}

  static Gen<Script> scripts() {
    return Gen.of(r -> script(r, r.nextInt(4)), AstShrinks::script);
  }

  static Gen<Statement> statements() {
    return Gen.of(r -> statement(r, r.nextInt(4)), AstShrinks::statement);
  }

  static Gen<Expr> expressions() {
    return Gen.of(r -> expr(r, r.nextInt(5)), AstShrinks::expr);
  }

  static Gen<PatternExpr> patterns() {
    return Gen.of(r -> pattern(r, r.nextInt(4)), AstShrinks::pattern);
  }

  private static final Span NONE = Span.NONE;

  /** Every keyword of the lexer, which the printer must backquote when used as a name. */
  static final List<String> KEYWORDS =
      List.of(
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

  /** Plain names that look like something else: unit words, soft words, exponent-like words. */
  static final List<String> TRICKY_NAMES =
      List.of(
          "last", "next", "past", "to", "events", "ms", "s", "sec", "m", "min", "mins", "h", "d",
          "day", "days", "time", "if", "count", "prev", "e", "E", "e5", "E10", "_", "__", "x_1",
          "millis");

  // ---- script and statements ----

  static Script script(Random r, int depth) {
    return new Script(list(r, 0, 4, () -> statement(r, depth)), NONE);
  }

  static Statement statement(Random r, int depth) {
    switch (r.nextInt(7)) {
      case 0 -> {
        return new Statement.EventDecl(
            ident(r), list(r, 0, 4, () -> new Statement.FieldDecl(ident(r), ident(r), NONE)), NONE);
      }
      case 1, 2 -> {
        return new Statement.ConstDecl(ident(r), expr(r, depth + 1), NONE);
      }
      case 3 -> {
        return new Statement.TestDecl(
            new Ident(text(r, r.nextInt(9)), NONE),
            list(r, 0, 3, () -> eventLiteral(r, depth)),
            list(r, 0, 3, () -> eventLiteral(r, depth)),
            NONE);
      }
      default -> {
        SkipPolicy skip = SkipPolicy.values()[r.nextInt(SkipPolicy.values().length)];
        boolean named = skip == SkipPolicy.TO_FIRST || skip == SkipPolicy.TO_LAST;
        return new Statement.PatternDecl(
            r.nextInt(4) == 0,
            ident(r),
            list(r, 0, 3, () -> partitionKey(r)),
            pattern(r, depth),
            r.nextBoolean() ? expr(r, depth) : null,
            r.nextInt(5) < 3 ? window(r) : null,
            skip,
            named ? ident(r) : null,
            r.nextBoolean() ? constructor(r, depth) : null,
            r.nextInt(3) == 0 ? constructor(r, depth) : null,
            NONE);
      }
    }
  }

  static Statement.EventConstructor constructor(Random r, int depth) {
    return new Statement.EventConstructor(
        ident(r),
        list(r, 0, 3, () -> new Statement.FieldValue(ident(r), expr(r, Math.min(depth, 2)), NONE)),
        NONE);
  }

  static Statement.EventLiteral eventLiteral(Random r, int depth) {
    return new Statement.EventLiteral(constructor(r, depth), expr(r, Math.min(depth, 2)), NONE);
  }

  static Expr partitionKey(Random r) {
    Expr key = new Expr.Name(ident(r), NONE);
    for (int i = r.nextInt(3); i > 0; i--) {
      key = new Expr.Field(key, ident(r), NONE);
    }
    return key;
  }

  static Statement.Window window(Random r) {
    return r.nextBoolean()
        ? new Statement.TimeWindow(millis(r), NONE)
        : new Statement.CountWindow(
            r.nextBoolean() ? 1 + r.nextInt(1000) : r.nextLong(1, Long.MAX_VALUE), NONE);
  }

  // ---- patterns ----

  static PatternExpr pattern(Random r, int depth) {
    int choice = depth <= 0 ? r.nextInt(3) : r.nextInt(10);
    switch (choice) {
      case 0, 1 -> {
        return atom(r, depth);
      }
      case 2 -> {
        return new PatternExpr.Negation(atom(r, depth), NONE);
      }
      case 3, 4, 5 -> {
        List<PatternExpr> elements = list(r, 2, 4, () -> pattern(r, depth - 1));
        List<Arrow> arrows = new ArrayList<>();
        for (int i = 1; i < elements.size(); i++) {
          arrows.add(Arrow.values()[r.nextInt(3)]);
        }
        return new PatternExpr.Sequence(elements, arrows, NONE);
      }
      case 6, 7 -> {
        int[] range = repetitionRange(r);
        return new PatternExpr.Repetition(pattern(r, depth - 1), range[0], range[1], NONE);
      }
      case 8 -> {
        return new PatternExpr.Alternation(list(r, 2, 3, () -> pattern(r, depth - 1)), NONE);
      }
      default -> {
        return new PatternExpr.Conjunction(list(r, 2, 3, () -> pattern(r, depth - 1)), NONE);
      }
    }
  }

  static PatternExpr.Atom atom(Random r, int depth) {
    return new PatternExpr.Atom(
        r.nextBoolean() ? ident(r) : null,
        ident(r),
        r.nextInt(5) < 2 ? expr(r, Math.min(depth, 2)) : null,
        NONE);
  }

  /** {min, max} pairs a quantifier can write: max is UNBOUNDED or at least max(min, 1). */
  static int[] repetitionRange(Random r) {
    int unbounded = PatternExpr.Repetition.UNBOUNDED;
    int count = r.nextBoolean() ? r.nextInt(13) : r.nextInt(1_000_001);
    return switch (r.nextInt(8)) {
      case 0 -> new int[] {1, unbounded};
      case 1 -> new int[] {0, unbounded};
      case 2 -> new int[] {0, 1};
      case 3, 4 -> new int[] {Math.max(1, count), Math.max(1, count)};
      case 5 -> new int[] {count, unbounded};
      default -> new int[] {count, Math.min(1_000_000, Math.max(count, 1) + r.nextInt(1000))};
    };
  }

  // ---- expressions ----

  static Expr expr(Random r, int depth) {
    if (depth <= 0 || r.nextInt(4) == 0) {
      return leaf(r);
    }
    int d = depth - 1;
    return switch (r.nextInt(15)) {
      case 0 -> new Expr.Unary(Expr.UnaryOp.values()[r.nextInt(2)], expr(r, d), NONE);
      case 1, 2, 3, 4, 5 ->
          new Expr.Binary(
              Expr.BinaryOp.values()[r.nextInt(Expr.BinaryOp.values().length)],
              expr(r, d),
              expr(r, d),
              NONE);
      case 6, 7 -> new Expr.Field(expr(r, d), ident(r), NONE);
      case 8, 9 -> new Expr.Call(ident(r), list(r, 0, 3, () -> expr(r, d)), NONE);
      case 10 -> new Expr.IsNull(expr(r, d), r.nextBoolean(), NONE);
      case 11 -> new Expr.In(expr(r, d), list(r, 1, 3, () -> expr(r, d)), r.nextBoolean(), NONE);
      case 12 -> new Expr.Between(expr(r, d), expr(r, d), expr(r, d), r.nextBoolean(), NONE);
      case 13 -> new Expr.Like(expr(r, d), expr(r, d), r.nextBoolean(), NONE);
      default -> new Expr.Matches(expr(r, d), expr(r, d), r.nextBoolean(), NONE);
    };
  }

  static Expr leaf(Random r) {
    return switch (r.nextInt(12)) {
      case 0 ->
          new Expr.Literal(
              r.nextBoolean()
                  ? (long) r.nextInt(-1000, 1001)
                  : r.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE),
              NONE);
      case 1 -> new Expr.Literal(finiteDouble(r), NONE);
      case 2, 3 -> new Expr.Literal(text(r, r.nextInt(9)), NONE);
      case 4 -> new Expr.Literal(r.nextBoolean(), NONE);
      case 5 -> new Expr.Literal(null, NONE);
      case 6 -> new Expr.Duration(millis(r), NONE);
      default -> new Expr.Name(ident(r), NONE);
    };
  }

  private static final double[] SPECIAL_DOUBLES = {
    0.0,
    -0.0,
    1e-3,
    3.14,
    1e21,
    1e-7,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    9007199254740993.0,
    2.5,
    100.0
  };

  static double finiteDouble(Random r) {
    switch (r.nextInt(3)) {
      case 0 -> {
        return SPECIAL_DOUBLES[r.nextInt(SPECIAL_DOUBLES.length)];
      }
      case 1 -> {
        return Math.round(r.nextDouble(-1e6, 1e6) * 1000) / 1000.0;
      }
      default -> {
        double d;
        do {
          d = Double.longBitsToDouble(r.nextLong());
        } while (!Double.isFinite(d));
        return d;
      }
    }
  }

  /** Milliseconds a duration or window can hold: 0 to {@code Long.MAX_VALUE / 2}. */
  static long millis(Random r) {
    long[] units = {1L, 1_000L, 60_000L, 3_600_000L, 86_400_000L};
    return r.nextBoolean()
        ? r.nextInt(10_001) * units[r.nextInt(units.length)]
        : r.nextLong(0, Long.MAX_VALUE / 2 + 1);
  }

  // ---- names and text ----

  private static final String FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
  private static final String REST = FIRST + "0123456789";

  static Ident ident(Random r) {
    return new Ident(name(r), NONE);
  }

  /** Mostly plain names; then keywords in mixed case, tricky words, and backquoted oddities. */
  static String name(Random r) {
    int kind = r.nextInt(13);
    if (kind < 8) {
      StringBuilder sb = new StringBuilder().append(FIRST.charAt(r.nextInt(FIRST.length())));
      for (int i = r.nextInt(7); i > 0; i--) {
        sb.append(REST.charAt(r.nextInt(REST.length())));
      }
      return sb.toString();
    }
    if (kind < 10) {
      String keyword = KEYWORDS.get(r.nextInt(KEYWORDS.size()));
      StringBuilder sb = new StringBuilder();
      for (char c : keyword.toCharArray()) {
        sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
      }
      return sb.toString();
    }
    if (kind < 12) {
      return TRICKY_NAMES.get(r.nextInt(TRICKY_NAMES.size()));
    }
    String exotic;
    do {
      exotic = text(r, 1 + r.nextInt(5));
    } while (exotic.indexOf('`') >= 0 || exotic.indexOf('\n') >= 0 || exotic.indexOf('\r') >= 0);
    return exotic;
  }

  private static final String SPECIAL_CHARS = "\"'\\/`-*\u007f\t\n\r\b\f";

  /** Text mixing ASCII, control characters, quotes and escapes, Latin-1, CJK and emoji. */
  static String text(Random r, int length) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < length) {
      switch (r.nextInt(8)) {
        case 0, 1, 2 -> sb.append((char) (' ' + r.nextInt(95)));
        case 3 -> sb.append((char) r.nextInt(0x20));
        case 4 -> sb.append(SPECIAL_CHARS.charAt(r.nextInt(SPECIAL_CHARS.length())));
        case 5 -> sb.append((char) (0xa0 + r.nextInt(0x60)));
        case 6 -> sb.append((char) (0x4e00 + r.nextInt(0x100)));
        default -> sb.appendCodePoint(0x1f600 + r.nextInt(0x40));
      }
    }
    return sb.toString();
  }

  private static <T> List<T> list(Random r, int min, int max, Supplier<T> element) {
    int n = min + r.nextInt(max - min + 1);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.get());
    }
    return out;
  }
}
