package io.motif.kafka;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.kafka.internal.EventCodecSerde;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.OriginStamp;
import io.motif.kafka.internal.Outbound;
import io.motif.kafka.internal.ProcessorSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the Kafka Streams topology that runs a compiled script. The tour:
 *
 * <pre>
 * input topic ──(event time as record time)──► key by the patterns' partition key
 *   ──► repartition topic "APP-motif-events-repartition" (one partition when the plan is single)
 *   ──► MotifProcessor: one engine per task; stores motif-checkpoint and motif-input-log
 *   ──► derived events ──► output topic       late input events ──► late topic (optional)
 * </pre>
 *
 * <p>{@link PartitionPlan} decides the key. With {@link Builder#inputPartitioned(boolean)} the
 * repartition step is left out: the input topic must already put all events of one partition key in
 * one partition (any function of the key will do), or have a single partition.
 *
 * <pre>{@code
 * CompiledScript script = Motif.compile("rules.motif", text).script();
 * Topology topology = MotifTopology.builder(script)
 *     .input("events").output("alerts").late("late-events")
 *     .maxDelay(Duration.ofSeconds(5))
 *     .build();
 * new KafkaStreams(topology, props).start();   // props: processing.guarantee=exactly_once_v2
 * }</pre>
 */
public final class MotifTopology {
  /** The store holding each task's checkpoint (an engine snapshot in chunks). */
  public static final String CHECKPOINT_STORE = "motif-checkpoint";

  /** The store holding each task's inputs since its checkpoint. */
  public static final String LOG_STORE = "motif-input-log";

  /** The name of the repartition step; its topic is {@code APP-motif-events-repartition}. */
  public static final String REPARTITION = "motif-events";

  private MotifTopology() {}

  /** A builder for a topology running {@code script}. */
  public static Builder builder(CompiledScript script) {
    return new Builder(script);
  }

  /** The topology's settings; topics {@code input} and {@code output} are required. */
  public static final class Builder {
    private final CompiledScript script;
    private String input;
    private String output;
    private String late;
    private long maxDelayMillis;
    private int checkpointInterval = 1000;
    private int chunkBytes = 512 * 1024;
    private long idleMillis;
    private long punctuateMillis = 1000;
    private Serde<Event> inputSerde;
    private Serde<Event> outputSerde;
    private boolean inputPartitioned;
    private Integer partitions;
    private boolean persistentStores = true;
    private boolean provenance;

    /** An origin ({@link OriginStamp}) as {@code TOPIC-PARTITION@OFFSET}. */
    private String position(long origin) {
      return input + "-" + OriginStamp.partition(origin) + "@" + OriginStamp.offset(origin);
    }

    private Builder(CompiledScript script) {
      this.script = Objects.requireNonNull(script, "script");
    }

    /** The topic events are read from. */
    public Builder input(String topic) {
      this.input = topic;
      return this;
    }

    /** The topic derived events are written to. */
    public Builder output(String topic) {
      this.output = topic;
      return this;
    }

    /** The topic late input events are written to; null (the default) drops them. */
    public Builder late(String topic) {
      this.late = topic;
      return this;
    }

    /** The engine's maximum out-of-order delay (default 0). */
    public Builder maxDelay(Duration delay) {
      this.maxDelayMillis = delay.toMillis();
      return this;
    }

    /**
     * Inputs applied between two checkpoints (default 1000): a checkpoint writes the task's whole
     * engine snapshot, a restart replays up to this many inputs.
     */
    public Builder checkpointInterval(int inputs) {
      this.checkpointInterval = inputs;
      return this;
    }

    /** The largest piece of a snapshot in one changelog record (default 512 KiB). */
    public Builder chunkBytes(int bytes) {
      this.chunkBytes = bytes;
      return this;
    }

    /**
     * After this much wall-clock time without input, a task's watermark follows the wall clock from
     * where its last input left it, so absences and timeouts complete in a quiet task. Zero (the
     * default) never: time then moves with events only. Right for live streams whose event times
     * follow the wall clock; wrong for replaying history (see docs/kafka.md).
     */
    public Builder idleAdvance(Duration idle) {
      this.idleMillis = idle.toMillis();
      return this;
    }

    /** How often an idle task checks the wall clock (default 1 s). */
    public Builder punctuationInterval(Duration every) {
      this.punctuateMillis = every.toMillis();
      return this;
    }

    /** The serde of input values (default {@link JsonEventSerde#forScript}). */
    public Builder inputSerde(Serde<Event> serde) {
      this.inputSerde = serde;
      return this;
    }

    /** The serde of derived and late events written out (default JSON). */
    public Builder outputSerde(Serde<Event> serde) {
      this.outputSerde = serde;
      return this;
    }

    /**
     * True when the input topic already keeps each partition key in one partition (or has one
     * partition): no repartition topic is used. Default false.
     */
    public Builder inputPartitioned(boolean partitioned) {
      this.inputPartitioned = partitioned;
      return this;
    }

    /**
     * The repartition topic's partition count, the most tasks that run engines (default: as many as
     * the input topic has; always 1 for a single plan).
     */
    public Builder partitions(int count) {
      this.partitions = count;
      return this;
    }

    /**
     * Adds to each derived event written to the output topic the field {@code "@provenance"}: the
     * input records it was made from, through chains of patterns, as {@code TOPIC-PARTITION@OFFSET}
     * (default false). Each input event is numbered by its partition and offset as it is read,
     * before any repartition.
     */
    public Builder provenance(boolean on) {
      this.provenance = on;
      return this;
    }

    /** RocksDB stores (default true) or in-memory ones, restored from the changelog each start. */
    public Builder persistentStores(boolean persistent) {
      this.persistentStores = persistent;
      return this;
    }

    /** The partition plan the topology keys records by. */
    public PartitionPlan plan() {
      return PartitionPlan.of(script);
    }

    /** The settings each task's processor gets. */
    ProcessorSettings settings() {
      return new ProcessorSettings(
          script,
          maxDelayMillis,
          checkpointInterval,
          chunkBytes,
          idleMillis,
          punctuateMillis,
          CHECKPOINT_STORE,
          LOG_STORE);
    }

    public Topology build() {
      Objects.requireNonNull(input, "input topic");
      Objects.requireNonNull(output, "output topic");
      ProcessorSettings settings = settings();
      Serde<Event> in = inputSerde != null ? inputSerde : JsonEventSerde.forScript(script);
      Serde<Event> out =
          outputSerde != null
              ? outputSerde
              : JsonEventSerde.forScript(script).provenance(provenance ? this::position : null);
      StreamsBuilder sb = new StreamsBuilder();
      sb.addStateStore(store(CHECKPOINT_STORE, Serdes.String()));
      sb.addStateStore(store(LOG_STORE, Serdes.Long()));
      KStream<byte[], Event> source =
          sb.stream(
              input,
              Consumed.with(Serdes.ByteArray(), in)
                  .withTimestampExtractor(new EventTime())
                  .withName("motif-input"));
      if (provenance) {
        source = source.processValues(OriginStamp::new, Named.as("motif-origin"));
      }
      if (inputPartitioned) {
        attach(source, Serdes.ByteArray(), settings, out);
      } else {
        PartitionPlan plan = plan();
        Repartitioned<String, Event> r =
            Repartitioned.<String, Event>as(REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(new EventCodecSerde());
        if (!plan.partitioned()) {
          r = r.withNumberOfPartitions(1);
        } else if (partitions != null) {
          r = r.withNumberOfPartitions(partitions);
        }
        KStream<String, Event> keyed =
            source
                .selectKey((k, v) -> v == null ? null : plan.keyOf(v), Named.as("motif-key"))
                .repartition(r);
        attach(keyed, Serdes.String(), settings, out);
      }
      return sb.build();
    }

    private <K> void attach(
        KStream<K, Event> events, Serde<K> keySerde, ProcessorSettings settings, Serde<Event> out) {
      KStream<K, Outbound> results =
          events.process(
              () -> new MotifProcessor<K>(settings),
              Named.as("motif-engine"),
              CHECKPOINT_STORE,
              LOG_STORE);
      results
          .filter((k, v) -> !v.late(), Named.as("motif-derived"))
          .mapValues(Outbound::event, Named.as("motif-derived-event"))
          .to(output, Produced.with(keySerde, out).withName("motif-output"));
      if (late != null) {
        results
            .filter((k, v) -> v.late(), Named.as("motif-late"))
            .mapValues(Outbound::event, Named.as("motif-late-event"))
            .to(late, Produced.with(keySerde, out).withName("motif-late-output"));
      }
    }

    private <K> StoreBuilder<?> store(String name, Serde<K> keySerde) {
      KeyValueBytesStoreSupplier supplier =
          persistentStores
              ? Stores.persistentKeyValueStore(name)
              : Stores.inMemoryKeyValueStore(name);
      return Stores.keyValueStoreBuilder(supplier, keySerde, Serdes.ByteArray())
          .withLoggingEnabled(Map.of());
    }
  }

  /**
   * The event's own time as the record time, so Kafka Streams' stream time, the timestamps of the
   * records written and the repartition topic follow event time. Kafka drops records with a
   * negative time, so an event before 1970 keeps the record's own timestamp.
   */
  static final class EventTime implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
      if (record.value() instanceof Event e && e.time() >= 0) {
        return e.time();
      }
      return Math.max(0, record.timestamp());
    }
  }
}
