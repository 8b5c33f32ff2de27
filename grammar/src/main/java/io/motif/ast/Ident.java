package io.motif.ast;

import io.motif.source.Span;

/** A name as written (backquotes removed), with its position. */
public record Ident(String name, Span span) implements Node {
  @Override
  public String toString() {
    return name;
  }
}
