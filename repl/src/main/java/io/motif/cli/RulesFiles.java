package io.motif.cli;

import io.motif.engine.Compilation;
import io.motif.engine.Motif;
import io.motif.function.FunctionRegistry;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading and compiling rule files, with the messages a user needs when that fails. */
final class RulesFiles {
  private RulesFiles() {}

  /** The text of a rules file; a file that cannot be read is a misuse (exit 2). */
  static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new Misuse(file + ": is a directory, not a rules file");
    }
    try {
      return decode(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new Misuse(file + ": no such file");
    } catch (IOException e) {
      throw new Misuse(file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * A rules file that is not valid UTF-8: an error in the file (exit 1), reported at the line and
   * column of the first bad byte.
   */
  static final class NotUtf8 extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotUtf8(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The bytes as UTF-8 text, strictly: a malformed or truncated sequence is a {@link NotUtf8}
   * naming the file, line and column (in characters, from 1) of its first byte, never replaced.
   */
  static String decode(Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    out.flip();
    String text = out.toString();
    if (!r.isError()) {
      return text;
    }
    int bad = in.position();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = text.codePointCount(lineStart, text.length()) + 1;
    StringBuilder seq = new StringBuilder();
    for (int i = bad; i < Math.min(bytes.length, bad + Math.max(1, r.length())); i++) {
      seq.append(seq.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xff));
    }
    throw new NotUtf8(
        file
            + ":"
            + line
            + ":"
            + column
            + ": error: not UTF-8: the byte"
            + (r.length() > 1 ? "s " : " ")
            + seq
            + " cannot be decoded (save the file as UTF-8)");
  }

  /** Reads and compiles; the caller prints {@link Compilation#render()}. */
  static Compilation compile(Path file, FunctionRegistry functions) {
    return Motif.compile(file.toString(), read(file), functions);
  }

  /**
   * The diagnostics to report: as compiled, or with every warning made an error under {@code
   * --strict}.
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
