package io.motif.parse;

/**
 * A stretch {@code [start, end)} of an input and what it is, for colouring the input as it is typed
 * (see {@link SourceAnalysis#highlights}). White space has none.
 *
 * @param start the offset of its first character
 * @param end the offset just after its last character
 * @param category what the stretch is
 */
public record Highlight(int start, int end, Category category) {
  /** What a stretch of input is. */
  public enum Category {
    /** A keyword: {@code pattern}, {@code match}, {@code within}, {@code and}, {@code true}... */
    KEYWORD,
    /** A name: of an event type, a field, a binding, a function or a constant. */
    IDENTIFIER,
    /** A number that is not part of a duration. */
    NUMBER,
    /**
     * A number with its unit ({@code 5 min}, {@code 30s}, {@code 10 events}): the number and the
     * unit word are two stretches, adjacent or not.
     */
    DURATION,
    /** A string, also one still open at the end of the input (being typed). */
    STRING,
    /** A comment, also a block comment still open at the end of the input. */
    COMMENT,
    /** An operator or punctuation: {@code ->}, {@code ==}, {@code (}, {@code ,}... */
    OPERATOR,
    /** The name of a shell command ({@code :load}). */
    COMMAND,
    /**
     * A syntax error: a character the language does not use, a string left open before the end, or
     * the first error the parser finds that is not merely the input stopping early.
     */
    ERROR
  }

  /** Checks the stretch is a non-empty range. */
  public Highlight {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad highlight " + start + ".." + end);
    }
  }
}
