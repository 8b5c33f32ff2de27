package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opt-in soak run: {@code mvn -pl engine test -Psoak} (5 million adversarial events in {@code
 * -Xmx512m}). Every event starts an attempt, `->>` repeats, and keys run into the millions; the
 * bounds must hold memory flat.
 */
class SoakTest {
  @Test
  void fiveMillionAdversarialEventsStayWithinTheBounds() {
    Assumptions.assumeTrue(Boolean.getBoolean("motif.soak"), "opt-in: -Psoak");
    Compilation c =
        Motif.compile(
            "soak",
            """
        pattern Any partition by k match a: A ->> b: B+ within 1 h
        pattern Every partition by k match a: A -> b: B -> c: C within 1 h
        """);
    Engine e = Engine.builder().build();
    e.deploy(c.script());
    long[] matches = {0};
    e.subscribe("*", d -> matches[0]++);
    SplittableRandom r = new SplittableRandom(1);
    String[] types = {"A", "B", "C"};
    long start = System.nanoTime();
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i < 5_000_000; i++) {
      fields.put("k", (long) r.nextInt(2_000_000));
      e.send(Event.of(types[r.nextInt(3)], i, fields));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    EngineStats s = e.stats();
    Runtime rt = Runtime.getRuntime();
    long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
    System.out.printf(
        "soak: 5000000 events in %d ms (%.0f events/s), %d matches, %d partial"
            + " matches, %d partitions, %d evicted, %d dropped, heap used %d MiB of %d MiB%n",
        ms,
        5e9 / Math.max(1, ms) * 1.0,
        matches[0],
        s.partialMatches(),
        s.partitions(),
        s.evicted(),
        s.dropped(),
        used,
        rt.maxMemory() >> 20);
    assertTrue(s.partialMatches() <= Limits.DEFAULT.maxRuns());
  }
}
