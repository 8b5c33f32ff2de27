package io.motif.shell;

import io.motif.ast.Statement;
import io.motif.cli.io.BadEventException;
import io.motif.cli.io.Durations;
import io.motif.cli.io.EventSchema;
import io.motif.cli.io.EventText;
import io.motif.cli.io.JsonLinesReader;
import io.motif.cli.io.Times;
import io.motif.cli.test.TestReport;
import io.motif.cli.test.TestRunner;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import io.motif.engine.Motif;
import io.motif.engine.PatternInfo;
import io.motif.engine.TestCase;
import io.motif.parse.MotifLexer;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The state of a shell session and everything it does with the engine: the session's script
 * (declarations and patterns, kept as text by name), the engine they are deployed to, the clock,
 * and the counters {@code :stats} shows.
 *
 * <p>The engine is single-threaded, and in wall-clock mode a timer thread moves its watermark:
 * every engine call goes through {@link #lock}. Everything else (the script, the vocabulary that
 * completion reads) belongs to the thread that reads input.
 */
final class Session {
  /** How often the wall clock moves the watermark. */
  static final long TICK_MILLIS = 200;
  private static final Pattern TIME_KEY = Pattern.compile("\"time\"\\s*:");

  final Console console;
  final Clock clock;
  /** Guards every call into the engine. */
  final ReentrantLock lock = new ReentrantLock();
  private final boolean startTicker;

  private Engine engine;
  /** What was done to the engine since it was made, for :why (under the lock). */
  private final EngineLog log = new EngineLog();
  private final Map<String, String> declarations = new LinkedHashMap<>();
  private final Map<String, String> patterns = new LinkedHashMap<>();
  /** Each deployed pattern's compiled script (which explains it). */
  private final Map<String, CompiledScript> compiledIn = new LinkedHashMap<>();
  private EventSchema schema = EventSchema.none();
  private Set<String> constants = Set.of();
  /** Undeclared types seen in events sent, with the fields seen (for completion). */
  private final Map<String, Set<String>> seenTypes = new LinkedHashMap<>();
  private final Map<String, Integer> seenCounts = new LinkedHashMap<>();

  private long maxDelay;
  private volatile boolean wallClock;
  private ScheduledExecutorService ticker;
  /** The latest event time sent, or MIN_VALUE. */
  private long latestTime = Long.MIN_VALUE;

  /** The text of the pattern deployed by the last input, which a clause typed next extends. */
  private String lastPattern;
  private int inputs;

  // Counters since the engine started; the engine keeps its own too.
  private long processingNanos;
  /** Derived events printed; during a quiet replay they are counted, not printed. */
  volatile long derivedCount;
  volatile boolean quiet;
  /** Set during a replay: late events are counted, and only the first few printed. */
  private Replay replay;
  private long lastReplayEvents;
  private long lastReplayNanos;

  Session(Console console, Clock clock, boolean startTicker) {
    this.console = console;
    this.clock = clock;
    this.startTicker = startTicker;
    this.engine = newEngine();
  }

  // ---- the engine ----

  private Engine newEngine() {
    log.restart(maxDelay);
    Engine e = Engine.builder()
        .maxDelay(maxDelay)
        .lateHandler(this::late)
        .errorHandler((message, cause) -> console.error("engine error: " + message))
        .build();
    e.subscribe("*", d -> {
      derivedCount++;
      if (!quiet) {
        console.derived(EventText.render(d));
      }
    });
    e.subscribeInternal(d -> {
      if (!quiet) {
        console.internal(EventText.render(d));
      }
    });
    return e;
  }

  private void late(Event e) {
    if (replay != null && !replay.reportLate()) {
      return;
    }
    console.error("late event, not processed: " + EventText.render(e) + " (the watermark is at "
        + Times.format(engine.watermark()) + (wallClock ? ", the wall clock" : "")
        + "; :set max-delay accepts events out of order)");
  }

  /** Runs {@code body} on the engine under the lock, timing it as processing. */
  <T> T withEngine(Supplier<T> body) {
    lock.lock();
    long t0 = clock.nanos();
    try {
      return body.get();
    } finally {
      processingNanos += clock.nanos() - t0;
      lock.unlock();
    }
  }

  void withEngine(Runnable body) {
    withEngine(() -> {
      body.run();
      return null;
    });
  }

  /** Sends one event, remembering its time and its type's fields. */
  void send(Event e) {
    latestTime = Math.max(latestTime, e.time());
    remember(e);
    withEngine(() -> {
      engine.send(e);
      log.sent(e);
    });
  }

