package io.motif.shell;

import io.motif.cli.test.TestReport;
import io.motif.cli.test.TestRunner;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import io.motif.engine.TestCase;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.util.List;

/**
 * Compiles what is typed together with the workspace it joins: a statement is compiled with the
 * session's declarations (and, for a declaration, its patterns) around it, so that it is checked
 * against them, and its diagnostics are printed at their place in what was typed. Also runs a typed
 * test, and turns an event literal into events as a test's {@code given} would.
 */
final class WorkspaceCompiler {
  /** What an event literal is wrapped in to compile it: a test's {@code given}. */
  private static final String EVENT_PREFIX = "test \"input\" {\n  given\n    ";

  private static final String EVENT_SUFFIX = "\n  expect nothing\n}\n";

  private final Console console;
  private final Workspace workspace;

  WorkspaceCompiler(Console console, Workspace workspace) {
    this.console = console;
    this.workspace = workspace;
  }

  /**
   * Compiles {@code prefix + stmt + suffix}; prints the diagnostics that fall in {@code stmt} at
   * their place in {@code source} (others, in the session's earlier statements, with their text).
   * Null on errors.
   */
  Compilation compile(String prefix, String stmt, String suffix, Source source, Span span) {
    Compilation c = Motif.compile("<session>", prefix + stmt + suffix);
    int from = prefix.length();
    int to = from + stmt.length();
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : c.diagnostics()) {
      if (d.span().start() >= from && d.span().start() <= to) {
        int shift = span.start() - from;
        Span moved = new Span(d.span().start() + shift, Math.min(d.span().end(), to) + shift);
        sb.append(
            DiagnosticRenderer.render(
                source, new Diagnostic(d.severity(), d.code(), d.message(), moved)));
      } else if (d.isError()) {
        sb.append(DiagnosticRenderer.render(c.source(), d));
      }
    }
    console.printBlock(sb.toString());
    return c.hasErrors() ? null : c;
  }

  /** Compiles the whole session (declarations and patterns); null, with errors printed, if not. */
  CompiledScript compileAll() {
    Compilation c = Motif.compile("<session>", workspace.wholeText());
    if (c.hasErrors()) {
      console.printBlock(c.render());
      return null;
    }
    return c.script();
  }

  /** Runs a typed test against the session's rules and prints its report; false on errors. */
  boolean runTest(String stmt, Source source, Span span) {
    Compilation c = compile(workspace.wholeText(), stmt, "", source, span);
    if (c == null) {
      return false;
    }
    List<TestCase> tests = c.script().tests();
    TestCase test = tests.get(tests.size() - 1);
    TestRunner.Outcome o = TestRunner.run(c.script(), test);
    console.printBlock(TestReport.render(o, source.name() + ":" + source.line(span.start())));
    return true;
  }

  /**
   * The events of an event literal with its time ({@code Type(field: value, ...) at TIME}), typed
   * against the session's declarations as in a test's {@code given}; none, with errors printed at
   * their place in {@code source}, if it does not compile.
   */
  List<Event> events(String literal, Source source) {
    Compilation c =
        compile(
            workspace.declarationsText() + EVENT_PREFIX,
            literal,
            EVENT_SUFFIX,
            source,
            new Span(0, literal.length()));
    if (c == null) {
      return List.of();
    }
    CompiledScript script = c.script();
    return script.tests().get(script.tests().size() - 1).given();
  }
}
