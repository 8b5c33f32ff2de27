package io.motif.cli;

import io.motif.cli.why.WhyReport;
import io.motif.cli.why.WhyTrace;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import io.motif.engine.PatternInfo;
import io.motif.engine.Subscription;
import io.motif.io.Durations;
import io.motif.io.EventSink;
import io.motif.io.Times;
import io.motif.source.Source;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code motif why}: replays events as {@code motif run} reads them, with tracing on for one
 * pattern around one event, and explains what that event did to every attempt of the pattern and
 * why, and which attempts ended and why (LANGUAGE.md §6).
 */
@Command(
    name = "why",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Explain why a pattern did or did not match at one event.",
      "Replays EVENTS (read as `motif run` reads them) and, for the event on line N (default:"
          + " the last event), shows every attempt of PATTERN alive before it and why the event"
          + " did or did not extend it (its type, a condition or `where` conjunct that was"
          + " false with the values read, the window, the partition, a broken `=>`, a"
          + " negation), whether it started an attempt, and every attempt that ended and why"
          + " (window closed, negation, skip policy, bound)."
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 errors in the rules or the input (malformed lines are"
          + " reported and skipped, as by `motif run`), 2 misuse (an unknown pattern, --event"
          + " beyond the input or on a line without an event).",
      "",
      "Example:",
      "  motif why examples/logins.motif examples/logins.jsonl BruteForce --event 12"
    })
