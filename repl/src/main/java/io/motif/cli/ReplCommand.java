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
@Command(name = "repl", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"The interactive shell: declare types, deploy patterns, type events and see"
        + " the derived events at once. Type :help inside for its commands."},
    footer = {"", "Exit codes: 0 on :quit or end of input, 1 errors in the rules file, 2 misuse."})
final class ReplCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RULES.motif",
      description = "Rules to load first.")
  Path rules;

  @Override
  public Integer call() throws IOException {
    String text = rules == null ? null : RulesFiles.read(rules);
    boolean system = main.io.in == System.in;
    try (Terminal terminal = system
        ? TerminalBuilder.builder().system(true).name("motif").build()
        : new DumbTerminal("motif", "dumb", main.io.in, main.io.out, StandardCharsets.UTF_8)) {
      Shell shell = new Shell(terminal);
      shell.greet();
      if (text != null && !shell.loadText(rules.toString(), text)) {
        return Main.ERRORS;
      }
      shell.run();
    }
    return 0;
  }
}
