package io.motif.engine.runtime;

/** One partition's partial matches and its position counter in the pattern's stream. */
final class Partition extends RunList {
  /** The partition key; a partition taken back from its table's spares gets a new one. */
  Object key;

  long seq;

  /**
   * The key as a {@code long} while the partition is in its table's map of long keys (set by {@link
   * PartitionTable#add}): removing it then reads no boxed key, which by then is seldom in cache.
   */
  long longKey;

  boolean longKeyed;

  /** Neighbours in creation order, and whether it is in its pattern's table. */
  Partition older;

  Partition newer;
  boolean current;

  Partition(Object key, RowRuns rowRuns) {
    super(
        rowRuns,
        rowRuns.indexedAt(),
        rowRuns.columnGuards(),
        rowRuns.rowWidth(),
        rowRuns.keepsFirstPseq());
    this.key = key;
  }
}
