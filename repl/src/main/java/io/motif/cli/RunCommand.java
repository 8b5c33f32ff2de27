package io.motif.cli;

import io.motif.cli.io.FollowInputStream;
import io.motif.cli.io.InputCheck;
import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.Motif;
import io.motif.engine.RestoreReport;
import io.motif.engine.SnapshotException;
import io.motif.io.Durations;
import io.motif.io.EventReader;
import io.motif.io.EventSink;
import io.motif.io.EventText;
import io.motif.io.JsonEventWriter;
import io.motif.io.JsonLinesReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code motif run}: events in, derived events out as JSON Lines. One class of some 780 lines:
 * picocli's options and the run loop share the run's state (counters, the input position, state
 * saving, signals, flushing); what stands apart already lives apart (readers in motif-io, {@link
 * RunState}, {@link AuditLog}, {@link LiveInput}, {@link EventInput}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run rules over events and write the derived events to standard output as JSON" + " Lines.",
      "Events come from the files given, in order, or from standard input ('-' or no file):"
          + " JSON Lines ({\"type\":\"Login\",\"time\":1700000000000,\"user\":\"al\"}) or CSV"
          + " with a header row. Malformed lines are reported on standard error as FILE:LINE"
          + " and skipped. A summary line goes to standard error at the end."
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 errors in the rules or the input (a malformed line"
          + " is skipped and the rest processed, but the run exits 1; with --strict, also warnings"
          + " about the rules or the input), 2 misuse.",
      "",
      "Example:",
      "  motif run examples/logins.motif examples/logins.jsonl"
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Mixin FunctionsOption functions;

  @Parameters(index = "0", paramLabel = "RULES.motif", description = "The rules to run.")
  Path rules;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "EVENTS",
      description =
          "Event files (JSON Lines, or CSV when named *.csv); '-' or none: standard" + " input.")
  List<String> events = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "jsonl|csv",
      description =
          "Input format for every input (default: CSV for *.csv files, else JSON" + " Lines).")
  EventInput.Format format;

  /** --type-field, --time-field and --max-delay, and the reading, shared with `motif why`. */
  @picocli.CommandLine.Mixin EventInput input;

  @Option(
      names = "--strict",
      description =
          "Stop at the first malformed line (exit 1) instead of skipping it; treat"
              + " warnings as errors: a warning about the rules stops the run before it starts, and"
              + " one about the input (an unread type, an undeclared field) makes it exit 1.")
  boolean strict;

  @Option(
      names = "--flush-at-end",
      description = "Treat the end of the input as the end of time: windows still open close.")
  boolean flushAtEnd;

  /** How the output writes an event's time: --time-format. */
  enum TimeFormat {
    ms,
    iso
  }

  @Option(
      names = "--time-format",
      paramLabel = "ms|iso",
      defaultValue = "ms",
      description =
          "How the output writes each derived event's time: ms (epoch milliseconds,"
              + " the default) or iso (\"2024-03-01T09:00:00Z\", UTC, with milliseconds when not a"
              + " whole second). Declared time fields stay epoch milliseconds.")
  TimeFormat timeFormat;

  @Option(
      names = "--follow",
      paramLabel = "FILE",
      description =
          "Read FILE as it grows, as tail -F does, until interrupted: at its end, wait"
              + " for more; when it is rotated (replaced or truncated), read the new file from its"
              + " start. Takes no EVENTS.")
  Path follow;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Restore the engine from FILE if it exists, and save it there at the end:"
              + " a run over one half of a stream and then over the other gives the output of one"
              + " run over all of it. With --state the end of the input is a pause: the watermark"
              + " does not jump and buffered events wait in the state.")
  Path state;

  @Option(
      names = "--state-every",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "With --state, also save the state every N events (default: only at the"
              + " end). Each save first flushes and syncs the output, and records where the input"
              + " stood, so a run killed mid-way can be resumed with --resume.")
  long stateEvery;

  @Option(
      names = "--resume",
      description =
          "Continue the run that saved --state FILE and stopped before its end (killed,"
              + " or stopped at a bad line), on the same inputs, where it stopped: nothing is read or"
              + " written twice. When the output is a file (appended to: >>), it is cut back to what"
              + " it held at that save.")
  boolean resume;

  @Option(
      names = "--id-field",
      paramLabel = "NAME",
      description =
          "Drop an event whose NAME field holds an id seen within --id-horizon, for"
              + " sources that deliver at least once; duplicates are counted in the summary.")
  String idField;

  @Option(
      names = "--id-horizon",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "How far back in event time --id-field remembers ids (default: 1h).")
  long idHorizon;

  @Option(
      names = "--audit",
      paramLabel = "FILE",
      description =
          "Append one JSON line to FILE for the deployment, state restore or rule"
              + " change this run starts with: the time, the patterns and their fingerprints, the"
              + " rules file and its SHA-256, what was kept, started fresh and dropped.")
  Path audit;

  /** When the output is flushed: --flush. */
  enum Flush {
    each,
    auto,
    end
  }

  @Option(
      names = "--flush",
      paramLabel = "each|auto|end",
      defaultValue = "auto",
      description =
          "When derived events are flushed to the output: each (as each is produced),"
              + " end (when the buffer fills, and at the end), or auto (default): each when the"
              + " output is not a regular file (a pipe, a terminal), else at least every 100 ms.")
  Flush flush;

  /** Where time comes from: --clock. */
  enum Clock {
    event,
    wall
  }

  @Option(
      names = "--clock",
      paramLabel = "event|wall",
      defaultValue = "event",
      description =
          "event (default): time moves only with the events' times. wall: the"
              + " watermark also follows the wall clock (now - --max-delay), so absences and timeouts"
              + " fire on time while the input is idle. Not reproducible.")
  Clock clock;

  @Option(
      names = "--arrival-time",
      description =
          "An event (JSON Lines) without the time field takes the wall-clock time it"
              + " is read at, instead of being a bad line.")
  boolean arrivalTime;

  @Option(
      names = "--idle-advance",
      paramLabel = "DURATION",
      defaultValue = "0ms",
      converter = DurationConverter.class,
      description =
          "When no input comes for DURATION of wall time (standard input or a pipe),"
              + " the watermark advances by the wall time elapsed since the last input (default:"
              + " never). Events that come later with older times are late.")
  long idleAdvance;

  @Option(
      names = "--provenance",
      description =
          "Adds to each derived event the field \"@provenance\": the positions"
              + " (file:line) of the input events it was made from, through chains of patterns.")
  boolean provenance;

  /** An input event's origin: its input's index (in the list of inputs) and its line. */
  private static long origin(int input, long line) {
    return ((long) input << ORIGIN_LINE_BITS) | line;
  }

  /** Lines of an input are numbered in 40 bits (10^12 lines); inputs in the 23 above them. */
  private static final int ORIGIN_LINE_BITS = 40;

  /**
   * The inputs origins number, by their names as given: this run's, after those of the runs before
   * it with the same {@code --state} (whose partial matches hold their events).
   */
  private final List<String> originNames = new ArrayList<>();

  /** The number origins give the input being read. */
  private int originInput;

  /** An origin as {@code file:line}. */
  private String position(long origin) {
    int input = (int) (origin >>> ORIGIN_LINE_BITS);
    long line = origin & ((1L << ORIGIN_LINE_BITS) - 1);
    return (input < originNames.size() ? originNames.get(input) : "?") + ":" + line;
  }

  /** The number origins give the input {@code name}, new or seen by an earlier run. */
  private int originInput(String name) {
    int i = originNames.indexOf(name);
    if (i < 0) {
      originNames.add(name);
      i = originNames.size() - 1;
    }
    return i;
  }

  private long eventsRead;
  private long derived;
  private long badLines;
  private long lateEvents;

  /** Whether input times looked like seconds read as milliseconds (warned once). */
  private boolean timesLikeSeconds;

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
    if (resume && state == null) {
      throw new Misuse("--resume needs --state FILE");
    }
    if (flushAtEnd && state != null) {
      throw new Misuse(
          "--flush-at-end ends time, and --state keeps the run going: a later run"
              + " would accept events before the end of time; use one or the other");
    }
    if (follow != null) {
      if (!events.isEmpty()) {
        throw new Misuse("--follow FILE is the input: give no EVENTS with it");
      }
      events = List.of(follow.toString());
    }
    String text = RulesFiles.read(rules);
    List<String> inputs = events.isEmpty() ? List.of("-") : events;
    for (String in : inputs) {
      if (!in.equals("-")) {
        RulesFiles.checkReadable(Path.of(in));
      }
    }
    Compilation c = Motif.compile(rules.toString(), text, functions.registry());
    main.io.errWriter.print(RulesFiles.render(c, strict));
    long warnings = RulesFiles.warningCount(c);
    if (c.hasErrors() || strict && warnings > 0) {
      main.io.errWriter.println(
          CheckCommand.plural(c.errorCount() + (strict ? warnings : 0), "error")
              + " in "
              + rules
              + (strict && warnings > 0 ? " (warnings are errors with" + " --strict)" : "")
              + "; nothing was run");
      return Main.ERRORS;
    }
    CompiledScript script = c.script();
    EventSchema schema = script.schema();
    inputCheck = new InputCheck(script);
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(main.io.out, StandardCharsets.UTF_8), 1 << 16);
    JsonEventWriter writer =
        new JsonEventWriter(out)
            .isoTime(timeFormat == TimeFormat.iso)
            .provenance(provenance ? this::position : null);
    Engine.Builder builder =
        Engine.builder()
            .maxDelay(input.maxDelay)
            .functions(functions.registry())
            .deduplicate(idField, idHorizon)
            .lateHandler(this::late)
            .errorHandler(
                (message, cause) -> {
                  if (cause instanceof UncheckedIOException u && writeFailure == null) {
                    writeFailure = u.getCause();
                  } else {
                    main.io.errWriter.println("motif run: " + message);
                  }
                });
    Engine engine;
    RunState saved = null;
    RestoreReport restoreReport = null;
    if (resume && !Files.exists(state)) {
      throw new Misuse("--resume: there is no state " + state + " to resume");
    }
    if (state != null && Files.exists(state)) {
      try {
        RunState.Restored restored = RunState.read(state, builder, script);
        engine = restored.engine();
        saved = restored.state();
        restoreReport = restored.report();
        originNames.addAll(saved.originNames());
      } catch (SnapshotException e) {
        main.io.errWriter.println(
            "motif run: " + state + ": cannot restore the state: " + e.getMessage());
        main.io.errWriter.flush();
        return Main.ERRORS;
      }
      String refused = refuseState(saved, inputs);
      if (refused != null) {
        main.io.errWriter.println("motif run: " + state + ": " + refused);
        main.io.errWriter.flush();
        return resume && saved.complete() ? Main.MISUSE : Main.ERRORS;
      }
      if (!restoreReport.unchanged()) {
        // Rules changed since the save: unchanged patterns (by fingerprint) keep their state.
        main.io.errWriter.println("motif run: state: " + AuditLog.describe(restoreReport));
      }
    } else {
      engine = builder.build();
      engine.deploy(script);
    }
    if (audit != null) {
      try {
        AuditLog.append(
            audit, rules, AuditLog.rulesBytes(rules, text), script, restoreReport, state);
      } catch (IOException e) {
        main.io.errWriter.println(
            "motif run: cannot write the audit trail to "
                + audit
                + ": "
                + e.getMessage()
                + "; nothing was run");
        main.io.errWriter.flush();
        return Main.ERRORS;
      }
    }
    if (resume && !cutOutputBack(saved)) {
      return Main.ERRORS;
    }
    engine.subscribe(
        "*",
        e -> {
          derived++;
          try {
            writer.write(e);
            dirty = true;
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
        });
    this.engine = engine;
    this.out = out;
    this.writer = writer;
    startLive();
    handleSignals(true);
    boolean stopped = false;
    long maxTime = Long.MIN_VALUE;
    long[] maxSeen = {Long.MIN_VALUE};
    int first = resume ? saved.input() : 0;
    for (int i = first; i < inputs.size(); i++) {
      String in = inputs.get(i);
      currentFile = in.equals("-") ? "<stdin>" : in;
      originInput = provenance ? originInput(currentFile) : 0;
      if (in.equals("-") && main.io.in == System.in && System.console() != null) {
        main.io.errWriter.println(
            "motif run: reading events from the terminal, one JSON object"
                + " a line; Ctrl-D ends");
      }
      EventReader reader = input.reader(in, format, schema);
      if (arrivalTime && reader instanceof JsonLinesReader j) {
        j.arrivalTime(System::currentTimeMillis);
      }
      // Where the state says this input stands: its start, or, resuming, where the run stopped.
      inputIndex = i;
      inputOffset = 0;
      inputNextLine = 1;
      if (resume && i == first) {
        inputOffset = saved.offset();
        inputNextLine = saved.nextLine();
        reader.startAt(inputOffset, inputNextLine);
      }
      Sink sink = new Sink(engine, maxSeen, reader);
      try {
        if (follow != null) {
          readFollowing(reader, sink);
        } else if (in.equals("-") || !Files.isRegularFile(Path.of(in))) {
          readLive(in, reader, sink);
        } else {
          EventInput.read(in, reader, main.io, sink);
        }
      } catch (IOException e) {
        if (signalled < 0) {
          main.io.errWriter.println(
              "motif run: " + currentFile + ": cannot read: " + e.getMessage());
        }
        stopped = true;
      }
      if (sink.stopped || writeFailure != null || signalled >= 0) {
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
    if (state != null && writeFailure == null) {
      // Finished: the next run with --state goes on from here. Stopped (a bad line with
      // --strict, an input that could not be read): saved where it stopped, consistent with
      // the output written, for --resume.
      if (!saveState(!stopped) && !stopped) {
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
    if (main.io.in != System.in) {
      // Run in-process (tests): the JVM's own handling back. The process itself exits next, and
      // a signal that comes as it does is one to finish, not one to die of.
      handleSignals(false);
    }
    if (writeFailure != null) {
      main.io.errWriter.println("motif run: cannot write the output: " + writeFailure.getMessage());
    }
    for (String w : inputCheck.warnings()) {
      main.io.errWriter.println("motif run: " + (strict ? "error: " : "warning: ") + w);
    }
    main.io.errWriter.println(
        "motif run: "
            + CheckCommand.plural(eventsRead, "event")
            + " read, "
            + CheckCommand.plural(derived, "derived event")
            + ", "
            + CheckCommand.plural(badLines, "bad line")
            + ", "
            + CheckCommand.plural(lateEvents, "late event")
            + overflow(engine.stats())
            + (timesLikeSeconds ? ", times that look like seconds (see --time-unit)" : "")
            + (stopped && strict && badLines > 0
                ? " (stopped at the first bad line: --strict)"
                : "")
            + (stopped && signalled >= 0
                ? " (stopped by SIG" + (signalled == 0 ? "TERM" : "INT") + ")"
                : ""));
    main.io.errWriter.flush();
    // LANGUAGE.md §6: errors in the input exit 1, though the good lines were all processed.
    if (signalled >= 0 && writeFailure == null) {
      return signalled;
    }
    return stopped || badLines > 0 || strict && inputCheck.any() ? Main.ERRORS : 0;
  }

  /**
   * Reads --follow FILE until interrupted (or signalled), flushing the output whenever it waits for
   * more.
   */
  private void readFollowing(EventReader reader, EventSink sink) throws IOException {
    try (FollowInputStream bytes =
        new FollowInputStream(follow, 100, this::tickWhileFollowing, () -> signalled >= 0)) {
      reader.read(bytes, sink);
    }
  }

  /** Writes the derived events so far through, while --follow waits for more input. */
  private void flushWhileFollowing() {
    try {
      writer.flush();
      out.flush();
      main.io.out.flush();
    } catch (IOException e) {
      if (writeFailure == null) {
        writeFailure = e;
      }
    }
  }

  private Engine engine;
  private BufferedWriter out;
  private JsonEventWriter writer;

  // A live run (--flush, --clock wall, --idle-advance, signals): all on the run's thread.
  private static final long FLUSH_NANOS = 100_000_000L;
  private static final long TICK_NANOS = 100_000_000L;

  /** How long reading standard input or a pipe waits for bytes before looking at the clock. */
  private static final long POLL_MILLIS = 50;

  /** Flush after each input event (or clock tick) that produced output. */
  private boolean flushEach;

  /** Flush when 100 ms have passed since the last flush (--flush auto into a file). */
  private boolean flushTimed;

  /** Look at the clock every 256 events (flushTimed, or the wall clock). */
  private boolean periodic;

  private int sinceCheck;

  /** Derived events were written since the last flush. */
  private boolean dirty;

  private long lastFlushNanos;
  private long lastTickNanos;
  private long lastInputNanos;

  /** With --idle-advance, the watermark when the input went idle, or MIN_VALUE. */
  private long idleBase = Long.MIN_VALUE;

  /** The exit code a signal asked for (0: SIGTERM, 130: SIGINT), or -1: none. */
  private volatile int signalled = -1;

  private sun.misc.SignalHandler oldTerm;
  private sun.misc.SignalHandler oldInt;

  private void startLive() {
    flushEach = flush == Flush.each || flush == Flush.auto && main.io.outFile == null;
    flushTimed = flush == Flush.auto && !flushEach;
    periodic = flushTimed || clock == Clock.wall;
    lastFlushNanos = lastTickNanos = lastInputNanos = System.nanoTime();
    if (clock == Clock.wall) {
      advanceTo(System.currentTimeMillis() - input.maxDelay);
    }
  }

  /**
   * SIGTERM and SIGINT set {@link #signalled}; the run's thread stops after the event in hand,
   * flushes, saves the state where it stood, and exits with that code.
   */
  private void handleSignals(boolean on) {
    try {
      sun.misc.Signal term = new sun.misc.Signal("TERM");
      sun.misc.Signal intr = new sun.misc.Signal("INT");
      if (on) {
        oldTerm = sun.misc.Signal.handle(term, s -> signalled = 0);
        oldInt = sun.misc.Signal.handle(intr, s -> signalled = 130);
      } else {
        if (oldTerm != null) {
          sun.misc.Signal.handle(term, oldTerm);
        }
        if (oldInt != null) {
          sun.misc.Signal.handle(intr, oldInt);
        }
      }
    } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
      // signals not available (or reserved by the JVM): the default handling stays
    }
  }

  /** Reads standard input or a pipe, which may go quiet: see {@link LiveInput}. */
  private void readLive(String in, EventReader reader, Sink sink) throws IOException {
    boolean stdin = in.equals("-");
    InputStream src = stdin ? main.io.in : Files.newInputStream(Path.of(in));
    try (LiveInput live =
        new LiveInput(src, !stdin, POLL_MILLIS, this::inputTick, () -> signalled >= 0)) {
      reader.read(live, sink);
    }
  }

  /** A chunk of input came ({@code idle} false), or none did for a while. */
  private void inputTick(boolean idle) {
    long now = System.nanoTime();
    if (!idle) {
      lastInputNanos = now;
      idleBase = Long.MIN_VALUE;
    } else if (idleAdvance > 0 && now - lastInputNanos >= idleAdvance * 1_000_000L) {
      if (idleBase == Long.MIN_VALUE) {
        idleBase = engine.watermark();
      }
      if (idleBase != Long.MIN_VALUE) {
        advanceTo(idleBase + (now - lastInputNanos) / 1_000_000L);
      }
    }
    housekeeping();
  }

  /** While --follow waits for more: the wall clock (--clock wall), then the output. */
  private void tickWhileFollowing() {
    housekeeping();
    flushWhileFollowing();
  }

  /** The wall clock's tick, and the timed flush. */
  private void housekeeping() {
    long now = System.nanoTime();
    if (clock == Clock.wall && now - lastTickNanos >= TICK_NANOS) {
      lastTickNanos = now;
      advanceTo(System.currentTimeMillis() - input.maxDelay);
    }
    if (dirty && (flushEach || flushTimed && now - lastFlushNanos >= FLUSH_NANOS)) {
      flushOutput();
    }
  }

  private void advanceTo(long time) {
    if (time > engine.watermark()) {
      engine.advanceTime(time);
      if (flushEach && dirty) {
        flushOutput();
      }
    }
  }

  private void flushOutput() {
    dirty = false;
    if (flushTimed) {
      lastFlushNanos = System.nanoTime();
    }
    try {
      writer.flush();
      out.flush();
    } catch (IOException e) {
      if (writeFailure == null) {
        writeFailure = e;
      }
    }
  }

  /** The input being read, and where the run stands in it: after its last record processed. */
  private int inputIndex;

  private long inputOffset;
  private long inputNextLine = 1;

  /**
   * Saves the state where the run stands, consistently with what was written: the output is flushed
   * and synced first (so a crash after the save never leaves output the state does not account
   * for), then the state is written beside FILE, synced, and moved into place.
   */
  private boolean saveState(boolean complete) {
    long outputSize = -1;
    try {
      writer.flush();
      out.flush();
      main.io.out.flush();
      if (main.io.outFile != null) {
        main.io.outFile.force(false);
        outputSize = main.io.outFile.size();
      }
    } catch (IOException e) {
      main.io.errWriter.println(
          "motif run: cannot write the output before saving the state: " + e.getMessage());
      return false;
    }
    List<String> inputs = events.isEmpty() ? List.of("-") : events;
    // A finished run's state says nothing of where it stood: the same state however the stream
    // was split into runs.
    RunState s =
        complete
            ? new RunState(true, 0, "", 0, 1, -1, idField, idHorizon, originNames)
            : new RunState(
                false,
                inputIndex,
                inputs.get(inputIndex),
                inputOffset,
                inputNextLine,
                outputSize,
                idField,
                idHorizon,
                originNames);
    try {
      s.write(state, engine);
      return true;
    } catch (IOException e) {
      main.io.errWriter.println(
          "motif run: cannot save the state to " + state + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * Why a saved state cannot be used by this run, or null. A state saved mid-run is continued with
   * --resume only; --resume continues only such a state, on the same inputs; an id field must be
   * kept as it was.
   */
  private String refuseState(RunState saved, List<String> inputs) {
    if (!Objects.equals(saved.idField(), idField)
        || idField != null && saved.idHorizon() != idHorizon) {
      return "it was saved "
          + (saved.idField() == null
              ? "without --id-field"
              : "with --id-field "
                  + saved.idField()
                  + " --id-horizon "
                  + Durations.format(saved.idHorizon()))
          + ", and duplicates would be judged differently now; run with the same options";
    }
    if (!resume && !saved.complete()) {
      return "it was saved in the middle of a run ("
          + saved.inputName()
          + ", before line "
          + saved.nextLine()
          + ") that did not finish; continue that run with --resume, or remove"
          + " the state to start afresh";
    }
    if (resume && saved.complete()) {
      return "nothing to resume: the run that saved it finished";
    }
    if (resume
        && (saved.input() >= inputs.size()
            || !inputs.get(saved.input()).equals(saved.inputName()))) {
      return "the run that saved it was reading "
          + saved.inputName()
          + " (input "
          + (saved.input() + 1)
          + "); resume with the same inputs";
    }
    if (resume && saved.inputName().equals("-") && saved.offset() > 0) {
      return "the run that saved it was reading standard input, which cannot be read again"
          + " from where it stopped";
    }
    return null;
  }

  /**
   * Resuming: the output file is cut back to what it held when the state was saved (what came after
   * is written again, exactly as it was). Into a pipe, that part may come twice: said.
   */
  private boolean cutOutputBack(RunState saved) throws IOException {
    if (saved.outputSize() < 0) {
      return true;
    }
    if (main.io.outFile == null) {
      main.io.errWriter.println(
          "motif run: warning: the output is not a file, so what the run"
              + " wrote after its last save may be written again");
      return true;
    }
    long size = main.io.outFile.size();
    if (size < saved.outputSize()) {
      main.io.errWriter.println(
          "motif run: the output file has "
              + size
              + " bytes, fewer than"
              + " the "
              + saved.outputSize()
              + " it had when "
              + state
              + " was saved: resume into the"
              + " same output file, appending (>>)");
      return false;
    }
    main.io.outFile.truncate(saved.outputSize());
    return true;
  }

  /** Bound overflows and duplicates, only when there were any: never silent, never noise. */
  private static String overflow(EngineStats s) {
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
      sb.append(", ")
          .append(s.overtaken())
          .append(" on time but dropped (came after events the full buffer forced through)");
    }
    if (s.cascadeDropped() > 0) {
      sb.append(", ").append(s.cascadeDropped()).append(" not fed back (cascade depth)");
    }
    return sb.toString();
  }

  private void late(Event e) {
    lateEvents++;
    main.io.errWriter.println(
        currentFile
            + ":"
            + currentLine
            + ": late event, not processed: "
            + EventText.render(e)
            + " (more than "
            + Durations.format(input.maxDelay)
            + " older than the latest event)");
  }

  /** Sends what a reader reads to the engine, and reports what it cannot read. */
  private final class Sink implements EventSink {
    private final Engine engine;
    private final long[] maxSeen;
    private final EventReader reader;
    boolean stopped;

    Sink(Engine engine, long[] maxSeen, EventReader reader) {
      this.engine = engine;
      this.maxSeen = maxSeen;
      this.reader = reader;
    }

    /** The record the reader gave is processed: the state, if saved now, resumes after it. */
    private void consumed() {
      inputOffset = reader.position();
      inputNextLine = reader.lastLine() + 1;
    }

    @Override
    public boolean event(Event event, long line) {
      currentLine = line;
      eventsRead++;
      inputCheck.event(event);
      if (event.time() > maxSeen[0]) {
        maxSeen[0] = event.time();
      }
      engine.send(provenance ? event.withOrigins(origin(originInput, line)) : event);
      consumed();
      if (flushEach && dirty) {
        flushOutput();
      }
      if (periodic && (++sinceCheck & 0xFF) == 0) {
        housekeeping();
      }
      if (signalled >= 0) {
        stopped = true;
        return false;
      }
      if (stateEvery > 0 && eventsRead % stateEvery == 0 && !saveState(false)) {
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
    public void warning(long line, String message) {
      if (!timesLikeSeconds) {
        timesLikeSeconds = true;
        main.io.errWriter.println(currentFile + ":" + line + ": warning: " + message);
      }
    }

    @Override
    public boolean bad(long line, String message) {
      badLines++;
      main.io.errWriter.println(currentFile + ":" + line + ": " + message);
      if (strict) {
        stopped = true; // not consumed: resuming reads it again, once it is mended
        return false;
      }
      consumed();
      return true;
    }
  }
}