  private void remember(Event e) {
    if (schema.types().containsKey(e.type())) {
      return;
    }
    int n = seenCounts.merge(e.type(), 1, Integer::sum);
    if (n <= 100 && seenTypes.size() < 1000) {
      seenTypes.computeIfAbsent(e.type(), k -> new LinkedHashSet<>())
          .addAll(e.fields().keySet());
    }
  }

  /** The time an event typed without a time takes. */
  long now() {
    if (wallClock) {
      return clock.millis();
    }
    long w = withEngine(() -> engine.watermark());
    long t = Math.max(latestTime, w);
    return t == Long.MIN_VALUE ? 0 : t;
  }

  // ---- input ----

  /** What a complete input is, judged by its first tokens. */
  enum Kind { EMPTY, COMMAND, JSON, STATEMENT, CLAUSE, EVENT, OTHER }

  static Kind kind(String input) {
    String t = input.strip();
    if (t.startsWith(":")) {
      return Kind.COMMAND;
    }
    if (t.startsWith("{")) {
      return Kind.JSON;
    }
    List<Token> tokens = tokens(input, 2);
    if (tokens.isEmpty()) {
      return Kind.EMPTY;
    }
    return switch (tokens.get(0).getType()) {
      case MotifLexer.EVENT, MotifLexer.CONST, MotifLexer.PATTERN, MotifLexer.TEST,
          MotifLexer.SEMI -> Kind.STATEMENT;
      case MotifLexer.PARTITION, MotifLexer.MATCH, MotifLexer.WHERE, MotifLexer.WITHIN,
          MotifLexer.AFTER, MotifLexer.EMIT, MotifLexer.ON -> Kind.CLAUSE;
      case MotifLexer.IDENT, MotifLexer.QUOTED_IDENT -> tokens.size() > 1
          && tokens.get(1).getType() == MotifLexer.LPAREN ? Kind.EVENT : Kind.OTHER;
      default -> Kind.OTHER;
    };
  }

  /** The first {@code max} tokens of the text that are not comments or white space. */
  static List<Token> tokens(String text, int max) {
    MotifLexer lexer = new MotifLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    List<Token> out = new ArrayList<>();
    for (Token tok = lexer.nextToken(); tok.getType() != Token.EOF && out.size() < max;
        tok = lexer.nextToken()) {
      if (tok.getChannel() == Token.DEFAULT_CHANNEL) {
        out.add(tok);
      }
    }
    return out;
  }

  /** True when an event literal has {@code at} after its closing parenthesis. */
  static boolean hasTime(String literal) {
    int depth = 0;
    boolean closed = false;
    for (Token t : tokens(literal, Integer.MAX_VALUE)) {
      switch (t.getType()) {
        case MotifLexer.LPAREN -> depth++;
        case MotifLexer.RPAREN -> closed = --depth == 0 || closed;
        case MotifLexer.AT -> {
          if (closed && depth == 0) {
            return true;
          }
        }
        default -> { }
      }
    }
    return false;
  }

  /** Handles a complete input that is not a command. */
  void input(String input) {
    switch (kind(input)) {
      case EMPTY, COMMAND -> { }
      case JSON -> sendJson(input.strip());
      case STATEMENT -> {
        lastPattern = null;
        loadText("<input" + (++inputs) + ">", input);
      }
      case CLAUSE -> continuePattern(input);
      case EVENT -> sendLiteral(input.strip());
      case OTHER -> console.error("not a statement, an event or a command: " + input.strip()
          + "\n  (statements start with event, const, pattern or test; an event is"
          + " Type(field: value, ...) or a JSON object; commands start with `:`; :help tells"
          + " more)");
      default -> throw new AssertionError();
    }
  }

  /** The pattern a clause typed next would extend, or null. */
  String lastPattern() {
    return lastPattern;
  }

  /**
   * A clause on its own line (as patterns are usually written, one clause a line) extends the
   * pattern deployed just before, which is deployed again with it.
   */
  private void continuePattern(String input) {
    if (lastPattern == null) {
      console.error("a `" + input.strip().split("\\s+")[0] + "` clause belongs to a pattern;"
          + " type `pattern NAME match ...` first, then its other clauses");
      return;
    }
    String text = lastPattern + "\n" + input;
    Source source = new Source("<input" + (++inputs) + ">", text);
    ParseResult parsed = SourceParser.parse(source);
    if (printErrors(source, parsed.diagnostics())) {
      return;
    }
    List<Statement> statements = parsed.script().statements();
    if (statements.size() != 1 || !(statements.get(0) instanceof Statement.PatternDecl p)) {
      console.error("a clause on its own line extends the pattern typed just before; this one"
          + " does not fit it");
      return;
    }
    if (deployPattern(p.name().name(), text, source, new Span(0, text.length()), "updated")) {
      lastPattern = text;
    }
  }

