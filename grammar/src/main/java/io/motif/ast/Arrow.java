package io.motif.ast;

/** The three ways one pattern element follows another (LANGUAGE.md §4.1). */
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

  public String symbol() {
    return symbol;
  }
}
