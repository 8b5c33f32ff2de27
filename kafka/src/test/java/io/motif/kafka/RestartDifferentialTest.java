package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import io.motif.kafka.internal.Envelope;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.ProcessorSettings;
import io.motif.kafka.internal.SourceTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restarts at random points: the processor is dropped and a new one is built over a copy of its
 * stores' contents, which is what a task restored from the changelog gets (under exactly-once, the
 * stores and the output committed together). The output before the restart and after it, joined,
 * equals the library engine's over the whole stream: nothing lost, nothing repeated. Even seeds
 * keep the state per key (the restarted task loads partitions as it needs them), odd ones as whole
 * engine snapshots.
 */
class RestartDifferentialTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void restartsContinueIdentically(long seed) {
    Scenarios.Case c = Scenarios.generate(seed, 1 + (int) (seed % 4));
    Scenarios.Expected expected = Scenarios.reference(c);
    ProcessorSettings settings =
        ProcessorSettings.all(
            c.script(),
            c.checkpointInterval(),
            c.chunkBytes(),
            MotifTopology.CHECKPOINT_STORE,
            MotifTopology.LOG_STORE);
    if (seed % 2 == 0) {
      // Half the seeds keep the engine's state per key, as the topology does by default.
      settings = settings.withPartitionStore(MotifTopology.PARTITION_STORE);
    }
    SourceTime.Settings time =
        new SourceTime.Settings(
            c.maxDelay(),
            c.idleMillis(),
            1000,
            0,
            StagePlan.of(c.script()).reads(),
            MotifTopology.SOURCE_STORE);
    JsonEventSerde json = JsonEventSerde.forScript(c.script());

    List<String> derived = new ArrayList<>();
    List<String> late = new ArrayList<>();
    long wall = Scenarios.START_WALL;
    Task task = new Task(settings, time, wall, null);
    int restarts = 0;
    for (Scenarios.Step step : c.steps()) {
      if (step instanceof Scenarios.Send send) {
        Event e = send.event();
        task.source.process(new Record<>(null, e, e.time()));
        task.pass(derived, late, json);
      } else if (step instanceof Scenarios.Idle idle) {
        wall += idle.wallMillis();
        task.sourceContext.setCurrentSystemTimeMs(wall);
        task.context.setCurrentSystemTimeMs(wall);
        task.sourceContext.scheduledPunctuators().get(0).getPunctuator().punctuate(wall);
        task.pass(derived, late, json);
      } else {
        task.processor.close();
        task = new Task(settings, time, wall, task);
        assertTrue(task.context.forwarded().isEmpty(), "a replay forwards nothing");
        restarts++;
      }
    }
    assertEquals(expected.derived(), derived, c + ", " + restarts + " restarts");
    assertEquals(expected.late(), late, c + ", " + restarts + " restarts");
  }

  /**
   * An input partition's time step and an engine with their contexts and stores, as the stream
   * tasks have them.
   */
  private static final class Task {
    final MockProcessorContext<Object, Envelope> sourceContext = new MockProcessorContext<>();
    final MockProcessorContext<Object, Envelope> context = new MockProcessorContext<>();
    final KeyValueStore<String, byte[]> sourceStore;
    final KeyValueStore<String, byte[]> checkpoints;
    final KeyValueStore<Long, byte[]> log;
    final KeyValueStore<Bytes, byte[]> partitions;
    final KeyValueStore<Bytes, byte[]> timers;
    final SourceTime<Object> source;
    final MotifProcessor<Object> processor;

    Task(ProcessorSettings settings, SourceTime.Settings time, long wall, Task before) {
      sourceContext.setCurrentSystemTimeMs(wall);
      context.setCurrentSystemTimeMs(wall);
      sourceStore = store(sourceContext, time.store(), Serdes.String());
      checkpoints = store(context, settings.checkpointStore(), Serdes.String());
      log = store(context, settings.logStore(), Serdes.Long());
      partitions =
          settings.keyed() ? store(context, settings.partitionStore(), Serdes.Bytes()) : null;
      timers = settings.keyed() ? store(context, settings.timerStore(), Serdes.Bytes()) : null;
      if (before != null) {
        sourceStore.putAll(copy(before.sourceStore));
        checkpoints.putAll(copy(before.checkpoints));
        log.putAll(copy(before.log));
        if (partitions != null) {
          partitions.putAll(copy(before.partitions));
          timers.putAll(copy(before.timers));
        }
      }
      source = new SourceTime<>(time);
      source.init(sourceContext);
      processor = new MotifProcessor<>(settings);
      processor.init(context);
    }

    private static <K> KeyValueStore<K, byte[]> store(
        MockProcessorContext<Object, Envelope> context, String name, Serde<K> keySerde) {
      KeyValueStore<K, byte[]> s =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(name), keySerde, Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      s.init(context.getStateStoreContext(), s);
      context.addStateStore(s);
      return s;
    }

    /** What the time step forwarded goes to the engine; what they give out is collected. */
    void pass(List<String> derived, List<String> late, JsonEventSerde json) {
      for (var f : sourceContext.forwarded()) {
        Envelope v = f.record().value();
        if (v.kind() == Envelope.Kind.LATE) {
          late.add(Scenarios.json(json, v.event()));
        } else {
          processor.process(new Record<>(f.record().key(), v, f.record().timestamp()));
          collect(derived, late, json);
        }
      }
      sourceContext.resetForwards();
    }

    void collect(List<String> derived, List<String> late, JsonEventSerde json) {
      for (var f : context.forwarded()) {
        Envelope v = f.record().value();
        if (v.kind() == Envelope.Kind.DERIVED) {
          derived.add(Scenarios.json(json, v.event()));
        } else if (v.kind() == Envelope.Kind.LATE) {
          late.add(Scenarios.json(json, v.event()));
        }
      }
      context.resetForwards();
    }
  }

  private static <K> List<KeyValue<K, byte[]>> copy(KeyValueStore<K, byte[]> store) {
    List<KeyValue<K, byte[]>> out = new ArrayList<>();
    try (KeyValueIterator<K, byte[]> it = store.all()) {
      it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, kv.value.clone())));
    }
    return out;
  }
}