final class WhyCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json
  }

  @ParentCommand Main main;

  @picocli.CommandLine.Mixin FunctionsOption functions;

  /** --type-field, --time-field and --max-delay, and the reading, as `motif run` has them. */
  @picocli.CommandLine.Mixin EventInput input;

  @Parameters(index = "0", paramLabel = "RULES.motif", description = "The rules.")
  Path rules;

  @Parameters(
      index = "1",
      paramLabel = "EVENTS",
      description = "The events (JSON Lines, or CSV when named *.csv); '-': standard input.")
  String events;

  @Parameters(index = "2", paramLabel = "PATTERN", description = "The pattern to explain.")
  String pattern;

  @Option(
      names = "--event",
      paramLabel = "N",
      description =
          "The event to explain: the one on line N of EVENTS (for CSV, the line its"
              + " row starts on; the header is line 1). Default: the last event.")
  Long line;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text (default) or json: one JSON object with the same content.")
  Format format;

  @Option(
      names = "--input-format",
      paramLabel = "jsonl|csv",
      description = "The format of EVENTS (default: CSV for *.csv files, else JSON Lines).")
  EventInput.Format inputFormat;

  private String file;
  private long badLines;
  private long lastLine;
  private Event late;

  @Override
  public Integer call() throws IOException {
    if (line != null && line < 1) {
      throw new Misuse("--event takes the line number of an event (1 or more), not " + line);
    }
    String text = RulesFiles.read(rules);
    if (!events.equals("-")) {
      RulesFiles.checkReadable(Path.of(events));
    }
    file = events.equals("-") ? "<stdin>" : events;
    Compilation c = Motif.compile(rules.toString(), text, functions.registry());
    main.io.errWriter.print(c.render());
    if (c.hasErrors()) {
      main.io.errWriter.println(
          CheckCommand.plural(c.errorCount(), "error") + " in " + rules + "; nothing was run");
      return Main.ERRORS;
    }
    CompiledScript script = c.script();
    PatternInfo info = script.pattern(pattern);
    if (info == null) {
      List<String> names = script.patternNames();
      throw new Misuse(
          rules
              + " has no pattern named "
              + pattern
              + (names.isEmpty()
                  ? "; it declares no patterns"
                  : "; its patterns are " + String.join(", ", names)));
    }
    Set<String> read = info.reads();
    Engine engine =
        Engine.builder()
            .maxDelay(input.maxDelay)
            .functions(functions.registry())
            .lateHandler(e -> late = late == null ? e : late)
            .errorHandler((message, cause) -> main.io.errWriter.println("motif why: " + message))
            .build();
    engine.deploy(script);
    // Input events by identity, with their lines (only those the pattern can hold, and the one
    // asked about): attempts name their events by line.
    Map<Event, Long> lines = new IdentityHashMap<>();
    WhyTrace trace = new WhyTrace(lines::containsKey);
    // Traced from the first event, to hear of every attempt that ends; only the event asked
    // about has its step worked out.
    Subscription tracing = engine.trace(pattern, trace);
    Replayer replayer = new Replayer(engine, trace, read, lines);
    input.read(events, inputFormat, main.io, script.schema(), replayer);
    replayer.finish();
    tracing.cancel();
    if (trace.target() == null) {
      throw new Misuse(
          lastLine == 0
              ? file + " holds no events"
              : line == null
                  ? file + " holds no well-formed event"
                  : line > lastLine
                      ? "--event "
                          + line
                          + " is beyond the input: "
                          + file
                          + " ends at line "
                          + lastLine
                      : "line "
                          + line
                          + " of "
                          + file
                          + " holds no event (it is blank, malformed, a CSV"
                          + " header or inside a record that began earlier)");
    }
    Source source = c.source();
    WhyReport report =
        new WhyReport(
            pattern,
            info.partitioned(),
            trace,
            new WhyReport.Names(
                e -> {
                  Long l = lines.get(e);
                  return l == null ? null : "line " + l;
                },
                span ->
                    source.name()
                        + ":"
                        + source.line(span.start())
                        + ":"
                        + source.column(span.start())));
    String why = notProcessed(trace.target(), read, engine);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(main.io.out, StandardCharsets.UTF_8));
    out.print(format == Format.json ? report.json(why) : report.text(why));
    out.flush();
    return badLines > 0 ? Main.ERRORS : 0;
  }

  /** Why the event never reached the pattern (when it did not). */
  private String notProcessed(Event target, Set<String> read, Engine engine) {
    if (!read.contains(target.type())) {
      return "pattern "
          + pattern
          + " does not read events of type "
          + target.type()
          + " (it reads "
          + String.join(", ", new TreeSet<>(read))
          + ")";
    }
    if (late == target) {
      return "the event was late: more than "
          + Durations.format(input.maxDelay)
          + " older than the latest event before it (the watermark was at "
          + Times.format(engine.watermark())
          + "), so it was not processed";
    }
    return "the event was not processed (the reorder buffer was full and later events had been"
        + " forced through)";
  }

  /**
   * Sends the events to the engine as {@code motif run} does, and arms the trace right before the
   * event asked about; stops reading once that event has been processed (what follows it cannot
   * change what it did).
   */
  private final class Replayer implements EventSink {
    private final Engine engine;
    private final WhyTrace trace;
    private final Set<String> read;
    private final Map<Event, Long> lines;

    /** With no --event: the last event read, sent once the next one shows it was not the last. */
    private Event pending;

    private long pendingLine;
    private long maxTime = Long.MIN_VALUE;

    Replayer(Engine engine, WhyTrace trace, Set<String> read, Map<Event, Long> lines) {
      this.engine = engine;
      this.trace = trace;
      this.read = read;
      this.lines = lines;
    }

    @Override
    public boolean event(Event e, long at) {
      lastLine = Math.max(lastLine, at);
      if (read.contains(e.type())) {
        lines.put(e, at);
      }
      if (line == null) {
        if (pending != null) {
          send(pending);
        }
        pending = e;
        pendingLine = at;
        return true;
      }
      if (at == line) {
        explain(e, at);
        if (!read.contains(e.type()) || late == e) {
          return false; // it never reaches the pattern: what follows cannot change that
        }
      } else if (at > line && trace.target() == null) {
        return false; // the line asked about holds no event
      } else {
        send(e);
      }
      return !trace.seen();
    }

    @Override
    public boolean bad(long at, String message) {
      lastLine = Math.max(lastLine, at);
      badLines++;
      main.io.errWriter.println(file + ":" + at + ": " + message);
      return true;
    }

    private void explain(Event e, long at) {
      lines.put(e, at);
      trace.arm(e);
      send(e);
    }

    private void send(Event e) {
      maxTime = Math.max(maxTime, e.time());
      engine.send(e);
    }

    /** The end of the input: the last event is the one asked about, by default. */
    void finish() {
      if (line == null && pending != null) {
        explain(pending, pendingLine);
      }
      if (trace.target() != null && !trace.seen() && maxTime != Long.MIN_VALUE) {
        engine.advanceTime(maxTime); // as `motif run` ends a finite input
      }
    }
  }
}
