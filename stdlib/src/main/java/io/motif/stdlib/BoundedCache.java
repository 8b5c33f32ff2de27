package io.motif.stdlib;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe cache of at most {@code 2 * generation} entries that keeps recently used ones: a
 * young and an old generation; a hit in the old one is copied into the young one, and when the
 * young one is full it becomes the old one (the previous old one is dropped whole). This is an
 * approximate LRU without locks on the read path. Values must not be null: callers cache failures
 * as a sentinel.
 */
final class BoundedCache<V> {
  private final int generation;
  private final Function<String, V> compute;
  private volatile ConcurrentHashMap<String, V> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<String, V> old = new ConcurrentHashMap<>();

  BoundedCache(int generation, Function<String, V> compute) {
    this.generation = generation;
    this.compute = compute;
  }

  V get(String key) {
    ConcurrentHashMap<String, V> y = young;
    V v = y.get(key);
    if (v != null) {
      return v;
    }
    v = old.get(key);
    if (v == null) {
      v = compute.apply(key);
    }
    if (y.size() >= generation) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
        y = young;
      }
    }
    y.put(key, v);
    return v;
  }

  /** The number of entries held, at most twice the generation size. */
  int size() {
    return young.size() + old.size();
  }
}
