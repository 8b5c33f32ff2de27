package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * State kept per key ({@link Engine.Builder#partitionStore}): an engine whose partitions live in a
 * store, handed over after every event, dropped from memory and loaded back lazily, restored from
 * its shared snapshot alone, continues exactly as one engine kept whole. (The differential test
 * runs the generated programs this way too.)
 */
class KeyedStateTest {
  /** A store as an application keeps one: the state by (pattern, key), and the deadlines. */
  static final class MapStore implements PartitionStore {
    final Map<String, byte[]> states = new TreeMap<>();
    final Map<String, Long> deadlines = new TreeMap<>();

    static String id(String pattern, byte[] key) {
      return pattern + "/" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public byte[] load(String pattern, byte[] key) {
      return states.get(id(pattern, key));
    }

    void take(Engine e) {
      e.changedPartitions(
          s -> {
            String id = id(s.pattern(), s.key());
            if (s.isEmpty()) {
              states.remove(id);
              deadlines.remove(id);
            } else {
              states.put(id, s.state());
              deadlines.put(id, s.deadline());
            }
          });
    }

    /** The partitions whose deadline is at or before {@code time}. */
    @Override
    public void due(long time, BiConsumer<String, byte[]> partition) {
      for (Map.Entry<String, Long> d : deadlines.entrySet()) {
        if (d.getValue() <= time) {
          String id = d.getKey();
          int slash = id.lastIndexOf('/');
          partition.accept(
              id.substring(0, slash), Base64.getDecoder().decode(id.substring(slash + 1)));
        }
      }
    }
  }

  @Test
  void releasedAndRestoredEveryFewEventsContinuesExactly() {
    Property.check(
        100,
        SnapshotTest.cases(),
        c -> {
          List<Event> events = c.events();
          long delay = c.delay();
          List<String> expected = SnapshotTest.runStraight(events, delay);
          MapStore store = new MapStore();
          Engine.Builder builder = SnapshotTest.builder(delay).partitionStore(store);
          Engine engine = builder.build();
          engine.deploy(SnapshotTest.script());
          List<String> out = new ArrayList<>();
          engine.subscribe("*", d -> out.add(d.toString()));
          for (int i = 0; i < events.size(); i++) {
            engine.send(events.get(i));
            store.take(engine);
            if (i % 3 == 1) {
              engine.releasePartitions();
            } else if (i % 3 == 2) {
              ByteArrayOutputStream shared = new ByteArrayOutputStream();
              engine.snapshotShared(shared);
              engine = builder.restore(new ByteArrayInputStream(shared.toByteArray()));
              engine.subscribe("*", d -> out.add(d.toString()));
            }
          }
          engine.finish(); // (its windows' partitions come back from the store as they close)
          assertEquals(expected, out);
        });
  }

  @Test
  void onlyTouchedPartitionsAreHandedOverAndEmptiedOnesOnce() throws Exception {
    Compilation c =
        Motif.compile(
            "r.motif",
            """
            event A(k long)
            event B(k long)
            pattern P partition by k match a: A -> b: B within 10 ms
            """);
    MapStore store = new MapStore();
    Engine e = Engine.builder().partitionStore(store).build();
    e.deploy(c.script());
    List<PartitionState> changes = new ArrayList<>();
    for (long k = 0; k < 100; k++) {
      e.send("A", 1, Map.of("k", k));
    }
    e.changedPartitions(changes::add);
    assertEquals(100, changes.size());
    assertEquals(11, changes.get(0).deadline()); // first A at 1, window 10 ms
    changes.forEach(s -> store.states.put(MapStore.id(s.pattern(), s.key()), s.state()));
    changes.clear();
    e.send("B", 2, Map.of("k", 7L)); // completes key 7 only
    e.send("B", 2, Map.of("k", 1000L)); // a key with nothing: not handed over
    e.changedPartitions(changes::add);
    assertEquals(1, changes.size());
    assertTrue(changes.get(0).isEmpty());
    assertNull(changes.get(0).state());
    changes.clear();
    e.changedPartitions(changes::add);
    assertTrue(changes.isEmpty(), "handed over once");
  }

  @Test
  void misuseIsRefusedWithReasons() throws Exception {
    Engine plain = Engine.builder().build();
    IllegalStateException noStore =
        assertThrows(IllegalStateException.class, () -> plain.changedPartitions(s -> {}));
    assertTrue(noStore.getMessage().contains("partition store"), noStore.getMessage());

    Compilation c =
        Motif.compile("r.motif", "event A(k long)\npattern P partition by k match A -> A");
    Map<String, byte[]> bad = new TreeMap<>();
    Engine e = Engine.builder().partitionStore((p, k) -> bad.get(p)).build();
    e.deploy(c.script());
    e.send("A", 1, Map.of("k", 1L));
    IllegalStateException untaken = assertThrows(IllegalStateException.class, e::releasePartitions);
    assertTrue(untaken.getMessage().contains("changedPartitions"), untaken.getMessage());
    e.changedPartitions(s -> {});
    e.releasePartitions();
    assertFalse(e.loadPartition("NoSuchPattern", new byte[] {0}));

    bad.put("P", Arrays.copyOf(new byte[] {1, 0, 0}, 7)); // a partition state cut short
    IllegalStateException corrupt =
        assertThrows(IllegalStateException.class, () -> e.send("A", 2, Map.of("k", 2L)));
    assertTrue(corrupt.getMessage().contains("partition"), corrupt.getMessage());
  }
}
