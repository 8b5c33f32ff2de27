package io.motif.source;

/** A half-open range {@code [start, end)} of character offsets in one source text. */
public record Span(int start, int end) {
  /** The span of synthesised nodes, which have no text of their own. */
  public static final Span NONE = new Span(0, 0);

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }

  public int length() {
    return end - start;
  }
}
