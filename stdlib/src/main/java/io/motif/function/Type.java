package io.motif.function;

import java.util.Locale;

/**
 * The value types of Motif expressions. {@code time} values are {@link #LONG} epoch milliseconds
 * and durations are {@link #LONG} milliseconds. {@link #ANY} is a value whose type is known only at
 * run time (fields of undeclared event types, fields declared {@code any}).
 */
public enum Type {
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A 64-bit integer. */
  LONG,
  /** A 64-bit floating-point number. */
  DOUBLE,
  /** Text. */
  STRING,
  /** Known only at run time. */
  ANY,
  /** The type of the literal {@code null}: fits every parameter. */
  NULL,
  /** One event (a single binding, {@code prev}, {@code first(f)}). */
  EVENT,
  /** The events of a repeated binding; only aggregates read it. */
  LIST;

  /** Whether it is LONG or DOUBLE. */
  public boolean isNumeric() {
    return this == LONG || this == DOUBLE;
  }

  /** True when a value of this type may be passed where {@code param} is expected. */
  public boolean fits(Type param) {
    return param == ANY
        || this == param
        || this == ANY
        || this == NULL
        || (param == DOUBLE && this == LONG);
  }

  /** The name users write and read ({@code long}, {@code string}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of a runtime value, for functions that check their arguments. */
  public static Type of(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Long || value instanceof Integer) {
      return LONG;
    }
    if (value instanceof Double || value instanceof Float) {
      return DOUBLE;
    }
    if (value instanceof String) {
      return STRING;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    return ANY;
  }
}
