package io.motif.parse;

import io.motif.ast.Node;
import io.motif.ast.Spans;
import io.motif.source.Diagnostic;
import io.motif.source.Span;
import java.util.List;

/** Checks that spans are positions in the file and that every node lies inside its parent. */
final class SpanInvariants {
  private SpanInvariants() {}

  static void check(Node root, int length) {
    Spans.forEach(
        root,
        (node, parent) -> {
          Span s = node.span();
          if (s.end() > length) {
            throw new AssertionError(
                node.getClass().getSimpleName()
                    + " span "
                    + s
                    + " ends past the file (length "
                    + length
                    + "): "
                    + node);
          }
          if (parent != null
              && (s.start() < parent.span().start() || s.end() > parent.span().end())) {
            throw new AssertionError(
                node.getClass().getSimpleName()
                    + " span "
                    + s
                    + " lies outside its "
                    + parent.getClass().getSimpleName()
                    + " span "
                    + parent.span()
                    + ": "
                    + node);
          }
        });
  }

  static void checkDiagnostics(List<Diagnostic> diagnostics, int length) {
    for (Diagnostic d : diagnostics) {
      Span s = d.span();
      if (s.start() < 0 || s.start() > s.end() || s.end() > length) {
        throw new AssertionError(
            "diagnostic span " + s + " outside the file (length " + length + "): " + d);
      }
    }
  }
}
