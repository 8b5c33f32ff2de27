package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Guard;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A partition's partial matches as rows of parallel arrays: the least a partition can hold them in.
 * Not a {@link java.util.List}, so that the hot path never goes through a wrapper or an iterator.
 *
 * <p>A row is either a {@link Run} object or a packed row: an attempt that has taken its first
 * event (most waiting runs: {@code a: A -> b: B(x > a.x)} waits at {@code a}) and, where the
 * pattern allows ({@code PatternTables#packedLater}), up to {@code width} later events ({@code a: A
 * -> B -> C -> D} waits at {@code B} and {@code C} too): the events, their sequence numbers and
 * positions, in columns of the partition's arrays. Such a row costs no object; it becomes a {@code
 * Run} ({@link #get}) only when something needs one (a step that may move it, a snapshot, a trace).
 * Each row's position and guard column sit in primitive arrays, so a step passes over the rows an
 * event cannot move without loading anything else. A large partition whose rows all wait packed at
 * indexed positions ({@code PatternTables#indexedAt}) also keeps them in a {@link ColumnIndex} per
 * position, so that a step visits only the rows the event can move.
 */
class RunList implements Iterable<Run> {
  /** Makes the run a packed row stands for; the partition's pattern knows how. */
  interface RowRuns {
    /**
     * The run of a packed row at {@code pos} whose first event is {@code first} ({@code firstSeq}),
     * followed by {@code depth} later events: {@code later[offset + k]} ({@code laterSeqs}) for
     * {@code k < depth}, the event before each at {@code earlierPos[offset + k]}; {@code column}:
     * the row's column.
     */
    Run run(
        Event first,
        long firstSeq,
        int pos,
        long column,
        int depth,
        Event[] later,
        long[] laterSeqs,
        int[] earlierPos,
        int offset,
        long firstPseq);

    /** How many later events a packed row holds at most ({@code PatternTables#rowWidth}). */
    int rowWidth();

    /** The positions whose rows are indexed ({@code PatternTables#indexedAt}), or null. */
    boolean[] indexedAt();

    /** Each position's guard ({@code PatternTables#columnGuard}). */
    Guard[] columnGuards();

    /** Whether rows keep their first event's stream position ({@code within N events}). */
    boolean keepsFirstPseq();
  }

  private static final Object[] NONE = new Object[0];
  private static final Event[] NO_EVENTS = new Event[0];
  private static final int[] NO_POSITIONS = new int[0];
  private static final long[] NO_LONGS = new long[0];

  /** A {@link Run}, or the event of a packed row. */
  private Object[] items = NONE;

  private int[] positions = NO_POSITIONS;

  /**
   * Each row's guard column (see {@code PatternTables#columnGuard}): the value its position's guard
   * compares events with, captured when the run reached the position; {@code Guard.VISIT} when
   * there is none. Kept here only, beside the position, for the same reason. At a position a {@code
   * =>} edge leaves (which has no guard), a packed row's column is its newest event's stream
   * position instead ({@code PatternTables#rowColumn}).
   */
  private long[] columns = NO_LONGS;

  /**
   * A packed row's sequence number (sequence numbers start at 1), negated ({@code ~seq}) once the
   * row is dead; 0 for a run object. So whether a row is packed, dead, or when it started is read
   * here without loading what {@code items} holds.
   */
  private long[] seqs = NO_LONGS;

  /**
   * Under {@code within N events}, a packed row's first event's stream position ({@code pseq}),
   * which its window counts from; else never made (see {@link #keepsFirstPseq}).
   */
  private long[] firstPseqs = NO_LONGS;

  private final boolean keepsFirstPseq;

  /**
   * How many events after its first a packed row may hold ({@code PatternTables#rowWidth}); each
   * row has that many slots in the three arrays below, at {@code width * (base + i)}. Zero for most
   * patterns, whose rows hold their first event only. The arrays are made with the first row of
   * several events ({@link #wide}): a partition whose rows never took a second event holds none.
   */
  private final int width;

  /** Per row: how many later events a packed row holds (0: its first only). */
  private int[] depths = NO_POSITIONS;

  /** A packed row's later events, oldest first, and their sequence numbers. */
  private Event[] later = NO_EVENTS;

  private long[] laterSeqs = NO_LONGS;

  /** The position of the event before each later event (the first event's, for slot 0). */
  private int[] earlierPos = NO_POSITIONS;

  private int size;

  /**
   * Where row 0 sits in the arrays: rows dropped from the front (windows close on the oldest rows
   * first) leave their room behind instead of moving every other row down; {@link #ensure} takes it
   * back.
   */
  private int base;

  /** Null for a list that only ever holds copied rows (the step's scratch list). */
  private final RowRuns rowRuns;

  /** The positions whose rows are indexed ({@code PatternTables#indexedAt}), or null; guards. */
  private final boolean[] indexedAt;

  private final Guard[] guards;

  /**
   * How many rows are not live packed rows at an indexed position with an exact column: while there
   * is one, the step passes over every row (it may move a run anywhere, or drop a dead row). Kept
   * exact by every method that writes a row.
   */
  private int unordered;

  /**
   * Per position, its rows by column once a step asked for them (see {@link ColumnIndex}); null
   * before any was asked for.
   */
  private ColumnIndex[] indexes;

  /**
   * In the step's scratch list: the rows {@link #addLater} took into an indexed position, as
   * (position, column, first sequence number), which {@link #copyFrom} enters into the indexes of
   * the partition it is copied into.
   */
  private long[] entered = NO_LONGS;

  private int enteredCount;

  RunList() {
    this(null, null, null, 0, false);
  }

  RunList(RowRuns rowRuns, boolean[] indexedAt, Guard[] guards, int width, boolean keepsFirstPseq) {
    this.rowRuns = rowRuns;
    this.indexedAt = indexedAt;
    this.guards = guards;
    this.width = width;
    this.keepsFirstPseq = keepsFirstPseq;
  }

  /**
   * Whether row {@code i} is not a live packed row at an indexed position with an exact column. (A
   * row killed in place outlives its step only while a window's expiry drains the derived events of
   * an absence: then the partition is passed over row by row, as before the index.)
   */
  private boolean unordered(int i) {
    int a = base + i;
    return seqs[a] <= 0 || !indexedAt[positions[a]] || columns[a] == Guard.VISIT;
  }

  /** Whether the count is kept at all: only for a pattern with an indexed position. */
  private boolean counts() {
    return indexedAt != null;
  }

  /** Whether every row is a live packed row at an indexed position with an exact column. */
  final boolean allOrdered() {
    return unordered == 0 && indexedAt != null;
  }

  /**
   * The rows at {@code pos} by column, built on the first call (when {@link #allOrdered}); kept up
   * to date from then on by {@link #addRow}, {@link #copyFrom} and {@link #reindex}.
   */
  final ColumnIndex index(int pos) {
    if (indexes == null) {
      indexes = new ColumnIndex[indexedAt.length];
    }
    ColumnIndex index = indexes[pos];
    if (index == null) {
      index = indexes[pos] = ColumnIndex.of(guards[pos], pos);
      rebuildIndex(index);
    }
    return index;
  }

  /** The index of the rows at {@code pos} if one was made, else null. */
  private ColumnIndex madeIndex(int pos) {
    return indexes == null ? null : indexes[pos];
  }

  private void rebuildIndex(ColumnIndex index) {
    index.clear();
    for (int a = base; a < base + size; a++) {
      long seq = seqs[a];
      if (seq > 0 && positions[a] == index.position && columns[a] != Guard.VISIT) {
        index.append(columns[a], seq);
      }
    }
    index.seal();
  }

  /** Enters a row that came to an indexed position into its index, if that was made. */
  private void enter(int pos, long column, long seq) {
    ColumnIndex index = madeIndex(pos);
    if (index != null) {
      index.add(column, seq);
      if (index.size() > 2 * size + 16) {
        rebuildIndex(index); // entries of rows that have gone outnumber the live ones
      }
    }
  }

  /**
   * Row {@code i}, a live packed row that a lookup took out of its position's index ({@link
   * ColumnIndex#givesOut}) and a step left as it was, goes back.
   */
  final void reindex(int i) {
    int a = base + i;
    index(positions[a]).add(columns[a], seqs[a]);
  }

  /**
   * The row of a packed row whose first event is {@code seq}, or -1 when it has gone. Only while
   * {@link #allOrdered}: packed rows sit in order of first event, so a binary search finds it.
   */
  final int rowOf(long seq) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long s = seqs[base + mid];
      long at = s < 0 ? ~s : s;
      if (at < seq) {
        lo = mid + 1;
      } else if (at > seq) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  final int size() {
    return size;
  }

  final boolean isEmpty() {
    return size == 0;
  }

  /** Row {@code i} as a run: a packed row becomes one here, and stays one. */
  final Run get(int i) {
    int a = base + i;
    long seq = seqs[a];
    if (seq == 0) {
      return (Run) items[a];
    }
    Run r = runOf(a, seq);
    if (counts() && !unordered(i)) {
      unordered++;
    }
    items[a] = r;
    seqs[a] = 0;
    clearLater(a, 1);
    return r;
  }

  /**
   * Row {@code i} as a run without keeping it: a packed row gives a new run each call. For reading
   * (snapshots, byte estimates), where turning every row into an object would undo the packing.
   */
  final Run peek(int i) {
    int a = base + i;
    long seq = seqs[a];
    if (seq == 0) {
      return (Run) items[a];
    }
    return runOf(a, seq);
  }

  /** The run packed row {@code a} (an array index) stands for; {@code seq}: its entry there. */
  private Run runOf(int a, long seq) {
    int depth = depthAt(a);
    Run r =
        rowRuns.run(
            (Event) items[a],
            seq < 0 ? ~seq : seq,
            positions[a],
            columns[a],
            depth,
            later,
            laterSeqs,
            earlierPos,
            width * a,
            keepsFirstPseq ? firstPseqs[a] : 0);
    r.dead = seq < 0;
    return r;
  }

  /** Lets go of the later events of {@code n} rows from array index {@code a}. */
  private void clearLater(int a, int n) {
    if (!wide()) {
      return;
    }
    for (int b = a; b < a + n; b++) {
      for (int k = width * b, end = k + depths[b]; k < end; k++) {
        later[k] = null;
      }
      depths[b] = 0;
    }
  }

  /** Whether the later columns exist (see {@link #width}). */
  private boolean wide() {
    return depths.length != 0;
  }

  /** Whether one of the first {@code n} rows holds later events. */
  private boolean holdsDeeperRows(int n) {
    if (!wide()) {
      return false;
    }
    for (int a = base; a < base + n; a++) {
      if (depths[a] != 0) {
        return true;
      }
    }
    return false;
  }

  /** Makes the later columns, as long as the others, for a first row of several events. */
  private void makeWide() {
    if (!wide()) {
      int length = items.length;
      depths = new int[length];
      later = new Event[width * length];
      laterSeqs = new long[width * length];
      earlierPos = new int[width * length];
    }
  }

  /** How many later events the packed row at array index {@code a} holds. */
  private int depthAt(int a) {
    return wide() ? depths[a] : 0;
  }

  /**
   * Copies the {@code d} later events (and their sequence numbers and earlier positions) of {@code
   * other}'s row at array index {@code b} into this list's row at {@code a}.
   */
  private void copyLaterFrom(RunList other, int b, int a, int d) {
    System.arraycopy(other.later, width * b, later, width * a, d);
    System.arraycopy(other.laterSeqs, width * b, laterSeqs, width * a, d);
    System.arraycopy(other.earlierPos, width * b, earlierPos, width * a, d);
  }

  /** How many later events packed row {@code i} holds. */
  final int depth(int i) {
    return depthAt(base + i);
  }

  /** Packed row {@code i}'s later event {@code k} ({@code k < depth(i)}), oldest first. */
  final Event laterEvent(int i, int k) {
    return later[width * (base + i) + k];
  }

  /** The newest event of packed row {@code i}. */
  final Event newest(int i) {
    int a = base + i;
    int d = depthAt(a);
    return d == 0 ? (Event) items[a] : later[width * a + d - 1];
  }

  /**
   * Puts the events of packed row {@code i} before its newest into {@code singles}, each at the
   * single binding its position fills ({@code ownSlot}, per position).
   */
  final void singlesOf(int i, Event[] singles, int[] ownSlot) {
    int a = base + i;
    int d = depthAt(a);
    for (int k = 0; k < d; k++) {
      int slot = ownSlot[earlierPos[width * a + k]];
      if (slot >= 0) {
        singles[slot] = k == 0 ? (Event) items[a] : later[width * a + k - 1];
      }
    }
  }

  /**
   * Copies packed row {@code i}'s later events, their sequence numbers and earlier positions into
   * the given arrays from {@code offset}; returns its depth.
   */
  final int copyLater(int i, Event[] events, long[] eventSeqs, int[] eventPos, int offset) {
    int a = base + i;
    int d = depthAt(a);
    if (d > 0) {
      System.arraycopy(later, width * a, events, offset, d);
      System.arraycopy(laterSeqs, width * a, eventSeqs, offset, d);
      System.arraycopy(earlierPos, width * a, eventPos, offset, d);
    }
    return d;
  }

  /** Whether row {@code i} is packed (no run object yet). */
  final boolean isPacked(int i) {
    return seqs[base + i] != 0;
  }

  /** The position of row {@code i}, without loading the run. */
  final int pos(int i) {
    return positions[base + i];
  }

  /** The guard column of row {@code i}, without loading the run. */
  final long column(int i) {
    return columns[base + i];
  }

  /** The sequence number of row {@code i}'s first event. */
  final long firstSeq(int i) {
    int a = base + i;
    long seq = seqs[a];
    return seq == 0 ? ((Run) items[a]).firstSeq : seq < 0 ? ~seq : seq;
  }

  /** The stream position of row {@code i}'s first event (0 unless {@link #keepsFirstPseq}). */
  final long firstPseq(int i) {
    int a = base + i;
    return seqs[a] == 0 ? ((Run) items[a]).firstPseq : keepsFirstPseq ? firstPseqs[a] : 0;
  }

  final boolean dead(int i) {
    int a = base + i;
    long seq = seqs[a];
    return seq == 0 ? ((Run) items[a]).dead : seq < 0;
  }

  /** Marks row {@code i} dead; it goes at the next {@link #removeDead}. */
  final void kill(int i) {
    int a = base + i;
    long seq = seqs[a];
    if (seq == 0) {
      ((Run) items[a]).dead = true;
    } else if (seq > 0) {
      if (counts() && !unordered(i)) {
        unordered++;
      }
      seqs[a] = ~seq;
    }
  }

  /** Whether an index was made (and is kept up to date). */
  final boolean indexed() {
    return indexes != null;
  }

  /**
   * Lets go of the indexes: after a step that failed half-way, which may have taken rows out, or
   * once the partition is small again.
   */
  final void forgetIndex() {
    indexes = null;
  }

  /** The first event of a packed row, or of the run. */
  /** A packed row's first event as it is held, not cast (a cast reads the event's header). */
  final Object firstItem(int i) {
    return items[base + i];
  }

  final Event firstEvent(int i) {
    int a = base + i;
    Object o = items[a];
    if (seqs[a] == 0) {
      Step s = (Run) o;
      while (s.previous != null) {
        s = s.previous;
      }
      return s.event;
    }
    return (Event) o;
  }

  final Run last() {
    return get(size - 1);
  }

  /** Row {@code i} becomes row {@code j}'s copy ({@code j >= i}): compaction. */
  final void move(int i, int j) {
    if (counts() && unordered(i) != unordered(j)) {
      unordered += unordered(j) ? 1 : -1;
    }
    int a = base + i;
    int b = base + j;
    items[a] = items[b];
    positions[a] = positions[b];
    columns[a] = columns[b];
    seqs[a] = seqs[b];
    if (keepsFirstPseq) {
      firstPseqs[a] = firstPseqs[b];
    }
    if (wide()) {
      copyWide(b, a, 1);
    }
  }

  /** Moves the later columns of {@code n} rows from array index {@code from} to {@code to}. */
  private void copyWide(int from, int to, int n) {
    System.arraycopy(depths, from, depths, to, n);
    System.arraycopy(later, width * from, later, width * to, width * n);
    System.arraycopy(laterSeqs, width * from, laterSeqs, width * to, width * n);
    System.arraycopy(earlierPos, width * from, earlierPos, width * to, width * n);
  }

  /**
   * Room for {@code n} rows from {@code base}: rows dropped from the front left room there, which
   * is taken back (the rows move down) before the arrays grow.
   */
  private void ensure(int n) {
    if (base + n <= items.length) {
      return;
    }
    if (base > 0 && n <= items.length - items.length / 4) { // (a quarter freed at least)
      shiftArrays(base, 0, size);
      for (int a = size; a < base + size; a++) {
        items[a] = null;
      }
      clearLater(size, base); // (the old slots of the rows that moved)
      base = 0;
      return;
    }
    int length = Math.max(Math.max(2, n), items.length * 2);
    items = grown(items, length);
    positions = grown(positions, length);
    columns = grown(columns, length);
    seqs = grown(seqs, length);
    if (keepsFirstPseq) {
      firstPseqs = grown(firstPseqs, length);
    }
    if (wide()) {
      depths = grown(depths, length);
      Event[] l = new Event[width * length];
      System.arraycopy(later, width * base, l, 0, width * size);
      later = l;
      long[] ls = new long[width * length];
      System.arraycopy(laterSeqs, width * base, ls, 0, width * size);
      laterSeqs = ls;
      int[] ep = new int[width * length];
      System.arraycopy(earlierPos, width * base, ep, 0, width * size);
      earlierPos = ep;
    }
    base = 0;
  }

  private Object[] grown(Object[] old, int length) {
    Object[] a = new Object[length];
    System.arraycopy(old, base, a, 0, size);
    return a;
  }

  private int[] grown(int[] old, int length) {
    int[] a = new int[length];
    System.arraycopy(old, base, a, 0, size);
    return a;
  }

  private long[] grown(long[] old, int length) {
    long[] a = new long[length];
    System.arraycopy(old, base, a, 0, size);
    return a;
  }

  /** Adds a run whose guard column is {@code column}. */
  final void add(Run r, long column) {
    ensure(size + 1);
    int a = base + size++;
    if (wide()) {
      depths[a] = 0;
    }
    positions[a] = r.pos;
    columns[a] = column;
    seqs[a] = 0;
    items[a] = r;
    if (counts()) {
      unordered++;
    }
  }

  /** Inserts a run whose guard column is {@code column} before row {@code at}. */
  final void insert(int at, Run r, long column) {
    ensure(size + 1);
    int a = base + at;
    int tail = size - at;
    System.arraycopy(items, a, items, a + 1, tail);
    System.arraycopy(positions, a, positions, a + 1, tail);
    System.arraycopy(columns, a, columns, a + 1, tail);
    System.arraycopy(seqs, a, seqs, a + 1, tail);
    if (keepsFirstPseq) {
      System.arraycopy(firstPseqs, a, firstPseqs, a + 1, tail);
    }
    if (wide()) {
      copyWide(a, a + 1, tail);
      clearLater(a, 1);
    }
    positions[a] = r.pos;
    columns[a] = column;
    seqs[a] = 0;
    items[a] = r;
    size++;
    if (counts()) {
      unordered++;
    }
  }

  /**
   * Adds a packed row: an attempt that has taken its first event, the partition's {@code pseq}-th,
   * and nothing else.
   */
  final void addRow(Event event, long seq, long pseq, int pos, long column) {
    ensure(size + 1);
    int a = base + size++;
    if (keepsFirstPseq) {
      firstPseqs[a] = pseq;
    }
    if (wide()) {
      depths[a] = 0;
    }
    positions[a] = pos;
    columns[a] = column;
    seqs[a] = seq;
    items[a] = event;
    if (counts()) {
      if (unordered(size - 1)) {
        unordered++;
      } else {
        enter(pos, column, seq);
      }
    }
  }

  /**
   * Adds packed row {@code i} of {@code other} extended by {@code event} ({@code seq}), taken into
   * position {@code pos}, whose guard column is {@code column}: a packed row one event deeper.
   */
  final void addLater(RunList other, int i, Event event, long seq, int pos, long column) {
    ensure(size + 1);
    makeWide();
    int a = base + size++;
    int b = other.base + i;
    int d = other.depth(i);
    items[a] = other.items[b];
    seqs[a] = other.seqs[b];
    if (keepsFirstPseq) {
      firstPseqs[a] = other.firstPseqs[b];
    }
    positions[a] = pos;
    columns[a] = column;
    depths[a] = d + 1;
    if (d > 0) {
      copyLaterFrom(other, b, a, d);
    }
    later[width * a + d] = event;
    laterSeqs[width * a + d] = seq;
    earlierPos[width * a + d] = other.positions[b];
    if (counts()) {
      if (unordered(size - 1)) {
        unordered++;
      } else {
        noteEntered(pos, column, seqs[a]);
      }
    }
  }

  private void noteEntered(int pos, long column, long seq) {
    int k = 3 * enteredCount++;
    if (k == entered.length) {
      entered = Arrays.copyOf(entered, Math.max(12, 2 * k));
    }
    entered[k] = pos;
    entered[k + 1] = column;
    entered[k + 2] = seq;
  }

  /**
   * Packed row {@code i} takes {@code event} ({@code seq}) into position {@code pos}, where its
   * guard column is {@code column}: one event deeper, in place. What {@link #addLater} makes of it,
   * without the list being rewritten around it.
   */
  final void deepen(int i, Event event, long seq, int pos, long column) {
    makeWide();
    int a = base + i;
    boolean was = counts() && unordered(i);
    int d = depths[a];
    later[width * a + d] = event;
    laterSeqs[width * a + d] = seq;
    earlierPos[width * a + d] = positions[a];
    depths[a] = d + 1;
    positions[a] = pos;
    columns[a] = column;
    if (counts()) {
      boolean now = unordered(i);
      unordered += (now ? 1 : 0) - (was ? 1 : 0);
      if (!now) {
        enter(pos, column, seqs[a]); // (its entry at the position it left goes when reached)
      }
    }
  }

  /** Adds a copy of {@code other}'s row {@code i}, packed or not. */
  final void addCopy(RunList other, int i) {
    ensure(size + 1);
    int a = base + size;
    int b = other.base + i;
    items[a] = other.items[b];
    positions[a] = other.positions[b];
    columns[a] = other.columns[b];
    seqs[a] = other.seqs[b];
    if (keepsFirstPseq) {
      firstPseqs[a] = other.firstPseqs[b];
    }
    int d = other.depth(i);
    if (d > 0) {
      makeWide();
    }
    if (wide()) {
      depths[a] = d;
      if (d > 0) {
        copyLaterFrom(other, b, a, d);
      }
    }
    if (counts() && unordered(size)) {
      unordered++;
    }
    size++;
  }

  /** Keeps the first {@code n} rows, letting go of the rest. */
  final void truncate(int n) {
    if (n == 0) {
      enteredCount = 0;
    }
    for (int i = n; i < size; i++) {
      if (counts() && unordered(i)) {
        unordered--;
      }
      items[base + i] = null;
    }
    if (n < size) {
      clearLater(base + n, size - n);
    }
    size = n;
    if (n == 0) {
      base = 0;
    }
  }

  final void clear() {
    truncate(0);
  }

  /** Becomes a copy of {@code other}'s rows. */
  final void copyFrom(RunList other) {
    int n = other.size;
    for (int a = base; a < base + size; a++) {
      items[a] = null;
    }
    clearLater(base, size);
    base = 0;
    size = 0;
    ensure(n);
    System.arraycopy(other.items, other.base, items, 0, n);
    System.arraycopy(other.positions, other.base, positions, 0, n);
    System.arraycopy(other.columns, other.base, columns, 0, n);
    System.arraycopy(other.seqs, other.base, seqs, 0, n);
    if (keepsFirstPseq) {
      System.arraycopy(other.firstPseqs, other.base, firstPseqs, 0, n);
    }
    if (other.holdsDeeperRows(n)) { // (the step's scratch list stays wide once it was)
      makeWide();
      System.arraycopy(other.depths, other.base, depths, 0, n);
      System.arraycopy(other.later, width * other.base, later, 0, width * n);
      System.arraycopy(other.laterSeqs, width * other.base, laterSeqs, 0, width * n);
      System.arraycopy(other.earlierPos, width * other.base, earlierPos, 0, width * n);
    } else if (wide()) {
      Arrays.fill(depths, 0, n, 0);
    }
    size = n;
    unordered = other.unordered;
    for (int k = 0; k < 3 * other.enteredCount; k += 3) {
      enter((int) other.entered[k], other.entered[k + 1], other.entered[k + 2]);
    }
    other.enteredCount = 0;
  }

  /**
   * Drops the {@code n} rows listed (ascending) in {@code rows}, keeping the order of the others.
   * Rows dropped from the front leave their room behind (nothing moves), which is the usual case of
   * a window closing on the oldest row.
   */
  final void removeRows(int[] rows, int n) {
    int front = 0;
    while (front < n && rows[front] == front) {
      dropFirst();
      front++;
    }
    if (front == n) {
      return;
    }
    int w = rows[front] - front;
    for (int k = front; k < n; k++) {
      int r = rows[k] - front;
      if (counts() && unordered(r)) {
        unordered--;
      }
      int end = k + 1 < n ? rows[k + 1] - front : size; // the rows kept after this one
      shift(r + 1, w, end - r - 1);
      w += end - r - 1;
    }
    clearFrom(w);
  }

  /** Drops row 0: the front moves on. */
  private void dropFirst() {
    if (counts() && unordered(0)) {
      unordered--;
    }
    items[base] = null;
    clearLater(base, 1);
    base++;
    size--;
    if (size == 0) {
      base = 0;
    }
  }

  /** Drops dead rows, keeping the order of the others; returns how many went. */
  final int removeDead() {
    int before = size;
    while (size > 0 && dead(0)) {
      dropFirst(); // (the usual case: the oldest row's window closed)
    }
    int w = 0;
    int i = 0;
    while (i < size) {
      int start = i;
      while (i < size && !dead(i)) {
        i++;
      }
      shift(start, w, i - start); // a run of live rows moves down as one block
      w += i - start;
      while (i < size && dead(i)) {
        if (counts() && unordered(i)) {
          unordered--;
        }
        i++;
      }
    }
    clearFrom(w);
    return before - size;
  }

  /** Moves {@code n} rows from {@code from} down to {@code to} ({@code to <= from}). */
  private void shift(int from, int to, int n) {
    if (from != to) {
      shiftArrays(base + from, base + to, n);
    }
  }

  private void shiftArrays(int from, int to, int n) {
    if (n <= 8) { // (a few rows, the usual partition: cheaper than four calls)
      for (int k = 0; k < n; k++) {
        items[to + k] = items[from + k];
        positions[to + k] = positions[from + k];
        columns[to + k] = columns[from + k];
        seqs[to + k] = seqs[from + k];
      }
    } else {
      System.arraycopy(items, from, items, to, n);
      System.arraycopy(positions, from, positions, to, n);
      System.arraycopy(columns, from, columns, to, n);
      System.arraycopy(seqs, from, seqs, to, n);
    }
    if (keepsFirstPseq) {
      System.arraycopy(firstPseqs, from, firstPseqs, to, n);
    }
    if (wide()) {
      copyWide(from, to, n);
    }
  }

  /** After a compaction that kept {@code n} rows (their count already adjusted). */
  private void clearFrom(int n) {
    for (int i = n; i < size; i++) {
      items[base + i] = null;
    }
    if (n < size) {
      clearLater(base + n, size - n);
    }
    size = n;
    if (n == 0) {
      base = 0;
    }
  }

  /** Sorts the rows (as runs: every packed row becomes one), stably. */
  final void sort(Comparator<Run> order) {
    Integer[] index = new Integer[size];
    for (int i = 0; i < size; i++) {
      get(i); // (a packed row lets go of its later columns here)
      index[i] = i;
    }
    Arrays.sort(index, (x, y) -> order.compare((Run) items[base + x], (Run) items[base + y]));
    Object[] oldItems = Arrays.copyOfRange(items, base, base + size);
    int[] oldPositions = Arrays.copyOfRange(positions, base, base + size);
    long[] oldColumns = Arrays.copyOfRange(columns, base, base + size);
    for (int i = 0; i < size; i++) {
      int from = index[i];
      items[base + i] = oldItems[from];
      positions[base + i] = oldPositions[from];
      columns[base + i] = oldColumns[from];
      seqs[base + i] = 0; // every row is a run now
    }
  }

  /** Lets go of everything, keeping small arrays for reuse. */
  final void reset() {
    clear();
    indexes = null;
    base = 0;
    if (items.length > 16) {
      items = NONE;
      positions = NO_POSITIONS;
      columns = NO_LONGS;
      seqs = NO_LONGS;
      firstPseqs = NO_LONGS;
      depths = NO_POSITIONS;
      later = NO_EVENTS;
      laterSeqs = NO_LONGS;
      earlierPos = NO_POSITIONS;
    }
  }

  /** The rows as runs (packed rows become runs): for the cold paths. */
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
        return get(i++);
      }
    };
  }
}
