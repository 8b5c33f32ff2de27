package io.motif.shell;

import io.motif.ast.Statement;
import io.motif.cli.io.BadEventException;
import io.motif.cli.io.EventSchema;
import io.motif.cli.io.EventText;
import io.motif.cli.io.JsonLinesReader;
import io.motif.cli.test.TestReport;
import io.motif.cli.test.TestRunner;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.FieldType;
import io.motif.engine.plan.TestPlan;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell, a thin layer over the engine API (in the manner of JShell): a statement
 * typed is compiled and deployed at once, an event typed is sent, and derived events print as they
 * occur, marked {@code =>}. The parser decides when input is incomplete, so statements can span
 * lines; an empty line ends one early (to see what is wrong with it).
 *
 * <p>The session's script is kept as text: the declarations (event types and constants) and the
 * patterns, each by name. A pattern compiles against the declarations and replaces a deployed
 * pattern of the same name; a declaration is accepted only if every deployed pattern still
 * compiles with it.
 */
public final class Shell {
  private static final Pattern STATEMENT =
      Pattern.compile("(?is)\\s*(event|const|pattern|test)\\b.*");
  /** A pattern clause typed on its own line, continuing the pattern typed just before. */
  private static final Pattern CLAUSE = Pattern.compile("(?is)\\s*(partition\\s+by|match|where"
      + "|within|after\\s+match|emit|on\\s+timeout)\\b.*");
  private static final Pattern ENDS_WITH_AT = Pattern.compile("(?is).*\\)\\s*\\bat\\b.+");
  static final String PROMPT = "motif> ";
  static final String CONTINUATION = "   ...> ";

  private final Terminal terminal;
  private final PrintWriter out;
  private final LineReader reader;
  private final Engine engine;
  private final Map<String, String> declarations = new LinkedHashMap<>();
  private final Map<String, String> patterns = new LinkedHashMap<>();
  private EventSchema schema = EventSchema.none();
  private long latestTime;
  /** The text of the pattern deployed by the last input, which a clause typed next extends. */
  private String lastPattern;
  private boolean continuing;
  private boolean greeted;
  private int inputs;

  public Shell(Terminal terminal) {
    this.terminal = terminal;
    this.out = terminal.writer();
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("motif")
        .parser(new StatementParser())
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        .variable(LineReader.HISTORY_SIZE, 1000)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
    this.engine = Engine.builder()
        .lateHandler(e -> out.println("late event, not processed: " + EventText.render(e)))
        .errorHandler((m, t) -> out.println("engine error: " + m))
        .build();
    engine.subscribe("*", e -> out.println("=> " + EventText.render(e)));
  }

