package io.motif.ast;

import io.motif.source.Span;
import java.util.List;

/** A whole Motif source file: its statements in order. */
public record Script(List<Statement> statements, Span span) implements Node {
  public Script {
    statements = List.copyOf(statements);
  }
}
