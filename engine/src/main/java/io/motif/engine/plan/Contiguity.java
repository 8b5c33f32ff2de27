package io.motif.engine.plan;

/** How an element follows the one before it: the three arrows of LANGUAGE.md §4.1. */
public enum Contiguity {
  /** {@code ->}: skip-till-next-match. */
  NEXT("->"),
  /** {@code ->>}: skip-till-any-match. */
  ANY("->>"),
  /** {@code =>}: strict contiguity. */
  STRICT("=>");

  private final String symbol;

  Contiguity(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
