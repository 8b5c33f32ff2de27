package io.motif.stdlib;

import io.motif.function.Values;
import java.util.Arrays;

/**
 * An immutable set of values with {@link Values#same} as equality, for {@code count_distinct}: a
 * hash array mapped trie (Bagwell, "Ideal Hash Trees", 2001). Adding copies only the path to the
 * new entry (at most seven nodes of up to 32 slots), so every older set stays valid and unchanged,
 * as partial matches that branch need.
 */
final class PersistentSet {
  static final PersistentSet EMPTY = new PersistentSet(new Node(0, new Object[0]), 0);

  private static final int BITS = 5;
  private static final int MASK = (1 << BITS) - 1;

  private final Node root;
  private final int size;

  private PersistentSet(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  int size() {
    return size;
  }

  boolean contains(Object v) {
    return root.contains(v, Common.hash(v), 0);
  }

  /** This set with {@code v} (not null) added: this same set when it already holds it. */
  PersistentSet add(Object v) {
    Object r = root.add(v, Common.hash(v), 0);
    return r == root ? this : new PersistentSet((Node) r, size + 1);
  }

  /** Interior node: a bitmap of the used slots of 32, and the slots in order. */
  private static final class Node {
    final int bitmap;
    final Object[] slots; // a value, a Node, or a Collision

    Node(int bitmap, Object[] slots) {
      this.bitmap = bitmap;
      this.slots = slots;
    }

    boolean contains(Object v, int hash, int shift) {
      int bit = 1 << ((hash >>> shift) & MASK);
      if ((bitmap & bit) == 0) {
        return false;
      }
      Object slot = slots[Integer.bitCount(bitmap & (bit - 1))];
      if (slot instanceof Node n) {
        return n.contains(v, hash, shift + BITS);
      }
      if (slot instanceof Collision c) {
        return c.indexOf(v) >= 0;
      }
      return Values.same(slot, v);
    }

    /** This node with v added, or this node itself when v is present. */
    Object add(Object v, int hash, int shift) {
      int bit = 1 << ((hash >>> shift) & MASK);
      int index = Integer.bitCount(bitmap & (bit - 1));
      if ((bitmap & bit) == 0) {
        Object[] s = new Object[slots.length + 1];
        System.arraycopy(slots, 0, s, 0, index);
        s[index] = v;
        System.arraycopy(slots, index, s, index + 1, slots.length - index);
        return new Node(bitmap | bit, s);
      }
      Object slot = slots[index];
      Object replacement;
      if (slot instanceof Node n) {
        replacement = n.add(v, hash, shift + BITS);
      } else if (slot instanceof Collision c) {
        replacement = c.add(v);
      } else if (Values.same(slot, v)) {
        return this;
      } else {
        replacement = pair(slot, Common.hash(slot), v, hash, shift + BITS);
      }
      if (replacement == slot) {
        return this;
      }
      Object[] s = slots.clone();
      s[index] = replacement;
      return new Node(bitmap, s);
    }

    /** A subtree holding two different values. */
    static Object pair(Object a, int ha, Object b, int hb, int shift) {
      if (shift >= 32) {
        return new Collision(new Object[] {a, b}); // equal hashes: a plain list
      }
      int ia = (ha >>> shift) & MASK;
      int ib = (hb >>> shift) & MASK;
      if (ia == ib) {
        return new Node(1 << ia, new Object[] {pair(a, ha, b, hb, shift + BITS)});
      }
      return new Node((1 << ia) | (1 << ib), ia < ib ? new Object[] {a, b} : new Object[] {b, a});
    }
  }

  /** Values whose 32-bit hashes are all equal. */
  private static final class Collision {
    final Object[] values;

    Collision(Object[] values) {
      this.values = values;
    }

    int indexOf(Object v) {
      for (int i = 0; i < values.length; i++) {
        if (Values.same(values[i], v)) {
          return i;
        }
      }
      return -1;
    }

    Collision add(Object v) {
      if (indexOf(v) >= 0) {
        return this;
      }
      Object[] s = Arrays.copyOf(values, values.length + 1);
      s[values.length] = v;
      return new Collision(s);
    }
  }
}
