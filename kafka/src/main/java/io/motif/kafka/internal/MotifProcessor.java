package io.motif.kafka.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.RestoreReport;
import io.motif.engine.SnapshotException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Motif engine per stream task of a stage, running the stage's patterns. Every input is first
 * appended to the task's input log, then applied to the engine; derived events and late events are
 * forwarded as {@link Envelope}s. Every {@code checkpointInterval} inputs the engine's snapshot
 * becomes the new checkpoint and the log is emptied (see {@link EngineState}).
 *
 * <p>On {@link #init} the engine is restored from the checkpoint and the log is replayed with its
 * output suppressed: under exactly-once that output was committed in the same transactions as the
 * log entries, and the engine is deterministic, so the replayed engine is the one that stopped.
 *
 * <p>Time: the task's watermark is the least of the watermarks its sources (input partitions, tasks
 * of earlier stages) last announced by marker, over the sources it has heard from and that are live
 * (a source silent for {@code idleSourceMillis} of wall-clock time no longer holds it back). The
 * engine runs with the largest maximum delay, so it never moves its clock itself: it holds each
 * event until the task's watermark passes it, then processes the held events in time order, timers
 * before the events they precede, as one engine over the merged streams would. Each move is logged
 * like an event, so replay repeats it. After each move the task sends its own marker, so a later
 * stage hears it as a source.
 *
 * <p>Rules: each checkpoint names the script it was taken under. When the task starts under another
 * one, the replayed engine is moved to it pattern by pattern, by fingerprint ({@link
 * Engine.Builder#restore(InputStream, io.motif.engine.CompiledScript)}): unchanged patterns keep
 * their partial matches. The change is logged and, with an audit topic, written there with the
 * first checkpoint under the new rules, in its transaction (as is the record of a first
 * deployment).
 *
 * <p>Metrics ({@link TaskMetrics}): time, checkpoints and stores each punctuation and after each
 * checkpoint; the engine's counters at most every {@link #STATS_MILLIS}. The first time a bound
 * evicts, refuses or forces, it is logged with the counts.
 */
public final class MotifProcessor<K> implements Processor<K, Envelope, K, Envelope> {
  private static final Logger LOG = LoggerFactory.getLogger(MotifProcessor.class);

  /** The engine's maximum delay: events wait for the task's watermark, never for their own. */
  static final long HOLD = Event.MAX_TIME;

  /**
   * The least wall-clock time between two reads of the engine's counters for the metrics: a read
   * walks the task's partial matches (to count them and estimate their bytes).
   */
  static final long STATS_MILLIS = 10_000;

  private final ProcessorSettings settings;
  private final String rules;
  private ProcessorContext<K, Envelope> context;
  private EngineState state;

  /** The partitions' store, when the state is kept per key; else null. */
  private PartitionStates partitions;

  private Engine engine;
  private Cancellable punctuation;
  private String name;

  /** While replaying the log: derived and late events were already forwarded. */
  private boolean replaying;

  /** Derived and late events of the current engine call, in order, to forward after it. */
  private final List<Envelope> pending = new ArrayList<>();

  /** Per source, the watermark it announced; and when it was last heard (wall clock). */
  private final Map<String, Long> sources = new TreeMap<>();

  private final Map<String, Long> heard = new TreeMap<>();

  /** With state kept per key: time moved since the last checkpoint (partitions changed). */
  private boolean moved;

  /** With state kept per key: how often the engine dropped its partitions (see releaseIfFull). */
  private long released;

  /** No checkpoint yet, or one of other rules: write one before the next input is logged. */
  private boolean checkpointDue;

  /** Events derived in chains whose key belongs to another task: counted, warned once. */
  private long misplaced;

  /** The task's metrics; null before init and after close. */
  private TaskMetrics metrics;

  /** What the last restore into changed rules did with this stage's patterns; null: none. */
  private RestoreReport report;

  /** The audit record to forward with the first checkpoint under the current rules. */
  private String auditDue;

  /** Evictions, refusals and the like were logged once: from then on counted only. */
  private boolean boundsLogged;

  private long lastStatsWall;
  private long maxEventTime = Long.MIN_VALUE;
  private long restoreMillis;
  private long checkpointMillis;
  private long checkpointMaxMillis;
  private long checkpointBytes;

  private boolean announced;
  private boolean markDue;
  private long lastMarkWall = Long.MIN_VALUE;

  public MotifProcessor(ProcessorSettings settings) {
    this.settings = settings;
    this.rules = fingerprint(settings.script().source().text());
  }

  /** The name of the source that task {@code partition} of {@code stage} is to later stages. */
  public static String sourceName(String stage, int partition) {
    return stage + "/" + partition;
  }

  @Override
  public void init(ProcessorContext<K, Envelope> context) {
    this.context = context;
    this.name = sourceName(settings.stage(), context.taskId().partition());
    KeyValueStore<String, byte[]> checkpoints = context.getStateStore(settings.checkpointStore());
    KeyValueStore<Long, byte[]> log = context.getStateStore(settings.logStore());
    this.state = new EngineState(checkpoints, log, settings.chunkBytes());
    long started = System.nanoTime();
    Engine.Builder builder =
        Engine.builder()
            .limits(settings.limits())
            .maxDelay(HOLD)
            .lateHandler(this::late)
            .errorHandler(
                (message, error) -> LOG.warn("task {}: {}", context.taskId(), message, error));
    if (settings.keyed()) {
      partitions =
          new PartitionStates(
              context.getStateStore(settings.partitionStore()),
              context.getStateStore(settings.timerStore()),
              settings.script());
      builder.partitionStore(partitions);
    }
    EngineState.Meta meta = state.meta();
    if (meta == null) {
      engine = builder.build();
      deploy();
    } else {
      try (InputStream in = state.snapshot()) {
        engine = builder.restore(in);
      } catch (SnapshotException | IOException e) {
        throw new IllegalStateException(
            "task "
                + context.taskId()
                + ": the checkpoint cannot be"
                + " restored: "
                + e.getMessage(),
            e);
      }
    }
    subscribe();
    List<EngineState.Entry> entries = state.entries();
    replaying = true;
    try {
      for (EngineState.Entry e : entries) {
        if (e.isEvent()) {
          maxEventTime = Math.max(maxEventTime, e.event().time());
          engine.send(e.event());
        } else {
          // (State kept per key is checkpointed after every move: a move is logged only when a
          // checkpoint after it did not land, under at-least-once.)
          moveTo(e.advanceTo());
        }
      }
    } finally {
      replaying = false;
    }
    if (meta == null) {
      auditDue = audit(null);
    } else if (!meta.rules().equals(rules)) {
      redeploy(builder);
      auditDue = audit(report);
    }
    restoreMillis = (System.nanoTime() - started) / 1_000_000;
    sources.putAll(state.sources());
    // A source expected but not heard yet holds the watermark back from the start.
    settings.expected().forEach(s -> sources.putIfAbsent(s, Long.MIN_VALUE));
    long now = context.currentSystemTimeMs();
    sources.keySet().forEach(s -> heard.put(s, now));
    // Stores are written while processing only; the first input writes the first checkpoint, so
    // the rules every logged input was applied under are always in a checkpoint.
    checkpointDue = meta == null || !meta.rules().equals(rules);
    // The last marker may have been in a transaction that was aborted: say it again.
    markDue = meta != null || !entries.isEmpty();
    LOG.info(
        "task {}: engine ready ({}, {} logged inputs replayed, watermark {}, {} sources)",
        context.taskId(),
        meta == null ? "no checkpoint yet" : "from checkpoint " + meta.generation(),
        entries.size(),
        engine.watermark(),
        sources.size());
    metrics = new TaskMetrics(context.metrics(), context.taskId().toString(), settings.stage());
    metrics.set("restore-time-ms", restoreMillis);
    updateMetrics(true);
    punctuation =
        context.schedule(
            Duration.ofMillis(settings.punctuateMillis()),
            PunctuationType.WALL_CLOCK_TIME,
            this::punctuate);
  }

  /** Deploys the script and leaves only this stage's patterns. */
  private void deploy() {
    engine.deploy(settings.script());
    if (!settings.patterns().isEmpty()) {
      for (String p : engine.patterns()) {
        if (!settings.patterns().contains(p)) {
          engine.undeploy(p);
        }
      }
    }
  }

  private void subscribe() {
    engine.subscribe("*", e -> derived(e, false));
    engine.subscribeInternal(e -> derived(e, true));
  }

  private boolean mine(String pattern) {
    return settings.patterns().isEmpty() || settings.patterns().contains(pattern);
  }

  /**
   * The rules changed since the checkpoint: the engine, as it stood under the old rules after the
   * replay, is restored into the new ones. A pattern of this stage whose fingerprint is unchanged
   * keeps its partial matches; a changed or new one starts afresh; one no longer in the stage is
   * dropped. Time, buffered events and counters are kept.
   */
  private void redeploy(Engine.Builder builder) {
    List<String> before = engine.patterns();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Engine.Restored restored;
    try {
      if (partitions != null) {
        // The partitions stay in their store, under their patterns' fingerprints: an unchanged
        // pattern finds its own, a changed one none.
        engine.changedPartitions(partitions::save);
        engine.snapshotShared(bytes);
      } else {
        engine.snapshot(bytes);
      }
      restored = builder.restore(new ByteArrayInputStream(bytes.toByteArray()), settings.script());
    } catch (IOException | SnapshotException e) {
      throw new IllegalStateException(
          "task " + context.taskId() + ": the engine cannot move to the new rules: " + e, e);
    }
    engine = restored.engine();
    for (String p : engine.patterns()) {
      if (!mine(p)) {
        engine.undeploy(p);
      }
    }
    subscribe();
    RestoreReport r = restored.report();
    List<String> now = engine.patterns();
    report =
        new RestoreReport(
            r.kept().stream().filter(now::contains).toList(),
            r.changed().stream().filter(now::contains).toList(),
            r.added().stream().filter(now::contains).toList(),
            before.stream().filter(p -> !now.contains(p)).toList());
    LOG.warn(
        "task {}: the rules changed since the last checkpoint: {}",
        context.taskId(),
        describe(report));
  }

  /** "kept A, B; started fresh: C (changed), D (new); dropped: E", as {@code motif run} says. */
  static String describe(RestoreReport r) {
    StringBuilder sb = new StringBuilder("kept ");
    sb.append(r.kept().isEmpty() ? "none" : String.join(", ", r.kept()));
    List<String> fresh = new ArrayList<>();
    r.changed().forEach(n -> fresh.add(n + " (changed)"));
    r.added().forEach(n -> fresh.add(n + " (new)"));
    if (!fresh.isEmpty()) {
      sb.append("; started fresh: ").append(String.join(", ", fresh));
    }
    if (!r.dropped().isEmpty()) {
      sb.append("; dropped: ").append(String.join(", ", r.dropped()));
    }
    return sb.toString();
  }

  /**
   * The audit record of a deployment ({@code r} null: every pattern is new) or of a rule change;
   * null when the topology writes none.
   */
  private String audit(RestoreReport r) {
    if (!settings.audit()) {
      return null;
    }
    List<String> patterns = engine.patterns();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.ofEpochMilli(context.currentSystemTimeMs()).toString());
      g.writeStringField("event", r == null ? "deploy" : "rules changed");
      g.writeStringField("applicationId", context.applicationId());
      g.writeStringField("task", context.taskId().toString());
      g.writeStringField("stage", settings.stage());
      g.writeStringField("scriptFingerprint", rules);
      g.writeArrayFieldStart("patterns");
      for (String p : patterns) {
        g.writeStartObject();
        g.writeStringField("name", p);
        g.writeStringField("fingerprint", settings.script().fingerprint(p));
        g.writeEndObject();
      }
      g.writeEndArray();
      names(g, "kept", r == null ? List.of() : r.kept());
      names(g, "added", r == null ? patterns : r.added());
      names(g, "changed", r == null ? List.of() : r.changed());
      names(g, "dropped", r == null ? List.of() : r.dropped());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
    g.writeArrayFieldStart(field);
    for (String n : names) {
      g.writeString(n);
    }
    g.writeEndArray();
  }

  /** What the last restore into changed rules did with this stage's patterns; null: none. */
  public RestoreReport ruleChange() {
    return report;
  }

  @Override
  public void process(Record<K, Envelope> record) {
    Envelope in = record.value();
    if (in == null) {
      return;
    }
    if (in.isMark()) {
      hear(in.source(), in.watermark());
      advance();
      return;
    }
    if (in.kind() != Envelope.Kind.EVENT) {
      return;
    }
    if (checkpointDue) {
      checkpoint();
    }
    state.appendEvent(in.event());
    maxEventTime = Math.max(maxEventTime, in.event().time());
    engine.send(in.event());
    long w = engine.watermark();
    if (in.event().time() == w) {
      // At the watermark already: due now, as for an engine of delay 0. The engine holds it for
      // the next move, so the release is made (and logged) here.
      state.appendAdvance(w);
      moveTo(w);
    }
    flush(record);
    maybeCheckpoint();
  }

  /**
   * Moves the engine's time to {@code time} (with state kept per key, the engine asks the partition
   * store for the partitions whose windows close by then: {@link PartitionStates#due}).
   */
  private void moveTo(long time) {
    if (partitions != null) {
      moved = true;
    }
    engine.advanceTime(time);
  }

  private void hear(String source, long watermark) {
    heard.put(source, context.currentSystemTimeMs());
    Long before = sources.get(source);
    if (before == null || watermark > before) {
      sources.put(source, before == null ? watermark : Math.max(before, watermark));
      state.saveSources(sources);
    }
  }

  /** The least watermark of the live sources; MIN_VALUE when one has announced none. */
  private long taskWatermark() {
    long now = context.currentSystemTimeMs();
    long w = Long.MAX_VALUE;
    for (Map.Entry<String, Long> s : sources.entrySet()) {
      boolean live =
          settings.idleSourceMillis() == 0
              || now - heard.getOrDefault(s.getKey(), now) < settings.idleSourceMillis();
      if (live) {
        w = Math.min(w, s.getValue());
      }
    }
    return w;
  }

  /** Moves the engine to the task's watermark, if that is ahead. */
  private void advance() {
    long target = taskWatermark();
    if (target != Long.MAX_VALUE && target != Long.MIN_VALUE && target > engine.watermark()) {
      if (checkpointDue) {
        checkpoint();
      }
      state.appendAdvance(target);
      moveTo(target);
      flush(null);
      markDue = true;
      maybeCheckpoint();
    }
    maybeMark();
  }

  private void punctuate(long now) {
    advance();
    updateMetrics(now - lastStatsWall >= STATS_MILLIS);
  }

  /**
   * Sets the task's metrics: time, checkpoints and stores each time; with {@code engineStats}, also
   * from the engine's counters (see {@link #STATS_MILLIS}). A bound that evicts, refuses or forces
   * is logged the first time it is seen, with the counts; later it is counted only.
   */
  private void updateMetrics(boolean engineStats) {
    if (metrics == null) {
      return;
    }
    long w = engine.watermark();
    if (w != Long.MIN_VALUE) {
      metrics.set("watermark", w);
      metrics.set("watermark-lag-ms", maxEventTime > w ? maxEventTime - w : 0);
    }
    metrics.set("checkpoint-time-last-ms", checkpointMillis);
    metrics.set("checkpoint-time-max-ms", checkpointMaxMillis);
    metrics.set("checkpoint-bytes", checkpointBytes);
    metrics.set("store-bytes", state.bytes());
    if (partitions != null) {
      metrics.set("partition-writes-total", partitions.writes);
      metrics.set("partition-bytes-written-total", partitions.bytesWritten);
      metrics.set("partitions-loaded-total", partitions.reads);
      metrics.set("partitions-released-total", released);
    }
    if (!engineStats) {
      return;
    }
    lastStatsWall = context.currentSystemTimeMs();
    EngineStats s = engine.stats();
    metrics.set("partial-matches", s.partialMatches());
    metrics.set("partitions", s.partitions());
    metrics.set("evicted-total", s.evicted());
    metrics.set("refused-total", s.dropped());
    metrics.set("forced-total", s.forced());
    metrics.set("overtaken-total", s.overtaken());
    metrics.set("cascade-dropped-total", s.cascadeDropped());
    metrics.set("late-total", s.late());
    metrics.set("buffered", s.buffered());
    metrics.set("engine-bytes", s.estimatedBytes());
    long bounded = s.evicted() + s.dropped() + s.forced() + s.overtaken() + s.cascadeDropped();
    if (bounded > 0 && !boundsLogged) {
      boundsLogged = true;
      LOG.warn(
          "task {}: the engine's bounds were reached ({}): {} evicted, {} refused, {} events"
              + " forced early and {} overtaken, {} derived events not fed back. Further ones are"
              + " counted only, in the metrics of group {}",
          context.taskId(),
          settings.limits(),
          s.evicted(),
          s.dropped(),
          s.forced(),
          s.overtaken(),
          s.cascadeDropped(),
          TaskMetrics.GROUP);
    }
  }

  private void maybeMark() {
    long now = context.currentSystemTimeMs();
    if (markDue
        && (lastMarkWall == Long.MIN_VALUE || now - lastMarkWall >= settings.markMillis())) {
      mark(engine.watermark(), now);
    }
  }

  private void mark(long watermark, long now) {
    context.forward(
        new Record<>(null, Envelope.mark(name, watermark), Timestamps.clamp(watermark, now)));
    announced = true;
    markDue = false;
    lastMarkWall = now;
  }

  /**
   * Checkpoints every {@code checkpointInterval} inputs; with state kept per key, also after every
   * move of time (the only calls that change partitions: events wait for the watermark), so that
   * the log holds only events waiting in the engine.
   */
  private void maybeCheckpoint() {
    if (moved || state.logged() >= settings.checkpointInterval()) {
      checkpoint();
    }
  }

  /**
   * Writes the engine's state: the whole engine; or, with state kept per key, each partition the
   * inputs since the last checkpoint changed, then what no key owns (out-of-order buffer, clock,
   * counters).
   */
  private void checkpoint() {
    long started = System.nanoTime();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (partitions != null) {
        engine.changedPartitions(partitions::save);
        engine.snapshotShared(bytes);
        moved = false;
        releaseIfFull();
      } else {
        engine.snapshot(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    state.checkpoint(bytes.toByteArray(), rules);
    checkpointDue = false;
    checkpointMillis = (System.nanoTime() - started) / 1_000_000;
    checkpointMaxMillis = Math.max(checkpointMaxMillis, checkpointMillis);
    checkpointBytes = bytes.size();
    if (auditDue != null) {
      // In the transaction of the first checkpoint under these rules: once per change.
      long now = context.currentSystemTimeMs();
      context.forward(new Record<>(null, Envelope.audit(auditDue), Timestamps.clamp(now, now)));
      auditDue = null;
    }
    updateMetrics(false);
  }

  /**
   * With state kept per key, the engine's partitions are a cache of the store: past half of a bound
   * on them it drops them all (they come back as events and deadlines need them), so the bounds,
   * which evict, are not reached by the keys a task has seen but by those one move of time touches.
   */
  private void releaseIfFull() {
    Limits l = settings.limits();
    if (engine.heldPartitions() > l.maxPartitions() / 2
        || engine.heldPartialMatches() > l.maxRuns() / 2) {
      engine.releasePartitions();
      partitions.released();
      released++;
    }
  }

  private void derived(Event e, boolean internal) {
    checkChain(e);
    if (!replaying) {
      pending.add(Envelope.derived(e, internal));
    }
  }

  /**
   * A derived event that a pattern of this stage reads enters it here, in this task: the stage's
   * output is right only if its key is one of this task's (the emit copies the match's key into the
   * fields the reader keys it by). When it is not, the reader may miss matches: say so.
   */
  private void checkChain(Event e) {
    ProcessorSettings.ChainCheck check = settings.chainCheck();
    if (check == null || check.tasks() < 1 || !check.types().contains(e.type())) {
      return;
    }
    String key = check.keyOf().apply(e);
    if (key != null && Broadcast.partitionOf(key, check.tasks()) != context.taskId().partition()) {
      if (misplaced++ == 0) {
        LOG.warn(
            "task {}: {} was derived here but its key {} belongs to another task; the patterns"
                + " of stage {} that read it see it here only and may miss matches (let its emit"
                + " copy the key of its match). Further such events are counted only.",
            context.taskId(),
            e,
            key,
            settings.stage());
      }
    }
  }

  /** Derived events read within the stage whose key belongs to another task. */
  public long misplaced() {
    return misplaced;
  }

  private void late(Event e) {
    if (!replaying) {
      pending.add(Envelope.late(e));
    }
  }

  /**
   * Forwards what the last engine call produced. Not from inside the engine's callbacks: the engine
   * survives a failing subscriber, but a failed forward (a serialization error, a fenced producer)
   * must fail the task so that its transaction is aborted. Before the task's first derived event,
   * it announces itself to later stages with a marker.
   */
  private void flush(Record<K, Envelope> record) {
    long now = context.currentSystemTimeMs();
    for (int i = 0; i < pending.size(); i++) {
      Envelope o = pending.get(i);
      if (o.isDerived() && !announced) {
        mark(Long.MIN_VALUE, now);
      }
      K key = o.kind() == Envelope.Kind.LATE && record != null ? record.key() : null;
      context.forward(new Record<>(key, o, Timestamps.clamp(o.event().time(), now)));
    }
    pending.clear();
  }

  @Override
  public void close() {
    if (punctuation != null) {
      punctuation.cancel();
    }
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
    engine = null;
  }

  /** The engine for tests. */
  Engine engine() {
    return engine;
  }

  static String fingerprint(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
