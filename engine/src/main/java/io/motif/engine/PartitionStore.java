package io.motif.engine;

import java.util.function.BiConsumer;

/**
 * Where an engine finds the partitions it does not hold in memory: with a store, an engine keeps
 * its state per (pattern, partition key), hands every partition an input changed to {@link
 * Engine#changedPartitions}, and loads one from the store the first time an event, a window or
 * {@link Engine#loadPartition} needs it. An application keeps the bytes it was handed (a key-value
 * store, a changelog) and gives them back here; the engine holds only what it touched since it
 * started (or since {@link Engine#releasePartitions}).
 */
@FunctionalInterface
public interface PartitionStore {
  /**
   * The state last handed over for {@code pattern}'s partition {@code key} (as {@link
   * PartitionState#state}), or null when there is none (never handed over, or handed over empty).
   */
  byte[] load(String pattern, byte[] key);

  /**
   * Called before the engine's time passes {@code time} (an event, {@link Engine#advanceTime}, an
   * event forced through a full buffer, the end of time): gives {@code partition} the pattern and
   * key of every partition kept whose {@linkplain PartitionState#deadline deadline} is at or before
   * {@code time}, and the engine loads those it does not hold, so that their windows close in
   * order. Giving more is harmless; the default gives none (then call {@link Engine#loadPartition}
   * before moving time).
   */
  default void due(long time, BiConsumer<String, byte[]> partition) {}
}
