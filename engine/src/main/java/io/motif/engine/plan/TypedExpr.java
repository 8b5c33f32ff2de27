package io.motif.engine.plan;

import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked, typed expression. Names are resolved (to bindings, constants or fields of the current
 * event) and calls to functions; nothing after the checker looks at the syntax tree.
 *
 * <p>Walk it with a {@link Visitor} (one method per kind of node, so a new kind is a compile error
 * in every walker) or, for a fold that treats every inner node alike, with {@link #children()}.
 */
public sealed interface TypedExpr {
  /** The type of the value; {@link Type#ANY} when it is known only at run time. */
  Type type();

  /** Calls the visitor's method for this kind of node. */
  <R> R accept(Visitor<R> visitor);

  /** The direct sub-expressions, in source order (none for a leaf or an aggregate's slot). */
  default List<TypedExpr> children() {
    return List.of();
  }

  /**
   * True for an {@link Error}. No node is built around an error (an expression with an erroneous
   * operand is itself an error), so this is the whole expression's answer.
   */
  default boolean isError() {
    return this instanceof Error;
  }

  /**
   * One method per kind of node. The checker's walkers implement it; so can later stages, which
   * never see an {@link Error}.
   */
  interface Visitor<R> {
    R visitConst(Const e);

    R visitCurrent(Current e);

    R visitCurrentField(CurrentField e);

    R visitBinding(Binding e);

    R visitElement(Element e);

    R visitPrev(Prev e);

    R visitField(Field e);

    R visitEventTime(EventTime e);

    R visitCall(Call e);

    R visitAggregate(Aggregate e);

    R visitUnary(Unary e);

    R visitBinary(Binary e);

    R visitIsNull(IsNull e);

    R visitIn(In e);

    R visitBetween(Between e);

    R visitLike(Like e);

    R visitMatches(Matches e);

    R visitError(Error e);
  }

  /**
   * Stands where the checker reported an error, so that checking goes on around it. Its type is
   * unknown ({@link Type#ANY}), which no rule rejects, so one mistake is reported once. A script
   * with errors is never compiled: no stage after the checker sees this node.
   */
  record Error() implements TypedExpr {
    /** The one instance: an error carries nothing but its unknown type. */
    public static final Error INSTANCE = new Error();

    @Override
    public Type type() {
      return Type.ANY;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitError(this);
    }
  }

  /** A literal or a constant's value. */
  record Const(Object value, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitConst(this);
    }
  }

  /** The event being tested: an atom's own single binding inside its own condition. */
  record Current(Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCurrent(this);
    }
  }

  /** A bare field name of the event being tested. */
  record CurrentField(String field, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCurrentField(this);
    }
  }

  /** A single binding: the event it holds, or null while unbound. */
  record Binding(int slot, String name, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBinding(this);
    }
  }

  /** The value an aggregate's argument is evaluated on: one event of the repeated binding. */
  record Element(Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitElement(this);
    }
  }

  /** The event most recently added to the match; null for a match's first event. */
  record Prev(Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitPrev(this);
    }
  }

  /** {@code target.field}. */
  record Field(TypedExpr target, String field, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitField(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(target);
    }
  }

  /** {@code time(x)}: the event time of an event value. */
  record EventTime(TypedExpr event) implements TypedExpr {
    @Override
    public Type type() {
      return Type.LONG;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitEventTime(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(event);
    }
  }

  /** A call of a scalar function, resolved by the checker. */
  record Call(ScalarFunction function, List<TypedExpr> args, Type type) implements TypedExpr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCall(this);
    }

    @Override
    public List<TypedExpr> children() {
      return args;
    }
  }

  /**
   * The current value of the aggregate in slot {@code slot} of the pattern's {@link Aggregation}s.
   */
  record Aggregate(int slot, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitAggregate(this);
    }
  }

  /** {@code not x} or {@code -x}. */
  record Unary(Op op, TypedExpr operand, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitUnary(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(operand);
    }
  }

  /** An arithmetic, comparison, boolean or concatenation operator. */
  record Binary(Op op, TypedExpr left, TypedExpr right, Type type) implements TypedExpr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBinary(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(left, right);
    }
  }

  /** {@code x is [not] null}. */
  record IsNull(TypedExpr operand, boolean negated) implements TypedExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitIsNull(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(operand);
    }
  }

  /** {@code x [not] in (v1, v2, ...)}. */
  record In(TypedExpr operand, List<TypedExpr> values, boolean negated) implements TypedExpr {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitIn(this);
    }

    @Override
    public List<TypedExpr> children() {
      List<TypedExpr> all = new ArrayList<>(values.size() + 1);
      all.add(operand);
      all.addAll(values);
      return all;
    }
  }

  /** {@code x [not] between low and high}. */
  record Between(TypedExpr operand, TypedExpr low, TypedExpr high, boolean negated)
      implements TypedExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBetween(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(operand, low, high);
    }
  }

  /** {@code x [not] like pattern}. */
  record Like(TypedExpr operand, TypedExpr pattern, boolean negated) implements TypedExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitLike(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(operand, pattern);
    }
  }

  /** {@code x [not] matches regex}. */
  record Matches(TypedExpr operand, TypedExpr regex, boolean negated) implements TypedExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitMatches(this);
    }

    @Override
    public List<TypedExpr> children() {
      return List.of(operand, regex);
    }
  }
}
