package io.motif.cli;

import io.motif.shell.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code motif repl}: the interactive shell. */
@Command(
    name = "repl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "The interactive shell: declare types, deploy patterns, type events and see"
          + " the derived events at once. Type :help inside for its commands.",
      "The input history is kept in ~/.motif_history, or in the file named by the"
          + " MOTIF_HISTORY environment variable (empty: no history file)."
    },
    footer = {"", "Exit codes: 0 on :quit or end of input, 1 errors in the rules file, 2 misuse."})
final class ReplCommand implements Callable<Integer> {
  /** The environment variable naming the history file. */
  static final String HISTORY_VARIABLE = "MOTIF_HISTORY";

  @ParentCommand Main main;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RULES.motif",
      description = "Rules to load first.")
  Path rules;

  @Override
  public Integer call() throws IOException {
    String text = rules == null ? null : RulesFiles.read(rules);
    boolean system = main.io.in == System.in;
    try (Terminal terminal =
        system
            ? TerminalBuilder.builder().system(true).name("motif").build()
            : new DumbTerminal("motif", "dumb", main.io.in, main.io.out, StandardCharsets.UTF_8)) {
      // Input from a pipe or a file is a script, not something to recall later.
      boolean interactive = system && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
      Shell shell = new Shell(terminal, Shell.Options.withHistory(interactive ? history() : null));
      // `motif repl < script`: no prompts when standard input is not a terminal.
      shell.prompts(system && System.console() != null);
      shell.greet();
      if (text != null && !shell.loadText(rules.toString(), text)) {
        return Main.ERRORS;
      }
      shell.run();
    }
    return 0;
  }

  /** The history file: $MOTIF_HISTORY, or ~/.motif_history; null when the variable is empty. */
  static Path history() {
    String env = System.getenv(HISTORY_VARIABLE);
    if (env != null) {
      return env.isBlank() ? null : Path.of(env);
    }
    String home = System.getProperty("user.home");
    return home == null ? null : Path.of(home, ".motif_history");
  }
}
