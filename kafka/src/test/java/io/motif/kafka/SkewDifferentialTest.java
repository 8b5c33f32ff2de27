package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.kafka.internal.Broadcast;
import io.motif.kafka.internal.Envelope;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.ProcessorSettings;
import io.motif.kafka.internal.SourceTime;
import java.io.File;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Event time across partitions: the events of one stream spread over several input partitions, read
 * at skewed rates (one partition far behind the others), each partition's time step sending its
 * markers to every engine task as the repartition topic's partitioner does. Each task's output is
 * the library engine's over the whole stream in event-time order, restricted to the task's keys:
 * nothing is late, no absence fires before the lagging partition has caught up.
 */
class SkewDifferentialTest {
  private static final int SOURCES = 3;
  private static final int TASKS = 2;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void skewedPartitionsGiveTheLibraryEnginesOutput(long seed) {
    Random r = new Random(seed);
    long maxDelay = r.nextBoolean() ? 0 : 1000;
    String[] users = {"al", "bo", "cy", "di", "ed"};
    String[] ips = {"10.0.0.1", "10.0.0.2"};
    // One stream, strictly increasing in time, dealt out to the partitions; within a partition
    // neighbours may swap when the delay allows it.
    List<Event> stream = new ArrayList<>();
    long t = Scenarios.BASE_TIME;
    int n = 60 + r.nextInt(140);
    for (int i = 0; i < n; i++) {
      t += 1 + r.nextInt(2500);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("user", users[r.nextInt(users.length)]);
      int k = r.nextInt(10);
      String type;
      if (k < 5) {
        type = "Login";
        f.put("ip", ips[r.nextInt(ips.length)]);
        f.put("ok", r.nextInt(5) < 2);
      } else if (k < 6) {
        type = "Logout";
      } else if (k < 8) {
        type = "Order";
        f.put("amount", (long) (1 + r.nextInt(100)));
      } else {
        type = "Payment";
        f.put("amount", (long) (1 + r.nextInt(100)));
      }
      stream.add(Event.of(type, t, f));
    }
    long end = t + 60_000;
    List<Deque<Event>> partitions = new ArrayList<>();
    for (int p = 0; p < SOURCES; p++) {
      partitions.add(new ArrayDeque<>());
    }
    for (Event e : stream) {
      partitions.get(r.nextInt(SOURCES)).addLast(e);
    }
    for (Deque<Event> q : partitions) {
      if (maxDelay > 0) {
        List<Event> list = new ArrayList<>(q);
        for (int i = 1; i < list.size(); i++) {
          if (r.nextInt(4) == 0 && list.get(i).time() - list.get(i - 1).time() < maxDelay) {
            list.set(i, list.set(i - 1, list.get(i)));
          }
        }
        q.clear();
        q.addAll(list);
      }
      q.addLast(Event.of("End", end, Map.of())); // read by no pattern: moves time only
    }

    StagePlan.Stage stage = StagePlan.of(Scenarios.compile(Scenarios.KEYED)).stages().get(0);
    Map<Integer, List<String>> expected = expected(stream, end, maxDelay, stage);

    SourceTime.Settings time =
        new SourceTime.Settings(
            maxDelay,
            0,
            1000,
            0,
            StagePlan.of(Scenarios.compile(Scenarios.KEYED)).reads(),
            MotifTopology.SOURCE_STORE);
    Set<String> expectedSources = new TreeSet<>();
    for (int p = 0; p < SOURCES; p++) {
      expectedSources.add(SourceTime.sourceName(p));
    }
    ProcessorSettings settings =
        new ProcessorSettings(
            Scenarios.compile(Scenarios.KEYED),
            Set.of(),
            stage.name(),
            expectedSources,
            1 + r.nextInt(50),
            512 * 1024,
            0,
            1000,
            0,
            MotifTopology.CHECKPOINT_STORE,
            MotifTopology.LOG_STORE);
    List<MockProcessorContext<Object, Envelope>> sourceContexts = new ArrayList<>();
    List<SourceTime<Object>> sources = new ArrayList<>();
    for (int p = 0; p < SOURCES; p++) {
      MockProcessorContext<Object, Envelope> c = context(p);
      store(c, MotifTopology.SOURCE_STORE, Serdes.String());
      SourceTime<Object> s = new SourceTime<>(time);
      s.init(c);
      sourceContexts.add(c);
      sources.add(s);
    }
    List<MockProcessorContext<Object, Envelope>> taskContexts = new ArrayList<>();
    List<MotifProcessor<Object>> tasks = new ArrayList<>();
    for (int k = 0; k < TASKS; k++) {
      MockProcessorContext<Object, Envelope> c = context(k);
      store(c, MotifTopology.CHECKPOINT_STORE, Serdes.String());
      store(c, MotifTopology.LOG_STORE, Serdes.Long());
      MotifProcessor<Object> m = new MotifProcessor<>(settings);
      m.init(c);
      taskContexts.add(c);
      tasks.add(m);
    }
    Map<Integer, List<String>> got = new LinkedHashMap<>();
    for (int k = 0; k < TASKS; k++) {
      got.put(k, new ArrayList<>());
    }
    // Skewed reading: partition 0 is read eagerly, the last one lags far behind.
    int steps = 0;
    while (partitions.stream().anyMatch(q -> !q.isEmpty())) {
      int p;
      do {
        int x = r.nextInt(SOURCES * (SOURCES + 1) / 2);
        p = 0;
        for (int w = SOURCES; x >= w; w--) {
          x -= w;
          p++;
        }
      } while (partitions.get(p).isEmpty());
      Event e = partitions.get(p).pollFirst();
      sources.get(p).process(new Record<>(null, e, Math.max(0, e.time())));
      for (var f : sourceContexts.get(p).forwarded()) {
        Envelope v = f.record().value();
        assertTrue(v.kind() != Envelope.Kind.LATE, "nothing is late within a partition: " + v);
        if (v.isMark()) {
          for (int k = 0; k < TASKS; k++) {
            tasks.get(k).process(new Record<>("", v, 0));
          }
        } else {
          int k = Broadcast.partitionOf(stage.keyOf(v.event()), TASKS);
          tasks.get(k).process(new Record<>(stage.keyOf(v.event()), v, 0));
        }
      }
      sourceContexts.get(p).resetForwards();
      steps++;
    }
    for (int k = 0; k < TASKS; k++) {
      for (var f : taskContexts.get(k).forwarded()) {
        Envelope v = f.record().value();
        assertTrue(v.kind() != Envelope.Kind.LATE, "nothing is late in a task: " + v);
        if (v.kind() == Envelope.Kind.DERIVED) {
          got.get(k).add(v.event().toString());
        }
      }
    }
    assertEquals(expected, got, "seed " + seed + ", delay " + maxDelay + ", " + steps + " reads");
    assertTrue(
        expected.values().stream().mapToInt(List::size).sum() > 10, "the case derives something");
  }

