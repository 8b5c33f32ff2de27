package io.motif.kafka;

import io.motif.engine.Engine;
import io.motif.engine.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stream of {@link Scenarios#KEYED} events for the tests that crash, rebalance and restart for
 * real: strictly increasing event times dealt at random over the input partitions (so each
 * partition is in order and nothing is late with a maximum delay of 0), then one closing event per
 * partition far enough ahead to end every window. The library engine's derived events over the
 * whole stream are the expected output; since the output of different tasks interleaves, the output
 * is compared as a sorted list: nothing lost, nothing duplicated.
 */
final class LiveStream {
  /** One input record: the event and the partition it goes to. */
  record Input(int partition, Event event) {}

  static final String INPUT = "events";
  static final String OUTPUT = "derived";
  static final String LATE = "late";

  private final List<Input> inputs;
  private final JsonEventSerde json = JsonEventSerde.forScript(Scenarios.compile(Scenarios.KEYED));

  LiveStream(long seed, int events, int partitions) {
    Random r = new Random(seed);
    String[] users = {"al", "bo", "cy", "di", "ed", "fa", "gu", "hu"};
    String[] types = {"Login", "Login", "Login", "Logout", "Order", "Order", "Payment"};
    List<Input> in = new ArrayList<>();
    long t = Scenarios.BASE_TIME;
    for (int i = 0; i < events; i++) {
      t += 1 + r.nextInt(1500);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("user", users[r.nextInt(users.length)]);
      String type = types[r.nextInt(types.length)];
      switch (type) {
        case "Login" -> {
          f.put("ip", "10.0.0." + r.nextInt(3));
          f.put("ok", r.nextInt(5) < 2);
        }
        case "Order", "Payment" -> f.put("amount", (long) (1 + r.nextInt(100)));
        default -> {}
      }
      in.add(new Input(r.nextInt(partitions), Event.of(type, t, f)));
    }
    // A Logout of a user no other event has ends every window; one per partition moves each
    // partition's watermark past the last deadline.
    for (int p = 0; p < partitions; p++) {
      in.add(new Input(p, Event.of("Logout", t + 60_000 + p, Map.of("user", "end" + p))));
    }
    this.inputs = List.copyOf(in);
  }

  int size() {
    return inputs.size();
  }

  /** The library engine's derived events over the whole stream, as JSON, sorted. */
  List<String> expected() {
    List<String> out = new ArrayList<>();
    Engine e = Engine.builder().build();
    e.deploy(Scenarios.compile(Scenarios.KEYED));
    e.subscribe("*", d -> out.add(Scenarios.json(json, d)));
    inputs.forEach(i -> e.send(i.event()));
    Collections.sort(out);
    return out;
  }

  /**
   * Produces the inputs in a daemon thread, {@code pauseMillis} apart, so the application works on
   * a stream that is still arriving; {@code produced} counts them.
   */
  Thread drip(KafkaBroker broker, long pauseMillis, AtomicInteger produced) {
    return drip(broker, pauseMillis, 0, Map.of(), produced);
  }

  /**
   * As {@link #drip(KafkaBroker, long, AtomicInteger)}, with skewed partitions: partition p is
   * produced as if its event times were {@code p * skewMillis} later, so the later partitions lag
   * behind the first in event time while each stays in order. Before the input of index i in that
   * order, it waits for {@code gates.get(i)} to open: the test holds the rest of the stream back
   * until a rebalance is done, so that it surely comes mid-stream.
   */
  Thread drip(
      KafkaBroker broker,
      long pauseMillis,
      long skewMillis,
      Map<Integer, CountDownLatch> gates,
      AtomicInteger produced) {
    List<Input> order = new ArrayList<>(inputs);
    order.sort(Comparator.comparingLong(i -> i.event().time() + i.partition() * skewMillis));
    Thread t =
        new Thread(
            () -> {
              try (KafkaProducer<String, String> producer = producer(broker)) {
                for (int n = 0; n < order.size(); n++) {
                  Input i = order.get(n);
                  CountDownLatch gate = gates.get(n);
                  if (gate != null) {
                    gate.await();
                  }
                  producer.send(
                      new ProducerRecord<>(
                          INPUT, i.partition(), null, Scenarios.json(json, i.event())));
                  producer.flush();
                  produced.incrementAndGet();
                  Thread.sleep(pauseMillis);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "live-stream-producer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Reads the output and late topics (one partition each) with {@code read_committed}. */
  static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    final List<String> derived = new ArrayList<>();
    final List<String> late = new ArrayList<>();

    /**
     * Assigned both topics' partition 0 from the beginning, without a consumer group: its position
     * lives only here, so a broker restart cannot move it back to a committed offset (which would
     * read records twice and look like duplicates).
     */
    Reader(KafkaBroker broker) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
      List<TopicPartition> partitions =
          List.of(new TopicPartition(OUTPUT, 0), new TopicPartition(LATE, 0));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Polls once. */
    void poll() {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
        (r.topic().equals(LATE) ? late : derived).add(r.value());
      }
    }

    /** Polls until the condition holds, or fails after {@code seconds}. */
    void until(BooleanSupplier done, String what, int seconds) {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "waited " + seconds + " s for " + what + "; have " + derived.size() + " derived");
        }
        poll();
      }
    }

    /** Polls for {@code millis} more: anything that arrives then is a duplicate. */
    void drain(long millis) {
      long end = System.nanoTime() + millis * 1_000_000L;
      while (System.nanoTime() < end) {
        poll();
      }
    }

    /** Fails unless the derived events are the expected ones, naming what is lost or repeated. */
    void assertDerived(List<String> expected) {
      List<String> got = sortedDerived();
      if (got.equals(expected)) {
        return;
      }
      List<String> lost = new ArrayList<>(expected);
      got.forEach(lost::remove);
      List<String> extra = new ArrayList<>(got);
      expected.forEach(extra::remove);
      throw new AssertionError(
          "derived events: "
              + got.size()
              + " read, "
              + expected.size()
              + " expected; lost "
              + lost
              + "; duplicated or wrong "
              + extra);
    }

    List<String> sortedDerived() {
      List<String> out = new ArrayList<>(derived);
      Collections.sort(out);
      return out;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
