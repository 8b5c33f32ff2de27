package io.motif.kafka.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * One task's Motif metrics, registered through Kafka Streams' {@link StreamsMetrics} in the group
 * {@value #GROUP} with the tags {@code task-id} and {@code stage}: each holds the last value set (a
 * gauge, or a running total named {@code -total}). Removed when the task closes, so a task that
 * moves to another thread or instance registers them there afresh.
 */
final class TaskMetrics {
  static final String GROUP = "motif-task-metrics";

  /** The metrics, by name, with what they say. */
  static final Map<String, String> DESCRIPTIONS = descriptions();

  private final StreamsMetrics metrics;
  private final Map<String, Sensor> sensors = new LinkedHashMap<>();

  /** The metrics of an input partition's time step (stage {@value #INPUT_STAGE}). */
  static final List<String> INPUT = List.of("late-total", "watermark", "watermark-lag-ms");

  /** The stage name the input partitions' metrics are tagged with. */
  static final String INPUT_STAGE = "input";

  /** Every metric, as an engine task has them. */
  TaskMetrics(StreamsMetrics metrics, String taskId, String stage) {
    this(metrics, taskId, stage, List.copyOf(DESCRIPTIONS.keySet()));
  }

  TaskMetrics(StreamsMetrics metrics, String taskId, String stage, List<String> names) {
    this.metrics = metrics;
    Map<String, String> tags = Map.of("task-id", taskId, "stage", stage);
    for (String name : names) {
      Map.Entry<String, String> m = Map.entry(name, DESCRIPTIONS.get(name));
      // Sensor names are global to the client: the task and stage make them unique.
      Sensor s =
          metrics.addSensor(
              "motif." + taskId + "." + stage + "." + m.getKey(), Sensor.RecordingLevel.INFO);
      s.add(new MetricName(m.getKey(), GROUP, m.getValue(), tags), new Value());
      sensors.put(m.getKey(), s);
    }
  }

  /** Sets metric {@code name} to {@code value}. */
  void set(String name, double value) {
    Sensor s = sensors.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no Motif metric " + name);
    }
    s.record(value);
  }

  void close() {
    sensors.values().forEach(metrics::removeSensor);
    sensors.clear();
  }

  private static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("partial-matches", "Live partial matches of the task's engine, over its patterns.");
    d.put("partitions", "Live partitions (keys) of the task's patterns.");
    d.put(
        "evicted-total",
        "Partial matches or partitions evicted at a bound (overflow policy evict-oldest).");
    d.put(
        "refused-total",
        "Partial matches or partitions refused at a bound (overflow policy refuse-new).");
    d.put(
        "forced-total",
        "Events processed before the watermark reached them because --max-buffered were waiting.");
    d.put(
        "overtaken-total",
        "Events dropped because the full buffer had already forced later events through.");
    d.put("cascade-dropped-total", "Derived events not fed back: --cascade-depth reached.");
    d.put(
        "late-total",
        "Events older than the task's watermark when they reached it (stage input: older than"
            + " their input partition's watermark, counted since the task started here).");
    d.put("buffered", "Events waiting for the task's watermark.");
    d.put("engine-bytes", "The engine's estimate of the memory its state holds.");
    d.put("watermark", "The task's watermark (event time, ms).");
    d.put(
        "watermark-lag-ms",
        "The largest event time the task has received less its watermark: how far its slowest"
            + " source holds it back.");
    d.put("checkpoint-time-last-ms", "The time the last checkpoint took (snapshot and write).");
    d.put("checkpoint-time-max-ms", "The longest checkpoint since the task started here.");
    d.put(
        "checkpoint-bytes", "The size of the last checkpoint written since the task started here.");
    d.put(
        "restore-time-ms", "The time the task took to restore its checkpoint and replay its log.");
    d.put(
        "partition-writes-total",
        "Partition entries written or deleted (state kept per key) since the task started here.");
    d.put(
        "partition-bytes-written-total",
        "Bytes of partition entries written (state kept per key) since the task started here.");
    d.put(
        "partitions-loaded-total",
        "Partitions read back from the partition store (state kept per key) since the task started"
            + " here.");
    d.put(
        "partitions-released-total",
        "Times the engine dropped the partitions it held, past half its bounds (state kept per"
            + " key): they are read back from the partition store as needed.");
    d.put("store-bytes", "Bytes in the task's stores: its checkpoint and the inputs logged since.");
    return d;
  }
}
