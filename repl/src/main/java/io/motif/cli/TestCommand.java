package io.motif.cli;

import io.motif.cli.test.TestReport;
import io.motif.cli.test.TestRunner;
import io.motif.engine.Compilation;
import io.motif.engine.TestCase;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code motif test}: runs the {@code test} blocks of rule files. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the test blocks of rule files: each test's given events go through a"
          + " fresh engine and the derived events must be exactly those it expects, in order.",
      "Prints PASS or FAIL per test, with a diff for each failure, then a summary."
    },
    footer = {
      "",
      "Exit codes: 0 every test passed, 1 a test failed or a file has errors," + " 2 misuse."
    })
final class TestCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Mixin FunctionsOption functions;

  @Parameters(arity = "1..*", paramLabel = "RULES.motif", description = "Rule files with tests.")
  List<Path> files;

  @Option(
      names = {"-k", "--filter"},
      paramLabel = "TEXT",
      description = "Run only the tests whose name contains TEXT.")
  String filter;

  @Override
  public Integer call() {
    for (Path f : files) {
      RulesFiles.checkReadable(f);
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(main.io.out, StandardCharsets.UTF_8));
    int passed = 0;
    int failed = 0;
    int broken = 0;
    int selected = 0;
    for (Path f : files) {
      Compilation c = RulesFiles.compile(f, functions.registry());
      if (!c.diagnostics().isEmpty()) {
        out.flush();
        main.io.errWriter.print(c.render());
        main.io.errWriter.flush();
      }
      if (c.hasErrors()) {
        out.println(
            "ERROR "
                + f
                + ": "
                + CheckCommand.plural(c.errorCount(), "error")
                + ", its tests were not run");
        broken++;
        continue;
      }
      List<TestCase> tests = c.script().tests();
      int ran = 0;
      for (TestCase t : tests) {
        if (filter != null && !t.name().contains(filter)) {
          continue;
        }
        ran++;
        TestRunner.Outcome o = TestRunner.run(c.script(), t);
        String where = f + ":" + t.line();
        out.print(TestReport.render(o, where));
        if (o.passed()) {
          passed++;
        } else {
          failed++;
        }
      }
      selected += ran;
      if (ran == 0) {
        out.println(
            "(no tests"
                + (filter == null ? "" : " matching \"" + filter + "\"")
                + " in "
                + f
                + ")");
      }
    }
    out.println();
    out.println(
        passed
            + " passed, "
            + failed
            + " failed"
            + (broken == 0 ? "" : ", " + CheckCommand.plural(broken, "file") + " with errors"));
    out.flush();
    if (filter != null && selected == 0 && broken == 0) {
      // A filter that selects nothing tests nothing: a typo must not pass as success.
      main.io.errWriter.println(
          "motif test: -k \""
              + filter
              + "\" selects no test (test names"
              + " are matched by substring, case-sensitively)");
      main.io.errWriter.flush();
      return Main.ERRORS;
    }
    return failed + broken > 0 ? Main.ERRORS : 0;
  }
}
