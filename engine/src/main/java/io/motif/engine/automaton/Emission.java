package io.motif.engine.automaton;

import io.motif.engine.EventShape;
import io.motif.engine.eval.Evaluator;

/**
 * An {@code emit} (or {@code on timeout emit}) clause compiled: the derived event's type and shape,
 * one evaluator per field, and the conversion each field's declared type asks for.
 */
public final class Emission {
  /** What a field's declared type does to a value computed for it. */
  enum Conversion {
    /** Undeclared, or declared as a type that takes values as they are. */
    NONE,
    /** A declared double: a long is written as 3.0. */
    TO_DOUBLE,
    /** A declared long or time: a whole double is written as a long. */
    TO_WHOLE
  }

  private final String type;
  private final EventShape shape;
  private final Evaluator[] fields;
  private final Conversion[] conversions;

  Emission(String type, String[] names, Evaluator[] fields, Conversion[] conversions) {
    this.type = type;
    this.shape = EventShape.of(names);
    this.fields = fields;
    this.conversions = conversions;
  }

  /** The derived event's type. */
  public String type() {
    return type;
  }

  /** The derived event's fields, in order. */
  public EventShape shape() {
    return shape;
  }

  /** How many fields the clause computes. */
  public int fields() {
    return fields.length;
  }

  /** The evaluator of field {@code i}. */
  public Evaluator field(int i) {
    return fields[i];
  }

  /** Field {@code i}'s value {@code v} in its declared type: a declared double is written 3.0. */
  public Object convert(int i, Object v) {
    if (v == null) {
      return null;
    }
    return switch (conversions[i]) {
      case TO_DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : v;
      case TO_WHOLE ->
          v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
              ? (Object) d.longValue()
              : v;
      case NONE -> v;
    };
  }
}
