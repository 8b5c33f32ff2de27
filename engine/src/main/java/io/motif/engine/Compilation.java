package io.motif.engine;

import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.util.List;

/**
 * The result of compiling a source: the script, or null when there are errors, and every
 * diagnostic found (errors and warnings), sorted by position.
 */
public record Compilation(Source source, CompiledScript script, List<Diagnostic> diagnostics) {
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  /** Every diagnostic rendered as {@code file:line:col: error: message}, source line and caret. */
  public String render() {
    return DiagnosticRenderer.renderAll(source, diagnostics);
  }
}
