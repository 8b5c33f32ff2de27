package io.motif.engine.plan;

import io.motif.function.Type;
import java.util.Locale;

/** The field types an {@code event} declaration may name (LANGUAGE.md §3). */
public enum FieldType {
  STRING(Type.STRING),
  LONG(Type.LONG),
  DOUBLE(Type.DOUBLE),
  BOOLEAN(Type.BOOLEAN),
  /** Epoch milliseconds; ISO-8601 strings are accepted on input. */
  TIME(Type.LONG),
  ANY(Type.ANY);

  private final Type valueType;

  FieldType(Type valueType) {
    this.valueType = valueType;
  }

  public Type valueType() {
    return valueType;
  }

  /** The type for a name as written, or null. {@code int} and {@code float} are aliases. */
  public static FieldType named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "string" -> STRING;
      case "long", "int" -> LONG;
      case "double", "float" -> DOUBLE;
      case "boolean" -> BOOLEAN;
      case "time" -> TIME;
      case "any" -> ANY;
      default -> null;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
