package io.motif.engine.runtime;

import java.util.Arrays;

/**
 * The rows of a large partition ordered by their guard column, for an order comparison ({@code x >
 * a.x}): a binary min-heap of (key, first event's sequence number) whose key is the column's value
 * for a guard that moves rows below the event's value ({@code >}, {@code >=}) and its negation for
 * one that moves rows above it ({@code <}, {@code <=}), so that the rows an event can move are
 * always at the top. A lookup pops them; those a step leaves as they were are pushed back.
 */
final class ColumnOrder extends ColumnIndex {
  /** 1 when the rows an event moves have columns below its value, -1 above (see Guard). */
  private final int direction;

  private final boolean inclusive;

  private double[] keys = new double[16];
  private long[] seqs = new long[16];
  private int size;

  ColumnOrder(int direction, boolean inclusive, int position) {
    super(position);
    this.direction = direction;
    this.inclusive = inclusive;
  }

  private double key(long column) {
    return direction * Double.longBitsToDouble(column);
  }

  @Override
  void add(long column, long seq) {
    push(key(column), seq);
  }

  @Override
  void append(long column, long seq) {
    appendKey(key(column), seq);
  }

  @Override
  void seal() {
    heapify();
  }

  @Override
  void collect(long current, RunList part, Visits visits) {
    double bound = key(current);
    while (topWithin(bound, inclusive)) {
      int i = part.rowOf(seqs[0]);
      boolean named = i >= 0 && part.pos(i) == position && key(part.column(i)) == keys[0];
      pop();
      if (named) {
        visits.add(i);
      } // (else its row has gone, or moved on)
    }
  }

  @Override
  boolean givesOut() {
    return true;
  }

  @Override
  int size() {
    return size;
  }

  @Override
  void clear() {
    size = 0;
  }

  /**
   * Whether the top entry's key is below {@code bound} (or equal to it, when {@code inclusive}).
   */
  boolean topWithin(double bound, boolean inclusive) {
    if (size == 0) {
      return false;
    }
    double k = keys[0];
    return inclusive ? k <= bound : k < bound;
  }

  private void push(double key, long seq) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      seqs[i] = seqs[parent];
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
  }

  /** Adds an entry without restoring the heap order: {@link #heapify} follows. */
  private void appendKey(double key, long seq) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    keys[size] = key;
    seqs[size++] = seq;
  }

  private void heapify() {
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, keys[i], seqs[i]);
    }
  }

  private void pop() {
    int last = --size;
    if (last > 0) {
      siftDown(0, keys[last], seqs[last]);
    }
  }

  private void siftDown(int i, double key, long seq) {
    int n = size;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && keys[child + 1] < keys[child]) {
        child++;
      }
      if (keys[child] >= key) {
        break;
      }
      keys[i] = keys[child];
      seqs[i] = seqs[child];
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
  }
}
