package io.motif.shell;

import io.motif.ast.Statement;
import io.motif.engine.BadEventException;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.io.JsonLinesReader;
import io.motif.io.Times;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceAnalysis;
import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A shell session: what a complete input does. Statements change the {@link Workspace} (the
 * declarations and patterns entered), compiled against it by the {@link WorkspaceCompiler} and
 * deployed to the engine the {@link EngineHost} runs; events typed go to that engine. This class
 * only ties the three together: each input, {@code :load}, {@code :drop} and {@code :reset} touches
 * all of them, in an order that keeps them in step (the workspace changes only once the engine has
 * taken the change).
 */
final class Session {
  private static final Pattern TIME_KEY = Pattern.compile("\"time\"\\s*:");

  final Console console;
  private final Workspace workspace = new Workspace();
  private final WorkspaceCompiler compiler;
  private final EngineHost engine;
  private int inputs;

  Session(Console console, Clock clock, boolean startTicker) {
    this.console = console;
    this.compiler = new WorkspaceCompiler(console, workspace);
    this.engine = new EngineHost(console, clock, startTicker);
  }

  /** The declarations and patterns entered. */
  Workspace workspace() {
    return workspace;
  }

  /** The engine, its clock and its counters. */
  EngineHost engine() {
    return engine;
  }

  // ---- input ----

  /** Handles a complete input that is not a command. */
  void input(String input) {
    switch (SourceAnalysis.kind(input)) {
      case EMPTY, COMMAND -> {}
      case JSON -> sendJson(input.strip());
      case DECLARATION, PATTERN, TEST -> {
        workspace.lastPattern(null);
        loadText("<input" + (++inputs) + ">", input);
      }
      case CLAUSE -> continuePattern(input);
      case EVENT -> sendLiteral(input.strip());
      case OTHER ->
          console.error(
              "not a statement, an event or a command: "
                  + input.strip()
                  + "\n  (statements start with event, const, pattern or test; an event is"
                  + " Type(field: value, ...) or a JSON object; commands start with `:`; :help tells"
                  + " more)");
      default -> throw new AssertionError();
    }
  }

  /** The pattern a clause typed next would extend, or null. */
  String lastPattern() {
    return workspace.lastPattern();
  }

  /**
   * A clause on its own line (as patterns are usually written, one clause a line) extends the
   * pattern deployed just before, which is deployed again with it.
   */
  private void continuePattern(String input) {
    String last = workspace.lastPattern();
    if (last == null) {
      console.error(
          "a `"
              + input.strip().split("\\s+")[0]
              + "` clause belongs to a pattern;"
              + " type `pattern NAME match ...` first, then its other clauses");
      return;
    }
    String text = last + "\n" + input;
    Source source = new Source("<input" + (++inputs) + ">", text);
    ParseResult parsed = SourceParser.parse(source);
    if (printErrors(source, parsed.diagnostics())) {
      return;
    }
    List<Statement> statements = parsed.script().statements();
    if (statements.size() != 1 || !(statements.get(0) instanceof Statement.PatternDecl p)) {
      console.error(
          "a clause on its own line extends the pattern typed just before; this one"
              + " does not fit it");
      return;
    }
    if (deployPattern(p.name().name(), text, source, new Span(0, text.length()), "updated")) {
      workspace.lastPattern(text);
    }
  }

  // ---- statements ----

  /**
   * Parses a text of statements and applies them in order: declarations and patterns are deployed,
   * typed tests run (those of a loaded file are counted, not run). False when the text has errors,
   * which are printed; statements before the first error stay applied.
   */
  boolean loadText(String name, String text) {
    Source source = new Source(name, text);
    ParseResult parsed = SourceParser.parse(source);
    if (printErrors(source, parsed.diagnostics())) {
      return false;
    }
    boolean typed = name.startsWith("<input");
    int types = 0;
    int loadedPatterns = 0;
    int tests = 0;
    for (Statement s : parsed.script().statements()) {
      String stmt = text.substring(s.span().start(), s.span().end());
      boolean ok;
      if (s instanceof Statement.PatternDecl p) {
        String verb = workspace.patterns().containsKey(p.name().name()) ? "replaced" : "deployed";
        ok = deployPattern(p.name().name(), stmt, source, s.span(), typed ? verb : null);
        if (ok && typed) {
          workspace.lastPattern(stmt);
        }
        loadedPatterns++;
      } else if (s instanceof Statement.TestDecl) {
        tests++;
        ok = !typed || compiler.runTest(stmt, source, s.span());
      } else {
        ok = declare(s, stmt, source, s.span(), typed);
        types += s instanceof Statement.EventDecl ? 1 : 0;
      }
      if (!ok) {
        return false;
      }
    }
    if (!typed) {
      console.println(
          "loaded "
              + name
              + ": "
              + count(types, "event type")
              + ", "
              + count(loadedPatterns, "pattern")
              + (tests == 0 ? "" : " (" + count(tests, "test") + " not run here; use motif test)"));
    }
    return true;
  }

