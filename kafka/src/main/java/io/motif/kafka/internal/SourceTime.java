package io.motif.kafka.internal;

import io.motif.engine.Event;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The first step after the input topic, one per input partition: it keeps that partition's event
 * time and says it downstream.
 *
 * <p>The partition's watermark is the largest event time read from it less the maximum delay (or,
 * with an idle advance, where the wall clock took it). An event older than it is late here, where
 * the decision depends on this partition's records only; it goes to the late topic. Every other
 * event that some pattern reads is forwarded; the rest only move the watermark. When the watermark
 * moves, a marker is forwarded (at most one each {@code markMillis} of wall-clock time; the
 * punctuation sends a marker held back). Before its first event in a run, the partition announces
 * itself with a marker, so a downstream task knows it before it sees its events.
 *
 * <p>The watermark is kept in a store, so that a restarted task decides lateness as the one that
 * stopped did.
 */
public final class SourceTime<K> implements Processor<K, Event, K, Envelope> {
  /**
   * What a source needs.
   *
   * @param maxDelayMillis the maximum out-of-order delay
   * @param idleMillis wall-clock time without a record after which the watermark follows the wall
   *     clock from where the last record left it; 0 never
   * @param punctuateMillis how often the wall clock is looked at
   * @param markMillis the least wall-clock time between two markers; 0: a marker per move
   * @param reads the event types some pattern reads: the others are not forwarded
   * @param store the name of the store keeping the watermark
   */
  public record Settings(
      long maxDelayMillis,
      long idleMillis,
      long punctuateMillis,
      long markMillis,
      Set<String> reads,
      String store) {
    public Settings {
      reads = Set.copyOf(reads);
      if (maxDelayMillis < 0 || idleMillis < 0 || markMillis < 0 || punctuateMillis < 1) {
        throw new IllegalArgumentException(
            "delays must be >= 0 and the punctuation interval >= 1 ms");
      }
    }
  }

  private final Settings settings;
  private ProcessorContext<K, Envelope> context;
  private KeyValueStore<String, byte[]> store;
  private String name;
  private String key;

  private long maxSeen = Long.MIN_VALUE;
  private long watermark = Long.MIN_VALUE;

  private boolean announced;
  private boolean markDue;
  private long lastMarkWall = Long.MIN_VALUE;
  private long lastRecordWall;
  private TaskMetrics metrics;
  private long late;
  private long watermarkAtLastRecord;

  public SourceTime(Settings settings) {
    this.settings = settings;
  }

  /** The name of the source reading input partition {@code partition}. */
  public static String sourceName(int partition) {
    return "in:" + partition;
  }

  @Override
  public void init(ProcessorContext<K, Envelope> context) {
    this.context = context;
    this.store = context.getStateStore(settings.store());
    int partition = context.taskId().partition();
    this.name = sourceName(partition);
    this.key = Integer.toString(partition);
    byte[] saved = store.get(key);
    if (saved != null && saved.length == 16) {
      ByteBuffer b = ByteBuffer.wrap(saved);
      maxSeen = b.getLong();
      watermark = b.getLong();
    }
    lastRecordWall = context.currentSystemTimeMs();
    watermarkAtLastRecord = watermark;
    // The last marker may have been in a transaction that was aborted: say it again.
    markDue = watermark != Long.MIN_VALUE;
    metrics =
        new TaskMetrics(
            context.metrics(),
            context.taskId().toString(),
            TaskMetrics.INPUT_STAGE,
            TaskMetrics.INPUT);
    metrics.set("late-total", 0);
    if (watermark != Long.MIN_VALUE) {
      metrics.set("watermark", watermark);
      metrics.set("watermark-lag-ms", Math.max(0, maxSeen - watermark));
    }
    context.schedule(
        Duration.ofMillis(settings.punctuateMillis()),
        PunctuationType.WALL_CLOCK_TIME,
        this::punctuate);
  }

  @Override
  public void process(Record<K, Event> record) {
    Event e = record.value();
    if (e == null) {
      return;
    }
    if (e.time() > Event.MAX_TIME || e.time() < -Event.MAX_TIME) {
      // Goes to the processing exception handler (and the dead-letter topic, when set).
      throw new IllegalArgumentException(
          "event time " + e.time() + " is outside ±2^53 ms: is it in micro- or nanoseconds?");
    }
    long now = context.currentSystemTimeMs();
    if (watermark != Long.MIN_VALUE && e.time() < watermark) {
      context.forward(record.withValue(Envelope.late(e)));
      metrics.set("late-total", ++late);
    } else {
      if (e.time() > maxSeen) {
        maxSeen = e.time();
        moveTo(maxSeen - settings.maxDelayMillis());
      }
      if (settings.reads().contains(e.type())) {
        if (!announced) {
          mark(record.timestamp(), now);
        }
        context.forward(record.withValue(Envelope.event(e)));
      }
    }
    lastRecordWall = now;
    watermarkAtLastRecord = watermark;
    markDue = true; // a marker also says the partition is live (see idleSource)
    maybeMark(record.timestamp(), now);
  }

  private void moveTo(long w) {
    if (w > watermark) {
      watermark = w;
      markDue = true;
      store.put(key, ByteBuffer.allocate(16).putLong(maxSeen).putLong(watermark).array());
      metrics.set("watermark", watermark);
      metrics.set("watermark-lag-ms", Math.max(0, maxSeen - watermark));
    }
  }

  private void punctuate(long now) {
    long idle = now - lastRecordWall;
    if (settings.idleMillis() > 0
        && idle >= settings.idleMillis()
        && watermarkAtLastRecord != Long.MIN_VALUE) {
      moveTo(watermarkAtLastRecord + idle);
    }
    maybeMark(Timestamps.clamp(watermark, now), now);
  }

  private void maybeMark(long timestamp, long now) {
    if (markDue
        && (lastMarkWall == Long.MIN_VALUE || now - lastMarkWall >= settings.markMillis())) {
      mark(timestamp, now);
    }
  }

  private void mark(long timestamp, long now) {
    context.forward(new Record<>(null, Envelope.mark(name, watermark), timestamp));
    announced = true;
    markDue = false;
    lastMarkWall = now;
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }
}
