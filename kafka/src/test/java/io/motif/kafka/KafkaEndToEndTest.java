package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Engine;
import io.motif.engine.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The application against a real broker started in this JVM, exactly-once: events produced to a
 * one-partition topic (keyed by nothing), spread by user over three tasks, derived events read back
 * with {@code read_committed}. Mid-stream, one stream thread crashes inside a transaction (the
 * output serde throws once) and is replaced; then the application is stopped, the rest of the
 * events are produced, and a new instance with an empty state directory takes over, so every task's
 * engine is rebuilt from the changelog. Every task's derived and late events must equal the library
 * engine's over that task's events, in order: nothing lost, nothing duplicated.
 */
class KafkaEndToEndTest {
  private static final int TASKS = 3;

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void crashAndRestartMidStreamLoseAndRepeatNothing() throws Exception {
    long start = System.nanoTime();
    Path rules = dir.resolve("keyed.motif");
    Files.writeString(rules, Scenarios.KEYED);
    PartitionPlan plan = PartitionPlan.of(Scenarios.compile(Scenarios.KEYED));
    JsonEventSerde json = JsonEventSerde.forScript(Scenarios.compile(Scenarios.KEYED));
    List<Event> events = events(new Random(42), 600);
    Map<Integer, List<String>> expectedDerived = new TreeMap<>();
    Map<Integer, List<String>> expectedLate = new TreeMap<>();
    expect(events, plan, json, expectedDerived, expectedLate);
    int derivedTotal = expectedDerived.values().stream().mapToInt(List::size).sum();
    int lateTotal = expectedLate.values().stream().mapToInt(List::size).sum();
    assertTrue(
        derivedTotal > 100 && lateTotal > 5,
        derivedTotal + " derived, " + lateTotal + " late: the stream should exercise both");

    String phases;
    try (KafkaBroker broker = KafkaBroker.start()) {
      long brokerUp = System.nanoTime();
      broker.createTopics(Map.of("events", 1, "derived", 1, "late", 1, "audit", 1));
      List<String> derived = new ArrayList<>();
      List<String> late = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        consumer.subscribe(List.of("derived", "late"));
        produce(broker, json, events.subList(0, events.size() / 2));

        // First instance: one thread crashes inside a transaction and is replaced.
        AtomicInteger crashes = new AtomicInteger();
        KafkaStreams first =
            streams(broker, rules, dir.resolve("state-a"), new FailOnce(json, 40), crashes);
        first.start();
        await(
            () -> read(consumer, derived, late) && derived.size() >= derivedTotal / 4,
            "a quarter of the derived events from the first instance",
            derived,
            late);
        long firstReady = System.nanoTime();
        MotifKafkaApp.close(first);
        long firstClosed = System.nanoTime();
        assertEquals(1, crashes.get(), "the injected failure crashed one stream thread");
        int beforeRestart = derived.size();

        // Second instance, empty state directory: every engine comes from the changelog.
        produce(broker, json, events.subList(events.size() / 2, events.size()));
        // ... run by the command line's own entry point, stopped as SIGTERM would.
        MotifKafkaApp second = new MotifKafkaApp();
        int[] exit = {-1};
        Thread main =
            new Thread(
                () ->
                    exit[0] =
                        MotifKafkaApp.commandLine(second)
                            .execute(args(broker, rules, dir.resolve("state-b"))),
                "motif-kafka-main");
        main.start();
        await(
            () ->
                read(consumer, derived, late)
                    && derived.size() >= derivedTotal
                    && late.size() >= lateTotal,
            "every derived and late event",
            derived,
            late);
        long secondDone = System.nanoTime();
        while (System.nanoTime() < secondDone + 2_000_000_000L) {
          read(consumer, derived, late); // anything more would be a duplicate
        }
        second.stop();
        main.join(60_000);
        assertEquals(0, exit[0], "the application's exit code");
        phases =
            String.format(
                "first instance to a quarter of the output (with one thread"
                    + " crash) %.1f s, its close %.1f s, second instance to the end %.1f s",
                (firstReady - brokerUp) / 1e9,
                (firstClosed - firstReady) / 1e9,
                (secondDone - firstClosed) / 1e9);
        assertTrue(beforeRestart < derivedTotal, "the restart came mid-stream");
      }
      assertEquals(expectedDerived, byTask(derived, plan, json, true), "derived events by task");
      List<String> audit = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = consumer(broker)) {
        consumer.subscribe(List.of("audit"));
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until && audit.size() <= TASKS) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> audit.add(r.value()));
          if (audit.size() == TASKS && until - System.nanoTime() > 2_000_000_000L) {
            until = System.nanoTime() + 2_000_000_000L; // anything more would be a duplicate
          }
        }
      }
      assertEquals(TASKS, audit.size(), "one deployment per engine task, once: " + audit);
      assertEquals(
          TASKS,
          audit.stream().filter(a -> a.contains("\"event\":\"deploy\"")).count(),
          audit.toString());
      assertEquals(expectedLate, byTask(late, plan, json, false), "late events by task");
      long end = System.nanoTime();
      System.out.printf(
          "KafkaEndToEndTest: broker up in %.1f s, whole test %.1f s (%s),"
              + " %d events, %d derived, %d late%n",
          (brokerUp - start) / 1e9,
          (end - start) / 1e9,
          phases,
          events.size(),
          derived.size(),
          late.size());
    }
  }

  /** Users and types over 12 users, times mostly rising, some out of order and some late. */
  private static List<Event> events(Random r, int n) {
    List<Event> out = new ArrayList<>();
    long t = Scenarios.BASE_TIME;
    String[] types = {"Login", "Login", "Login", "Logout", "Order", "Order", "Payment"};
    for (int i = 0; i < n; i++) {
      t += r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(1500);
      long time = r.nextInt(4) == 0 ? t - r.nextInt(2500) : t;
      Map<String, Object> f = new LinkedHashMap<>();
      if (r.nextInt(30) != 0) {
        f.put("user", "u" + r.nextInt(12));
      }
      String type = types[r.nextInt(types.length)];
      switch (type) {
        case "Login" -> {
          f.put("ip", "10.0.0." + r.nextInt(3));
          f.put("ok", r.nextInt(5) < 2);
        }
        case "Order", "Payment" -> f.put("amount", (long) (1 + r.nextInt(100)));
        default -> {}
      }
      out.add(Event.of(type, time, f));
    }
    return out;
  }

  /**
   * The library engine over the whole stream, its output split by the task each key lands in
   * (Kafka's choice): the one input partition's watermark is every task's.
   */
  private static void expect(
      List<Event> events,
      PartitionPlan plan,
      JsonEventSerde json,
      Map<Integer, List<String>> derived,
      Map<Integer, List<String>> late) {
    for (int p = 0; p < TASKS; p++) {
      derived.put(p, new ArrayList<>());
      late.put(p, new ArrayList<>());
    }
    Engine e =
        Engine.builder()
            .maxDelay(1500)
            .lateHandler(ev -> late.get(task(plan.keyOf(ev))).add(Scenarios.json(json, ev)))
            .build();
    e.deploy(Scenarios.compile(Scenarios.KEYED));
    e.subscribe(
        "*",
        ev ->
            derived
                .get(task(plan.keyOf(Event.of("Login", 0, Map.of("user", ev.get("user"))))))
                .add(Scenarios.json(json, ev)));
    for (Event ev : events) {
      e.send(ev);
    }
  }

  private static int task(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % TASKS;
  }

  /** The output split by the task that wrote it, each in the order read. */
  private static Map<Integer, List<String>> byTask(
      List<String> records, PartitionPlan plan, JsonEventSerde json, boolean derived) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (int p = 0; p < TASKS; p++) {
      out.put(p, new ArrayList<>());
    }
    for (String r : records) {
      Event e = json.deserializer().deserialize("t", r.getBytes(StandardCharsets.UTF_8));
      // Every derived event here carries the user of its match; a late event is an input event.
      Event keyed = derived ? Event.of("Login", 0, Map.of("user", e.get("user"))) : e;
      out.get(task(plan.keyOf(keyed))).add(r);
    }
    return out;
  }

  private static KafkaStreams streams(
      KafkaBroker broker, Path rules, Path stateDir, Serde<Event> output, AtomicInteger crashes)
      throws Exception {
    MotifKafkaApp app = new MotifKafkaApp();
    new CommandLine(app).parseArgs(args(broker, rules, stateDir));
    Properties props = app.streamsConfig();
    assertEquals(
        StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    KafkaStreams streams = new KafkaStreams(app.topology().outputSerde(output).build(), props);
    streams.setUncaughtExceptionHandler(
        e -> {
          crashes.incrementAndGet();
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    return streams;
  }

  private static String[] args(KafkaBroker broker, Path rules, Path stateDir) {
    return new String[] {
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
      "--application-id",
      "motif-e2e",
      "--max-delay",
      "1500ms",
      "--audit",
      "audit",
      "--checkpoint-interval",
      "7",
      "--partitions",
      Integer.toString(TASKS),
      "--state-dir",
      stateDir.toString(),
      "-p",
      "commit.interval.ms=100",
      // A crashed thread's consumer does not leave the group; the broker's shortest session
      // timeout lets the replacement thread get the tasks sooner.
      "-p",
      ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG + "=6000",
      "-p",
      ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG + "=1500"
    };
  }

  private static void produce(KafkaBroker broker, JsonEventSerde json, List<Event> events) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (Event e : events) {
        producer.send(new ProducerRecord<>("events", null, Scenarios.json(json, e)));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "motif-e2e-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  /** Polls once; always true, for use inside a wait condition. */
  private static boolean read(
      KafkaConsumer<String, String> consumer, List<String> derived, List<String> late) {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
      (r.topic().equals("late") ? late : derived).add(r.value());
    }
    return true;
  }

  private static void await(
      BooleanSupplier done, String what, List<String> derived, List<String> late) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "waited 60 s for "
                + what
                + "; have "
                + derived.size()
                + " derived and "
                + late.size()
                + " late events");
      }
    }
  }

  /** JSON output that fails once, on its n-th record: a crash inside a transaction. */
  private static final class FailOnce implements Serde<Event> {
    private final Serde<Event> json;
    private final AtomicInteger left;

    FailOnce(Serde<Event> json, int n) {
      this.json = json;
      this.left = new AtomicInteger(n);
    }

    @Override
    public Serializer<Event> serializer() {
      Serializer<Event> s = json.serializer();
      return (topic, e) -> {
        if (left.decrementAndGet() == 0) {
          throw new IllegalStateException("injected failure while writing " + e);
        }
        return s.serialize(topic, e);
      };
    }

    @Override
    public Deserializer<Event> deserializer() {
      return json.deserializer();
    }
  }
}
