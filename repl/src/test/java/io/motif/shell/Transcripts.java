package io.motif.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/** Runs the shell over byte streams, as the transcript tests and the other shell tests do. */
final class Transcripts {
  /** The wall-clock time the fake clock starts at. */
  static final long START = Instant.parse("2024-03-01T09:00:00Z").toEpochMilli();

  private Transcripts() {}

  /**
   * A clock for deterministic output: every reading of the monotonic clock moves it 1 ms on,
   * sleeping moves both clocks by the time slept, and otherwise the wall clock stands still.
   */
  static final class FakeClock implements Clock {
    long nanos;
    long millis = START;

    @Override
    public long nanos() {
      nanos += 1_000_000L;
      return nanos;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public void sleep(long n) {
      nanos += n;
      millis += n / 1_000_000L;
    }
  }

  /**
   * A dumb terminal over the streams on which Ctrl-C (byte 3) raises the interrupt signal, as a
   * terminal's line discipline does.
   */
  static Terminal terminal(InputStream in, OutputStream out) {
    try {
      Terminal t = new DumbTerminal("motif", "dumb", in, out, StandardCharsets.UTF_8);
      Attributes a = t.getAttributes();
      a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
      a.setControlChar(Attributes.ControlChar.VINTR, 3);
      // Every signal character must be set: an unset one reads as -1, which is also the end of
      // the input, and the terminal would raise that signal forever instead of ending.
      a.setControlChar(Attributes.ControlChar.VQUIT, 28);
      a.setControlChar(Attributes.ControlChar.VSUSP, 26);
      a.setControlChar(Attributes.ControlChar.VSTATUS, 20);
      t.setAttributes(a);
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A shell on the fake clock, without a history file or a timer thread. */
  static Shell shell(Terminal terminal) {
    Shell shell = new Shell(terminal, new Shell.Options(null, new FakeClock(), false));
    // A dumb terminal's key map inserts a Tab; here it completes, as on a real terminal.
    shell
        .reader()
        .getKeyMaps()
        .get(LineReader.MAIN)
        .bind(new Reference(LineReader.COMPLETE_WORD), "\t");
    return shell;
  }

  /** The input, then {@code ---- output}, then what the shell printed. */
  static String transcript(String input) {
    return transcript(input, shell -> {});
  }

  static String transcript(String input, Consumer<Shell> setup) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t =
        terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
      Shell shell = shell(t);
      setup.accept(shell);
      shell.run();
      t.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The dumb terminal does not echo piped input: keep the input above the output, so the golden
    // file reads as a session. Control keys are shown as ^C and <TAB>.
    return show(input)
        + "---- output\n"
        + out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  static String show(String input) {
    return input.replace("\u0003", "^C\n").replace("\t", "<TAB>");
  }
}
