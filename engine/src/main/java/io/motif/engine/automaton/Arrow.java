package io.motif.engine.automaton;

/**
 * How an edge's event follows the one before it (LANGUAGE.md §4.1): the plan's arrows as the
 * automaton carries them, so that the runtime reads no plan type.
 */
public enum Arrow {
  /** {@code ->}: skip-till-next-match. */
  NEXT("->"),
  /** {@code ->>}: skip-till-any-match. */
  ANY("->>"),
  /** {@code =>}: strict contiguity. */
  STRICT("=>");

  private final String symbol;

  Arrow(String symbol) {
    this.symbol = symbol;
  }

  /** The arrow as written. */
  public String symbol() {
    return symbol;
  }
}
