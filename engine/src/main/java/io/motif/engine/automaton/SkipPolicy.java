package io.motif.engine.automaton;

/**
 * What happens to other attempts once a match is emitted (LANGUAGE.md §4.5): the plan's skip clause
 * as the automaton carries it, so that the runtime reads no plan type.
 */
public enum SkipPolicy {
  KEEP_ALL(""),
  PAST_LAST("past last"),
  TO_NEXT("to next"),
  /** {@code to first x}: the automaton names {@code x}'s binding slot. */
  TO_FIRST("to first"),
  /** {@code to last x}: the automaton names {@code x}'s binding slot. */
  TO_LAST("to last");

  private final String text;

  SkipPolicy(String text) {
    this.text = text;
  }

  /** The clause as written after {@code after match skip}. */
  public String text() {
    return text;
  }
}
