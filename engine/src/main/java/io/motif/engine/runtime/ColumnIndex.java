package io.motif.engine.runtime;

import io.motif.engine.automaton.Guard;
import java.util.Arrays;

/**
 * A large partition's waiting rows indexed by their guard column (see {@link RunList}), so that an
 * event visits only the rows its comparison lets move, however many others wait: for {@code x >
 * a.x} the rows whose {@code a.x} is below the event's {@code x} ({@link ColumnOrder}), for {@code
 * id == a.id} those whose {@code a.id} is the event's {@code id} ({@link ColumnHash}).
 *
 * <p>Entries name rows by their first event's sequence number, which a row keeps however the
 * partition's arrays are compacted or rewritten, so nothing here follows those moves. An entry
 * whose row has gone is dropped when a lookup reaches it, and the partition rebuilds the index from
 * its rows once such entries outnumber the live ones.
 */
abstract class ColumnIndex {
  /** The index for a guard's comparison. */
  static ColumnIndex of(Guard guard) {
    return guard.direction() == 0
        ? new ColumnHash()
        : new ColumnOrder(guard.direction(), guard.inclusive());
  }

  /** Adds the row whose first event is {@code seq} and whose column is {@code column}. */
  abstract void add(long column, long seq);

  /** Adds a row while the index is rebuilt: {@link #seal} follows the last. */
  void append(long column, long seq) {
    add(column, seq);
  }

  /** After the last {@link #append} of a rebuild. */
  void seal() {}

  abstract void clear();

  /** Entries, those of rows that have gone included. */
  abstract int size();

  /**
   * Adds to {@code visits} the rows of {@code part} (all packed, in order of first event) that an
   * event whose guard value is {@code current} can move. With {@link #givesOut}, the rows listed
   * leave the index: those a step leaves as they were are added back.
   */
  abstract void collect(long current, RunList part, Visits visits);

  /** Whether {@link #collect} takes the rows it lists out of the index. */
  abstract boolean givesOut();

  /** Row numbers, appended and reused. */
  static final class Visits {
    int[] rows = new int[16];
    int n;

    void add(int row) {
      if (n == rows.length) {
        rows = Arrays.copyOf(rows, 2 * n);
      }
      rows[n++] = row;
    }
  }
}