  /** The library engine over the stream in time order, its output split by task. */
  private static Map<Integer, List<String>> expected(
      List<Event> stream, long end, long maxDelay, StagePlan.Stage stage) {
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (int k = 0; k < TASKS; k++) {
      out.put(k, new ArrayList<>());
    }
    Engine e = Engine.builder().maxDelay(maxDelay).build();
    e.deploy(Scenarios.compile(Scenarios.KEYED));
    e.subscribe(
        "*",
        d -> {
          String key = stage.keyOf(Event.of("Login", 0, Map.of("user", d.get("user"))));
          out.get(Broadcast.partitionOf(key, TASKS)).add(d.toString());
        });
    stream.forEach(e::send);
    e.send(Event.of("End", end, Map.of()));
    return out;
  }

  private static MockProcessorContext<Object, Envelope> context(int partition) {
    MockProcessorContext<Object, Envelope> c =
        new MockProcessorContext<>(
            new Properties(), new TaskId(0, partition), new File("target/skew-test-state"));
    c.setCurrentSystemTimeMs(Scenarios.START_WALL);
    return c;
  }

  private static <K> void store(
      MockProcessorContext<Object, Envelope> context, String name, Serde<K> keySerde) {
    KeyValueStore<K, byte[]> s =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), keySerde, Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    s.init(context.getStateStoreContext(), s);
    context.addStateStore(s);
  }
}
