package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The broker restarts (same port, same log directory; the node's KRaft controller stays up) under a
 * running application in a child JVM, exactly-once, while a stream over three input partitions is
 * still arriving: the application and the test's producer wait and retry, nothing is restarted on
 * their side. The broker is down for 3 s; its transaction coordinator reloads the open transactions
 * from its log and its group coordinator the group. The derived events read with {@code
 * read_committed} must be the library engine's over the same events: nothing lost, nothing
 * duplicated.
 */
class BrokerRestartTest {
  private static final int PARTITIONS = 3;

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aBrokerRestartMidStreamLosesAndRepeatsNothing() throws Exception {
    restartMidStream(dir.resolve("app.log"));
  }

  private void restartMidStream(Path log) throws Exception {
    long start = System.nanoTime();
    Path rules = dir.resolve("keyed.motif");
    Files.writeString(rules, Scenarios.KEYED);
    LiveStream stream = new LiveStream(13, 500, PARTITIONS);
    List<String> expected = stream.expected();
    assertTrue(expected.size() > 50, expected.size() + " derived events");
    List<String> phases = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start(ChildApp.BROKER)) {
      broker.createTopics(
          Map.of(LiveStream.INPUT, PARTITIONS, LiveStream.OUTPUT, 1, LiveStream.LATE, 1));
      AtomicInteger produced = new AtomicInteger();
      try (LiveStream.Reader reader = new LiveStream.Reader(broker)) {
        // The second half of the stream waits for the restart.
        CountDownLatch restarted = new CountDownLatch(1);
        int half = stream.size() / 2;
        Thread producer = stream.drip(broker, 25, 0, Map.of(half, restarted), produced);
        long t0 = System.nanoTime();
        List<String> args =
            ChildApp.args(broker, rules, "motif-broker-restart", dir.resolve("state"));
        try (ChildApp app = ChildApp.start(log, Map.of(), args)) {
          reader.until(() -> reader.derived.size() >= 10, "output before the restart", 90);
          int before = produced.get();
          broker.restartBroker(Duration.ofSeconds(3));
          restarted.countDown();
          phases.add(lap("broker restarted", t0));
          assertTrue(before <= half, "the restart came mid-stream");
          reader.until(
              () -> produced.get() == stream.size() && reader.derived.size() >= expected.size(),
              "every derived event",
              120);
          reader.drain(3000); // anything more would be a duplicate
          assertTrue(app.isAlive(), "the application rode out the restart; see " + log);
          app.stop();
          phases.add(lap("application done", t0));
        }
        producer.join();
        reader.assertDerived(expected);
        assertEquals(List.of(), reader.late, "nothing is late");
      }
    }
    System.out.printf(
        "BrokerRestartTest: %.1f s in all; %s; %d inputs, %d derived%n",
        (System.nanoTime() - start) / 1e9,
        String.join(", ", phases),
        stream.size(),
        expected.size());
  }

  private static String lap(String what, long t0) {
    String lap = String.format("%s at %.1f s", what, (System.nanoTime() - t0) / 1e9);
    System.out.println("BrokerRestartTest: " + lap);
    return lap;
  }
}
