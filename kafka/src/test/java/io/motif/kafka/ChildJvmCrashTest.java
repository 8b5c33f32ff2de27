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
 * The application as users run it, {@code MotifKafkaApp} in its own JVM, exactly-once, killed with
 * SIGKILL ({@link Process#destroyForcibly()}) three times while a stream over three input
 * partitions is still arriving, and restarted each time:
 *
 * <ol>
 *   <li>at an arbitrary moment, once some output is committed;
 *   <li>inside an engine checkpoint: the stream thread is frozen (by {@link FreezeInterceptor}) as
 *       it sends the {@code meta} record naming a new checkpoint, after the checkpoint's chunks;
 *   <li>inside a Kafka commit: frozen as the commit flushes the cached source-time store, after the
 *       transaction holds all the processing of the interval and before offsets and commit.
 * </ol>
 *
 * The first two restarts keep the state directory (its process id, so its transactional ids); the
 * third starts from an empty one, so the engines come from the changelogs alone and the killed
 * instance's open transaction is aborted by its timeout. The derived events read with {@code
 * read_committed} are the library engine's over the same events: nothing lost, nothing duplicated.
 */
class ChildJvmCrashTest {
  private static final int PARTITIONS = 3;

  /**
   * How long an instance that should freeze in a commit waits for input held back at a gate before
   * the gate opens (it froze within 4 s when the input before the gate was left for it).
   */
  private static final long GATE_NANOS = 15_000_000_000L;

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killedMidStreamInACheckpointAndInACommitLosesAndRepeatsNothing() throws Exception {
    long start = System.nanoTime();
    Path rules = dir.resolve("keyed.motif");
    Files.writeString(rules, Scenarios.KEYED);
    LiveStream stream = new LiveStream(7, 500, PARTITIONS);
    List<String> expected = stream.expected();
    assertTrue(expected.size() > 50, expected.size() + " derived events");
    List<String> phases = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start(ChildApp.BROKER)) {
      broker.createTopics(
          Map.of(LiveStream.INPUT, PARTITIONS, LiveStream.OUTPUT, 1, LiveStream.LATE, 1));
      AtomicInteger produced = new AtomicInteger();
      try (LiveStream.Reader reader = new LiveStream.Reader(broker)) {
        // The second third of the stream waits for the first kill, the last for the third.
        CountDownLatch firstKilled = new CountDownLatch(1);
        CountDownLatch thirdKilled = new CountDownLatch(1);
        int third = stream.size() / 3;
        Thread producer =
            stream.drip(
                broker, 25, 0, Map.of(third, firstKilled, 2 * third, thirdKilled), produced);
        long t0 = System.nanoTime();

        // 1. An arbitrary moment, once output is committed.
        try (ChildApp a = child(broker, rules, "state-a", "a", null)) {
          reader.until(() -> reader.derived.size() >= 10, "output from the first instance", 90);
          a.kill();
          firstKilled.countDown();
        }
        int atKill = reader.derived.size();
        phases.add(lap("first instance killed", t0));
        assertTrue(
            produced.get() <= third + 1 && atKill < expected.size(),
            "the kill came mid-stream: " + produced + " inputs produced, " + atKill + " derived");

        // 2. Inside a checkpoint: the 4th meta record of this instance.
        freezeAndKill(broker, rules, "state-a", "b", "motif-checkpoint|meta|4", reader, null);
        phases.add(lap("second instance killed in a checkpoint", t0));

        // 3. Inside a commit, on an empty state directory: restored from the changelogs. (If the
        // second instance had committed all the input so far, this one has nothing to commit:
        // then the rest of the stream is let through, and the kill still comes before its end.)
        freezeAndKill(broker, rules, "state-b", "c", "motif-source-time||3", reader, thirdKilled);
        int producedAtThird = produced.get();
        thirdKilled.countDown();
        assertTrue(producedAtThird < stream.size(), "the third kill came mid-stream");
        phases.add(lap("third instance killed in a commit", t0));

        // The last instance runs to the end and stops cleanly.
        try (ChildApp d = child(broker, rules, "state-b", "d", null)) {
          reader.until(
              () -> produced.get() == stream.size() && reader.derived.size() >= expected.size(),
              "every derived event",
              90);
          reader.drain(3000); // anything more would be a duplicate
          d.stop();
        }
        phases.add(lap("last instance done", t0));
        producer.join();
        reader.assertDerived(expected);
        assertEquals(List.of(), reader.late, "nothing is late");
      }
    }
    System.out.printf(
        "ChildJvmCrashTest: %.1f s in all; %s; %d inputs, %d derived%n",
        (System.nanoTime() - start) / 1e9,
        String.join(", ", phases),
        stream.size(),
        expected.size());
  }

  private void freezeAndKill(
      KafkaBroker broker,
      Path rules,
      String state,
      String name,
      String freeze,
      LiveStream.Reader reader,
      CountDownLatch gate)
      throws Exception {
    try (ChildApp c = child(broker, rules, state, name, freeze)) {
      long started = System.nanoTime();
      long deadline = started + 90_000_000_000L;
      while (!c.logContains(FreezeInterceptor.FROZEN)) {
        assertTrue(c.isAlive(), "instance " + name + " died; see " + dir.resolve(name + ".log"));
        assertTrue(System.nanoTime() < deadline, "instance " + name + " never froze at " + freeze);
        if (gate != null && gate.getCount() > 0 && System.nanoTime() - started > GATE_NANOS) {
          System.out.println(
              "ChildJvmCrashTest: instance " + name + " had nothing to commit: input let through");
          gate.countDown();
        }
        reader.poll();
      }
      c.kill();
    }
  }

  private ChildApp child(KafkaBroker broker, Path rules, String state, String name, String freeze)
      throws Exception {
    List<String> args = ChildApp.args(broker, rules, "motif-crash", dir.resolve(state));
    if (freeze != null) {
      args.addAll(
          List.of("-p", "producer.interceptor.classes=" + FreezeInterceptor.class.getName()));
    }
    return ChildApp.start(
        dir.resolve(name + ".log"),
        freeze == null ? Map.of() : Map.of(FreezeInterceptor.PROPERTY, freeze),
        args);
  }

  private static String lap(String what, long t0) {
    String lap = String.format("%s at %.1f s", what, (System.nanoTime() - t0) / 1e9);
    System.out.println("ChildJvmCrashTest: " + lap);
    return lap;
  }
}