  // ---- statements ----

  /**
   * Parses a text of statements and applies them in order: declarations and patterns are
   * deployed, typed tests run (those of a loaded file are counted, not run). False when the text
   * has errors, which are printed; statements before the first error stay applied.
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
        String verb = patterns.containsKey(p.name().name()) ? "replaced" : "deployed";
        ok = deployPattern(p.name().name(), stmt, source, s.span(), typed ? verb : null);
        if (ok && typed) {
          lastPattern = stmt;
        }
        loadedPatterns++;
      } else if (s instanceof Statement.TestDecl) {
        tests++;
        ok = !typed || runTest(stmt, source, s.span());
      } else {
        ok = declare(s, stmt, source, s.span(), typed);
        types += s instanceof Statement.EventDecl ? 1 : 0;
      }
      if (!ok) {
        return false;
      }
    }
    if (!typed) {
      console.println("loaded " + name + ": " + count(types, "event type") + ", "
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

  private boolean declare(Statement s, String stmt, Source source, Span span, boolean say) {
    String name = s.name().name();
    Map<String, String> candidate = new LinkedHashMap<>(declarations);
    candidate.remove(name);
    String prefix = join(candidate.values());
    candidate.put(name, stmt);
    Compilation c = compile(prefix, stmt, "\n" + join(patterns.values()), source, span);
    if (c == null) {
      return false;
    }
    boolean replaced = declarations.containsKey(name);
    declarations.clear();
    declarations.putAll(candidate);
    adopt(c.script());
    String redeployed = redeploy(c.script());
    if (say) {
      String what = s instanceof Statement.EventDecl ? "event type " : "constant ";
      console.println(what + name + (replaced ? " replaced" : " declared") + redeployed);
    }
    return true;
  }

  /** Takes the declared types and constants of a script compiled from the whole session. */
  private void adopt(CompiledScript script) {
    schema = new EventSchema(script.eventTypes());
    constants = Set.copyOf(script.constants().keySet());
    seenTypes.keySet().removeAll(schema.types().keySet());
  }

  /**
   * Deploys every pattern again from a script compiled from the whole session (a declaration
   * they read changed); says so, or nothing when there are no patterns.
   */
  private String redeploy(CompiledScript whole) {
    if (patterns.isEmpty()) {
      return "";
    }
    long dropped = withEngine(() -> {
      long before = engine.stats().partialMatches();
      engine.deploy(whole);
      log.deployed(whole);
      return before;
    });
    for (String p : patterns.keySet()) {
      compiledIn.put(p, whole);
    }
    return " (" + count(patterns.size(), "pattern") + " deployed again"
        + (dropped > 0 ? "; " + count(dropped, "partial match") + " dropped" : "") + ")";
  }

  private boolean deployPattern(String name, String stmt, Source source, Span span, String verb) {
    Compilation c = compile(join(declarations.values()), stmt, "", source, span);
    if (c == null) {
      return false;
    }
    withEngine(() -> {
      engine.deploy(c.script());
      log.deployed(c.script());
    });
    // The engine puts a replaced pattern last, so the session's order follows it.
    patterns.remove(name);
    patterns.put(name, stmt);
    compiledIn.remove(name);
    compiledIn.put(name, c.script());
    if (verb != null) {
      console.println("pattern " + name + " " + verb);
    }
    return true;
  }

  private boolean runTest(String stmt, Source source, Span span) {
    String prefix = join(declarations.values()) + join(patterns.values());
    Compilation c = compile(prefix, stmt, "", source, span);
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
   * Compiles {@code prefix + stmt + suffix}; prints the diagnostics that fall in {@code stmt}
   * at their place in {@code source} (others, in the session's earlier statements, with their
   * text). Null on errors.
   */
  private Compilation compile(String prefix, String stmt, String suffix, Source source,
      Span span) {
    Compilation c = Motif.compile("<session>", prefix + stmt + suffix);
    int from = prefix.length();
    int to = from + stmt.length();
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : c.diagnostics()) {
      if (d.span().start() >= from && d.span().start() <= to) {
        int shift = span.start() - from;
        Span moved = new Span(d.span().start() + shift, Math.min(d.span().end(), to) + shift);
        sb.append(DiagnosticRenderer.render(source,
            new Diagnostic(d.severity(), d.code(), d.message(), moved)));
      } else if (d.isError()) {
        sb.append(DiagnosticRenderer.render(c.source(), d));
      }
    }
    console.printBlock(sb.toString());
    return c.hasErrors() ? null : c;
  }

