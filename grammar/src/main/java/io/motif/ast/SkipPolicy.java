package io.motif.ast;

/** What happens to other attempts once a match is emitted (LANGUAGE.md §4.5). */
public enum SkipPolicy {
  /** No {@code after match skip} clause: every attempt continues. */
  KEEP_ALL(""),
  PAST_LAST("past last"),
  TO_NEXT("to next"),
  /** {@code to first x}: the pattern declaration names {@code x}. */
  TO_FIRST("to first"),
  /** {@code to last x}: the pattern declaration names {@code x}. */
  TO_LAST("to last");

  private final String text;

  SkipPolicy(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
