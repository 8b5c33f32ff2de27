package io.motif.engine.runtime;

import io.motif.engine.automaton.Guard;
import java.util.Arrays;

/**
 * A large partition's waiting rows indexed by their guard column (see {@link RunList}), so that an
 * event visits only the rows its comparison lets move, however many others wait: for {@code x >
 * a.x} the rows whose {@code a.x} is below the event's {@code x} ({@link ColumnOrder}), for {@code
 * id == a.id} those whose {@code a.id} is the event's {@code id} ({@link ColumnHash}).
 *
 * <p>An index holds the rows of one position. Entries name rows by their first event's sequence
 * number, which a row keeps however the partition's arrays are compacted or rewritten, so nothing
 * here follows those moves. An entry whose row has gone, or has since moved on to another position
 * or column, is dropped when a lookup reaches it ({@link #names}), and the partition rebuilds the
 * index from its rows once such entries outnumber the live ones.
 */
abstract class ColumnIndex {
  /** The position whose rows this index holds. */
  final int position;

  ColumnIndex(int position) {
    this.position = position;
  }

  /** The index for a guard's comparison, of the rows at {@code position}. */
  static ColumnIndex of(Guard guard, int position) {
    return guard.direction() == 0
        ? new ColumnHash(position)
        : new ColumnOrder(guard.direction(), guard.inclusive(), position);
  }

  /**
   * The row of {@code part} an entry ({@code column}, {@code seq}) names, or -1 when it names none
   * any longer: the row has gone, or waits at another position or with another column now. (A step
   * that visited such a row would only find it left as it is, the step going by the row's own
   * position; the entry goes so that no step does.)
   */
  final int names(RunList part, long column, long seq) {
    int i = part.rowOf(seq);
    return i >= 0 && part.pos(i) == position && part.column(i) == column ? i : -1;
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
