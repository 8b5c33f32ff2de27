package io.motif.engine;

/**
 * One partition of one pattern as an input left it, for an application that keeps an engine's state
 * per key (see {@link PartitionStore}).
 *
 * @param pattern the pattern's name
 * @param key the partition key in {@link ValueCodec}'s form: equal keys give equal bytes
 * @param state its partial matches, for {@link PartitionStore#load}; null when it has none left
 *     (delete what was kept)
 * @param deadline the earliest time at which a window of these partial matches closes (the
 *     watermark passing it completes an absence, times out or ends an attempt), or {@link
 *     Long#MAX_VALUE} when none has a time window: an application that loads partitions lazily
 *     loads this one (with {@link Engine#loadPartition}) before moving time past it
 */
public record PartitionState(String pattern, byte[] key, byte[] state, long deadline) {
  /** Whether the partition has no partial matches left. */
  public boolean isEmpty() {
    return state == null;
  }
}
