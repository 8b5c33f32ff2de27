package io.motif.engine.runtime;

import com.carrotsearch.hppc.LongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One pattern's partitions by key, in creation order. Whole-number keys (the usual case: ids, and
 * every integral key is normalised to a Long) sit in a primitive-keyed open-addressing table, so a
 * lookup compares longs in one array instead of following a node to a boxed key; other keys
 * (strings, composite keys) in a hash map. Creation order is a list threaded through the partitions
 * themselves: the oldest is evicted first, and snapshots write them in that order.
 */
final class PartitionTable implements Iterable<Partition> {
  private final LongObjectHashMap<Partition> byLong = new LongObjectHashMap<>();
  private final Map<Object, Partition> byObject = new HashMap<>();
  private Partition oldest;
  private Partition newest;
  private int size;

  /** How a partition's packed rows become runs (its pattern). */
  private final RunList.RowRuns rowRuns;

  /**
   * Partitions removed since the last {@link #recycle}: something up the stack may still read one
   * (a window closing completes an absence whose derived event empties the partition), so none is
   * reused before the engine is between events.
   */
  private final ArrayList<Partition> retired = new ArrayList<>();

  /** Emptied partitions, reset, kept so that keys that come and go allocate nothing. */
  private final ArrayList<Partition> spares = new ArrayList<>();

  /** The most partitions kept for reuse: a few of each kind of churn, not a cache of keys. */
  private static final int SPARES = 64;

  /** Told when a partition is retired, so that {@link #recycle} is called only when needed. */
  private final Runnable onRetire;

  PartitionTable(RunList.RowRuns rowRuns, Runnable onRetire) {
    this.rowRuns = rowRuns;
    this.onRetire = onRetire;
  }

  /** A new, empty partition for {@code key} (not yet in the table): a spare when there is one. */
  Partition create(Object key) {
    int n = spares.size();
    if (n == 0) {
      return new Partition(key, rowRuns);
    }
    Partition p = spares.remove(n - 1);
    p.key = key;
    return p;
  }

  /** Whether partitions were removed since the last {@link #recycle}. */
  boolean hasRetired() {
    return !retired.isEmpty();
  }

  /** Between events: the partitions removed since the last call become spares. */
  void recycle() {
    for (Partition p : retired) {
      if (!p.current && spares.size() < SPARES) {
        p.reset();
        p.key = null;
        p.seq = 0;
        spares.add(p);
      }
    }
    retired.clear();
  }

  Partition get(Object key) {
    return key instanceof Long l ? byLong.get(l) : byObject.get(key);
  }

  int size() {
    return size;
  }

  Partition oldest() {
    return oldest;
  }

  /** Adds a partition whose key is not present. */
  void add(Partition p) {
    if (p.key instanceof Long l) {
      p.longKey = l;
      p.longKeyed = true;
      byLong.put(l, p);
    } else {
      p.longKeyed = false;
      byObject.put(p.key, p);
    }
    p.older = newest;
    p.newer = null;
    if (newest == null) {
      oldest = p;
    } else {
      newest.newer = p;
    }
    newest = p;
    p.current = true;
    size++;
  }

  /** Removes a partition of this table (one still current). */
  void remove(Partition p) {
    if (!p.current) {
      return;
    }
    if (p.longKeyed) {
      byLong.remove(p.longKey);
    } else {
      byObject.remove(p.key);
    }
    if (p.older == null) {
      oldest = p.newer;
    } else {
      p.older.newer = p.newer;
    }
    if (p.newer == null) {
      newest = p.older;
    } else {
      p.newer.older = p.older;
    }
    p.older = null;
    p.newer = null;
    p.current = false;
    size--;
    if (retired.size() < SPARES) {
      retired.add(p);
      onRetire.run();
    }
  }

  void clear() {
    for (Partition p = oldest; p != null; ) {
      Partition next = p.newer;
      p.current = false;
      p.older = null;
      p.newer = null;
      p = next;
    }
    byLong.clear();
    byObject.clear();
    retired.clear();
    spares.clear();
    oldest = null;
    newest = null;
    size = 0;
  }

  /** Oldest first. Do not add or remove while iterating. */
  @Override
  public Iterator<Partition> iterator() {
    return new Iterator<>() {
      private Partition next = oldest;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Partition next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Partition p = next;
        next = p.newer;
        return p;
      }
    };
  }
}
