package io.motif.ast;

import io.motif.source.Span;
import java.util.List;

/** An expression, untyped, as written (LANGUAGE.md §4.3). */
public sealed interface Expr extends Node
    permits Expr.Literal,
        Expr.Duration,
        Expr.Name,
        Expr.Field,
        Expr.Call,
        Expr.Unary,
        Expr.Binary,
        Expr.IsNull,
        Expr.In,
        Expr.Between,
        Expr.Like,
        Expr.Matches {

  /** A number ({@link Long} or {@link Double}), string, boolean or null. */
  record Literal(Object value, Span span) implements Expr {}

  /** {@code 5 min}, kept in milliseconds. */
  record Duration(long millis, Span span) implements Expr {}

  /** A bare name: a binding, a constant or a field of the current event. */
  record Name(Ident name, Span span) implements Expr {}

  /** {@code target.field}. */
  record Field(Expr target, Ident field, Span span) implements Expr {}

  /** {@code f(args)}; function names are case-insensitive. */
  record Call(Ident function, List<Expr> args, Span span) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  enum UnaryOp {
    NEGATE("-"),
    NOT("not ");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

  enum BinaryOp {
    MUL("*", 6),
    DIV("/", 6),
    MOD("%", 6),
    ADD("+", 5),
    SUB("-", 5),
    CONCAT("||", 5),
    EQ("==", 4),
    NE("!=", 4),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    AND("and", 2),
    OR("or", 1);

    public final String symbol;

    /** Binding strength; larger binds tighter. Postfix predicates are 3, {@code not} is 2.5. */
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 4;
    }

    public boolean isArithmetic() {
      return this == MUL || this == DIV || this == MOD || this == ADD || this == SUB;
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

  record IsNull(Expr operand, boolean negated, Span span) implements Expr {}

  record In(Expr operand, List<Expr> values, boolean negated, Span span) implements Expr {
    public In {
      values = List.copyOf(values);
    }
  }

  record Between(Expr operand, Expr low, Expr high, boolean negated, Span span) implements Expr {}

  record Like(Expr operand, Expr pattern, boolean negated, Span span) implements Expr {}

  record Matches(Expr operand, Expr regex, boolean negated, Span span) implements Expr {}
}
