package io.motif.engine.check;

import io.motif.function.Type;

/**
 * The typing rules of Motif's operators (LANGUAGE.md §8, "Values"), apart from the walk that
 * applies them. A value of unknown type ({@link Type#ANY}, also the type of an error) or the
 * literal {@code null} passes every rule: it is checked when the rules run.
 */
final class TypeRules {
  private TypeRules() {}

  /** True when a value of this type may be an operand of arithmetic or unary minus. */
  static boolean numericOrUnknown(Type t) {
    return t.isNumeric() || t == Type.ANY || t == Type.NULL;
  }

  /** True when a value of this type may stand where a condition (a boolean) is needed. */
  static boolean booleanOrUnknown(Type t) {
    return t == Type.BOOLEAN || t == Type.ANY || t == Type.NULL;
  }

  /** True when a value of this type may be an operand of {@code like} or {@code matches}. */
  static boolean stringOrUnknown(Type t) {
    return t == Type.STRING || t == Type.ANY || t == Type.NULL;
  }

  /** True when values of the two types may be compared: numbers with numbers, else like kinds. */
  static boolean comparable(Type a, Type b) {
    if (a == Type.ANY || b == Type.ANY || a == Type.NULL || b == Type.NULL) {
      return true;
    }
    if (a.isNumeric() && b.isNumeric()) {
      return true;
    }
    return a == b;
  }

  /** True when values of this type can be ordered, not only told equal or not. */
  static boolean ordered(Type t) {
    return t != Type.EVENT && t != Type.LIST;
  }

  /** The type of {@code + - * / %} over two numeric (or unknown) operands. */
  static Type arithmetic(Type left, Type right) {
    if (left == Type.DOUBLE || right == Type.DOUBLE) {
      return Type.DOUBLE;
    }
    if (left == Type.LONG && right == Type.LONG) {
      return Type.LONG;
    }
    return Type.ANY;
  }

  /** The type of {@code -x}: the operand's, or unknown for the literal {@code null}. */
  static Type negation(Type operand) {
    return operand == Type.NULL ? Type.ANY : operand;
  }
}
