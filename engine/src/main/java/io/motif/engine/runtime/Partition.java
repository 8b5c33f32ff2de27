package io.motif.engine.runtime;

/** One partition's partial matches and its position counter in the pattern's stream. */
final class Partition extends RunList {
  final Object key;
  long seq;

  /** Neighbours in creation order, and whether it is in its pattern's table. */
  Partition older;

  Partition newer;
  boolean current;

  Partition(Object key) {
    this.key = key;
  }
}
