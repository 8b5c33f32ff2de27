package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts split into stages, under TopologyTestDriver: the logins example and a chain of three
 * keyings give the library engine's output (each derived type's events in the library's order), and
 * the topology has one sub-topology per stage besides the input's, each stage reading its own
 * repartition topics, none of them forced to one partition.
 */
class StagesTopologyTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 15);
  }

  @Test
  void eachStageIsASubTopologyWithItsOwnRepartitionTopics() throws IOException {
    Topology logins = topology(Scenarios.compile(StagePlanTest.logins()), false);
    String d = logins.describe().toString();
    assertEquals(3, logins.describe().subtopologies().size(), d);
    for (String topic :
        List.of(
            "motif-events-user-repartition",
            "motif-events-ip-repartition",
            "motif-user-to-ip-repartition")) {
      assertTrue(d.contains(topic), topic + " in\n" + d);
    }
    for (String store :
        List.of(
            "motif-checkpoint-user",
            "motif-input-log-user",
            "motif-partitions-user",
            "motif-partitions-user-timers")) {
      assertTrue(d.contains(store), store + " in\n" + d);
    }
    Topology chain = topology(Scenarios.compile(StagePlanTest.CHAIN), false);
    assertEquals(4, chain.describe().subtopologies().size(), chain.describe().toString());
  }

  @Test
  void aKeyedStageReadingTheSingleStageNeedsAPartitionCount() {
    CompiledScript script =
        Scenarios.compile(
            """
            event Login(user string, ip string, ok boolean)
            pattern Quiet match a: Login -> not Login within 3s emit Quiet(user: a.user)
            pattern Again partition by user match a: Quiet -> b: Quiet within 1 min
              emit Again(user: b.user)
            """);
    StagePlan plan = StagePlan.of(script);
    assertEquals(
        List.of(StagePlan.SINGLE, "user"), plan.stages().stream().map(s -> s.name()).toList());
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> topology(script, false));
    assertTrue(e.getMessage().contains("set the partition count"), e.getMessage());
    List<Event> events = new ArrayList<>();
    long t = Scenarios.BASE_TIME;
    Random r = new Random(5);
    for (int i = 0; i < 200; i++) {
      t += 500 + r.nextInt(6000);
      events.add(Event.of("Login", t, Map.of("user", "u" + r.nextInt(3), "ip", "a", "ok", true)));
    }
    List<String> types = check(script, events, false, 1);
    assertTrue(types.contains("Again"), types.toString());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theLoginsExampleGivesTheLibraryEnginesOutput(long seed) throws IOException {
    CompiledScript script = Scenarios.compile(StagePlanTest.logins());
    List<String> types = check(script, events(seed, false), seed % 3 == 0);
    assertTrue(types.contains("Spray"), "the second stage derives: " + types);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aChainOfThreeStagesGivesTheLibraryEnginesOutput(long seed) {
    CompiledScript script = Scenarios.compile(StagePlanTest.CHAIN);
    List<String> types = check(script, events(seed, true), seed % 3 == 0);
    assertTrue(types.contains("Suspicious"), "the third stage derives: " + types);
  }

  /** Logins (and purchases) of a few users from a few addresses, at distinct times. */
  static List<Event> events(long seed, boolean purchases) {
    Random r = new Random(seed);
    String[] users = {"al", "bo", "cy", "di"};
    String[] ips = {"10.0.0.1", "10.0.0.2"};
    List<Event> out = new ArrayList<>();
    long t = Scenarios.BASE_TIME;
    int n = 150 + r.nextInt(150);
    for (int i = 0; i < n; i++) {
      t += 1 + r.nextInt(purchases ? 4000 : 20_000);
      String user = users[r.nextInt(users.length)];
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("user", user);
      if (purchases && r.nextInt(4) == 0) {
        f.put("card", "c-" + user);
        f.put("amount", (long) (1 + r.nextInt(500)));
        out.add(Event.of("Purchase", t, f));
      } else {
        f.put("ip", ips[r.nextInt(ips.length)]);
        f.put("ok", r.nextInt(3) == 0);
        out.add(Event.of("Login", t, f));
      }
    }
    return out;
  }

  private static Topology topology(CompiledScript script, boolean inputPartitioned) {
    return topology(script, inputPartitioned, null);
  }

  private static Topology topology(
      CompiledScript script, boolean inputPartitioned, Integer inputPartitions) {
    MotifTopology.Builder b =
        MotifTopology.builder(script)
            .input("events")
            .output("derived")
            .late("late")
            .checkpointInterval(7)
            .watermarkInterval(Duration.ZERO)
            .inputPartitioned(inputPartitioned)
            .persistentStores(false);
    if (inputPartitions != null) {
      b.inputPartitions(inputPartitions);
    }
    return b.build();
  }

  /** Runs the events through the topology and checks its output; the derived types. */
  private static List<String> check(
      CompiledScript script, List<Event> events, boolean inputPartitioned) {
    return check(script, events, inputPartitioned, null);
  }

  private static List<String> check(
      CompiledScript script,
      List<Event> events,
      boolean inputPartitioned,
      Integer inputPartitions) {
    JsonEventSerde json = JsonEventSerde.forScript(script);
    List<String> expected = new ArrayList<>();
    Engine engine = Engine.builder().build();
    engine.deploy(script);
    engine.subscribe("*", e -> expected.add(Scenarios.json(json, e)));
    events.forEach(engine::send);

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "motif-stages-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            topology(script, inputPartitioned, inputPartitions),
            props,
            Instant.ofEpochMilli(Scenarios.START_WALL))) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      TestOutputTopic<String, String> derived =
          driver.createOutputTopic("derived", new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<String, String> late =
          driver.createOutputTopic("late", new StringDeserializer(), new StringDeserializer());
      for (Event e : events) {
        in.pipeInput((byte[]) null, e);
      }
      List<String> got = derived.readValuesToList();
      assertEquals(TopologyDifferentialTest.byType(expected), TopologyDifferentialTest.byType(got));
      assertEquals(List.of(), late.readValuesToList());
      return List.copyOf(new TreeSet<>(TopologyDifferentialTest.byType(expected).keySet()));
    }
  }
}
