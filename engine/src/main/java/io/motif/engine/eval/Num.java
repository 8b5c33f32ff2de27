package io.motif.engine.eval;

/**
 * Where an arithmetic node leaves its value when evaluated without boxing (see {@link
 * NumericCompiler}): a kind, and a long or a double. One per evaluation context, reused: a node
 * reads its operands out of it into locals before it writes its own value.
 */
public final class Num {
  /** No value: null, or what arithmetic gives for a non-number, an overflow, a zero divisor. */
  static final byte NULL = 0;

  /** A whole number in {@link #l}: a Long (or an Integer, Short or Byte read from an event). */
  static final byte LONG = 1;

  /** A Double in {@link #d}. */
  static final byte DOUBLE = 2;

  /**
   * A Float in {@link #d}: a double in arithmetic and comparisons, but {@code -x} of it is null, as
   * {@code Values.negate} has it.
   */
  static final byte FLOAT = 3;

  /**
   * Some other Number ({@code BigDecimal}...) in {@link #d} as its {@code doubleValue()}:
   * arithmetic takes it as a double; comparisons do not take it for a number; {@code -x} is null.
   */
  static final byte EXOTIC = 4;

  /** Not a number (a string, a boolean...): arithmetic gives null, comparisons do not order it. */
  static final byte OTHER = 5;

  byte kind;
  long l;
  double d;

  /** Whether the value is a whole number, in {@link #longValue}. */
  public boolean isLong() {
    return kind == LONG;
  }

  /** Whether the value is a Double, in {@link #doubleValue}. */
  public boolean isDouble() {
    return kind == DOUBLE;
  }

  public long longValue() {
    return l;
  }

  public double doubleValue() {
    return d;
  }
}