  private static String join(Iterable<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }

  /** Compiles the whole session (declarations and patterns); null, with errors printed, if not. */
  private CompiledScript compileAll() {
    String text = join(declarations.values()) + join(patterns.values());
    Compilation c = Motif.compile("<session>", text);
    if (c.hasErrors()) {
      console.printBlock(c.render());
      return null;
    }
    return c.script();
  }

  // ---- events ----

  private void sendJson(String text) {
    String json = text;
    if (!TIME_KEY.matcher(json).find()) {
      // An event typed without a time takes the current one, as a literal without `at` does.
      String rest = json.substring(1).strip();
      json = "{\"time\":" + now() + (rest.startsWith("}") ? "" : ",") + rest;
    }
    try {
      send(new JsonLinesReader(schema, "type", "time").parse(json));
    } catch (BadEventException e) {
      console.error("not an event: " + e.getMessage());
    }
  }

  /** {@code Type(field: value, ...) at TIME}, typed as in a test's {@code given}. */
  private void sendLiteral(String text) {
    String literal = hasTime(text) ? text : text + " at " + Times.literal(now());
    String prefix = join(declarations.values()) + "test \"input\" {\n  given\n    ";
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

  // ---- what commands show and change ----

  EventSchema schema() {
    return schema;
  }

  Map<String, String> declarations() {
    return declarations;
  }

  Map<String, String> patterns() {
    return patterns;
  }

  /** The script a deployed pattern was compiled in, or null. */
  CompiledScript compiledIn(String pattern) {
    return compiledIn.get(pattern);
  }

  Set<String> constants() {
    return constants;
  }

  Map<String, Set<String>> seenTypes() {
    return seenTypes;
  }

  /**
   * Every event type the session knows, with its field names: declared types, types patterns
   * emit (a pattern without {@code emit} derives one named after it, with its bindings), and
   * undeclared types seen in events sent.
   */
  Map<String, List<String>> knownTypes() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    schema.types().forEach((name, info) -> out.put(name, new ArrayList<>(info.fields().keySet())));
    compiledIn.forEach((name, script) -> {
      for (PatternInfo.Output o : script.pattern(name).outputs()) {
        List<String> fields = out.computeIfAbsent(o.type(), k -> new ArrayList<>());
        for (String f : o.fields()) {
          if (!fields.contains(f)) {
            fields.add(f);
          }
        }
      }
    });
    seenTypes.forEach((name, fields) -> out.computeIfAbsent(name, k -> new ArrayList<>(fields)));
    return out;
  }

  /** The declared type of a field, as Motif writes it, or null. */
  String fieldTypeLabel(String type, String field) {
    FieldType t = schema.fieldType(type, field);
    return t == null ? null : t.label();
  }

  EventType declaredType(String name) {
    return schema.types().get(name);
  }

  EngineStats stats() {
    return withEngine(() -> engine.stats());
  }

  /**
   * {@code :why PATTERN}: the explanation of the last event sent, from a replay of the engine's
   * log into a fresh engine that traces the pattern (see {@link EngineLog}); or, prefixed with
   * {@code "error: "}, why there is none.
   */
  String why(String pattern) {
    EngineLog copy;
    lock.lock();
    try {
      copy = log.copy();
    } finally {
      lock.unlock();
    }
    return copy.why(pattern, compiledIn.get(pattern).pattern(pattern));
  }

  List<String> partials(String pattern) {
    return withEngine(() -> engine.describePartials(pattern));
  }

  long watermark() {
    return withEngine(() -> engine.watermark());
  }

  long latestTime() {
    return latestTime;
  }

  /** Events the engine holds back for the maximum delay, not yet processed. */
  long buffered() {
    return withEngine(() -> engine.stats().buffered());
  }

  long maxDelay() {
    return maxDelay;
  }

  boolean wallClock() {
    return wallClock;
  }

  long processingNanos() {
    return processingNanos;
  }

  long lastReplayEvents() {
    return lastReplayEvents;
  }

  long lastReplayNanos() {
    return lastReplayNanos;
  }

  void replayDone(long events, long nanos) {
    lastReplayEvents = events;
    lastReplayNanos = nanos;
  }

  void replay(Replay r) {
    this.replay = r;
  }

  /** Moves event time forward by {@code millis}; false in wall-clock mode. */
  boolean advance(long millis) {
    if (wallClock) {
      return false;
    }
    long from = now();
    long to = from + millis;
    withEngine(() -> {
      engine.advanceTime(to);
      log.advanced(to);
    });
    latestTime = Math.max(latestTime, to);
    return true;
  }

