package io.motif.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code motif} command: {@code run}, {@code check}, {@code explain}, {@code test}, {@code why}
 * and {@code repl}. Exit codes (LANGUAGE.md §6): 0 success, 1 errors in the rules, tests or input,
 * 2 misuse of the command.
 */
@Command(
    name = "motif",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Complex event processing: find patterns in streams of events.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      ExplainCommand.class,
      TestCommand.class,
      WhyCommand.class,
      ReplCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 errors in the rules, tests or input, 2 misuse.",
      "Documentation: docs/cli.md",
      "",
      "The launcher also runs `motif kafka ...`: the rules inside Kafka Streams, a jar of its own"
          + " (see docs/kafka.md)."
    })
public final class Main implements Callable<Integer> {
  /** Exit code for errors in the rules, the tests or the input. */
  public static final int ERRORS = 1;

  /** Exit code for a misuse of the command. */
  public static final int MISUSE = 2;

  final Io io;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  Main(Io io) {
    this.io = io;
  }

  public static void main(String[] args) {
    int code = execute(Io.system(), args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs the command line on the given streams and returns the exit code. */
  public static int execute(Io io, String... args) {
    CommandLine cl = new CommandLine(new Main(io));
    cl.setOut(new PrintWriter(new OutputStreamWriter(io.out, StandardCharsets.UTF_8), true));
    cl.setErr(io.errWriter);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, argv) -> {
          CommandLine failed = ex.getCommandLine();
          if (failed.getParent() == null
              && ex instanceof CommandLine.UnmatchedArgumentException u
              && !u.getUnmatched().isEmpty()
              && !u.getUnmatched().get(0).startsWith("-")) {
            io.errWriter.println(
                "motif: unknown command '"
                    + u.getUnmatched().get(0)
                    + "'; the commands are run, check, explain, test, why and repl");
            io.errWriter.println("Try 'motif --help' for usage.");
            return MISUSE;
          }
          io.errWriter.println(qualifiedName(failed) + ": " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, io.errWriter);
          io.errWriter.println("Try '" + qualifiedName(failed) + " --help' for usage.");
          return MISUSE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof Misuse) {
            io.errWriter.println(
                commandLine.getCommandName() == null
                    ? "motif: " + ex.getMessage()
                    : qualifiedName(commandLine) + ": " + ex.getMessage());
            io.errWriter.println("Try '" + qualifiedName(commandLine) + " --help' for usage.");
            return MISUSE;
          }
          if (ex instanceof RulesFiles.NotUtf8) {
            io.errWriter.println(ex.getMessage());
            return ERRORS;
          }
          io.errWriter.println("motif: internal error: " + ex);
          ex.printStackTrace(io.errWriter);
          return ERRORS;
        });
    int code = cl.execute(args);
    io.errWriter.flush();
    io.out.flush();
    return code;
  }

  private static String qualifiedName(CommandLine cl) {
    String name = cl.getCommandName();
    return cl.getParent() == null ? name : "motif " + name;
  }

  @Override
  public Integer call() {
    io.errWriter.println("motif: a command is needed: run, check, explain, test, why or repl");
    spec.commandLine().usage(io.errWriter);
    return MISUSE;
  }
}
