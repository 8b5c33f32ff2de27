package io.motif.engine.plan;

import java.util.List;

/** {@code emit T(f: expr, ...)}: the derived event's type and fields, in order. */
public record EmitPlan(String type, List<EmitField> fields) {
  public EmitPlan {
    fields = List.copyOf(fields);
  }

  /** One emitted field; {@code declared} is the declared field type, or null when undeclared. */
  public record EmitField(String name, TypedExpr value, FieldType declared) {}
}
