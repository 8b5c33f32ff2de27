package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --provenance} on Kafka: a derived event names the input records it was made from as {@code
 * TOPIC-PARTITION@OFFSET}, through a chain of patterns, across the repartition topic and the input
 * log (a checkpoint every input, so restored engines hold stamped events too).
 */
class ProvenanceTopologyTest {
  private static final String RULES =
      """
      event Login(user string, ip string, ok boolean)
      pattern Burst partition by user
        match f: Login(not ok){2} -> s: Login(ok) within 1 min
        after match skip past last
        emit Alert(user: s.user, ip: s.ip)
      pattern Spray partition by ip
        match a: Alert -> b: Alert(user != a.user) within 10 min
        emit Spray(ip: a.ip, first: a.user, second: b.user)
      """;

  private static Event login(long time, String user, boolean ok) {
    return Event.of("Login", time, Map.of("user", user, "ip", "a", "ok", ok));
  }

  @ParameterizedTest(name = "input partitioned: {0}")
  @ValueSource(booleans = {true, false})
  void derivedEventsNameTheirInputRecords(boolean inputPartitioned) {
    Compilation c = Motif.compile("rules.motif", RULES);
    assertFalse(c.hasErrors(), c.render());
    CompiledScript script = c.script();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "motif-provenance-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    MotifTopology.Builder b =
        MotifTopology.builder(script)
            .input("events")
            .output("derived")
            .checkpointInterval(1)
            .inputPartitioned(inputPartitioned)
            .persistentStores(false)
            .provenance(true)
            .watermarkInterval(Duration.ZERO);
    JsonEventSerde json = JsonEventSerde.forScript(script);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(b.build(), props, Instant.ofEpochMilli(0))) {
      TestInputTopic<byte[], Event> in =
          driver.createInputTopic("events", new ByteArraySerializer(), json.serializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic("derived", new StringDeserializer(), new StringDeserializer());
      for (Event e :
          List.of(
              login(0, "al", false),
              login(1_000, "bo", false),
              login(2_000, "al", false),
              login(3_000, "al", true),
              login(4_000, "bo", false),
              login(5_000, "bo", true))) {
        in.pipeInput((byte[]) null, e);
      }
      assertEquals(
          List.of(
              "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"ip\":\"a\","
                  + "\"@provenance\":[\"events-0@0\",\"events-0@2\",\"events-0@3\"]}",
              "{\"type\":\"Alert\",\"time\":5000,\"user\":\"bo\",\"ip\":\"a\","
                  + "\"@provenance\":[\"events-0@1\",\"events-0@4\",\"events-0@5\"]}",
              "{\"type\":\"Spray\",\"time\":5000,\"ip\":\"a\",\"first\":\"al\",\"second\":\"bo\","
                  + "\"@provenance\":[\"events-0@0\",\"events-0@1\",\"events-0@2\",\"events-0@3\","
                  + "\"events-0@4\",\"events-0@5\"]}"),
          out.readValuesToList());
    }
  }
}
