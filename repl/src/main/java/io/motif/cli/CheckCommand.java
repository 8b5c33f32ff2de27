package io.motif.cli;

import io.motif.engine.Compilation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code motif check}: compiles only, reports every error and warning. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compile rule files and report every error and warning, with its position.",
      "Nothing is printed when the files are clean."
    },
    footer = {
      "",
      "Exit codes: 0 no errors (warnings are printed), 1 errors (or, with --strict,"
          + " warnings), 2 misuse."
    })
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Mixin FunctionsOption functions;

  @Parameters(arity = "1..*", paramLabel = "RULES.motif", description = "Rule files to check.")
  List<Path> files;

  @Option(
      names = "--strict",
      description = "Treat warnings as errors: print them as errors and exit 1.")
  boolean strict;

  @Override
  public Integer call() {
    for (Path f : files) {
      RulesFiles.checkReadable(f);
    }
    long errors = 0;
    long warnings = 0;
    for (Path f : files) {
      Compilation c = RulesFiles.compile(f, functions.registry());
      main.io.errWriter.print(RulesFiles.render(c, strict));
      errors += c.errorCount();
      warnings += RulesFiles.warningCount(c);
    }
    if (strict && warnings > 0) {
      main.io.errWriter.println(
          plural(errors + warnings, "error")
              + ", 0 warnings ("
              + plural(warnings, "warning")
              + " made "
              + (warnings == 1 ? "an error" : "errors")
              + " by --strict)");
      errors += warnings;
    } else if (errors + warnings > 0) {
      main.io.errWriter.println(plural(errors, "error") + ", " + plural(warnings, "warning"));
    }
    main.io.errWriter.flush();
    return errors > 0 ? Main.ERRORS : 0;
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
