package io.motif.engine.runtime;

/** One partition's partial matches and its position counter in the pattern's stream. */
final class Partition extends RunList {
  /** The partition key; a partition taken back from its table's spares gets a new one. */
  Object key;

  long seq;

  /** Neighbours in creation order, and whether it is in its pattern's table. */
  Partition older;

  Partition newer;
  boolean current;

  Partition(Object key, RowRuns rowRuns) {
    super(rowRuns, rowRuns.orderedPosition(), rowRuns.orderedGuard(), rowRuns.rowWidth());
    this.key = key;
  }
}