  private boolean printErrors(Source source, List<Diagnostic> diagnostics) {
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      console.printBlock(DiagnosticRenderer.renderAll(source, diagnostics));
      return true;
    }
    return false;
  }

  /**
   * Declares (or replaces) an event type or a constant: compiled with the other declarations before
   * it and every pattern after it, since the patterns may read it; they are deployed again.
   */
  private boolean declare(Statement s, String stmt, Source source, Span span, boolean say) {
    String name = s.name().name();
    Map<String, String> candidate = new LinkedHashMap<>(workspace.declarations());
    candidate.remove(name);
    String prefix = Workspace.join(candidate.values());
    candidate.put(name, stmt);
    Compilation c = compiler.compile(prefix, stmt, "\n" + workspace.patternsText(), source, span);
    if (c == null) {
      return false;
    }
    boolean replaced = workspace.declarations().containsKey(name);
    workspace.declarations(candidate);
    String redeployed = redeploy(c.script());
    if (say) {
      String what = s instanceof Statement.EventDecl ? "event type " : "constant ";
      console.println(what + name + (replaced ? " replaced" : " declared") + redeployed);
    }
    return true;
  }

  /**
   * Takes a script compiled from the whole session (a declaration changed) and deploys every
   * pattern again from it; says so, or nothing when there are no patterns.
   */
  private String redeploy(CompiledScript whole) {
    workspace.adopt(whole);
    if (workspace.patterns().isEmpty()) {
      return "";
    }
    long dropped = engine.redeploy(whole);
    return " ("
        + count(workspace.patterns().size(), "pattern")
        + " deployed again"
        + (dropped > 0 ? "; " + count(dropped, "partial match") + " dropped" : "")
        + ")";
  }

  private boolean deployPattern(String name, String stmt, Source source, Span span, String verb) {
    Compilation c = compiler.compile(workspace.declarationsText(), stmt, "", source, span);
    if (c == null) {
      return false;
    }
    engine.deploy(c.script());
    workspace.putPattern(name, stmt, c.script());
    if (verb != null) {
      console.println("pattern " + name + " " + verb);
    }
    return true;
  }

  /** Removes a pattern, or a declaration that no pattern needs; prints what happened. */
  void drop(String name) {
    Map<String, String> patterns = workspace.patterns();
    if (patterns.containsKey(name)) {
      engine.undeploy(name);
      workspace.removePattern(name);
      console.println("pattern " + name + " dropped");
      return;
    }
    Map<String, String> declarations = workspace.declarations();
    if (declarations.containsKey(name)) {
      Map<String, String> before = new LinkedHashMap<>(declarations);
      String removed = declarations.remove(name);
      CompiledScript whole = compiler.compileAll();
      if (whole == null) {
        workspace.declarations(before);
        console.error(name + " is still needed by the patterns above; drop them first");
        return;
      }
      String what =
          removed.strip().toLowerCase(Locale.ROOT).startsWith("event")
              ? "event type "
              : "constant ";
      console.println(what + name + " dropped" + redeploy(whole));
      return;
    }
    console.error(
        "no pattern or declaration named "
            + name
            + (patterns.isEmpty()
                ? ""
                : "; the patterns are " + String.join(", ", patterns.keySet())));
  }

  /**
   * A fresh engine with the same patterns: partial matches, time and counters start over. With
   * {@code all}, the declarations and patterns go too.
   */
  boolean reset(boolean all) {
    CompiledScript whole = null;
    if (all) {
      workspace.clear();
    } else {
      whole = compiler.compileAll();
      if (whole == null && !workspace.patterns().isEmpty()) {
        console.error("the session's rules no longer compile; nothing was reset");
        return false;
      }
    }
    boolean deploy = whole != null && !workspace.patterns().isEmpty();
    engine.restart(deploy ? whole : null);
    if (deploy) {
      workspace.takeAutomata(whole);
    }
    workspace.lastPattern(null);
    return true;
  }

  // ---- events ----

  /** Sends one event, remembering its type's fields if it is undeclared. */
  void send(Event e) {
    workspace.remember(e);
    engine.send(e);
  }

  private void sendJson(String text) {
    String json = text;
    if (!TIME_KEY.matcher(json).find()) {
      // An event typed without a time takes the current one, as a literal without `at` does.
      String rest = json.substring(1).strip();
      json = "{\"time\":" + engine.now() + (rest.startsWith("}") ? "" : ",") + rest;
    }
    try {
      send(new JsonLinesReader(workspace.schema(), "type", "time").parse(json));
    } catch (BadEventException e) {
      console.error("not an event: " + e.getMessage());
    }
  }

  /** {@code Type(field: value, ...) at TIME}, typed as in a test's {@code given}. */
  private void sendLiteral(String text) {
    String literal =
        SourceAnalysis.event(text).hasTime() ? text : text + " at " + Times.literal(engine.now());
    Source source = new Source("<input" + (++inputs) + ">", literal);
    for (Event e : compiler.events(literal, source)) {
      send(e);
    }
  }

  // ---- what commands show ----

  /**
   * {@code :why PATTERN}: the explanation of the last event sent, from a replay of the engine's log
   * into a fresh engine that traces the pattern (see {@link EngineLog}); or, prefixed with {@code
   * "error: "}, why there is none.
   */
  String why(String pattern) {
    return engine.logCopy().why(pattern, workspace.compiledIn(pattern).pattern(pattern));
  }

  /** Stops the wall clock's timer. */
  void close() {
    engine.close();
  }

  static String count(long n, String word) {
    String plural = word.endsWith("ch") ? word + "es" : word + "s";
    return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? word : plural);
  }
}
