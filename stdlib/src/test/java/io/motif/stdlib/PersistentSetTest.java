package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hash trie behind count_distinct against java.util.HashSet, old versions included. */
class PersistentSetTest {
  @Test
  void behavesLikeAHashSet() {
    Property.check(
        300, Gen.lists(Gen.ints(-300, 300), 0, 400), PersistentSetTest::behavesLikeAHashSet);
  }

  private static void behavesLikeAHashSet(List<Integer> values) {
    PersistentSet set = PersistentSet.EMPTY;
    Set<Long> reference = new HashSet<>();
    List<PersistentSet> versions = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int v : values) {
      PersistentSet next = set.add((long) v);
      assertEquals(reference.add((long) v), next != set, "a new value makes a new set");
      set = next;
      versions.add(set);
      sizes.add(reference.size());
      assertEquals(reference.size(), set.size());
      assertTrue(set.contains((long) v));
      assertTrue(set.contains((double) v), "1.0 is 1");
    }
    for (int v = -300; v <= 300; v++) {
      assertEquals(reference.contains((long) v), set.contains((long) v));
    }
    for (int i = 0; i < versions.size(); i++) {
      assertEquals((int) sizes.get(i), versions.get(i).size(), "old versions keep their size");
      assertTrue(versions.get(i).contains((long) values.get(i)));
    }
  }

  /** Values whose hashes collide in every bit reach the collision lists at the bottom. */
  @Test
  void fullHashCollisions() {
    record Colliding(int id) {
      @Override
      public int hashCode() {
        return 42;
      }
    }
    PersistentSet set = PersistentSet.EMPTY;
    for (int i = 0; i < 50; i++) {
      set = set.add(new Colliding(i));
      assertSame(set, set.add(new Colliding(i)));
    }
    assertEquals(50, set.size());
    for (int i = 0; i < 50; i++) {
      assertTrue(set.contains(new Colliding(i)));
    }
    assertFalse(set.contains(new Colliding(50)));
  }

  @Test
  void manyValues() {
    PersistentSet set = PersistentSet.EMPTY;
    for (long i = 0; i < 200_000; i++) {
      set = set.add(i * 7919);
    }
    assertEquals(200_000, set.size());
    assertTrue(set.contains(7919L * 199_999));
    assertFalse(set.contains(1L));
  }
}