  /** Reads and handles input until {@code :quit} or the end of input (Ctrl-D). */
  public void run() {
    greet();
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C drops the input being typed
      } catch (EndOfFileException e) {
        break;
      }
      if (!handle(line)) {
        break;
      }
      out.flush();
    }
    out.flush();
  }

  /** Prints the greeting, once. */
  public void greet() {
    if (!greeted) {
      greeted = true;
      out.println("Motif shell. Type :help for help, :quit to leave.");
      out.flush();
    }
  }

  /** Handles one complete input; false when the shell should stop. */
  public boolean handle(String input) {
    String text = input.strip();
    if (text.isEmpty() || text.startsWith("--")) {
      return true;
    }
    if (text.startsWith(":")) {
      return command(text);
    }
    if (text.startsWith("{")) {
      sendJson(text);
    } else if (STATEMENT.matcher(text).matches()) {
      lastPattern = null;
      loadText("<input" + (++inputs) + ">", input);
    } else if (CLAUSE.matcher(text).matches()) {
      continuePattern(input);
    } else {
      sendLiteral(text);
    }
    return true;
  }

  /**
   * A clause on its own line (as patterns are usually written, one clause a line) extends the
   * pattern deployed just before, which is deployed again with it.
   */
  private void continuePattern(String input) {
    if (lastPattern == null) {
      out.println("a `" + input.strip().split("\\s+")[0] + "` clause belongs to a pattern; type"
          + " `pattern NAME match ...` first, then its other clauses");
      return;
    }
    String text = lastPattern + "\n" + input;
    continuing = true;
    try {
      loadText("<input" + (++inputs) + ">", text);
    } finally {
      continuing = false;
    }
  }

  // ---- commands ----

  private boolean command(String text) {
    String[] parts = text.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    switch (parts[0].toLowerCase(Locale.ROOT)) {
      case ":quit", ":q", ":exit" -> {
        return false;
      }
      case ":help", ":h", ":?" -> help();
      case ":patterns" -> listPatterns();
      case ":types" -> listTypes();
      case ":load" -> load(arg);
      default -> out.println("unknown command " + parts[0] + "; type :help for the commands");
    }
    return true;
  }

  private void help() {
    out.println("Type a statement to deploy it, or an event to send it:");
    out.println("  event Login(user string, ok boolean)          declares an event type");
    out.println("  pattern P match a: Login -> b: Login ...       deploys (or replaces) a pattern");
    out.println("  Login(user: \"al\", ok: false) at 10s           sends an event (without `at`:"
        + " at the latest time)");
    out.println("  {\"type\":\"Login\",\"time\":10000,\"user\":\"al\"}     sends an event as JSON");
    out.println("  test \"name\" { given ... expect ... }          runs a test against the"
        + " patterns");
    out.println("Derived events print as  => Type(field: value, ...) at TIME");
    out.println("A statement may span lines; an empty line ends it early.");
    out.println("Commands:");
    out.println("  :help             this text");
    out.println("  :load FILE        load the declarations and patterns of a rules file");
    out.println("  :patterns         the deployed patterns");
    out.println("  :types            the declared event types");
    out.println("  :quit             leave (or Ctrl-D)");
  }

  private void listPatterns() {
    if (patterns.isEmpty()) {
      out.println("no patterns deployed");
      return;
    }
    for (Map.Entry<String, String> p : patterns.entrySet()) {
      out.println(p.getValue().strip());
    }
  }

  private void listTypes() {
    if (schema.types().isEmpty()) {
      out.println("no event types declared (undeclared types are accepted, untyped)");
      return;
    }
    for (String name : declarations.keySet()) {
      EventTypeInfo info = schema.types().get(name);
      if (info == null) {
        continue;
      }
      StringBuilder sb = new StringBuilder("event ").append(name).append('(');
      boolean first = true;
      for (Map.Entry<String, FieldType> f : info.fields().entrySet()) {
        sb.append(first ? "" : ", ").append(f.getKey()).append(' ').append(f.getValue().label());
        first = false;
      }
      out.println(sb.append(')'));
    }
  }

  private void load(String file) {
    if (file.isEmpty()) {
      out.println(":load needs a file: :load examples/logins.motif");
      return;
    }
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      out.println(file + ": no such file");
      return;
    } catch (IOException e) {
      out.println(file + ": cannot read: " + e.getMessage());
      return;
    }
    loadText(file, text);
  }

  // ---- statements ----

  /**
   * Parses a text of statements and applies them in order: declarations and patterns are
   * deployed, typed tests run (those of a loaded file are counted, not run). False when the text
   * has errors, which are printed; statements before the first error stay applied.
   */
  public boolean loadText(String name, String text) {
    Source source = new Source(name, text);
    ParseResult parsed = SourceParser.parse(source);
    if (parsed.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      out.print(DiagnosticRenderer.renderAll(source, parsed.diagnostics()));
      out.flush();
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
        ok = deployPattern(p.name().name(), stmt, source, s.span(), typed);
        loadedPatterns++;
      } else if (s instanceof Statement.TestDecl) {
        tests++;
        ok = !typed || runTest(stmt, source, s.span());
      } else {
        ok = declare(s, stmt, source, s.span(), typed);
        types += s instanceof Statement.EventDecl ? 1 : 0;
      }
      if (!ok) {
        out.flush();
        return false;
      }
    }
    if (!typed) {
      out.println("loaded " + name + ": " + count(types, "event type") + ", "
          + count(loadedPatterns, "pattern")
          + (tests == 0 ? "" : " (" + count(tests, "test") + " not run here; use motif test)"));
    }
    out.flush();
    return true;
  }

  private boolean declare(Statement s, String stmt, Source source, Span span, boolean say) {
    String name = s.name().name();
    Map<String, String> candidate = new LinkedHashMap<>(declarations);
    candidate.remove(name);
    String prefix = join(candidate.values()) + "\n";
    candidate.put(name, stmt);
    String rest = "\n" + join(patterns.values());
    Compilation c = compile(prefix, stmt, rest, source, span);
    if (c == null) {
      return false;
    }
    boolean replaced = declarations.containsKey(name);
    declarations.clear();
    declarations.putAll(candidate);
    schema = new EventSchema(c.script().eventTypes());
    if (say) {
      String what = s instanceof Statement.EventDecl ? "event type " : "constant ";
      out.println(what + name + (replaced ? " replaced" : " declared"));
    }
    return true;
  }

  private boolean deployPattern(String name, String stmt, Source source, Span span, boolean say) {
    String prefix = join(declarations.values()) + "\n";
    Compilation c = compile(prefix, stmt, "", source, span);
    if (c == null) {
      return false;
    }
    engine.deploy(c.script());
    boolean replaced = patterns.containsKey(name);
    patterns.put(name, stmt);
    if (say) {
      lastPattern = stmt;
      out.println("pattern " + name + (continuing ? " updated" : replaced ? " replaced"
          : " deployed"));
    }
    return true;
  }

  private boolean runTest(String stmt, Source source, Span span) {
    String prefix = join(declarations.values()) + "\n" + join(patterns.values())
        + "\n";
    Compilation c = compile(prefix, stmt, "", source, span);
    if (c == null) {
      return false;
    }
    List<TestPlan> tests = c.script().tests();
    TestPlan test = tests.get(tests.size() - 1);
    TestRunner.Outcome o = TestRunner.run(c.script(), test);
    out.print(TestReport.render(o, source.name() + ":" + source.line(span.start())));
    return true;
  }

  /**
   * Compiles {@code prefix + stmt + suffix}; prints the diagnostics that fall in {@code stmt}
   * at their place in {@code source} (others, in the session's earlier statements, with their
   * text). Null on errors.
   */
  private Compilation compile(String prefix, String stmt, String suffix, Source source,
      Span span) {
    String whole = prefix + stmt + suffix;
    Compilation c = Motif.compile("<session>", whole);
    int from = prefix.length();
    int to = from + stmt.length();
    for (Diagnostic d : c.diagnostics()) {
      if (d.span().start() >= from && d.span().start() <= to) {
        int shift = span.start() - from;
        Span moved = new Span(d.span().start() + shift,
            Math.min(d.span().end(), to) + shift);
        out.print(DiagnosticRenderer.render(source,
            new Diagnostic(d.severity(), d.code(), d.message(), moved)));
      } else if (d.isError()) {
        out.print(DiagnosticRenderer.render(c.source(), d));
      }
    }
    return c.hasErrors() ? null : c;
  }

  private static String join(Iterable<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }

  // ---- events ----

  private void sendJson(String text) {
    try {
      send(new JsonLinesReader(schema, "type", "time").parse(text));
    } catch (BadEventException e) {
      out.println("not an event: " + e.getMessage());
    }
  }

  /** {@code Type(field: value, ...) at TIME}, typed as in a test's {@code given}. */
  private void sendLiteral(String text) {
    String literal = ENDS_WITH_AT.matcher(text).matches() ? text
        : text + " at " + latestTime + "ms";
    String prefix = join(declarations.values()) + "\ntest \"input\" {\n  given\n    ";
    Source source = new Source("<input" + (++inputs) + ">", literal);
    Compilation c = compile(prefix, literal, "\n  expect nothing\n}\n", source,
        new Span(0, literal.length()));
    if (c == null) {
      return;
    }
    CompiledScript script = c.script();
    for (Event e : script.tests().get(script.tests().size() - 1).given()) {
      send(e);
    }
  }

  private void send(Event e) {
    latestTime = Math.max(latestTime, e.time());
    engine.send(e);
  }

  private static String count(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** The terminal the shell runs on. */
  public Terminal terminal() {
    return terminal;
  }
}
