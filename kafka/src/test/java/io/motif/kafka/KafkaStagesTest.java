package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The logins example (two stages) and a three-stage chain on a real broker, run by the command
 * line: an input topic of three partitions, one of them written seconds after the others (skewed
 * event time), a malformed record and events a century ahead. Each stage runs one task per input
 * partition; the output equals the library engine's over the events in time order; nothing is late;
 * the malformed record is in the dead-letter topic; no record Motif wrote carries a timestamp ahead
 * of the clock.
 */
class KafkaStagesTest {
  @TempDir Path dir;

  private static final int PARTITIONS = 3;
  private static final long FUTURE = 4_102_444_800_000L; // 2100-01-01

  /** An event whose time (in nanoseconds, by mistake) the engine cannot keep. */
  private static final String OUT_OF_RANGE =
      "{\"type\":\"Login\",\"time\":1700000000000000000,\"user\":\"al\",\"ip\":\"a\","
          + "\"ok\":true}";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"logins", "chain"})
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyStageRunsOneTaskPerInputPartition(String name) throws Exception {
    boolean chain = name.equals("chain");
    String text = chain ? StagePlanTest.CHAIN : StagePlanTest.logins();
    Path rules = dir.resolve(name + ".motif");
    Files.writeString(rules, text);
    CompiledScript script = Scenarios.compile(text);
    JsonEventSerde json = JsonEventSerde.forScript(script);
    List<Event> events = new ArrayList<>(StagesTopologyTest.events(7, chain));
    for (int i = 0; i < 4; i++) {
      events.add(
          Event.of("Login", FUTURE + i, Map.of("user", "zz", "ip", "9.9.9.9", "ok", i == 3)));
    }
    List<String> expected = new ArrayList<>();
    Engine engine = Engine.builder().build();
    engine.deploy(script);
    engine.subscribe("*", e -> expected.add(Scenarios.json(json, e)));
    events.forEach(engine::send);
    Event end = Event.of("End", FUTURE + 600_000, Map.of());
    engine.send(end);
    String last = chain ? "Suspicious" : "Spray";
    assertTrue(expected.stream().anyMatch(s -> s.contains(last)), expected.toString());

    // Each event to a partition of its own choosing; partition 2 lags behind the others.
    List<List<Event>> byPartition = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      byPartition.add(new ArrayList<>());
    }
    for (int i = 0; i < events.size(); i++) {
      byPartition.get((i * 7 + i / 5) % PARTITIONS).add(events.get(i));
    }
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createTopics(Map.of("events", PARTITIONS, "derived", 1, "late", 1, "dead", 1));
      MotifKafkaApp app = new MotifKafkaApp();
      int[] exit = {-1};
      Thread main =
          new Thread(
              () ->
                  exit[0] =
                      MotifKafkaApp.commandLine(app)
                          .execute(
                              "--bootstrap-servers",
                              broker.bootstrapServers(),
                              "--rules",
                              rules.toString(),
                              "--input",
                              "events",
                              "--output",
                              "derived",
                              "--late",
                              "late",
                              "--dead-letter",
                              "dead",
                              "--application-id",
                              "motif-stages",
                              "--state-dir",
                              dir.resolve("state").toString(),
                              "-p",
                              "commit.interval.ms=100"),
              "motif-kafka-main");
      main.start();
      try (KafkaProducer<String, String> producer = producer(broker)) {
        for (int p = 0; p < 2; p++) {
          for (Event e : byPartition.get(p)) {
            producer.send(new ProducerRecord<>("events", p, null, Scenarios.json(json, e)));
          }
        }
        producer.send(new ProducerRecord<>("events", 1, null, "{not json"));
        producer.send(new ProducerRecord<>("events", 1, null, OUT_OF_RANGE));
        producer.flush();
        // Partition 2 lags the others by 3 s of wall clock: its watermark must hold the tasks back
        // (nothing of it may come out late), which only a real delay on the broker shows.
        Thread.sleep(3000);
        for (Event e : byPartition.get(2)) {
          producer.send(new ProducerRecord<>("events", 2, null, Scenarios.json(json, e)));
        }
        for (int p = 0; p < PARTITIONS; p++) {
          producer.send(new ProducerRecord<>("events", p, null, Scenarios.json(json, end)));
        }
        producer.flush();
      }
      List<ConsumerRecord<String, String>> derived = new ArrayList<>();
      List<String> late = new ArrayList<>();
      List<String> dead = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        consumer.subscribe(List.of("derived", "late", "dead"));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (derived.size() < expected.size() || dead.size() < 2) {
          assertTrue(
              System.nanoTime() < deadline,
              "waited 90 s; have " + derived.size() + " of " + expected.size() + " derived");
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            switch (r.topic()) {
              case "derived" -> derived.add(r);
              case "late" -> late.add(r.value());
              default -> dead.add(r.value());
            }
          }
        }
        long settle = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < settle) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            (r.topic().equals("derived") ? late : dead).add(r.value()); // anything more is wrong
          }
        }
      }
      List<String> got = new ArrayList<>();
      derived.forEach(r -> got.add(r.value()));
      assertEquals(sorted(expected), sorted(got), "the derived events");
      assertEquals(
          TopologyDifferentialTest.byType(expected).keySet(),
          TopologyDifferentialTest.byType(got).keySet());
      assertEquals(List.of(), late, "nothing late, nothing more");
      assertEquals(List.of("{not json", OUT_OF_RANGE), dead, "the bad records, once each");
      long now = System.currentTimeMillis();
      for (ConsumerRecord<String, String> r : derived) {
        assertTrue(r.timestamp() <= now, "clamped timestamp of " + r.value());
      }
      assertTrue(
          got.stream().anyMatch(s -> s.contains("\"time\":" + FUTURE / 100_000)),
          "a derived event a century ahead: " + got);

      // One task per input partition in every stage: each repartition topic has the input's
      // partition count, and the group reads every partition of each.
      Map<String, TopicDescription> topics =
          broker
              .admin()
              .describeTopics(
                  chain
                      ? List.of(
                          "motif-stages-motif-events-user-repartition",
                          "motif-stages-motif-events-ip-repartition",
                          "motif-stages-motif-events-second-user-repartition",
                          "motif-stages-motif-user-to-ip-repartition",
                          "motif-stages-motif-ip-to-second-user-repartition")
                      : List.of(
                          "motif-stages-motif-events-user-repartition",
                          "motif-stages-motif-events-ip-repartition",
                          "motif-stages-motif-user-to-ip-repartition"))
              .allTopicNames()
              .get();
      topics.forEach((topic, t) -> assertEquals(PARTITIONS, t.partitions().size(), topic));
      ConsumerGroupDescription group =
          broker
              .admin()
              .describeConsumerGroups(List.of("motif-stages"))
              .all()
              .get()
              .get("motif-stages");
      Map<String, Integer> assigned = new TreeMap<>();
      for (MemberDescription m : group.members()) {
        for (TopicPartition tp : m.assignment().topicPartitions()) {
          assigned.merge(tp.topic(), 1, Integer::sum);
        }
      }
      Map<String, Integer> want = new TreeMap<>();
      want.put("events", PARTITIONS);
      topics.keySet().forEach(t -> want.put(t, PARTITIONS));
      assertEquals(want, assigned, "partitions read, by topic");
      app.stop();
      main.join(60_000);
      assertEquals(0, exit[0], "the application's exit code");
    }
  }

  private static List<String> sorted(List<String> in) {
    List<String> out = new ArrayList<>(in);
    Collections.sort(out);
    return out;
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "motif-stages-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }
}
