package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.RestoreReport;
import io.motif.engine.SnapshotException;
import io.motif.engine.ValueCodec;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.CompiledRules;
import io.motif.function.Accumulator;
import io.motif.source.Source;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The engine's snapshot format, version 3: a header (magic {@code MOTIFSNP}, version, body length,
 * CRC-32 of the body) and a body holding the deployed rules' sources, each pattern's name and
 * fingerprint, the clock, counters, the out-of-order buffer, seen ids, and every partition's
 * partial matches, each pattern's in a section of its own preceded by its length (so that a restore
 * into changed rules can skip the sections of changed and removed patterns). Version 1 (no
 * fingerprints, no section lengths) is still read; its fingerprints are computed by compiling its
 * rules. Partial matches are written as their taken events (shared prefixes once); their bindings
 * and aggregates are rebuilt on restore by replaying those events, so accumulators need no format
 * of their own. Version 3 adds each event's {@linkplain Event#origins origins} (version 2 is read
 * as events without).
 *
 * <p>A snapshot is untrusted input: every count is checked against the bytes left, every index
 * against its table, and anything amiss is a {@link SnapshotException}, never another exception.
 *
 * <p>One class of some 700 lines: the writer and the reader of one format side by side, so that a
 * change to one is made next to the other (the values' codec is moving out to the API's {@code
 * ValueCodec}).
 */
public final class Snapshots {
  public static final int VERSION = 3;
  private static final byte[] MAGIC = "MOTIFSNP".getBytes(StandardCharsets.US_ASCII);

  /** The largest snapshot body read; a larger length is refused before anything is allocated. */
  public static final long MAX_BODY = 1L << 30;

  private Snapshots() {}

  // ---- writing ----

  public static void write(EngineCore rt, OutputStream out) throws IOException {
    write(rt, out, true);
  }

