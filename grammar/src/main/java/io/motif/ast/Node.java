package io.motif.ast;

import io.motif.source.Span;

/** Every AST node knows where it came from. */
public interface Node {
  Span span();
}
