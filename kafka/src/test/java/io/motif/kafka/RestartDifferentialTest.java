package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.Outbound;
import io.motif.kafka.internal.ProcessorSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
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
 * equals the library engine's over the whole stream: nothing lost, nothing repeated.
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
        new ProcessorSettings(
            c.script(),
            c.maxDelay(),
            c.checkpointInterval(),
            c.chunkBytes(),
            c.idleMillis(),
            1000,
            MotifTopology.CHECKPOINT_STORE,
            MotifTopology.LOG_STORE);
    PartitionPlan plan = PartitionPlan.of(c.script());
    JsonEventSerde json = JsonEventSerde.forScript(c.script());

    List<String> derived = new ArrayList<>();
    List<String> late = new ArrayList<>();
    long wall = Scenarios.START_WALL;
    Task task = new Task(settings, wall, null, null);
    int restarts = 0;
    for (Scenarios.Step step : c.steps()) {
      if (step instanceof Scenarios.Send send) {
        Event e = send.event();
        task.processor.process(new Record<>(plan.keyOf(e), e, e.time()));
      } else if (step instanceof Scenarios.Idle idle) {
        wall += idle.wallMillis();
        task.context.setCurrentSystemTimeMs(wall);
        if (c.idleMillis() > 0) {
          task.context.scheduledPunctuators().get(0).getPunctuator().punctuate(wall);
        }
      } else {
        task.collect(derived, late, json);
        task.processor.close();
        task =
            new Task(
                settings,
                wall,
                copy(task.checkpoints, Serdes.String()),
                copy(task.log, Serdes.Long()));
        assertTrue(task.context.forwarded().isEmpty(), "a replay forwards nothing");
        restarts++;
      }
    }
    task.collect(derived, late, json);
    assertEquals(expected.derived(), derived, c + ", " + restarts + " restarts");
    assertEquals(expected.late(), late, c + ", " + restarts + " restarts");
  }

  /** A processor with its context and stores, as one stream task has them. */
  private static final class Task {
    final MockProcessorContext<String, Outbound> context = new MockProcessorContext<>();
    final KeyValueStore<String, byte[]> checkpoints;
    final KeyValueStore<Long, byte[]> log;
    final MotifProcessor<String> processor;

    Task(
        ProcessorSettings settings,
        long wall,
        List<KeyValue<String, byte[]>> checkpointData,
        List<KeyValue<Long, byte[]>> logData) {
      context.setCurrentSystemTimeMs(wall);
      checkpoints = store(settings.checkpointStore(), Serdes.String());
      log = store(settings.logStore(), Serdes.Long());
      if (checkpointData != null) {
        checkpoints.putAll(checkpointData);
        log.putAll(logData);
      }
      processor = new MotifProcessor<>(settings);
      processor.init(context);
    }

    private <K> KeyValueStore<K, byte[]> store(String name, Serde<K> keySerde) {
      KeyValueStore<K, byte[]> s =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(name), keySerde, Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      s.init(context.getStateStoreContext(), s);
      context.addStateStore(s);
      return s;
    }

    void collect(List<String> derived, List<String> late, JsonEventSerde json) {
      for (MockProcessorContext.CapturedForward<? extends String, ? extends Outbound> f :
          context.forwarded()) {
        Outbound o = f.record().value();
        String text =
            new String(json.serializer().serialize("t", o.event()), StandardCharsets.UTF_8);
        (o.late() ? late : derived).add(text);
      }
      context.resetForwards();
    }
  }

  private static <K> List<KeyValue<K, byte[]>> copy(
      KeyValueStore<K, byte[]> store, Serde<K> keySerde) {
    List<KeyValue<K, byte[]>> out = new ArrayList<>();
    try (KeyValueIterator<K, byte[]> it = store.all()) {
      it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, kv.value.clone())));
    }
    return out;
  }
}