  /**
   * Writes a snapshot; without {@code partitions}, every pattern's section holds its counters and
   * no partition (the state no key owns, for an engine whose partitions are kept per key: see
   * {@link #writePartition}).
   */
  public static void write(EngineCore rt, OutputStream out, boolean partitions) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Writer w = new Writer(new DataOutputStream(bytes));
    w.partitions = partitions;
    w.body(rt);
    w.out.flush();
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    DataOutputStream d = new DataOutputStream(out);
    d.write(MAGIC);
    d.writeInt(VERSION);
    d.writeLong(body.length);
    d.writeLong(crc.getValue());
    d.write(body);
    d.flush();
  }

  private static final class Writer implements ValueCodec.EventRefs {
    DataOutputStream out;
    final Map<Event, Integer> events = new IdentityHashMap<>();
    final List<Event> eventOrder = new ArrayList<>();

    /** Whether the patterns' partitions are written (else only their counters). */
    boolean partitions = true;

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void body(EngineCore rt) throws IOException {
      // Rules: distinct sources, then each pattern as (source, name).
      List<Source> sources = new ArrayList<>();
      Map<Source, Integer> sourceIds = new IdentityHashMap<>();
      for (PatternRuntime p : rt.patterns) {
        Source s = rt.sources.get(p);
        if (!sourceIds.containsKey(s)) {
          sourceIds.put(s, sources.size());
          sources.add(s);
        }
      }
      out.writeInt(sources.size());
      for (Source s : sources) {
        string(s.name());
        string(s.text());
      }
      out.writeInt(rt.patterns.size());
      for (PatternRuntime p : rt.patterns) {
        out.writeInt(sourceIds.get(rt.sources.get(p)));
        string(p.automaton.name());
        string(rt.fingerprints.get(p)); // (every pattern a written runtime holds has one)
      }
      // Clock and counters.
      out.writeLong(rt.time.maxDelay);
      out.writeLong(rt.time.maxSeen);
      out.writeLong(rt.time.watermark);
      out.writeLong(rt.seq);
      out.writeLong(rt.time.arrivals);
      out.writeLong(rt.eventsIn);
      out.writeLong(rt.derivedOut);
      out.writeLong(rt.late);
      out.writeLong(rt.cascadeDropped);
      out.writeLong(rt.duplicates);
      out.writeLong(rt.time.forced);
      // Collect every event referenced, nested events first, so the table can be read in order.
      List<EventTime.Pending> pending = new ArrayList<>(rt.time.buffer);
      pending.sort(null);
      for (EventTime.Pending pe : pending) {
        collect(pe.event());
      }
      for (PatternRuntime p : rt.patterns) {
        if (partitions) {
          p.partitions.forEach(this::collect);
        }
      }
      eventTable();
      out.writeInt(pending.size());
      for (EventTime.Pending pe : pending) {
        out.writeInt(events.get(pe.event()));
        out.writeLong(pe.arrival());
      }
      out.writeInt(rt.ids.seenIds.size());
      for (Map.Entry<Object, Long> id : rt.ids.seenIds.entrySet()) {
        value(id.getKey());
        out.writeLong(id.getValue());
      }
      // Each pattern's section, preceded by its length.
      DataOutputStream body = out;
      for (PatternRuntime p : rt.patterns) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        out = new DataOutputStream(section);
        pattern(p);
        out.flush();
        out = body;
        out.writeInt(section.size());
        section.writeTo(out);
      }
    }

    void pattern(PatternRuntime p) throws IOException {
      out.writeLong(p.eventsIn);
      out.writeLong(p.matchCount);
      out.writeLong(p.dropped);
      out.writeLong(p.evicted);
      if (!partitions) {
        out.writeInt(0);
        return;
      }
      out.writeInt(p.partitions.size());
      for (Partition part : p.partitions) {
        value(part.key);
        partition(part);
      }
    }

    /** The events collected, nested ones before those holding them, each with its origins. */
    void eventTable() throws IOException {
      out.writeInt(eventOrder.size());
      for (Event e : eventOrder) {
        ValueCodec.writeEvent(out, e, this);
        ValueCodec.writeOrigins(out, e);
      }
    }

    /** Every event a partition's runs took. */
    void collect(Partition part) {
      for (int i = 0; i < part.size(); i++) {
        for (Step s = part.peek(i); s != null; s = s.previous()) {
          collect(s.event());
        }
      }
    }

    /** A partition's position counter, steps and runs (its key is written by the caller). */
    void partition(Partition part) throws IOException {
      out.writeLong(part.seq);
      // Steps shared by the partition's runs, each written once, oldest first.
      Map<Step, Integer> stepIds = new IdentityHashMap<>();
      List<Step> steps = new ArrayList<>();
      // Packed rows are read as runs made for this snapshot, not kept (one object per row here).
      Run[] runs = new Run[part.size()];
      for (int i = 0; i < runs.length; i++) {
        runs[i] = part.peek(i);
      }
      for (Run r : runs) {
        List<Step> chain = new ArrayList<>();
        for (Step s = r; s != null && !stepIds.containsKey(s); s = s.previous()) {
          chain.add(s);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
          stepIds.put(chain.get(i), steps.size());
          steps.add(chain.get(i));
        }
      }
      out.writeInt(steps.size());
      for (Step s : steps) {
        out.writeInt(events.get(s.event()));
        out.writeLong(s.seq());
        out.writeInt(s.pos());
        out.writeInt(s.previous() == null ? -1 : stepIds.get(s.previous()));
      }
      // Without `on timeout` runs carry no attempt object: the runs one event started (one
      // first sequence number) are one attempt, with flags that nothing reads.
      Map<Object, Integer> attempts = new HashMap<>();
      out.writeInt(part.size());
      for (Run r : runs) {
        Object attemptKey = r.attempt != null ? r.attempt : (Object) r.firstSeq;
        Integer a = attempts.get(attemptKey);
        if (a == null) {
          a = attempts.size();
          attempts.put(attemptKey, a);
          out.writeInt(-1 - a); // a new attempt: its flags follow
          out.writeBoolean(r.attempt != null && r.attempt.emitted);
          out.writeBoolean(r.attempt != null && r.attempt.timedOut);
        } else {
          out.writeInt(a);
        }
        out.writeInt(stepIds.get(r));
        out.writeLong(r.firstPseq);
        out.writeLong(r.lastPseq);
        out.writeLong(r.violated);
        out.writeInt(r.sideLast == null ? -1 : r.sideLast.length);
        if (r.sideLast != null) {
          for (long x : r.sideLast) {
            out.writeLong(x);
          }
        }
      }
    }

    void collect(Event e) {
      if (events.containsKey(e)) {
        return;
      }
      for (Object v : e.fields().values()) {
        collectValue(v);
      }
      events.put(e, eventOrder.size());
      eventOrder.add(e);
    }

    void collectValue(Object v) {
      if (v instanceof Event e) {
        collect(e);
      } else if (v instanceof List<?> l) {
        l.forEach(this::collectValue);
      } else if (v instanceof Map<?, ?> m) {
        m.values().forEach(this::collectValue);
      }
    }

    void string(String s) throws IOException {
      ValueCodec.writeString(out, s);
    }

    void value(Object v) throws IOException {
      ValueCodec.writeValue(out, v, this);
    }

    /** A nested event: its index in the table of events, written before the values. */
    @Override
    public void write(DataOutput to, Event e) throws IOException {
      to.writeInt(events.get(e));
    }

    @Override
    public Event read(ByteBuffer in) {
      throw new IllegalStateException("a writer does not read");
    }
  }

  // ---- reading ----

  /**
   * Reads a snapshot into a fresh runtime (which must have nothing deployed): with {@code current}
   * null, its own rules and every pattern's state; else the patterns of {@code current}, each with
   * its saved state when its fingerprint is the one saved.
   */
  public static RestoreReport read(
      EngineCore rt, InputStream in, RulesCompiler compiler, CompiledRules current)
      throws SnapshotException {
    byte[] header;
    try {
      header = in.readNBytes(MAGIC.length + 4 + 8 + 8);
    } catch (IOException e) {
      throw new SnapshotException("cannot read the snapshot: " + e.getMessage(), e);
    }
    if (header.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
      throw new SnapshotException("not a Motif snapshot (it does not start with MOTIFSNP)");
    }
    if (header.length < MAGIC.length + 20) {
      throw new SnapshotException("the snapshot is truncated: its header is incomplete");
    }
    ByteBuffer h = ByteBuffer.wrap(header, MAGIC.length, 20);
    int version = h.getInt();
    if (version < 1 || version > VERSION) {
      throw new SnapshotException(
          "the snapshot has format version "
              + version
              + "; this engine reads versions 1 to "
              + VERSION);
    }
    long length = h.getLong();
    long crc = h.getLong();
    if (length < 0 || length > MAX_BODY) {
      throw new SnapshotException(
          "the snapshot claims a body of " + length + " bytes; the limit is " + MAX_BODY);
    }
    byte[] body;
    try {
      body = in.readNBytes((int) length);
    } catch (IOException e) {
      throw new SnapshotException("cannot read the snapshot: " + e.getMessage(), e);
    }
    if (body.length != length) {
      throw new SnapshotException(
          "the snapshot is truncated: " + body.length + " of " + length + " bytes");
    }
    CRC32 check = new CRC32();
    check.update(body);
    if (check.getValue() != crc) {
      throw new SnapshotException("the snapshot is corrupt: its checksum does not match");
    }
    try {
      return new Reader(ByteBuffer.wrap(body), compiler, version).body(rt, current);
    } catch (BufferUnderflowException
        | IndexOutOfBoundsException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException
        | ArithmeticException
        | NegativeArraySizeException e) {
      throw new SnapshotException("the snapshot is corrupt: " + e, e);
    }
  }

  /**
   * Compiles the rules a snapshot saved: given by the API layer, so that the runtime does not
   * depend on the compiler.
   */
  @FunctionalInterface
  public interface RulesCompiler {
    /** The compiled rules; a SnapshotException when they no longer compile. */
    CompiledRules compile(Source source) throws SnapshotException;
  }

  private static final class Reader implements ValueCodec.EventRefs {
    final ByteBuffer in;
    final RulesCompiler compiler;
    final List<Event> events = new ArrayList<>();
    final int version;

    Reader(ByteBuffer in, RulesCompiler compiler, int version) {
      this.in = in;
      this.compiler = compiler;
      this.version = version;
    }

    /** A count that cannot exceed the bytes left (each item takes at least one). */
    int count() throws SnapshotException {
      int n = in.getInt();
      if (n < 0 || n > in.remaining()) {
        throw new SnapshotException(
            "the snapshot is corrupt: a count of " + n + " exceeds what is left");
      }
      return n;
    }

    static SnapshotException corrupt(StreamCorruptedException e) {
      return new SnapshotException("the snapshot is corrupt: " + e.getMessage(), e);
    }

    int index(int size) throws SnapshotException {
      int i = in.getInt();
      if (i < 0 || i >= size) {
        throw new SnapshotException("the snapshot is corrupt: index " + i + " out of 0.." + size);
      }
      return i;
    }

    String string() throws SnapshotException {
      try {
        return ValueCodec.readString(in);
      } catch (StreamCorruptedException e) {
        throw corrupt(e);
      }
    }

    Object value(int depth) throws SnapshotException {
      try {
        return ValueCodec.readValue(in, depth, this);
      } catch (StreamCorruptedException e) {
        throw corrupt(e);
      }
    }

    /** A nested event: an index into the events read so far. */
    @Override
    public Event read(ByteBuffer from) throws StreamCorruptedException {
      int i = from.getInt();
      if (i < 0 || i >= events.size()) {
        throw new StreamCorruptedException("index " + i + " out of 0.." + events.size());
      }
      return events.get(i);
    }

    @Override
    public void write(DataOutput out, Event e) {
      throw new IllegalStateException("a reader does not write");
    }

    RestoreReport body(EngineCore rt, CompiledRules current) throws SnapshotException {
      int nSources = count();
      // The saved rules are compiled when they are restored, or (version 1, which holds no
      // fingerprints) to compute the fingerprints; a version 2 snapshot restored into other
      // rules needs only its fingerprints.
      boolean compile = current == null || version == 1;
      List<CompiledRules> scripts = new ArrayList<>();
      for (int i = 0; i < nSources; i++) {
        String name = string();
        String text = string();
        if (!compile) {
          scripts.add(null);
          continue;
        }
        CompiledRules rules = compiler.compile(new Source(name, text));
        scripts.add(rules);
        if (current == null) {
          rt.declare(rules.schema());
        }
      }
      int nPatterns = count();
      String[] savedName = new String[nPatterns];
      String[] savedFingerprint = new String[nPatterns];
      Automaton[] savedAutomaton = new Automaton[nPatterns];
      Source[] savedSource = new Source[nPatterns];
      for (int i = 0; i < nPatterns; i++) {
        CompiledRules script = scripts.get(index(scripts.size()));
        String name = string();
        savedName[i] = name;
        savedFingerprint[i] = version >= 2 ? string() : null;
        if (script != null) {
          Automaton a = script.automaton(name);
          if (a == null) {
            throw new SnapshotException(
                "the snapshot names pattern " + name + ", which its rules do not declare");
          }
          savedAutomaton[i] = a;
          savedSource[i] = script.source();
          if (savedFingerprint[i] == null) {
            savedFingerprint[i] = script.fingerprint(name);
          }
        }
      }
      // Which deployed pattern each saved section is read into (null: skipped).
      PatternRuntime[] target = new PatternRuntime[nPatterns];
      List<String> kept = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<String> added = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      if (current == null) {
        for (int i = 0; i < nPatterns; i++) {
          target[i] = rt.deploy(savedAutomaton[i], savedSource[i], savedFingerprint[i]);
          kept.add(savedName[i]);
        }
      } else {
        Map<String, Integer> saved = new LinkedHashMap<>();
        for (int i = 0; i < nPatterns; i++) {
          saved.put(savedName[i], i);
        }
        rt.declare(current.schema());
        for (Automaton a : current.automata()) {
          String fp = current.fingerprint(a.name());
          PatternRuntime p = rt.deploy(a, current.source(), fp);
          Integer i = saved.get(a.name());
          if (i == null) {
            added.add(a.name());
          } else if (fp.equals(savedFingerprint[i])) {
            target[i] = p;
            kept.add(a.name());
          } else {
            changed.add(a.name());
          }
        }
        for (String name : saved.keySet()) {
          if (current.automaton(name) == null) {
            dropped.add(name);
          }
        }
      }
      long maxDelay = in.getLong();
      if (maxDelay != rt.time.maxDelay) {
        throw new SnapshotException(
            "the snapshot was taken with a maximum delay of "
                + maxDelay
                + " ms; this engine has "
                + rt.time.maxDelay
                + " ms");
      }
      rt.time.maxSeen = in.getLong();
      rt.time.watermark = in.getLong();
      rt.time.lateBefore = rt.time.watermark; // (not kept: after a restore, anything older is late)
      rt.seq = in.getLong();
      rt.time.arrivals = in.getLong();
      rt.eventsIn = in.getLong();
      rt.derivedOut = in.getLong();
      rt.late = in.getLong();
      rt.cascadeDropped = in.getLong();
      rt.duplicates = in.getLong();
      rt.time.forced = in.getLong();
      eventTable(rt);
      int nPending = count();
      for (int i = 0; i < nPending; i++) {
        Event e = events.get(index(events.size()));
        rt.time.buffer.add(new EventTime.Pending(e, in.getLong()));
      }
      int nIds = count();
      for (int i = 0; i < nIds; i++) {
        Object id = value(0);
        rt.ids.seenIds.put(id, in.getLong());
      }
      for (int i = 0; i < nPatterns; i++) {
        if (version >= 2) {
          int length = count();
          int end = in.position() + length;
          if (target[i] == null) {
            in.position(end);
          } else {
            pattern(rt, target[i]);
            if (in.position() != end) {
              throw new SnapshotException(
                  "the snapshot is corrupt: the state of pattern "
                      + savedName[i]
                      + " does not fill its "
                      + length
                      + " bytes");
            }
          }
        } else if (target[i] != null) {
          pattern(rt, target[i]);
        } else {
          // Version 1 has no section lengths: a pattern not kept is read into a runtime of its
          // own, and left there.
          EngineCore scratch =
              new EngineCore(rt.time.maxDelay, rt.limits, e -> {}, (m, t) -> {}, null, 0);
          pattern(scratch, scratch.deploy(savedAutomaton[i], savedSource[i], ""));
        }
      }
      if (in.hasRemaining()) {
        throw new SnapshotException(
            "the snapshot is corrupt: " + in.remaining() + " bytes follow its end");
      }
      rt.rescheduleAll();
      return new RestoreReport(kept, changed, added, dropped);
    }

    void pattern(EngineCore rt, PatternRuntime p) throws SnapshotException {
      p.eventsIn = in.getLong();
      p.matchCount = in.getLong();
      p.dropped = in.getLong();
      p.evicted = in.getLong();
      int nParts = count();
      for (int i = 0; i < nParts; i++) {
        Partition part = partition(p, value(0));
        if (!part.isEmpty()) {
          p.partitions.add(part);
          rt.liveRuns += part.size();
        }
      }
    }

    /** The table of events that steps and pending events refer to by index. */
    void eventTable(EngineCore rt) throws SnapshotException {
      int nEvents = count();
      for (int i = 0; i < nEvents; i++) {
        Event e;
        try {
          e = ValueCodec.readEvent(in, this);
          if (version >= 3) {
            e = ValueCodec.readOrigins(in, e);
            rt.originsSeen |= e.hasOrigins();
          }
        } catch (StreamCorruptedException ex) {
          throw corrupt(ex);
        }
        events.add(e);
      }
    }

    /** A partition's position counter, steps and runs, into a new partition (not yet added). */
    Partition partition(PatternRuntime p, Object key) throws SnapshotException {
      Automaton a = p.automaton;
      Partition part = p.partitions.create(key);
      part.seq = in.getLong();
      int nSteps = count();
      // Read every step and run first; then build the steps oldest first, a run's own newest
      // step being the run itself, so that runs extending a live run share it as before.
      Event[] stepEvent = new Event[nSteps];
      long[] stepSeq = new long[nSteps];
      int[] stepPos = new int[nSteps];
      int[] stepPrev = new int[nSteps];
      for (int s = 0; s < nSteps; s++) {
        stepEvent[s] = events.get(index(events.size()));
        stepSeq[s] = in.getLong();
        stepPos[s] = index(a.positions());
        int prev = in.getInt();
        if (prev < -1 || prev >= s) {
          throw new SnapshotException(
              "the snapshot is corrupt: step " + s + " refers to step " + prev);
        }
        stepPrev[s] = prev;
      }
      int nRuns = count();
      List<Run.Attempt> attempts = new ArrayList<>();
      Run.Attempt[] runAttempt = new Run.Attempt[nRuns];
      int[] runStep = new int[nRuns];
      long[] runFirstPseq = new long[nRuns];
      long[] runLastPseq = new long[nRuns];
      long[] runViolated = new long[nRuns];
      long[][] runSideLast = new long[nRuns][];
      int[] runEndingAt = new int[nSteps];
      Arrays.fill(runEndingAt, -1);
      for (int r = 0; r < nRuns; r++) {
        int ref = in.getInt();
        Run.Attempt attempt;
        if (ref < 0) {
          if (-1 - ref != attempts.size()) {
            throw new SnapshotException("the snapshot is corrupt: attempts out of order");
          }
          attempt = new Run.Attempt();
          attempt.emitted = in.get() != 0;
          attempt.timedOut = in.get() != 0;
          attempts.add(attempt);
        } else {
          if (ref >= attempts.size()) {
            throw new SnapshotException("the snapshot is corrupt: unknown attempt " + ref);
          }
          attempt = attempts.get(ref);
        }
        runAttempt[r] = attempt;
        runStep[r] = index(nSteps);
        if (runEndingAt[runStep[r]] >= 0) {
          throw new SnapshotException(
              "the snapshot is corrupt: two runs end at step " + runStep[r]);
        }
        runEndingAt[runStep[r]] = r;
        runFirstPseq[r] = in.getLong();
        runLastPseq[r] = in.getLong();
        runViolated[r] = in.getLong();
        int nSides = in.getInt();
        if (nSides != -1 && nSides != a.sides()) {
          throw new SnapshotException(
              "the snapshot is corrupt: a run tracks "
                  + nSides
                  + " sides; the pattern has "
                  + a.sides());
        }
        if (nSides >= 0) {
          runSideLast[r] = new long[nSides];
          for (int k = 0; k < nSides; k++) {
            runSideLast[r][k] = in.getLong();
          }
        }
      }
      Step[] steps = new Step[nSteps];
      Run[] runs = new Run[nRuns];
      for (int s = 0; s < nSteps; s++) {
        Step prev = stepPrev[s] < 0 ? null : steps[stepPrev[s]];
        Step step = new Step(stepEvent[s], stepSeq[s], stepPos[s], a.binding(stepPos[s]), prev);
        int r = runEndingAt[s];
        if (r >= 0) {
          // Attempts matter only to `on timeout`; elsewhere runs carry none, as when running.
          Run.Attempt attempt = p.automaton.onTimeout() == null ? null : runAttempt[r];
          Run run = p.rebuild(attempt, step, runFirstPseq[r], runLastPseq[r]);
          run.violated = runViolated[r];
          run.sideLast = runSideLast[r];
          runs[r] = run;
          step = run;
        }
        steps[s] = step;
      }
      for (Run run : runs) {
        part.add(run, p.tables.column(run.pos, run.event, run.singles));
      }
      return part;
    }
  }

  // ---- one partition, for state kept per key ----

  /** The format of {@link #writePartition}'s bytes: its first byte. */
  private static final byte PARTITION_FORMAT = 1;

  /**
   * One partition's partial matches, self-contained: the events its runs took, then its counter,
   * steps and runs as in a snapshot. Read back by {@link #readPartition} into the same pattern.
   */
  static byte[] writePartition(Partition part) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Writer w = new Writer(new DataOutputStream(bytes));
      w.out.writeByte(PARTITION_FORMAT);
      w.collect(part);
      w.eventTable();
      w.partition(part);
      w.out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // (a byte array does not fail)
    }
  }

  /** A partition written by {@link #writePartition}, into a new partition of {@code p}. */
  static Partition readPartition(EngineCore rt, PatternRuntime p, Object key, byte[] bytes)
      throws SnapshotException {
    Reader r = new Reader(ByteBuffer.wrap(bytes), null, VERSION);
    try {
      byte format = r.in.get();
      if (format != PARTITION_FORMAT) {
        throw new SnapshotException(
            "partition state of format " + format + "; this engine reads " + PARTITION_FORMAT);
      }
      r.eventTable(rt);
      Partition part = r.partition(p, key);
      if (r.in.hasRemaining()) {
        throw new SnapshotException(
            "the partition state is corrupt: " + r.in.remaining() + " bytes follow its end");
      }
      return part;
    } catch (BufferUnderflowException
        | IndexOutOfBoundsException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException
        | ArithmeticException
        | NegativeArraySizeException e) {
      throw new SnapshotException("the partition state is corrupt: " + e, e);
    }
  }

  /** A partition key in {@link ValueCodec}'s form. */
  static byte[] writeKey(Object key) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      ValueCodec.writeValue(out, key, ValueCodec.INLINE);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A partition key written by {@link #writeKey}. */
  static Object readKey(byte[] bytes) throws SnapshotException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      Object key = ValueCodec.readValue(in, 0, ValueCodec.INLINE);
      if (in.hasRemaining()) {
        throw new SnapshotException("a partition key has " + in.remaining() + " bytes too many");
      }
      return key;
    } catch (StreamCorruptedException | BufferUnderflowException e) {
      throw new SnapshotException("a partition key is corrupt: " + e.getMessage(), e);
    }
  }

  /** For tests: the accumulators a restored run holds. */
  static Accumulator[] accumulators(Run r) {
    return r.accs;
  }
}
