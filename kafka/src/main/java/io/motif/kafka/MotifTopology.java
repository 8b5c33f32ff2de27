package io.motif.kafka;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.kafka.internal.Broadcast;
import io.motif.kafka.internal.Envelope;
import io.motif.kafka.internal.EnvelopeSerde;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.OriginStamp;
import io.motif.kafka.internal.ProcessorSettings;
import io.motif.kafka.internal.SourceTime;
import io.motif.kafka.internal.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the Kafka Streams topology that runs a compiled script. The tour:
 *
 * <pre>
 * input topic ──► motif-time: each input partition's watermark; late events ──► late topic
 *   ──► per stage (see {@link StagePlan}): events the stage reads, keyed by its routing key,
 *       and watermark markers to every partition ──► repartition topic APP-motif-events[-STAGE]
 *   ──► MotifProcessor: one engine per task of the stage; stores motif-checkpoint[-STAGE] and
 *       motif-input-log[-STAGE]
 *   ──► derived events ──► output topic, and to the stages that read them through their own
 *       repartition topics APP-motif-STAGE-to-STAGE
 *   ──► each task's deployments and rule changes ──► audit topic (when set)
 * </pre>
 *
 * <p>With one stage the names have no suffix. With {@link Builder#inputPartitioned(boolean)} the
 * stages that read input events only skip their repartition topic: the input topic must already put
 * all events of one key of each such stage in one partition (any function of the key will do), or
 * have a single partition.
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

  /**
   * The store holding each (pattern, partition key)'s partial matches, when the state is kept per
   * key (the default); its deadlines are indexed in {@code motif-partitions[-STAGE]-timers}.
   */
  public static final String PARTITION_STORE = "motif-partitions";

  /** The store holding each input partition's watermark. */
  public static final String SOURCE_STORE = "motif-source-time";

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
    private long idleSourceMillis;
    private long punctuateMillis = 1000;
    private long markMillis = 200;
    private Serde<Event> inputSerde;
    private Serde<Event> outputSerde;
    private boolean inputPartitioned;
    private Integer partitions;
    private Integer inputPartitions;
    private boolean persistentStores = true;
    private boolean provenance;
    private Limits limits = Limits.DEFAULT;
    private String audit;
    private boolean keyedState = true;

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

    /**
     * The maximum out-of-order delay within one input partition (default 0): a partition's
     * watermark is the largest event time read from it less this.
     */
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
     * After this much wall-clock time without a record, an input partition's watermark follows the
     * wall clock from where its last record left it, so absences and timeouts complete when the
     * input is quiet. Zero (the default) never: time then moves with events only. Right for live
     * streams whose event times follow the wall clock; wrong for replaying history (see
     * docs/kafka.md).
     */
    public Builder idleAdvance(Duration idle) {
      this.idleMillis = idle.toMillis();
      return this;
    }

    /**
     * After this much wall-clock time without a marker from a source (an input partition, or a task
     * of an earlier stage), that source no longer holds a task's watermark back; its events may
     * then be late. Zero (the default) never: a task waits for every source it has heard.
     */
    public Builder idleSource(Duration idle) {
      this.idleSourceMillis = idle.toMillis();
      return this;
    }

    /**
     * The least wall-clock time between two watermark markers of one source (default 200 ms); zero
     * sends one for each move of its watermark.
     */
    public Builder watermarkInterval(Duration every) {
      this.markMillis = every.toMillis();
      return this;
    }

    /** How often tasks look at the wall clock (default 1 s). */
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
     * True when the input topic already keeps each key of every stage that reads it in one
     * partition (or has one partition): the stages that read input events only use no repartition
     * topic. Default false.
     */
    public Builder inputPartitioned(boolean partitioned) {
      this.inputPartitioned = partitioned;
      return this;
    }

    /**
     * The partition count of every keyed stage's repartition topics, the most tasks a stage runs
     * (default: as many as the input topic has; the single stage always has 1).
     */
    public Builder partitions(int count) {
      this.partitions = count;
      return this;
    }

    /**
     * The input topic's partition count, when known: every task then waits for a marker from each
     * input partition (and each task of the stages it reads from) before its watermark moves, so a
     * partition whose first records come late does not find the others' time gone past them.
     * Unknown (the default), a task waits only for the sources it has heard from. {@link
     * MotifKafkaApp} asks the cluster.
     */
    public Builder inputPartitions(int count) {
      this.inputPartitions = count;
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

    /**
     * The bounds of each task's engine (default {@link Limits#DEFAULT}): partial matches per
     * partition and in all, partitions per pattern, events waiting for the watermark, cascade
     * depth, estimated bytes, and what happens at a bound. Evictions and refusals are counted in
     * the task's metrics and logged once per task.
     */
    public Builder limits(Limits bounds) {
      this.limits = Objects.requireNonNull(bounds, "limits");
      return this;
    }

    /**
     * The topic each task writes an audit record to (a JSON text) when it deploys the rules and
     * when it finds them changed since its checkpoint; null (the default) writes none. See
     * docs/kafka.md.
     */
    public Builder audit(String topic) {
      this.audit = topic;
      return this;
    }

    /**
     * Keeps each task's state per (pattern, partition key) (default true): a checkpoint writes the
     * partitions its inputs changed and what no key owns, and a restart loads partitions as they
     * are needed, so checkpoints and restores cost what the input changed, not what the task holds.
     * False: each checkpoint is a snapshot of the whole engine, every {@link #checkpointInterval}
     * inputs (the layout of earlier versions; a running application keeps the layout it started
     * with, see docs/kafka.md).
     */
    public Builder keyedState(boolean on) {
      this.keyedState = on;
      return this;
    }

    /** RocksDB stores (default true) or in-memory ones, restored from the changelog each start. */
    public Builder persistentStores(boolean persistent) {
      this.persistentStores = persistent;
      return this;
    }

    /**
     * Whether one routing key serves the whole script (the plan of earlier versions, which ran any
     * other script in one task); {@link #stages} is what the topology is built from.
     */
    public PartitionPlan plan() {
      return PartitionPlan.of(script);
    }

    /** The stages the topology runs. */
    public StagePlan stages() {
      return StagePlan.of(script);
    }

    /** The settings of the processors of {@code stage}, its stores named with {@code suffix}. */
    ProcessorSettings settings(
        StagePlan.Stage stage, String suffix, Set<String> expected, Integer tasks) {
      return new ProcessorSettings(
          script,
          Set.copyOf(stage.patterns()),
          stage.name(),
          expected,
          checkpointInterval,
          chunkBytes,
          idleSourceMillis,
          punctuateMillis,
          markMillis,
          CHECKPOINT_STORE + suffix,
          LOG_STORE + suffix,
          stage.chained().isEmpty() || tasks == null
              ? null
              : new ProcessorSettings.ChainCheck(stage.chained(), stage::keyOf, tasks),
          limits,
          audit != null,
          keyedState ? PARTITION_STORE + suffix : null);
    }

    public Topology build() {
      Objects.requireNonNull(input, "input topic");
      Objects.requireNonNull(output, "output topic");
      if (maxDelayMillis < 0) {
        throw new IllegalArgumentException("maxDelay must be >= 0");
      }
      StagePlan plan = stages();
      boolean many = plan.stages().size() > 1;
      Serde<Event> in = inputSerde != null ? inputSerde : JsonEventSerde.forScript(script);
      Serde<Event> out =
          outputSerde != null
              ? outputSerde
              : JsonEventSerde.forScript(script).provenance(provenance ? this::position : null);
      StreamsBuilder sb = new StreamsBuilder();
      sb.addStateStore(store(SOURCE_STORE, Serdes.String()).withCachingEnabled());
      KStream<byte[], Event> source =
          sb.stream(
              input,
              Consumed.with(Serdes.ByteArray(), in)
                  .withTimestampExtractor(new EventTime())
                  .withName("motif-input"));
      if (provenance) {
        source = source.processValues(OriginStamp::new, Named.as("motif-origin"));
      }
      SourceTime.Settings time =
          new SourceTime.Settings(
              maxDelayMillis, idleMillis, punctuateMillis, markMillis, plan.reads(), SOURCE_STORE);
      KStream<byte[], Envelope> timed =
          source.process(() -> new SourceTime<byte[]>(time), Named.as("motif-time"), SOURCE_STORE);
      if (late != null) {
        timed
            .filter((k, v) -> v.kind() == Envelope.Kind.LATE, Named.as("motif-late-input"))
            .mapValues(Envelope::event, Named.as("motif-late-input-event"))
            .to(late, Produced.with(Serdes.ByteArray(), out).withName("motif-late-input-output"));
      }
      KStream<byte[], Envelope> fromInput =
          timed.filter((k, v) -> v.kind() != Envelope.Kind.LATE, Named.as("motif-timed"));
      Map<String, KStream<?, Envelope>> results = new HashMap<>();
      Map<String, Integer> tasks = new HashMap<>();
      for (StagePlan.Stage stage : plan.stages()) {
        String suffix = many ? "-" + stage.name() : "";
        List<KStream<String, Envelope>> inputs = new ArrayList<>();
        boolean derivedIn = false;
        Set<String> expected = new TreeSet<>();
        for (StagePlan.Stage u : plan.stages()) {
          Set<String> types = plan.edge(u, stage);
          if (types.isEmpty()) {
            continue;
          }
          derivedIn = true;
          Integer n = tasks.get(u.name());
          for (int p = 0; n != null && p < n; p++) {
            expected.add(MotifProcessor.sourceName(u.name(), p));
          }
          if (!u.keyed() && stage.keyed() && partitions == null && inputPartitions == null) {
            throw new IllegalStateException(
                "stage "
                    + stage.name()
                    + " reads events derived by the one-partition stage "
                    + u.name()
                    + ": set the partition count (partitions(n) or inputPartitions(n)) so that"
                    + " all of its repartition topics have it");
          }
          inputs.add(edge(results.get(u.name()), u, stage, types));
        }
        KStream<byte[], Envelope> mine =
            fromInput.filter(
                (k, v) -> v.isMark() || stage.keyOf(v.event()) != null,
                Named.as("motif-select" + suffix));
        if (inputPartitioned && !derivedIn) {
          // Each task hears its own input partition only, in the same task.
          tasks.put(stage.name(), inputPartitions);
          attach(
              sb, mine, Serdes.ByteArray(), stage, suffix, Set.of(), inputPartitions, out, results);
        } else {
          for (int p = 0; inputPartitions != null && p < inputPartitions; p++) {
            expected.add(SourceTime.sourceName(p));
          }
          tasks.put(
              stage.name(),
              !stage.keyed()
                  ? Integer.valueOf(1)
                  : partitions != null ? partitions : inputPartitions);
          inputs.add(0, repartition(mine, stage, REPARTITION + suffix));
          KStream<String, Envelope> merged = inputs.get(0);
          for (int i = 1; i < inputs.size(); i++) {
            merged = merged.merge(inputs.get(i), Named.as("motif-merge-" + i + suffix));
          }
          attach(
              sb,
              merged,
              Serdes.String(),
              stage,
              suffix,
              expected,
              tasks.get(stage.name()),
              out,
              results);
        }
      }
      return sb.build();
    }

    /**
     * What stage {@code from} sends stage {@code to}: its markers, and the events it derives of
     * {@code types} that have {@code to}'s key, as input events, through a repartition topic.
     */
    private <K> KStream<String, Envelope> edge(
        KStream<K, Envelope> produced,
        StagePlan.Stage from,
        StagePlan.Stage to,
        Set<String> types) {
      String name = "motif-" + from.name() + "-to-" + to.name();
      KStream<K, Envelope> sent =
          produced
              .filter(
                  (k, v) ->
                      v.isMark()
                          || (v.isDerived()
                              && types.contains(v.event().type())
                              && to.keyOf(v.event()) != null),
                  Named.as("motif-" + from.name() + "-for-" + to.name()))
              .mapValues(
                  v -> v.isMark() ? v : Envelope.event(v.event()),
                  Named.as("motif-" + from.name() + "-as-input-" + to.name()));
      return repartition(sent, to, name);
    }

    /** Keys envelopes for {@code stage} and sends them through a repartition topic. */
    private <K> KStream<String, Envelope> repartition(
        KStream<K, Envelope> envelopes, StagePlan.Stage stage, String name) {
      Repartitioned<String, Envelope> r =
          Repartitioned.<String, Envelope>as(name)
              .withKeySerde(Serdes.String())
              .withValueSerde(new EnvelopeSerde())
              .withStreamPartitioner(new Broadcast());
      if (!stage.keyed()) {
        r = r.withNumberOfPartitions(1);
      } else if (partitions != null) {
        r = r.withNumberOfPartitions(partitions);
      } else if (inputPartitions != null) {
        r = r.withNumberOfPartitions(inputPartitions);
      }
      return envelopes
          .selectKey(
              (k, v) -> v.isMark() ? PartitionPlan.NO_KEY : stage.keyOf(v.event()),
              Named.as(name + "-key"))
          .repartition(r);
    }

    private <K> void attach(
        StreamsBuilder sb,
        KStream<K, Envelope> events,
        Serde<K> keySerde,
        StagePlan.Stage stage,
        String suffix,
        Set<String> expected,
        Integer stageTasks,
        Serde<Event> out,
        Map<String, KStream<?, Envelope>> results) {
      ProcessorSettings settings = settings(stage, suffix, expected, stageTasks);
      sb.addStateStore(store(settings.checkpointStore(), Serdes.String()));
      sb.addStateStore(store(settings.logStore(), Serdes.Long()));
      List<String> stores =
          new ArrayList<>(List.of(settings.checkpointStore(), settings.logStore()));
      if (settings.keyed()) {
        // Cached: a key written by many inputs of one commit reaches the changelog once.
        sb.addStateStore(store(settings.partitionStore(), Serdes.Bytes()).withCachingEnabled());
        sb.addStateStore(store(settings.timerStore(), Serdes.Bytes()).withCachingEnabled());
        stores.add(settings.partitionStore());
        stores.add(settings.timerStore());
      }
      KStream<K, Envelope> produced =
          events.process(
              () -> new MotifProcessor<K>(settings),
              Named.as("motif-engine" + suffix),
              stores.toArray(String[]::new));
      produced
          .filter((k, v) -> v.kind() == Envelope.Kind.DERIVED, Named.as("motif-derived" + suffix))
          .mapValues(Envelope::event, Named.as("motif-derived-event" + suffix))
          .to(output, Produced.with(keySerde, out).withName("motif-output" + suffix));
      if (late != null) {
        produced
            .filter((k, v) -> v.kind() == Envelope.Kind.LATE, Named.as("motif-late" + suffix))
            .mapValues(Envelope::event, Named.as("motif-late-event" + suffix))
            .to(late, Produced.with(keySerde, out).withName("motif-late-output" + suffix));
      }
      if (audit != null) {
        produced
            .filter((k, v) -> v.kind() == Envelope.Kind.AUDIT, Named.as("motif-audit" + suffix))
            .mapValues(Envelope::text, Named.as("motif-audit-text" + suffix))
            .to(
                audit,
                Produced.with(keySerde, Serdes.String()).withName("motif-audit-output" + suffix));
      }
      results.put(stage.name(), produced);
    }

    private <K> StoreBuilder<KeyValueStore<K, byte[]>> store(String name, Serde<K> keySerde) {
      KeyValueBytesStoreSupplier supplier =
          persistentStores
              ? Stores.persistentKeyValueStore(name)
              : Stores.inMemoryKeyValueStore(name);
      return Stores.keyValueStoreBuilder(supplier, keySerde, Serdes.ByteArray())
          .withLoggingEnabled(Map.of());
    }
  }

  /**
   * The event's own time as the record time, so Kafka Streams' stream time and the timestamps of
   * the records written follow event time; clamped into [0, now] ({@link Timestamps}), as Kafka has
   * no negative timestamps and a broker refuses records too far in the future. The event keeps its
   * own time.
   */
  static final class EventTime implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
      long now = System.currentTimeMillis();
      if (record.value() instanceof Event e) {
        return Timestamps.clamp(e.time(), now);
      }
      return Timestamps.clamp(record.timestamp(), now);
    }
  }
}
