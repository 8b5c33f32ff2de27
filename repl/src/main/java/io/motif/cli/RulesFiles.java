package io.motif.cli;

import io.motif.engine.Compilation;
import io.motif.engine.Motif;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading and compiling rule files, with the messages a user needs when that fails. */
final class RulesFiles {
  private RulesFiles() {}

  /** The text of a rules file; a file that cannot be read is a misuse (exit 2). */
  static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new Misuse(file + ": is a directory, not a rules file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new Misuse(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new Misuse(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new Misuse(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Reads and compiles; the caller prints {@link Compilation#render()}. */
  static Compilation compile(Path file, io.motif.function.FunctionRegistry functions) {
    return Motif.compile(file.toString(), read(file), functions);
  }

  /**
   * The diagnostics to report: as compiled, or with every warning made an error under
   * {@code --strict}.
   */
  static List<Diagnostic> diagnostics(Compilation c, boolean strict) {
    if (!strict) {
      return c.diagnostics();
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : c.diagnostics()) {
      out.add(d.isError() ? d : Diagnostic.error(d.code(), d.message(), d.span()));
    }
    return out;
  }

  /** The diagnostics rendered, warnings as errors under {@code --strict}. */
  static String render(Compilation c, boolean strict) {
    return DiagnosticRenderer.renderAll(c.source(), diagnostics(c, strict));
  }

  /** How many warnings the compilation has. */
  static long warningCount(Compilation c) {
    return c.diagnostics().stream().filter(d -> !d.isError()).count();
  }

  static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw new Misuse(file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new Misuse(file + ": is a directory");
    }
    if (!Files.isReadable(file)) {
      throw new Misuse(file + ": cannot read (permission denied)");
    }
  }
}
