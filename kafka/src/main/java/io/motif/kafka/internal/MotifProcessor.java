package io.motif.kafka.internal;

import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.SnapshotException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Motif engine per stream task. Every input is first appended to the task's input log, then
 * applied to the engine; derived events and late events are forwarded as {@link Outbound}s. Every
 * {@code checkpointInterval} inputs the engine's snapshot becomes the new checkpoint and the log is
 * emptied (see {@link EngineState}).
 *
 * <p>On {@link #init} the engine is restored from the checkpoint and the log is replayed with its
 * output suppressed: under exactly-once that output was committed in the same transactions as the
 * log entries, and the engine is deterministic, so the replayed engine is the one that stopped.
 *
 * <p>Time: the engine orders its own timers against events (absences and timeouts due before an
 * event fire before it), so punctuation is used for one thing only: when a task has had no input
 * for {@code idleMillis} of wall-clock time, its watermark follows the wall clock from where the
 * last input left it. Each such advance is logged like an event, so replay repeats it.
 */
public final class MotifProcessor<K> implements Processor<K, Event, K, Outbound> {
  private static final Logger LOG = LoggerFactory.getLogger(MotifProcessor.class);

  private final ProcessorSettings settings;
  private final String rules;
  private ProcessorContext<K, Outbound> context;
  private EngineState state;
  private Engine engine;
  private Cancellable punctuation;

  /** While replaying the log: derived and late events were already forwarded. */
  private boolean replaying;

  /** Derived and late events of the current engine call, in order, to forward after it. */
  private final List<Outbound> pending = new ArrayList<>();

  /** Wall-clock time of the last input, and the watermark it left. */
  private long lastInputWall;

  private long watermarkAtLastInput;

  /** No checkpoint yet, or one of other rules: write one before the next input is logged. */
  private boolean checkpointDue;

  public MotifProcessor(ProcessorSettings settings) {
    this.settings = settings;
    this.rules = fingerprint(settings.script().source().text());
  }

  @Override
  public void init(ProcessorContext<K, Outbound> context) {
    this.context = context;
    KeyValueStore<String, byte[]> checkpoints = context.getStateStore(settings.checkpointStore());
    KeyValueStore<Long, byte[]> log = context.getStateStore(settings.logStore());
    this.state = new EngineState(checkpoints, log, settings.chunkBytes());
    Engine.Builder builder =
        Engine.builder()
            .maxDelay(settings.maxDelayMillis())
            .lateHandler(this::late)
            .errorHandler(
                (message, error) -> LOG.warn("task {}: {}", context.taskId(), message, error));
    EngineState.Meta meta = state.meta();
    if (meta == null) {
      engine = builder.build();
      engine.deploy(settings.script());
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
    engine.subscribe("*", this::derived);
    List<EngineState.Entry> entries = state.entries();
    replaying = true;
    try {
      for (EngineState.Entry e : entries) {
        if (e.isEvent()) {
          engine.send(e.event());
        } else {
          engine.advanceTime(e.advanceTo());
        }
      }
    } finally {
      replaying = false;
    }
    if (meta != null && !meta.rules().equals(rules)) {
      redeploy();
    }
    // Stores are written while processing only; the first input writes the first checkpoint, so
    // the rules every logged input was applied under are always in a checkpoint.
    checkpointDue = meta == null || !meta.rules().equals(rules);
    LOG.info(
        "task {}: engine ready ({}, {} logged inputs replayed, watermark {})",
        context.taskId(),
        meta == null ? "no checkpoint yet" : "from checkpoint " + meta.generation(),
        entries.size(),
        engine.watermark());
    lastInputWall = context.currentSystemTimeMs();
    watermarkAtLastInput = engine.watermark();
    if (settings.idleMillis() > 0) {
      punctuation =
          context.schedule(
              Duration.ofMillis(settings.punctuateMillis()),
              PunctuationType.WALL_CLOCK_TIME,
              this::punctuate);
    }
  }

  /** The rules changed since the checkpoint: deploy the new ones over the restored engine. */
  private void redeploy() {
    Set<String> names = new HashSet<>(settings.script().patternNames());
    for (String p : engine.patterns()) {
      if (!names.contains(p)) {
        engine.undeploy(p);
      }
    }
    engine.deploy(settings.script());
    LOG.warn(
        "task {}: the rules changed since the last checkpoint; the new rules are deployed"
            + " and the partial matches of every pattern start afresh",
        context.taskId());
  }

  @Override
  public void process(Record<K, Event> record) {
    Event event = record.value();
    if (event == null) {
      return;
    }
    if (checkpointDue) {
      checkpoint();
    }
    state.appendEvent(event);
    engine.send(event);
    flush(record);
    lastInputWall = context.currentSystemTimeMs();
    watermarkAtLastInput = engine.watermark();
    maybeCheckpoint();
  }

  /** Idle: move the watermark with the wall clock from where the last input left it. */
  private void punctuate(long now) {
    long idle = now - lastInputWall;
    if (idle < settings.idleMillis() || watermarkAtLastInput == Long.MIN_VALUE) {
      return;
    }
    long target = watermarkAtLastInput + idle;
    if (target <= engine.watermark()) {
      return;
    }
    if (checkpointDue) {
      checkpoint();
    }
    state.appendAdvance(target);
    engine.advanceTime(target);
    flush(null);
    maybeCheckpoint();
  }

  private void maybeCheckpoint() {
    if (state.logged() >= settings.checkpointInterval()) {
      checkpoint();
    }
  }

  private void checkpoint() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      engine.snapshot(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    state.checkpoint(bytes.toByteArray(), rules);
    checkpointDue = false;
  }

  private void derived(Event e) {
    if (!replaying) {
      pending.add(new Outbound(e, false));
    }
  }

  private void late(Event e) {
    if (!replaying) {
      pending.add(new Outbound(e, true));
    }
  }

  /**
   * Forwards what the last engine call produced. Not from inside the engine's callbacks: the engine
   * survives a failing subscriber, but a failed forward (a serialization error, a fenced producer)
   * must fail the task so that its transaction is aborted.
   */
  private void flush(Record<K, Event> record) {
    for (int i = 0; i < pending.size(); i++) {
      Outbound o = pending.get(i);
      if (o.late() && record != null && record.value() == o.event()) {
        context.forward(record.withValue(o));
      } else {
        K key = o.late() && record != null ? record.key() : null;
        context.forward(new Record<>(key, o, Math.max(0, o.event().time())));
      }
    }
    pending.clear();
  }

  @Override
  public void close() {
    if (punctuation != null) {
      punctuation.cancel();
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
