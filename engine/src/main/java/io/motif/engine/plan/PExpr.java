package io.motif.engine.plan;

import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import java.util.List;

/**
 * A checked, typed expression. Names are resolved (to bindings, constants or fields of the current
 * event) and calls to functions; nothing after the checker looks at the syntax tree.
 */
public sealed interface PExpr {
  Type type();

  /** A literal or a constant's value. */
  record Const(Object value, Type type) implements PExpr {}

  /** The event being tested: an atom's own single binding inside its own condition. */
  record Current(Type type) implements PExpr {}

  /** A bare field name of the event being tested. */
  record CurrentField(String field, Type type) implements PExpr {}

  /** A single binding: the event it holds, or null while unbound. */
  record Binding(int slot, String name, Type type) implements PExpr {}

  /** The value an aggregate's argument is evaluated on: one event of the repeated binding. */
  record Element(Type type) implements PExpr {}

  /** The event most recently added to the match; null for a match's first event. */
  record Prev(Type type) implements PExpr {}

  /** {@code target.field}. */
  record Field(PExpr target, String field, Type type) implements PExpr {}

  /** {@code time(x)}: the event time of an event value. */
  record EventTime(PExpr event) implements PExpr {
    @Override
    public Type type() {
      return Type.LONG;
    }
  }

  record Call(ScalarFunction function, List<PExpr> args, Type type) implements PExpr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** The current value of the aggregate in slot {@code slot} of the pattern's {@link AggSpec}s. */
  record Aggregate(int slot, Type type) implements PExpr {}

  record Unary(Op op, PExpr operand, Type type) implements PExpr {}

  record Binary(Op op, PExpr left, PExpr right, Type type) implements PExpr {}

  record IsNull(PExpr operand, boolean negated) implements PExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record In(PExpr operand, List<PExpr> values, boolean negated) implements PExpr {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record Between(PExpr operand, PExpr low, PExpr high, boolean negated) implements PExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record Like(PExpr operand, PExpr pattern, boolean negated) implements PExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record Matches(PExpr operand, PExpr regex, boolean negated) implements PExpr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }
}
