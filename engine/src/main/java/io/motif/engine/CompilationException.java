package io.motif.engine;

import io.motif.source.Diagnostic;
import java.util.List;

/**
 * Thrown by {@link Compilation#scriptOrThrow()} when the source has errors. Its message is every
 * diagnostic rendered ({@code file:line:col: error: message}, the source line and a caret), as
 * {@link Compilation#render()} gives it.
 */
public final class CompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The diagnostics; not serialized (a deserialized exception keeps only its message). */
  private final transient List<Diagnostic> diagnostics;

  /** An exception for a compilation with errors. */
  CompilationException(Compilation compilation) {
    super(
        compilation.errorCount()
            + (compilation.errorCount() == 1 ? " error" : " errors")
            + " in "
            + compilation.source().name()
            + ":\n"
            + compilation.render());
    this.diagnostics = compilation.diagnostics();
  }

  /** Every diagnostic of the compilation (errors and warnings), sorted by position. */
  public List<Diagnostic> diagnostics() {
    return diagnostics == null ? List.of() : diagnostics;
  }
}
