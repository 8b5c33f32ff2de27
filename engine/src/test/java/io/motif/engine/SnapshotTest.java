package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshot and restore: taken at any event boundary (also while events wait in the out-of-order
 * buffer), a restored engine continues exactly as the original; corrupt snapshots are refused.
 */
class SnapshotTest {
  /** Rules that exercise every kind of state a snapshot holds. */
  static final String RULES =
      """
      event T(k long, v long)
      pattern Rise partition by k
        match s: T -> up: T(v > prev.v)+ -> d: T(v < last(up).v)
        within 50 ms
        emit Drop(k: s.k, n: count(up), top: max(up.v), total: sum(up.v))
      pattern Quiet partition by k
        match a: T(v > 5) -> not T(v > 8) within 20 ms
        emit Calm(k: a.k)
      pattern Pair partition by k
        match x: T(v == 1) & y: T(v == 2) within 30 ms
        on timeout emit Half(k: x.k)
      pattern Chain match c: Calm ->> d: Drop within 100 ms
      """;

  static CompiledScript script() {
    Compilation c = Motif.compile("rules.motif", RULES);
    assertFalse(c.hasErrors(), c.render());
    return c.script();
  }

  static Engine.Builder builder(long maxDelay) {
    return Engine.builder().maxDelay(maxDelay);
  }

  static List<Event> stream(long seed, int n) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(6);
      long shown = Math.max(0, t - r.nextInt(4)); // out of order by up to 3 ms
      out.add(Event.of("T", shown, Map.of("k", (long) r.nextInt(3), "v", (long) r.nextInt(10))));
    }
    return out;
  }

  static List<String> runStraight(List<Event> events, long maxDelay) {
    Engine e = builder(maxDelay).build();
    e.deploy(script());
    List<String> out = new ArrayList<>();
    e.subscribe("*", d -> out.add(d.toString()));
    events.forEach(e::send);
    e.finish();
    return out;
  }

  static byte[] snapshot(Engine e) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      e.snapshot(b);
    } catch (IOException ex) {
      throw new AssertionError(ex);
    }
    return b.toByteArray();
  }

  /** A stream of up to 60 events and a maximum delay of up to 4 ms. */
  record Case(List<Event> events, int delay) {}

  /** A failing case shrinks by dropping events and lowering the delay. */
  static Gen<Case> cases() {
    Gen<Integer> sizes = Gen.ints(0, 60);
    Gen<List<Event>> streams =
        Gen.of(
            r -> stream(r.nextLong(), sizes.next(r)),
            events -> Gen.shrinkList(events, 0, e -> List.of()));
    return Gen.combine(streams, Gen.ints(0, 4), Case::new, Case::events, Case::delay);
  }

  @Test
  void restoreAtEveryBoundaryContinuesExactly() {
    Property.check(150, cases(), SnapshotTest::restoresAtEveryBoundary);
  }

  private static void restoresAtEveryBoundary(Case c) throws Exception {
    List<Event> events = c.events();
    long delay = c.delay();
    List<String> expected = runStraight(events, delay);
    for (int cut = 0; cut <= events.size(); cut++) {
      Engine first = builder(delay).build();
      first.deploy(script());
      List<String> out = new ArrayList<>();
      first.subscribe("*", d -> out.add(d.toString()));
      for (int i = 0; i < cut; i++) {
        first.send(events.get(i));
      }
      byte[] snap = snapshot(first);
      Engine second = builder(delay).restore(new ByteArrayInputStream(snap));
      assertArrayEquals(snap, snapshot(second), "restore then snapshot is byte-identical");
      second.subscribe("*", d -> out.add(d.toString()));
      for (int i = cut; i < events.size(); i++) {
        second.send(events.get(i));
      }
      second.finish();
      assertEquals(expected, out, "cut at " + cut);
    }
  }

  @Test
  void mutatedSnapshotsAreRefusedOrRestoreCleanly() throws Exception {
    List<Event> events = stream(7, 40);
    Engine e = builder(3).build();
    e.deploy(script());
    events.forEach(e::send);
    byte[] good = snapshot(e);
    Random r = new Random(11);
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] bad = good.clone();
      switch (i % 4) {
        case 0 -> bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> bad = Arrays.copyOf(bad, r.nextInt(bad.length));
        case 2 -> { // inflate a length field in the header
          int at = 12 + r.nextInt(8);
          bad[at] = (byte) 0x7f;
        }
        default -> { // flip a byte of the body and fix the checksum, so the reader sees it
          int at = 28 + r.nextInt(bad.length - 28);
          bad[at] = (byte) r.nextInt(256);
          CRC32 crc = new CRC32();
          crc.update(bad, 28, bad.length - 28);
          ByteBuffer.wrap(bad, 20, 8).putLong(crc.getValue());
        }
      }
      try {
        Engine restored = builder(3).restore(new ByteArrayInputStream(bad));
        restored.send(Event.of("T", 10_000, Map.of("k", 1L, "v", 3L)));
        restored.finish();
      } catch (SnapshotException expected) {
        refused++;
      }
    }
    assertTrue(refused > 7_000, "most mutations are refused: " + refused);
  }

  @Test
  void unknownVersionIsRefusedNamingBothVersions() {
    byte[] snap = snapshot(builder(0).build());
    snap[11] = 99;
    SnapshotException ex =
        assertThrows(
            SnapshotException.class, () -> builder(0).restore(new ByteArrayInputStream(snap)));
    assertTrue(
        ex.getMessage().contains("99") && ex.getMessage().contains("versions 1 to 3"),
        ex.getMessage());
  }

  @Test
  void notASnapshot() {
    SnapshotException ex =
        assertThrows(
            SnapshotException.class,
            () -> builder(0).restore(new ByteArrayInputStream("hello".getBytes())));
    assertTrue(ex.getMessage().contains("not a Motif snapshot"), ex.getMessage());
  }

  /**
   * The committed golden snapshots of the older format versions, each taken by the engine of its
   * time after the first 25 events, still restore and continue. They are history: never
   * regenerated.
   */
  @ParameterizedTest
  @ValueSource(strings = {"v1", "v2"})
  void goldenSnapshotRestores(String version) throws Exception {
    Path golden = Path.of("src/test/resources/snapshots/" + version + ".snapshot");
    List<Event> events = stream(3, 50);
    List<String> expected = runStraight(events, 3);
    Engine e = builder(3).build();
    e.deploy(script());
    List<String> before = new ArrayList<>();
    e.subscribe("*", d -> before.add(d.toString()));
    events.subList(0, 25).forEach(e::send);
    Engine restored;
    try (InputStream in = Files.newInputStream(golden)) {
      restored = builder(3).restore(in);
    }
    List<String> out = new ArrayList<>(before);
    restored.subscribe("*", d -> out.add(d.toString()));
    events.subList(25, events.size()).forEach(restored::send);
    restored.finish();
    assertEquals(expected, out);
  }
}
