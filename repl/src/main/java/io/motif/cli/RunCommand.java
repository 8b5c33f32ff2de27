package io.motif.cli;

import io.motif.cli.io.EventSchema;
import io.motif.cli.io.EventSink;
import io.motif.cli.io.EventText;
import io.motif.cli.io.InputCheck;
import io.motif.cli.io.JsonEventWriter;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code motif run}: events in, derived events out as JSON Lines. */
@Command(name = "run", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Run rules over events and write the derived events to standard output as JSON"
        + " Lines.",
        "Events come from the files given, in order, or from standard input ('-' or no file):"
            + " JSON Lines ({\"type\":\"Login\",\"time\":1700000000000,\"user\":\"al\"}) or CSV"
            + " with a header row. Malformed lines are reported on standard error as FILE:LINE"
            + " and skipped. A summary line goes to standard error at the end."},
    footer = {"", "Exit codes: 0 success, 1 errors in the rules or the input (a malformed line"
        + " is skipped and the rest processed, but the run exits 1; with --strict, also warnings"
        + " about the rules or the input), 2 misuse.",
        "", "Example:", "  motif run examples/logins.motif examples/logins.jsonl"})
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @picocli.CommandLine.Mixin
  FunctionsOption functions;

  @Parameters(index = "0", paramLabel = "RULES.motif", description = "The rules to run.")
  Path rules;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "EVENTS",
      description = "Event files (JSON Lines, or CSV when named *.csv); '-' or none: standard"
          + " input.")
  List<String> events = new ArrayList<>();

  @Option(names = "--format", paramLabel = "jsonl|csv",
      description = "Input format for every input (default: CSV for *.csv files, else JSON"
          + " Lines).")
  EventInput.Format format;

  /** --type-field, --time-field and --max-delay, and the reading, shared with `motif why`. */
  @picocli.CommandLine.Mixin
  EventInput input;

  @Option(names = "--strict",
      description = "Stop at the first malformed line (exit 1) instead of skipping it; treat"
          + " warnings as errors: a warning about the rules stops the run before it starts, and"
          + " one about the input (an unread type, an undeclared field) makes it exit 1.")
  boolean strict;

  @Option(names = "--flush-at-end",
      description = "Treat the end of the input as the end of time: windows still open close.")
  boolean flushAtEnd;

  @Option(names = "--state", paramLabel = "FILE",
      description = "Restore the engine from FILE if it exists, and save it there at the end:"
          + " a run over one half of a stream and then over the other gives the output of one"
          + " run over all of it. With --state the end of the input is a pause: the watermark"
          + " does not jump and buffered events wait in the state.")
  Path state;

  @Option(names = "--state-every", paramLabel = "N", defaultValue = "0",
      description = "With --state, also save the state every N events (default: only at the"
          + " end).")
  long stateEvery;

  @Option(names = "--id-field", paramLabel = "NAME",
      description = "Drop an event whose NAME field holds an id seen within --id-horizon, for"
          + " sources that deliver at least once; duplicates are counted in the summary.")
  String idField;

  @Option(names = "--id-horizon", paramLabel = "DURATION", defaultValue = "1h",
      converter = DurationConverter.class,
      description = "How far back in event time --id-field remembers ids (default: 1h).")
  long idHorizon;

  private long eventsRead;
  private long derived;
  private long badLines;
  private long lateEvents;
  private String currentFile = "";
  private long currentLine;
  private IOException writeFailure;
  /** Input events of unread types and undeclared fields, for the warnings before the summary. */
  private InputCheck inputCheck;

  @Override
  public Integer call() throws IOException {
    if (stateEvery < 0) {
      throw new Misuse("--state-every takes a positive number of events");
    }
    if (stateEvery > 0 && state == null) {
      throw new Misuse("--state-every needs --state FILE");
    }
    String text = RulesFiles.read(rules);
    List<String> inputs = events.isEmpty() ? List.of("-") : events;
    for (String in : inputs) {
      if (!in.equals("-")) {
        RulesFiles.checkReadable(Path.of(in));
      }
    }
    Compilation c = io.motif.engine.Motif.compile(rules.toString(), text,
        functions.registry());
    main.io.errWriter.print(RulesFiles.render(c, strict));
    long warnings = RulesFiles.warningCount(c);
    if (c.hasErrors() || strict && warnings > 0) {
      main.io.errWriter.println(CheckCommand.plural(c.errorCount() + (strict ? warnings : 0),
          "error") + " in " + rules + (strict && warnings > 0 ? " (warnings are errors with"
              + " --strict)" : "") + "; nothing was run");
      return Main.ERRORS;
    }
    CompiledScript script = c.script();
    EventSchema schema = new EventSchema(script.eventTypes());
    inputCheck = new InputCheck(script);
    BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(main.io.out, StandardCharsets.UTF_8), 1 << 16);
    JsonEventWriter writer = new JsonEventWriter(out, schema);
    Engine.Builder builder = Engine.builder()
        .maxDelay(input.maxDelay)
        .functions(functions.registry())
        .deduplicate(idField, idHorizon)
        .lateHandler(this::late)
        .errorHandler((message, cause) -> {
          if (cause instanceof UncheckedIOException u && writeFailure == null) {
            writeFailure = u.getCause();
          } else {
            main.io.errWriter.println("motif run: " + message);
          }
        });
    Engine engine;
    if (state != null && Files.exists(state)) {
      try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(state))) {
        engine = builder.restore(in);
      } catch (io.motif.engine.SnapshotException e) {
        main.io.errWriter.println("motif run: " + state + ": cannot restore the state: "
            + e.getMessage());
        main.io.errWriter.flush();
        return Main.ERRORS;
      }
      if (!engine.rulesText().equals(List.of(text))) {
        main.io.errWriter.println("motif run: " + state + " was saved with other rules than "
            + rules + "; run with the rules it was saved with, or remove the state file to start"
            + " afresh");
        main.io.errWriter.flush();
        return Main.ERRORS;
      }
    } else {
      engine = builder.build();
      engine.deploy(script);
    }
    engine.subscribe("*", e -> {
      derived++;
      try {
        writer.write(e);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    });
    boolean stopped = false;
    long maxTime = Long.MIN_VALUE;
    long[] maxSeen = {Long.MIN_VALUE};
    for (String in : inputs) {
      currentFile = in.equals("-") ? "<stdin>" : in;
      if (in.equals("-") && main.io.in == System.in && System.console() != null) {
        main.io.errWriter.println("motif run: reading events from the terminal, one JSON object"
            + " a line; Ctrl-D ends");
      }
      Sink sink = new Sink(engine, maxSeen);
      try {
        input.read(in, format, main.io, schema, sink);
      } catch (IOException e) {
        main.io.errWriter.println("motif run: " + currentFile + ": cannot read: " + e.getMessage());
        stopped = true;
      }
      if (sink.stopped || writeFailure != null) {
        stopped = true;
      }
      if (stopped) {
        break;
      }
    }
    maxTime = maxSeen[0];
    if (!stopped && maxTime != Long.MIN_VALUE && state == null) {
      // The end of a finite input: buffered (delayed) events are processed, and the watermark
      // rests at the largest time seen (LANGUAGE.md §4.4) unless --flush-at-end ends time itself.
      engine.advanceTime(maxTime);
    }
    if (!stopped && flushAtEnd) {
      engine.finish();
    }
    if (state != null && !stopped) {
      if (!saveState(engine)) {
        stopped = true;
      }
    }
    try {
      writer.flush();
      out.flush();
    } catch (IOException e) {
      if (writeFailure == null) {
        writeFailure = e;
      }
    }
    main.io.out.flush();
    if (writeFailure != null) {
      main.io.errWriter.println("motif run: cannot write the output: " + writeFailure.getMessage());
    }
    for (String w : inputCheck.warnings()) {
      main.io.errWriter.println("motif run: " + (strict ? "error: " : "warning: ") + w);
    }
    main.io.errWriter.println("motif run: " + CheckCommand.plural(eventsRead, "event") + " read, "
        + CheckCommand.plural(derived, "derived event") + ", "
        + CheckCommand.plural(badLines, "bad line") + ", "
        + CheckCommand.plural(lateEvents, "late event") + overflow(engine.stats())
        + (stopped && strict && badLines > 0 ? " (stopped at the first bad line: --strict)" : ""));
    main.io.errWriter.flush();
    // LANGUAGE.md §6: errors in the input exit 1, though the good lines were all processed.
    return stopped || badLines > 0 || strict && inputCheck.any() ? Main.ERRORS : 0;
  }

  /** Writes the state next to FILE, then moves it into place, so a crash never leaves half. */
  private boolean saveState(Engine engine) {
    Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
    try {
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp))) {
        engine.snapshot(out);
      }
      Files.move(tmp, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      main.io.errWriter.println("motif run: cannot save the state to " + state + ": "
          + e.getMessage());
      return false;
    }
  }

  /** Bound overflows and duplicates, only when there were any: never silent, never noise. */
  private static String overflow(io.motif.engine.EngineStats s) {
    StringBuilder sb = new StringBuilder();
    if (s.duplicates() > 0) {
      sb.append(", ").append(CheckCommand.plural(s.duplicates(), "duplicate"));
    }
    if (s.evicted() > 0) {
      sb.append(", ").append(s.evicted()).append(" evicted at a bound");
    }
    if (s.dropped() > 0) {
      sb.append(", ").append(s.dropped()).append(" refused at a bound");
    }
    if (s.forced() > 0) {
      sb.append(", ").append(s.forced()).append(" processed early (buffer full)");
    }
    if (s.overtaken() > 0) {
      sb.append(", ").append(s.overtaken())
          .append(" on time but dropped (came after events the full buffer forced through)");
    }
    if (s.cascadeDropped() > 0) {
      sb.append(", ").append(s.cascadeDropped()).append(" not fed back (cascade depth)");
    }
    return sb.toString();
  }

  private void late(Event e) {
    lateEvents++;
    main.io.errWriter.println(currentFile + ":" + currentLine + ": late event, not processed: "
        + EventText.render(e) + " (more than " + io.motif.cli.io.Durations.format(input.maxDelay)
        + " older than the latest event)");
  }

  /** Sends what a reader reads to the engine, and reports what it cannot read. */
  private final class Sink implements EventSink {
    private final Engine engine;
    private final long[] maxSeen;
    boolean stopped;

    Sink(Engine engine, long[] maxSeen) {
      this.engine = engine;
      this.maxSeen = maxSeen;
    }

    @Override
    public boolean event(Event event, long line) {
      currentLine = line;
      eventsRead++;
      inputCheck.event(event);
      if (event.time() > maxSeen[0]) {
        maxSeen[0] = event.time();
      }
      engine.send(event);
      if (stateEvery > 0 && eventsRead % stateEvery == 0 && !saveState(engine)) {
        stopped = true;
        return false;
      }
      if ((eventsRead & 0x3FFF) == 0 && main.io.out.checkError() && writeFailure == null) {
        // Standard output is gone (say, `| head`): reading the rest would be for nothing.
        writeFailure = new IOException("standard output was closed");
      }
      return writeFailure == null;
    }

    @Override
    public boolean bad(long line, String message) {
      badLines++;
      main.io.errWriter.println(currentFile + ":" + line + ": " + message);
      if (strict) {
        stopped = true;
        return false;
      }
      return true;
    }
  }
}
