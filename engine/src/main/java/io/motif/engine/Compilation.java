package io.motif.engine;

import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.util.List;

/**
 * The result of compiling a source: the script, or null when there are errors, and every diagnostic
 * found (errors and warnings), sorted by position.
 *
 * @param source the source compiled
 * @param script the compiled script, or null when there are errors (see {@link #scriptOrThrow})
 * @param diagnostics every diagnostic, sorted by position
 */
public record Compilation(Source source, CompiledScript script, List<Diagnostic> diagnostics) {
  /** Copies the diagnostics. */
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether any diagnostic is an error (then there is no script). */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** How many diagnostics are errors. */
  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  /** Every diagnostic rendered as {@code file:line:col: error: message}, source line and caret. */
  public String render() {
    return DiagnosticRenderer.renderAll(source, diagnostics);
  }

  /**
   * The compiled script.
   *
   * @throws CompilationException when the source has errors; its message renders them all
   */
  public CompiledScript scriptOrThrow() {
    if (script == null) {
      throw new CompilationException(this);
    }
    return script;
  }
}