  /** Removes a pattern, or a declaration that no pattern needs; prints what happened. */
  void drop(String name) {
    if (patterns.containsKey(name)) {
      withEngine(() -> {
        engine.undeploy(name);
        log.undeployed(name);
      });
      patterns.remove(name);
      compiledIn.remove(name);
      console.println("pattern " + name + " dropped");
      return;
    }
    if (declarations.containsKey(name)) {
      String removed = declarations.remove(name);
      CompiledScript whole = compileAll();
      if (whole == null) {
        declarations.put(name, removed);
        console.error(name + " is still needed by the patterns above; drop them first");
        return;
      }
      adopt(whole);
      String what = removed.strip().toLowerCase(java.util.Locale.ROOT).startsWith("event")
          ? "event type " : "constant ";
      console.println(what + name + " dropped" + redeploy(whole));
      return;
    }
    console.error("no pattern or declaration named " + name
        + (patterns.isEmpty() ? "" : "; the patterns are " + String.join(", ", patterns.keySet())));
  }

  /**
   * A fresh engine with the same patterns: partial matches, time and counters start over. With
   * {@code all}, the declarations and patterns go too.
   */
  boolean reset(boolean all) {
    CompiledScript whole = null;
    if (all) {
      declarations.clear();
      patterns.clear();
      compiledIn.clear();
      seenTypes.clear();
      seenCounts.clear();
      schema = EventSchema.none();
      constants = Set.of();
    } else {
      whole = compileAll();
      if (whole == null && !patterns.isEmpty()) {
        console.error("the session's rules no longer compile; nothing was reset");
        return false;
      }
    }
    restart(whole);
    lastPattern = null;
    latestTime = Long.MIN_VALUE;
    processingNanos = 0;
    derivedCount = 0;
    lastReplayEvents = 0;
    lastReplayNanos = 0;
    return true;
  }

  private void restart(CompiledScript whole) {
    lock.lock();
    try {
      engine = newEngine();
      if (whole != null && !patterns.isEmpty()) {
        engine.deploy(whole);
        log.deployed(whole);
        for (String p : patterns.keySet()) {
          compiledIn.put(p, whole);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A new maximum delay, applied to the running engine: partial matches are kept; a shorter delay
   * processes the buffered events it makes due.
   */
  void maxDelay(long millis) {
    long oldDelay = maxDelay;
    maxDelay = millis;
    withEngine(() -> {
      engine.maxDelay(millis);
      log.maxDelay(millis);
    });
    console.println("max delay " + Durations.format(millis) + " (was "
        + Durations.format(oldDelay) + ")");
  }

  /** Event time or wall-clock time. */
  void wallClock(boolean on) {
    if (on == wallClock) {
      console.println("the clock is already " + (on ? "the wall clock" : "event time"));
      return;
    }
    wallClock = on;
    if (on) {
      tick();
      if (startTicker) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "motif-wall-clock");
          t.setDaemon(true);
          return t;
        });
        ticker.scheduleAtFixedRate(this::tickSafely, TICK_MILLIS, TICK_MILLIS,
            TimeUnit.MILLISECONDS);
      }
      console.println("clock: wall time. Events typed without `at` take the current time, and"
          + " the watermark follows the clock (now - max delay) every " + TICK_MILLIS + " ms.");
    } else {
      stopTicker();
      console.println("clock: event time. Time moves with the events sent and :advance.");
      long w = withEngine(() -> engine.watermark());
      if (w != Long.MIN_VALUE && w > latestTime) {
        // The watermark never goes back: it stays where the wall clock took it.
        console.println("  the watermark stays at " + Times.format(w) + " (the wall clock's),"
            + " so events before it are late" + (latestTime == Long.MIN_VALUE ? ""
                : " (the last event sent was at " + Times.format(latestTime) + ")")
            + "; :reset starts time over (keeping the patterns)");
      }
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      console.error("wall clock: " + e);
    }
  }

  /** In wall-clock mode, moves the watermark to now minus the maximum delay. */
  void tick() {
    if (!wallClock) {
      return;
    }
    lock.lock();
    try {
      if (wallClock) {
        long to = clock.millis() - maxDelay;
        engine.advanceTime(to);
        log.advanced(to);
      }
    } finally {
      lock.unlock();
    }
  }

  void close() {
    stopTicker();
  }

  private void stopTicker() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
    }
  }

  static String count(long n, String word) {
    String plural = word.endsWith("ch") ? word + "es" : word + "s";
    return String.format(java.util.Locale.ROOT, "%,d", n) + " " + (n == 1 ? word : plural);
  }
}
