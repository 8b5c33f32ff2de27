package io.motif.shell;

import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

/**
 * Everything the shell prints goes through here, from any thread: plain lines, derived events
 * ({@code => ...}, coloured when the terminal has colours) and errors. While the line reader waits
 * for input, a line printed from another thread (the wall clock's timer) goes above the prompt;
 * while a progress line is showing, it is cleared first and drawn again after.
 */
final class Console {
  static final AttributedStyle DERIVED = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
  static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();

  private final Terminal terminal;
  private final PrintWriter out;
  private final boolean dumb;
  private LineReader reader;

  /** The progress line being shown at the bottom, or null. */
  private String status;

  Console(Terminal terminal) {
    this.terminal = terminal;
    this.out = terminal.writer();
    this.dumb = isDumb(terminal);
  }

  static boolean isDumb(Terminal terminal) {
    String type = terminal.getType();
    return type == null || type.startsWith(Terminal.TYPE_DUMB);
  }

  /** True when the terminal can redraw a line in place (not a dumb terminal or a pipe). */
  boolean interactive() {
    return !dumb;
  }

  void attach(LineReader reader) {
    this.reader = reader;
  }

  Terminal terminal() {
    return terminal;
  }

  /** Prints a line (or several, separated by line breaks). */
  void println(String text) {
    print(new AttributedString(text));
  }

  /** Prints text that already ends with a line break, such as rendered diagnostics. */
  void printBlock(String text) {
    if (text.isEmpty()) {
      return;
    }
    println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  /** A derived event, set apart: {@code => Alert(...) at 30s}. */
  void derived(String rendered) {
    print(new AttributedString("=> " + rendered, DERIVED));
  }

  /** A derived event of an internal pattern: shown dimmed, and marked for dumb terminals. */
  void internal(String rendered) {
    print(new AttributedString("=> " + rendered + "  (internal)", FAINT));
  }

  /** A line in the error colour. */
  void error(String text) {
    print(new AttributedString(text, ERROR));
  }

  synchronized void print(AttributedString line) {
    String text = dumb ? line.toString() : line.toAnsi(terminal);
    if (status != null) {
      clearLine();
      out.println(text);
      out.print(status);
      out.flush();
    } else if (reader != null && reader.isReading()) {
      reader.printAbove(text);
    } else {
      out.println(text);
      out.flush();
    }
  }

  /** Shows (or replaces) the progress line at the bottom; only on an interactive terminal. */
  synchronized void status(AttributedString line) {
    if (dumb) {
      return;
    }
    clearLine();
    status = line.toAnsi(terminal);
    out.print(status);
    out.flush();
  }

  /** Removes the progress line. */
  synchronized void clearStatus() {
    if (status != null) {
      clearLine();
      status = null;
      out.flush();
    }
  }

  private void clearLine() {
    out.print('\r');
    out.flush();
    if (!terminal.puts(Capability.clr_eol)) {
      out.print(" ".repeat(Math.max(0, terminal.getWidth() - 1)));
      out.print('\r');
    }
  }

  synchronized void flush() {
    out.flush();
  }

  int width() {
    int w = terminal.getWidth();
    return w <= 0 ? 80 : w;
  }
}
