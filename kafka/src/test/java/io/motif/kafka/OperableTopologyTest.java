package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an operator sees, under TopologyTestDriver: each task's metrics in the group {@code
 * motif-task-metrics} with the engine's real figures (bounds reached included), and one audit
 * record per task for the deployment of the rules.
 */
class OperableTopologyTest {
  private static final String RULES =
      """
      event A(user string)
      event B(user string)
      pattern Pair partition by user match a: A -> b: B within 10s emit Pair(user: a.user)
      """;

  private static final String APP = "motif-operable-test";

  private static TopologyTestDriver driver(Topology topology) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(topology, props, Instant.ofEpochMilli(Scenarios.START_WALL));
  }

  /** Motif's metrics of {@code stage}, by name, and their task ids. */
  private static Map<String, Double> metrics(TopologyTestDriver driver, String stage) {
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> m : driver.metrics().entrySet()) {
      MetricName n = m.getKey();
      if (n.group().equals("motif-task-metrics") && stage.equals(n.tags().get("stage"))) {
        assertTrue(n.tags().containsKey("task-id"), n.toString());
        out.put(n.name(), ((Number) m.getValue().metricValue()).doubleValue());
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void metricsShowTheEnginesStateItsBoundsAndTime(OverflowPolicy policy) {
    CompiledScript script = Scenarios.compile(RULES);
    MotifTopology.Builder b =
        MotifTopology.builder(script)
            .input("events")
            .output("derived")
            .late("late")
            .maxDelay(Duration.ofSeconds(2))
            .watermarkInterval(Duration.ZERO)
            .checkpointInterval(3)
            .limits(Limits.DEFAULT.withMaxPartitions(2).withPolicy(policy))
            // (the whole engine in memory: with state kept per key, bounds apply to what one move
            // of the watermark touches; see keyedStateShowsWhatItWritesLoadsAndDrops)
            .keyedState(false)
            .persistentStores(false);
    String stage = b.stages().stages().get(0).name();
    JsonEventSerde json = JsonEventSerde.forScript(script);
    try (TopologyTestDriver driver = driver(b.build())) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      for (int i = 1; i <= 5; i++) {
        in.pipeInput((byte[]) null, Event.of("A", i * 1000L, Map.of("user", "u" + i)));
      }
      // Moves the watermark to 8000: the five A are processed, A of u6 waits for it.
      in.pipeInput((byte[]) null, Event.of("A", 10_000L, Map.of("user", "u6")));
      in.pipeInput((byte[]) null, Event.of("A", 1500L, Map.of("user", "u7")));
      // The engine's counters are read at most every 10 s of wall clock.
      driver.advanceWallClockTime(Duration.ofSeconds(10));

      Map<String, Double> m = metrics(driver, stage);
      assertEquals(2.0, m.get("partitions"), m.toString());
      assertEquals(2.0, m.get("partial-matches"), m.toString());
      boolean evict = policy == OverflowPolicy.EVICT_OLDEST;
      assertEquals(evict ? 3.0 : 0.0, m.get("evicted-total"), "three users made room: " + m);
      assertEquals(evict ? 0.0 : 3.0, m.get("refused-total"), "three users were refused: " + m);
      assertEquals(1.0, m.get("buffered"), "A of u6 waits for the watermark: " + m);
      assertEquals(8000.0, m.get("watermark"), m.toString());
      assertEquals(2000.0, m.get("watermark-lag-ms"), "10000, the latest time, less 8000: " + m);
      assertTrue(m.get("checkpoint-bytes") > 0, m.toString());
      assertTrue(m.get("store-bytes") >= m.get("checkpoint-bytes"), m.toString());
      assertTrue(m.get("checkpoint-time-max-ms") >= m.get("checkpoint-time-last-ms"), m.toString());
      assertTrue(m.get("engine-bytes") > 0, m.toString());
      assertTrue(m.containsKey("restore-time-ms"), m.toString());
      assertEquals(0.0, m.get("late-total"), "the input partition found the late one: " + m);

      Map<String, Double> input = metrics(driver, "input");
      assertEquals(1.0, input.get("late-total"), input.toString());
      assertEquals(8000.0, input.get("watermark"), input.toString());
      assertEquals(2000.0, input.get("watermark-lag-ms"), input.toString());
    }
  }

  @Test
  void keyedStateShowsWhatItWritesLoadsAndDrops() {
    CompiledScript script = Scenarios.compile(RULES);
    MotifTopology.Builder b =
        MotifTopology.builder(script)
            .input("events")
            .output("derived")
            .maxDelay(Duration.ZERO)
            .watermarkInterval(Duration.ZERO)
            .limits(Limits.DEFAULT.withMaxPartitions(8))
            .persistentStores(false);
    String stage = b.stages().stages().get(0).name();
    JsonEventSerde json = JsonEventSerde.forScript(script);
    try (TopologyTestDriver driver = driver(b.build())) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      TestOutputTopic<byte[], String> out =
          driver.createOutputTopic(
              "derived", new ByteArrayDeserializer(), new StringDeserializer());
      // Five users wait (each move of the watermark processes one A and writes its partition);
      // past four held partitions (half the bound) the engine drops them after a checkpoint.
      for (int i = 1; i <= 5; i++) {
        in.pipeInput((byte[]) null, Event.of("A", i * 1000L, Map.of("user", "u" + i)));
      }
      // B for u1 and u2: their partitions come back from the store, complete and are deleted.
      in.pipeInput((byte[]) null, Event.of("B", 6000L, Map.of("user", "u1")));
      in.pipeInput((byte[]) null, Event.of("B", 7000L, Map.of("user", "u2")));
      in.pipeInput((byte[]) null, Event.of("A", 8000L, Map.of("user", "u9")));
      driver.advanceWallClockTime(Duration.ofSeconds(10));
      assertEquals(2, out.readValuesToList().size());

      Map<String, Double> m = metrics(driver, stage);
      assertEquals(1.0, m.get("partitions-released-total"), m.toString());
      assertEquals(2.0, m.get("partitions-loaded-total"), "u1 and u2 read back: " + m);
      // Six users' partitions written (u1 to u5, u9), two deleted (u1, u2 completed).
      assertEquals(8.0, m.get("partition-writes-total"), m.toString());
      assertEquals(1.0, m.get("partial-matches"), "held in memory since the drop: u9 " + m);
      assertTrue(m.get("partition-bytes-written-total") > 0, m.toString());
      assertEquals(0.0, m.get("evicted-total"), m.toString());
    }
  }

  @Test
  void eachTaskAuditsTheDeploymentOfItsStage() throws java.io.IOException {
    CompiledScript script = Scenarios.compile(StagePlanTest.logins());
    MotifTopology.Builder b =
        MotifTopology.builder(script)
            .input("events")
            .output("derived")
            .audit("audit")
            .watermarkInterval(Duration.ZERO)
            .persistentStores(false);
    JsonEventSerde json = JsonEventSerde.forScript(script);
    try (TopologyTestDriver driver = driver(b.build())) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      TestOutputTopic<String, String> audit =
          driver.createOutputTopic("audit", new StringDeserializer(), new StringDeserializer());
      for (Event e : StagesTopologyTest.events(3, false)) {
        in.pipeInput((byte[]) null, e);
      }
      List<String> records = audit.readValuesToList();
      List<StagePlan.Stage> stages = b.stages().stages();
      assertEquals(stages.size(), records.size(), "one per task: " + records);
      for (StagePlan.Stage stage : stages) {
        String r =
            records.stream()
                .filter(x -> x.contains("\"stage\":\"" + stage.name() + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(stage.name() + " in " + records));
        assertTrue(r.contains("\"event\":\"deploy\""), r);
        assertTrue(r.contains("\"applicationId\":\"" + APP + "\""), r);
        assertTrue(r.contains("\"task\":\""), r);
        assertTrue(r.contains("\"kept\":[]") && r.contains("\"dropped\":[]"), r);
        for (String p : stage.patterns()) {
          assertTrue(
              r.contains("{\"name\":\"" + p + "\",\"fingerprint\":\"" + script.fingerprint(p)),
              p + " in " + r);
        }
      }
      in.pipeInput((byte[]) null, StagesTopologyTest.events(4, false).get(0));
      assertEquals(List.of(), audit.readValuesToList(), "once per deployment");
    }
  }
}
