package io.motif.engine.runtime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs in an array and a count: the least a partition can hold its runs in. Not a {@link
 * java.util.List}, so that the hot path never goes through a wrapper or an iterator. Each run's
 * position is kept beside it in an int array, so a step can pass over the runs an event cannot move
 * without loading them.
 */
class RunList implements Iterable<Run> {
  private static final Run[] NONE = new Run[0];
  private static final int[] NO_POSITIONS = new int[0];
  private static final long[] NO_COLUMNS = new long[0];
  private Run[] runs = NONE;
  private int[] positions = NO_POSITIONS;

  /** Each run's guard column ({@link Run#column}), beside it for the same reason. */
  private long[] columns = NO_COLUMNS;

  private int size;

  final int size() {
    return size;
  }

  final boolean isEmpty() {
    return size == 0;
  }

  final Run get(int i) {
    return runs[i];
  }

  /** The position of run {@code i}, without loading the run. */
  final int pos(int i) {
    return positions[i];
  }

  /** The guard column of run {@code i}, without loading the run. */
  final long column(int i) {
    return columns[i];
  }

  final Run last() {
    return runs[size - 1];
  }

  final void set(int i, Run r) {
    runs[i] = r;
    positions[i] = r.pos;
    columns[i] = r.column;
  }

  final void add(Run r) {
    if (size == runs.length) {
      runs = Arrays.copyOf(runs, Math.max(2, size * 2));
      positions = Arrays.copyOf(positions, runs.length);
      columns = Arrays.copyOf(columns, runs.length);
    }
    positions[size] = r.pos;
    columns[size] = r.column;
    runs[size++] = r;
  }

  /** Keeps the first {@code n} runs, letting go of the rest. */
  final void truncate(int n) {
    for (int i = n; i < size; i++) {
      runs[i] = null;
    }
    size = n;
  }

  final void clear() {
    truncate(0);
  }

  /** Becomes a copy of {@code other}'s runs. */
  final void copyFrom(RunList other) {
    int n = other.size;
    if (runs.length < n) {
      runs = Arrays.copyOf(runs, Math.max(n, runs.length * 2));
      positions = Arrays.copyOf(positions, runs.length);
      columns = Arrays.copyOf(columns, runs.length);
    }
    System.arraycopy(other.runs, 0, runs, 0, n);
    System.arraycopy(other.positions, 0, positions, 0, n);
    System.arraycopy(other.columns, 0, columns, 0, n);
    truncate(n); // when it shrank
    size = n;
  }

  /** Drops dead runs, keeping the order of the others; returns how many went. */
  final int removeDead() {
    int w = 0;
    for (int i = 0; i < size; i++) {
      Run r = runs[i];
      if (!r.dead) {
        positions[w] = positions[i];
        columns[w] = columns[i];
        runs[w++] = r;
      }
    }
    int removed = size - w;
    truncate(w);
    return removed;
  }

  final void sort(Comparator<Run> order) {
    Arrays.sort(runs, 0, size, order);
    for (int i = 0; i < size; i++) {
      positions[i] = runs[i].pos;
      columns[i] = runs[i].column;
    }
  }

  @Override
  public final Iterator<Run> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < size;
      }

      @Override
      public Run next() {
        if (i >= size) {
          throw new NoSuchElementException();
        }
        return runs[i++];
      }
    };
  }
}
