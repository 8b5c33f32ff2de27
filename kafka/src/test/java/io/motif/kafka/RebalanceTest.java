package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two live instances of the application, each in its own JVM, exactly-once, over four input
 * partitions with skewed event times (each partition in order, the later ones lagging behind the
 * first by up to 45 s of event time, so every task's watermark waits for the slowest). Mid-stream
 * the second instance joins and takes tasks from the first (a rebalance that moves running
 * engines); later the first leaves cleanly (another rebalance: the second restores its tasks from
 * the changelogs). The derived events read with {@code read_committed} are the library engine's
 * over the same events: nothing lost, nothing duplicated, nothing late.
 */
class RebalanceTest {
  private static final int PARTITIONS = 4;
  private static final String READY = "engine ready";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSecondInstanceJoinsThenTheFirstLeavesMidStream() throws Exception {
    long start = System.nanoTime();
    Path rules = dir.resolve("keyed.motif");
    Files.writeString(rules, Scenarios.KEYED);
    LiveStream stream = new LiveStream(11, 600, PARTITIONS);
    List<String> expected = stream.expected();
    assertTrue(expected.size() > 50, expected.size() + " derived events");
    List<String> phases = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start(ChildApp.BROKER)) {
      broker.createTopics(
          Map.of(LiveStream.INPUT, PARTITIONS, LiveStream.OUTPUT, 1, LiveStream.LATE, 1));
      AtomicInteger produced = new AtomicInteger();
      try (LiveStream.Reader reader = new LiveStream.Reader(broker)) {
        // The second third of the stream waits for the join, the last third for the leave.
        CountDownLatch joined = new CountDownLatch(1);
        CountDownLatch left = new CountDownLatch(1);
        int third = stream.size() / 3;
        Thread producer =
            stream.drip(broker, 20, 15_000, Map.of(third, joined, 2 * third, left), produced);
        long t0 = System.nanoTime();
        try (ChildApp a = child(broker, rules, "a")) {
          reader.until(() -> reader.derived.size() >= 10, "output from the first instance", 90);
          phases.add(lap("first instance has output", t0));
          try (ChildApp b = child(broker, rules, "b")) {
            reader.until(() -> logs(b, READY), "tasks on the second instance", 90);
            phases.add(lap("second instance has tasks", t0));
            int atJoin = reader.derived.size();
            int producedAtJoin = produced.get();
            joined.countDown();
            reader.until(() -> reader.derived.size() >= atJoin + 10, "output after the join", 90);
            int producedAtLeave = produced.get();
            a.stop();
            left.countDown();
            phases.add(lap("first instance left", t0));
            assertTrue(
                producedAtJoin <= third && producedAtLeave <= 2 * third,
                "join and leave came mid-stream: at "
                    + producedAtJoin
                    + " and "
                    + producedAtLeave
                    + " of "
                    + stream.size()
                    + " inputs");
            reader.until(
                () -> produced.get() == stream.size() && reader.derived.size() >= expected.size(),
                "every derived event",
                90);
            reader.drain(3000); // anything more would be a duplicate
            b.stop();
            phases.add(lap("second instance done", t0));
          }
        }
        producer.join();
        reader.assertDerived(expected);
        assertEquals(List.of(), reader.late, "nothing is late");
      }
    }
    System.out.printf(
        "RebalanceTest: %.1f s in all; %s; %d inputs, %d derived%n",
        (System.nanoTime() - start) / 1e9,
        String.join(", ", phases),
        stream.size(),
        expected.size());
  }

  private static boolean logs(ChildApp app, String text) {
    try {
      return app.logContains(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An instance that logs when a task's engine is ready (restored or new). */
  private ChildApp child(KafkaBroker broker, Path rules, String name) throws Exception {
    List<String> args =
        ChildApp.args(broker, rules, "motif-rebalance", dir.resolve("state-" + name));
    return ChildApp.start(
        dir.resolve(name + ".log"),
        Map.of(
            "org.slf4j.simpleLogger.log." + io.motif.kafka.internal.MotifProcessor.class.getName(),
            "info"),
        args);
  }

  private static String lap(String what, long t0) {
    String lap = String.format("%s at %.1f s", what, (System.nanoTime() - t0) / 1e9);
    System.out.println("RebalanceTest: " + lap);
    return lap;
  }
}
