package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole topology (event-time extraction, keying, the repartition topic, the processor, the JSON
 * sinks) under TopologyTestDriver with exactly-once, against the library engine: for each generated
 * case the derived events and the late events are the same, in the same order.
 */
class TopologyDifferentialTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void outputEqualsTheLibraryEngine(long seed) {
    Scenarios.Case c = Scenarios.generate(seed, 0);
    Scenarios.Expected expected = Scenarios.reference(c);
    MotifTopology.Builder b =
        MotifTopology.builder(c.script())
            .input("events")
            .output("derived")
            .late("late")
            .maxDelay(Duration.ofMillis(c.maxDelay()))
            .checkpointInterval(c.checkpointInterval())
            .chunkBytes(c.chunkBytes())
            .idleAdvance(Duration.ofMillis(c.idleMillis()))
            .watermarkInterval(Duration.ZERO)
            .inputPartitioned(seed % 4 == 0)
            .persistentStores(seed % 10 == 0);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "motif-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    JsonEventSerde json = JsonEventSerde.forScript(c.script());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(b.build(), props, Instant.ofEpochMilli(Scenarios.START_WALL))) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      TestOutputTopic<String, String> derived =
          driver.createOutputTopic("derived", new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<String, String> late =
          driver.createOutputTopic("late", new StringDeserializer(), new StringDeserializer());
      for (Scenarios.Step s : c.steps()) {
        if (s instanceof Scenarios.Send send) {
          in.pipeInput((byte[]) null, send.event());
        } else if (s instanceof Scenarios.Idle idle) {
          driver.advanceWallClockTime(Duration.ofMillis(idle.wallMillis()));
        }
      }
      List<String> gotDerived = derived.readValuesToList();
      List<String> gotLate = late.readValuesToList();
      if (StagePlan.of(c.script()).stages().size() == 1) {
        assertEquals(expected.derived(), gotDerived, c.toString());
      } else {
        // Stages write to the output topic side by side: each type's events keep their order.
        assertEquals(byType(expected.derived()), byType(gotDerived), c.toString());
      }
      assertEquals(expected.late(), gotLate, c.toString());
    }
  }

  /** Derived events (JSON) by type, each type's in order. */
  static Map<String, List<String>> byType(List<String> json) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String j : json) {
      String type = j.substring(j.indexOf(":\"") + 2, j.indexOf("\","));
      out.computeIfAbsent(type, t -> new ArrayList<>()).add(j);
    }
    return out;
  }
}
