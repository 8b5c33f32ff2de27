package io.motif.shell;

import io.motif.function.FunctionRegistry;
import io.motif.parse.SourceAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell, a thin layer over the engine API (in the manner of JShell): a statement
 * typed is compiled and deployed at once, an event typed is sent, and derived events print as they
 * occur, marked {@code =>}. The front end decides when input is incomplete ({@link SourceAnalysis},
 * as JShell's {@code SourceCodeAnalysis} does), so statements can span lines; an empty line ends
 * one early (to see what is wrong with it).
 *
 * <p>The pieces: {@link StatementParser} (when input is complete, and words for completion), {@link
 * MotifHighlighter}, {@link MotifCompleter} (both asking the front end what the input is), {@link
 * Session} (what an input does, over the {@link Workspace} of declarations and patterns, the {@link
 * WorkspaceCompiler} that compiles input against it, and the {@link EngineHost} that runs the
 * engine and the clock), {@link Commands} and {@link CommandTable} (the {@code :commands}), {@link
 * Replay} and {@link Console} (output from any thread, above the prompt or the progress line).
 */
public final class Shell {
  static final String PROMPT = "motif> ";
  static final String CONTINUATION = "   ...> ";

  /**
   * How a shell is set up.
   *
   * @param history the file that keeps the input history across sessions, or null for none
   * @param clock where time comes from
   * @param wallClockTimer whether wall-clock mode starts a timer thread (tests call {@link
   *     EngineHost#tick} themselves)
   */
  public record Options(Path history, Clock clock, boolean wallClockTimer) {
    /** The settings of {@code motif repl}: the system clock, a timer, the given history file. */
    public static Options withHistory(Path history) {
      return new Options(history, Clock.SYSTEM, true);
    }
  }

  private final Terminal terminal;
  private final Console console;
  private final Session session;
  private final Commands commands;
  private final MotifCompleter completer;
  private final MotifHighlighter highlighter;
  private final LineReader reader;
  private volatile Replay running;
  private boolean greeted;
  private boolean prompts = true;

  /** A shell without a history file, on the system clock. */
  public Shell(Terminal terminal) {
    this(terminal, new Options(null, Clock.SYSTEM, true));
  }

  public Shell(Terminal terminal, Options options) {
    this.terminal = terminal;
    this.console = new Console(terminal);
    this.session = new Session(console, options.clock(), options.wallClockTimer());
    this.commands = new Commands(this, session);
    this.completer = new MotifCompleter(session, FunctionRegistry.standard());
    this.highlighter =
        new MotifHighlighter(
            () -> Set.copyOf(session.workspace().knownTypes().keySet()), session::lastPattern);
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("motif")
            .parser(new StatementParser())
            .completer(completer)
            .highlighter(highlighter)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
            .variable(LineReader.HISTORY_SIZE, 1000)
            .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
            .variable(LineReader.INDENTATION, 2)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .option(LineReader.Option.AUTO_GROUP, true)
            .option(LineReader.Option.GROUP, true)
            .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
            .option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
    if (options.history() != null) {
      builder.variable(LineReader.HISTORY_FILE, options.history());
    }
    this.reader = builder.build();
    console.attach(reader);
  }

  /** Reads and handles input until {@code :quit} or the end of input (Ctrl-D). */
  public void run() {
    greet();
    Terminal.SignalHandler previous =
        terminal.handle(
            Terminal.Signal.INT,
            signal -> {
              // Outside line editing, Ctrl-C stops a replay; it never ends the shell.
              Replay r = running;
              if (r != null) {
                r.cancel();
              }
            });
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine(prompts ? PROMPT : "");
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the input being typed
        } catch (EndOfFileException e) {
          break;
        }
        if (!handle(line)) {
          break;
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      session.close();
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        console.error("cannot save the history: " + e.getMessage());
      }
      console.flush();
    }
  }

  /**
   * Whether the shell shows its prompts; off when standard input is not a terminal ({@code motif
   * repl < script}), so the output holds only what the input did.
   */
  public void prompts(boolean on) {
    prompts = on;
    reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, on ? CONTINUATION : "");
  }

  /** Prints the greeting, once. */
  public void greet() {
    if (!greeted) {
      greeted = true;
      console.println("Motif shell. Type :help for help, :quit to leave.");
    }
  }

  /** Handles one complete input; false when the shell should stop. */
  public boolean handle(String input) {
    try {
      if (SourceAnalysis.kind(input) == SourceAnalysis.InputKind.COMMAND) {
        return commands.run(input);
      }
      session.input(input);
    } catch (RuntimeException e) {
      // The shell outlives a bug: say what broke and read on.
      console.error("internal error: " + e);
    }
    return true;
  }

  /**
   * Parses a text of statements and applies them in order, as {@code :load} does; false when it has
   * errors (which are printed).
   */
  public boolean loadText(String name, String text) {
    return session.loadText(name, text);
  }

  void replay(Path file, double speed, boolean quiet) {
    Replay.run(session, file, speed, quiet, r -> running = r);
  }

  /** Stops a running replay, as Ctrl-C does. */
  void interrupt() {
    Replay r = running;
    if (r != null) {
      r.cancel();
    }
  }

  /** The terminal the shell runs on. */
  public Terminal terminal() {
    return terminal;
  }

  Session session() {
    return session;
  }

  MotifCompleter completer() {
    return completer;
  }

  MotifHighlighter highlighter() {
    return highlighter;
  }

  LineReader reader() {
    return reader;
  }
}
