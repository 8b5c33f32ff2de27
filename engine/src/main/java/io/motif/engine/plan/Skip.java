package io.motif.engine.plan;

/** What happens to other attempts once a match is emitted (LANGUAGE.md §4.5). */
public enum Skip {
  KEEP_ALL(""),
  PAST_LAST("past last"),
  TO_NEXT("to next");

  private final String text;

  Skip(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
