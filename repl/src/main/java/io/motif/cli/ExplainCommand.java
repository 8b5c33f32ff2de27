package io.motif.cli;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
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

/** {@code motif explain}: the compiled automaton of each pattern. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Show the compiled automaton of each pattern, or of the one named, as text or"
            + " as Graphviz DOT.",
    footer = {
      "",
      "Exit codes: 0 success, 1 errors in the rules, 2 misuse (such as an unknown" + " pattern).",
      "",
      "Example:",
      "  motif explain --format dot examples/logins.motif BruteForce | dot -Tsvg > bf.svg"
    })
final class ExplainCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    dot
  }

  @ParentCommand Main main;

  @picocli.CommandLine.Mixin FunctionsOption functions;

  @Parameters(index = "0", paramLabel = "RULES.motif", description = "The rules.")
  Path rules;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATTERN",
      description = "The pattern to show (default: every pattern).")
  String pattern;

  @Option(
      names = "--format",
      paramLabel = "text|dot",
      defaultValue = "text",
      description = "text (default) or dot (Graphviz).")
  Format format;

  @Override
  public Integer call() {
    Compilation c = RulesFiles.compile(rules, functions.registry());
    main.io.errWriter.print(c.render());
    if (c.hasErrors()) {
      main.io.errWriter.println(CheckCommand.plural(c.errorCount(), "error") + " in " + rules);
      return Main.ERRORS;
    }
    CompiledScript script = c.script();
    List<String> names = script.patternNames();
    if (pattern != null && script.pattern(pattern) == null) {
      throw new Misuse(
          rules
              + " has no pattern named "
              + pattern
              + (names.isEmpty()
                  ? "; it declares no patterns"
                  : "; its patterns are " + String.join(", ", names)));
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(main.io.out, StandardCharsets.UTF_8));
    List<String> shown = pattern == null ? names : List.of(pattern);
    if (shown.isEmpty()) {
      main.io.errWriter.println(rules + " declares no patterns");
    }
    boolean first = true;
    for (String name : shown) {
      if (!first && format == Format.text) {
        out.println();
      }
      first = false;
      String text = format == Format.dot ? script.explainDot(name) : script.explain(name);
      out.print(text.endsWith("\n") ? text : text + "\n");
    }
    out.flush();
    return 0;
  }
}
