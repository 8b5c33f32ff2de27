package io.motif.engine.plan;

/** What happens to other attempts once a match is emitted (LANGUAGE.md §4.5). */
public enum Skip {
  KEEP_ALL(""),
  PAST_LAST("past last"),
  TO_NEXT("to next"),
  /** {@code to first x}: the plan names {@code x}'s binding slot. */
  TO_FIRST("to first"),
  /** {@code to last x}: the plan names {@code x}'s binding slot. */
  TO_LAST("to last");

  private final String text;

  Skip(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
