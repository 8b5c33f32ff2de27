package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Arrow;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.Guard;
import io.motif.engine.eval.Evaluator;
import io.motif.function.Accumulator;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern's step (LANGUAGE.md §8, "Taking and skipping"): every run of the event's partition
 * takes it where an edge allows, skips it or dies; the event starts new attempts; completed runs go
 * to {@link Matches}, closed windows to {@link Windows}. Runs that the event leaves as they are
 * stay in place: the partition is rewritten (through one scratch list) only from the first run that
 * changes.
 */
final class Stepper {
  private final PatternRuntime pattern;
  private final PatternTables tables;
  private final Automaton automaton;
  private final PatternHost host;
  private final PartitionKeys keys;
  private final Matches matches;
  private final Windows windows;
  private final RunContext ctx;

  /** The runs the current step made (taken or started). */
  private int created;

  /** Where a step writes the partition's next runs before they replace the old. */
  private final RunList scratch;

  /**
   * Per event type, the indexed positions ({@code PatternTables#indexedAt}) whose guard tests it,
   * when every other indexed position is one the type leaves as it is: then a partition whose rows
   * all wait indexed is stepped through those positions' indexes alone. Null for a type that may
   * move rows some index cannot find (and for every type when nothing is indexed). From the host,
   * from how many rows a partition is stepped so.
   */
  private final int[][] indexedBy;

  private final int orderRowsFrom;

  /** The rows an ordered step visits, ascending. Reused. */
  private final ColumnIndex.Visits visits = new ColumnIndex.Visits();

  /** Steps that visited only the rows their order gave (for tests). */
  long orderedSteps;

  /** Of {@link #orderedSteps}, those that looked rows up at a position after the start (tests). */
  long laterIndexSteps;

  /**
   * Packed rows made one event deeper, and matches emitted from such rows with no run made (for
   * tests: what the generated cases exercised).
   */
  long laterRows;

  long laterRowMatches;

  /** Of {@link #laterRows}, those that took the event into a repeated binding (for tests). */
  long repeatedRows;

  /** Of {@link #laterRows}, those made deeper where they stand ({@link RunList#deepen}; tests). */
  long deepenedInPlace;

  /** Packed rows an event followed contiguously along a {@code =>} edge of its type (tests). */
  long contiguousRowSteps;

  /**
   * Runs an event left as they were because their negation's column excluded it, and steps that
   * found the runs to visit through such columns (tests).
   */
  long negationColumnSkips;

  /** Packed rows started under {@code within N events} (tests). */
  long countedRows;

  /** The runs a step completes, in the order it made them: one list, reused by every step. */
  private final List<Run> completed = new ArrayList<>(4);

  private final Event[] noSingles;
  private final Accumulator[] emptyAccs;
  private final long windowMillis;
  private final long windowEvents;

  /** Only {@code on timeout} reads what an attempt records: elsewhere runs carry none. */
  private final boolean recordsAttempts;

  // The tables the step reads per event, copied from PatternTables into fields of its own so
  // that reading them costs no more than it did before the split.
  private final int[] posType;
  private final int[] negType;
  private final boolean[] startType;
  private final boolean deterministic;
  private final int[] positionSlots;
  private final int[] ownSlot;
  private final long[] reachableNegations;
  private final boolean[][] unmovedBy;

  /** From {@link PatternTables}: the guard columns, and per event the value each is tested by. */
  private final Guard[] columnGuard;

  private final int[] columnType;
  private final int[][] guardedPositions;
  private final int[] currentState;
  private final boolean[] packedStart;
  private final long[] currentValue;

  /** The pattern's partitions (the same table). */
  private final PartitionTable partitions;

  /** From {@link PatternTables}: where a packed row's completion is emitted with no run made. */
  private final boolean[] directEnd;

  /**
   * From {@link PatternTables}: where a packed row that takes an event stays a packed row, and how
   * many later events it holds at most.
   */
  private final boolean[] packedLater;

  private final int rowWidth;

  /**
   * The single bindings of the packed row being visited, but its newest event's: filled from the
   * row (rows hold no binding array), emptied before the next row's and when the step ends. Never
   * held by a run.
   */
  private final Event[] rowSingles;

  private boolean rowSinglesFilled;

  /**
   * The event a packed row takes while the step has rewritten nothing yet ({@link #takeIntoRow}):
   * held back until the row's other edges are seen. If taking it is all that happens to the row,
   * the row is made one event deeper where it stands ({@link RunList#deepen}); else it goes to the
   * scratch list as any taken event does ({@link #flushDeepening}). Null: none held.
   */
  private Event deepenEvent;

  private long deepenSeq;
  private int deepenPos;
  private long deepenColumn;

  /**
   * The matches this step completed with no run made (see {@link #visitPacked}): each from a packed
   * row (its first event) or from a run, with the first event's sequence number, the position
   * extended, the position the event took, and where the run that was not made would have stood
   * among the partition's rows. Reused.
   */
  /** A packed row's first event, as its item (read only when needed; see visitPacked). */
  private Object[] pairFirst = new Object[4];

  /** Per noted match: the run it extends, or null when it extends a packed row. */
  private Run[] pairRun = new Run[4];

  /** How many noted matches extend a run (not a packed row). */
  private int runPairs;

  /**
   * Per noted match from a packed row: how many later events the row held, and those ({@code
   * rowWidth} slots a match: see {@link RunList#copyLater}).
   */
  private int[] pairDepth = new int[4];

  private Event[] pairLater;
  private long[] pairLaterSeq;
  private int[] pairEarlierPos;

  private long[] pairFirstSeq = new long[4];

  /** The first event's stream position of each noted pair's row (kept under {@code within N}). */
  private long[] pairFirstPseq = new long[4];

  private int[] pairFrom = new int[4];
  private int[] pairTo = new int[4];
  private int[] pairAt = new int[4];

  /** The noted matches' indices in match order, sorted when they are emitted. */
  private int[] pairOrder = new int[4];

  private int pairs;

  /**
   * The rows this step dropped in place, ascending, while it had not yet needed the scratch list:
   * the partition is compacted once at the end instead of being rewritten from the first drop.
   */
  private int[] killedRows = new int[8];

  private int killed;

  private static final int[] NO_CONJUNCTS = new int[0];

  Stepper(
      PatternRuntime pattern,
      PatternTables tables,
      PatternHost host,
      PartitionKeys keys,
      Matches matches,
      Windows windows,
      RunContext ctx,
      Event[] noSingles,
      Accumulator[] emptyAccs) {
    this.pattern = pattern;
    this.tables = tables;
    this.automaton = tables.automaton;
    this.host = host;
    this.keys = keys;
    this.matches = matches;
    this.windows = windows;
    this.ctx = ctx;
    this.noSingles = noSingles;
    this.emptyAccs = emptyAccs;
    this.windowMillis = automaton.windowMillis();
    this.windowEvents = automaton.windowEvents();
    this.recordsAttempts = automaton.onTimeout() != null;
    this.posType = tables.posType;
    this.negType = tables.negType;
    this.startType = tables.startType;
    this.deterministic = tables.deterministic;
    this.positionSlots = tables.positionSlots;
    this.ownSlot = tables.ownSlot;
    this.reachableNegations = tables.reachableNegations;
    this.unmovedBy = tables.unmovedByTable();
    this.partitions = pattern.partitions;
    this.columnGuard = tables.columnGuard;
    this.columnType = tables.columnType;
    this.guardedPositions = tables.guardedPositions;
    this.currentState = new int[automaton.positions()];
    this.packedStart = tables.packedStart;
    this.currentValue = new long[automaton.positions()];
    this.directEnd = tables.directEnd;
    this.packedLater = tables.packedLater;
    this.rowWidth = tables.rowWidth;
    this.rowSingles = new Event[noSingles.length];
    this.pairLater = new Event[4 * rowWidth];
    this.pairLaterSeq = new long[4 * rowWidth];
    this.pairEarlierPos = new int[4 * rowWidth];
    this.indexedBy = indexedBy(tables);
    this.orderRowsFrom = host.orderRowsFrom();
    this.scratch =
        new RunList(null, tables.indexedAt, columnGuard, tables.rowWidth, windowEvents >= 0);
  }

  /** See {@link #indexedBy}. */
  private static int[][] indexedBy(PatternTables tables) {
    boolean[] indexedAt = tables.indexedAt;
    if (indexedAt == null) {
      return null;
    }
    int[][] by = new int[tables.guardedPositions.length][];
    for (int t = 0; t < by.length; t++) {
      boolean[] unmoved = tables.unmovedBy(t);
      int[] lookups = new int[indexedAt.length];
      int n = 0;
      boolean all = true;
      for (int p = 0; p < indexedAt.length && all; p++) {
        if (!indexedAt[p]) {
          continue;
        }
        if (tables.columnType[p] == t) {
          lookups[n++] = p;
        } else {
          all = unmoved != null && unmoved[p];
        }
      }
      by[t] = all ? Arrays.copyOf(lookups, n) : null;
    }
    return by;
  }

  /** Processes one event of this pattern's stream. */
  void onEvent(Event e, long seq, int type) {
    if (pattern.tracer != null) {
      pattern.tracer.beforeStep(e, seq, type);
    }
    Object key = keys.keyOf(e);
    if (key == null) {
      return;
    }
    Partition part = partitions.get(key);
    if (pattern.keyed != null) {
      part = pattern.keyed.lookUp(pattern, key, part);
    }
    boolean fresh = part == null;
    if (fresh) {
      if (type < 0 || !startType[type]) {
        return; // nothing waits in this partition and this event starts nothing
      }
      part = partitions.create(key);
    }
    pattern.eventsIn++;
    long pseq = ++part.seq;
    // Runs that neither take nor drop stay where they are: the partition's array is rewritten
    // (through the scratch list) only from the first run that changes, so an event that changes
    // nothing writes nothing.
    int before = part.size();
    if (!scratch.isEmpty()) {
      scratch.clear(); // left over by a step that failed half-way
    }
    deepenEvent = null; // (the same)
    RunList next = null;
    created = 0;
    boolean[] unmoved = type >= 0 && unmovedBy != null ? unmovedBy[type] : null;
    int[] guarded = type >= 0 && before > 0 ? guardedPositions[type] : null;
    if (guarded != null) {
      for (int p : guarded) {
        int state = columnGuard[p].state(e, tables.guardReader);
        currentState[p] = state;
        if (state == Guard.VALUE) {
          currentValue[p] = tables.guardReader.value();
        }
      }
    }
    if (!completed.isEmpty()) {
      completed.clear(); // left over by a step that failed half-way
    }
    if (pairs > 0) {
      clearPairs();
    }
    killed = 0;
    int scan = before; // the rows the loop below passes over
    int[] lookups = indexedBy != null && type >= 0 ? indexedBy[type] : null;
    if (before < orderRowsFrom / 2 && part.indexed()) {
      // Small again: keeping the indexes' entries up to date would cost more than the scans.
      part.forgetIndex();
    }
    if (lookups != null && before > 0 && part.allOrdered()) {
      if (lookups.length == 0) {
        scan = 0; // every row waits at a position this event leaves as it is
      } else if (before >= orderRowsFrom && guardsRead(lookups) && pattern.tracer == null) {
        next = visitOrdered(part, e, seq, pseq, type, before, lookups);
        scan = 0; // (every row was visited, or is known to be left as it is)
      }
    }
    for (int i = 0; i < scan; i++) {
      if (unmoved != null && unmoved[part.pos(i)]) {
        if (next != null) {
          next.addCopy(part, i);
        }
        continue; // the event can neither move it nor break a negation: it waits on, unchanged
      }
      if (guarded != null && columnType[part.pos(i)] == type && excluded(part, i)) {
        if (tables.negationColumn[part.pos(i)]) {
          negationColumnSkips++;
        }
        if (next != null) {
          next.addCopy(part, i);
        }
        continue; // its column says the event fails the one edge it could take: unchanged too
      }
      if (part.dead(i)) {
        next = drop(next, part, i);
        continue;
      }
      if (part.isPacked(i)) {
        next = visitPacked(part, i, e, seq, pseq, type, next);
        continue;
      }
      Run r = part.get(i);
      if (!windows.allows(r, e, pseq)) {
        next = drop(next, part, i); // dead, or its window has closed: it takes nothing more
        continue;
      }
      boolean mustMove = false;
      for (Automaton.Edge edge : automaton.out(r.pos)) {
        int q = edge.to();
        if (posType[q] != type) {
          continue;
        }
        Arrow arrow = edge.arrow();
        if (arrow == Arrow.STRICT && pseq != PatternTables.strictReference(r, edge) + 1) {
          continue;
        }
        if (!PatternTables.masksAllow(edge.negationMasks(), r.violated)) {
          continue;
        }
        if (directEnd[q] && edge.conjuncts().length == 0 && pattern.tracer == null) {
          // The match ends here: noted with the run it extends, and emitted from them.
          if (!settled(part, i, type)
              && !conditionHolds(q, e, r.last(), r.singles, r.accs, ownSlot[r.pos], r)) {
            continue;
          }
          notePair(r, null, r.firstSeq, r.pos, q, next != null ? next.size() : i - killed, null, 0);
          if (arrow != Arrow.ANY) {
            mustMove = true;
          }
          continue;
        }
        Run taken = take(r, q, e, seq, pseq, edge.conjuncts(), null, settled(part, i, type));
        if (taken == null) {
          continue;
        }
        noteCompletion(taken);
        next = diverge(next, part, i);
        next.add(taken, columnOf(taken));
        if (arrow != Arrow.ANY) {
          mustMove = true;
        }
        created++;
      }
      boolean stays = false;
      if (!mustMove) {
        long negs = reachableNegations[r.pos];
        if (negs != 0) {
          r.violated |= violations(negs, e, type, r.last(), r.singles, r.accs, ownSlot[r.pos], r);
        }
        stays = !tables.deadAfterSkip(r, pseq);
      }
      if (next != null) {
        if (stays) {
          next.addCopy(part, i);
        }
      } else if (!stays) {
        next = drop(null, part, i);
      }
    }
    if (next != null) {
      part.copyFrom(next);
      next.clear();
    } else if (killed > 0) {
      part.removeRows(killedRows, killed);
    }
    killed = 0;
    Run.Attempt attempt = null; // every run this event starts is one attempt (LANGUAGE.md §4.5)
    for (Automaton.Edge edge : automaton.start()) {
      int q = edge.to();
      if (posType[q] != type) {
        continue;
      }
      if (attempt == null && recordsAttempts) {
        attempt = new Run.Attempt(); // only `on timeout` reads what an attempt records
      }
      if (packedStart[q] && pattern.tracer == null) {
        // A packed row: no run object until something needs one.
        if (startFits(q, e, edge.conjuncts())) {
          part.addRow(e, seq, pseq, q, tables.rowColumn(q, e, noSingles, pseq));
          if (windowEvents >= 0) {
            countedRows++;
          }
          host.bytesAdded(PatternRuntime.STEP_BYTES + e.estimatedBytes());
          created++;
        }
        continue;
      }
      Run started = take(null, q, e, seq, pseq, edge.conjuncts(), attempt, false);
      if (started != null) {
        part.add(started, columnOf(started));
        noteCompletion(started);
        created++;
      }
    }
    if (created > 1 && !deterministic) {
      mergeDuplicates(part, pseq);
    }
    if (pairs > 0) {
      boolean bounded = pairsBounded(part, before);
      // Two matches of which one extends a run are ordered by their paths (Matches.order): as runs.
      if (bounded || !completed.isEmpty() || (runPairs > 0 && pairs > 1)) {
        makePairRuns(part, e, seq, pseq, bounded);
      }
    }
    pattern.enforceRunBounds(part, before);
    if (pairs > 0) {
      emitPairs(e, part.key);
    }
    if (!completed.isEmpty()) {
      matches.emitCompleted(part, completed, e);
      completed.clear(); // (holds no run past the step)
    }
    if (windowEvents > 0 && automaton.hasAbsence()) {
      matches.completeCountAbsences(part, pseq, e);
    }
    if ((created > 0 || windowEvents > 0 || next != null) && !part.allOrdered()) {
      // (a step that created nothing and dropped nothing ends no run; nor does one of packed rows)
      windows.prune(part, pseq, e);
    }
    if (rowSinglesFilled) {
      emptyRowSingles(); // (lets go of the last deeper row's events)
    }
    host.runsChanged(part.size() - before);
    if (part.isEmpty()) {
      if (!fresh) {
        partitions.remove(part);
      }
    } else {
      if (fresh && !pattern.admitPartition(part)) {
        host.runsChanged(-part.size());
        return;
      }
      // New runs come last: an attempt this event started and that lives on waits for its window.
      if (windowMillis >= 0 && part.firstSeq(part.size() - 1) == seq) {
        windows.queueDeadline(e.time() + windowMillis, seq, part);
      }
    }
  }

  /** The guard column of a run (captured from its newest event and bindings). */
  private long columnOf(Run r) {
    return tables.column(r.pos, r.event, r.singles);
  }

  /**
   * Whether row {@code i}'s column settles that the event satisfies the condition of the one edge
   * of its type out of the row's position: the guard is that whole condition, the event's field and
   * the column are exact values, and the comparison holds. Then taking the edge reads neither the
   * run nor its earlier events for the condition (a cache miss each, on old runs).
   */
  private boolean settled(RunList part, int i, int type) {
    int p = part.pos(i);
    return type >= 0
        && columnType[p] == type
        && currentState[p] == Guard.VALUE
        && columnGuard[p].whole()
        && columnGuard[p].settles(currentValue[p], part.column(i));
  }

  /** Whether run {@code i}'s column excludes the event from the one edge its type could take. */
  private boolean excluded(RunList part, int i) {
    int p = part.pos(i);
    int state = currentState[p];
    return state == Guard.NULL
        || (state == Guard.VALUE && columnGuard[p].excludes(currentValue[p], part.column(i)));
  }

  /**
   * The step over a partition whose rows all wait packed at indexed positions, from their {@link
   * ColumnIndex}: the rows whose column lets the event move them are looked up and visited in the
   * partition's order, exactly as the loop over every row would visit them; the others, which that
   * loop would pass over unchanged, are not read (only copied, once the step rewrites the
   * partition).
   */
  private RunList visitOrdered(
      Partition part, Event e, long seq, long pseq, int type, int before, int[] lookups) {
    orderedSteps++;
    visits.n = 0;
    boolean later = false;
    for (int p : lookups) {
      if (tables.negationColumn[p]) {
        negationColumnSkips++;
      }
      later |= !packedStart[p];
      if (currentState[p] == Guard.VALUE) { // (a null field moves no row)
        part.index(p).collect(currentValue[p], part, visits);
      }
    }
    if (later) {
      laterIndexSteps++;
    }
    int n = visits.n;
    int[] rows = visits.rows;
    if (n > 1) {
      Arrays.sort(rows, 0, n);
      n = distinct(rows, n); // (a row that left a position and came back may have two entries)
    }
    RunList next = null;
    int from = 0;
    try {
      for (int k = 0; k < n; k++) {
        int i = rows[k]; // (a live packed row at an indexed position, listed once)
        if (next != null) {
          for (int j = from; j < i; j++) {
            next.addCopy(part, j);
          }
        }
        int p = part.pos(i);
        int depth = part.depth(i);
        next = visitPacked(part, i, e, seq, pseq, type, next);
        if (part.index(p).givesOut()
            && part.isPacked(i)
            && !part.dead(i)
            && part.depth(i) == depth) { // (a row made deeper in place was entered anew)
          // (if the step moved or dropped it after all, the entry goes when next reached)
          part.reindex(i);
        }
        from = i + 1;
      }
    } catch (RuntimeException | Error failure) {
      part.forgetIndex(); // rows taken out and not visited would be missing from it
      throw failure;
    }
    if (next != null) {
      for (int j = from; j < before; j++) {
        next.addCopy(part, j);
      }
    }
    return next;
  }

  /** Whether the guard of each position in {@code lookups} has read the event's field. */
  private boolean guardsRead(int[] lookups) {
    for (int p : lookups) {
      if (currentState[p] == Guard.UNSETTLED) {
        return false;
      }
    }
    return true;
  }

  /** Drops repeats from the first {@code n} of sorted {@code rows}; returns how many remain. */
  private static int distinct(int[] rows, int n) {
    int m = 1;
    for (int k = 1; k < n; k++) {
      if (rows[k] != rows[m - 1]) {
        rows[m++] = rows[k];
      }
    }
    return m;
  }

  /**
   * The step for a packed row (see {@link RunList}): what the loop does for a run, without making
   * one. A row has crossed no negation, and its pattern has no {@code within N events} (under
   * {@code =>}, its column is its newest event's stream position); it holds its first event and,
   * where the pattern allows, a few later ones. It becomes a run only if a negation it crossed now
   * must be remembered; an event it takes into a position where rows stay packed makes a deeper
   * row, into a position that ends the match a noted pair, and into any other a run.
   */
  private RunList visitPacked(
      Partition part, int i, Event e, long seq, long pseq, int type, RunList next) {
    int pos = part.pos(i);
    long firstSeq = part.firstSeq(i);
    int depth = part.depth(i);
    // The first event is read only when something needs it: a row's first event may have come
    // long ago, and a match its column settles and whose emit reads only the partition key needs
    // nothing of it (see Matches#emitPair). Its window is open: windows close as the watermark
    // moves, before an event is stepped (EngineCore#fireTimers); a partition loaded from a keyed
    // store is checked all the same.
    Object item = part.firstItem(i);
    Event first = null;
    if (pattern.keyed != null && windowMillis >= 0) {
      first = (Event) item;
      if (e.time() - first.time() > windowMillis) {
        return drop(next, part, i); // its window has closed: it takes nothing more
      }
    }
    if (windowEvents > 0 && pseq - part.firstPseq(i) + 1 > windowEvents) {
      return drop(next, part, i); // its window of events is used up (pruned at its last, as a rule)
    }
    Event newest = depth == 0 ? first : part.newest(i); // (null: the first, not read yet)
    if (rowSinglesFilled || depth > 0) {
      fillRowSingles(part, i, depth);
    }
    int rOwn = ownSlot[pos];
    Step self = null; // (a row of one event: its step, for the run a taken event makes)
    Run rowRun = null; // (a deeper row: its run, for the same)
    boolean mustMove = false;
    for (Automaton.Edge edge : automaton.out(pos)) {
      int q = edge.to();
      if (posType[q] != type) {
        continue;
      }
      if (edge.arrow() == Arrow.STRICT && pseq != part.column(i) + 1) {
        continue; // (the row's column is its newest event's stream position: see rowColumn)
      }
      if (edge.arrow() == Arrow.STRICT) {
        contiguousRowSteps++;
      }
      if (directEnd[q] && edge.conjuncts().length == 0 && pattern.tracer == null) {
        // The match ends here and binds the row's events and this one only: noted, and emitted
        // from them.
        if (!settled(part, i, type)) {
          if (newest == null) {
            newest = first = (Event) item;
          }
          if (!conditionHolds(q, e, newest, rowSingles, emptyAccs, rOwn, null)) {
            continue;
          }
        }
        next = flushDeepening(next, part, i);
        notePair(null, item, firstSeq, pos, q, next != null ? next.size() : i - killed, part, i);
        if (edge.arrow() != Arrow.ANY) {
          mustMove = true;
        }
        continue;
      }
      if (packedLater[q] && depth < rowWidth && pattern.tracer == null) {
        // The row takes the event and stays a row, one event deeper.
        if (newest == null) {
          newest = first = (Event) item;
        }
        next = flushDeepening(next, part, i);
        if (takeIntoRow(part, i, e, seq, pseq, type, edge, newest, next)) {
          next = deepenEvent != null ? null : scratch;
          if (edge.arrow() != Arrow.ANY) {
            mustMove = true;
          }
        }
        continue;
      }
      Run taken;
      if (depth == 0) {
        if (first == null) {
          newest = first = (Event) item;
        }
        if (self == null) {
          self = new Step(first, firstSeq, pos, automaton.binding(pos), null);
        }
        taken =
            take(
                self,
                first,
                rOwn,
                noSingles,
                emptyAccs,
                null,
                first.time(),
                firstSeq,
                part.firstPseq(i),
                null,
                q,
                e,
                seq,
                pseq,
                edge.conjuncts(),
                settled(part, i, type));
      } else {
        if (rowRun == null) {
          rowRun = part.peek(i); // (the row stays packed, should it stay)
        }
        taken = take(rowRun, q, e, seq, pseq, edge.conjuncts(), null, settled(part, i, type));
      }
      if (taken == null) {
        continue;
      }
      noteCompletion(taken);
      next = diverge(flushDeepening(next, part, i), part, i);
      next.add(taken, columnOf(taken));
      if (edge.arrow() != Arrow.ANY) {
        mustMove = true;
      }
      created++;
    }
    if (deepenEvent != null && mustMove) {
      // Taking one event is all that happens to the row, and the step has rewritten nothing: the
      // row is made deeper where it stands instead of the partition being copied around it.
      part.deepen(i, deepenEvent, deepenSeq, deepenPos, deepenColumn);
      deepenEvent = null;
      deepenedInPlace++;
      return next;
    }
    next = flushDeepening(next, part, i);
    boolean stays = false;
    if (!mustMove) {
      long negs = reachableNegations[pos];
      if (negs != 0 && newest == null) {
        newest = first = (Event) item;
      }
      long violated =
          negs == 0
              ? 0
              : violations(
                  negs, e, type, newest, rowSingles, emptyAccs, rOwn, depth == 0 ? self : rowRun);
      long lastPseq = tables.strictFrom[pos] ? part.column(i) : 0;
      stays = !tables.deadAfterSkip(pos, violated, lastPseq, pseq);
      if (stays && violated != 0) {
        part.get(i).violated = violated; // it must remember the negation: a run from now on
      }
    }
    if (next != null) {
      if (stays) {
        next.addCopy(part, i);
      }
    } else if (!stays) {
      next = drop(null, part, i);
    }
    return next;
  }

  private void emptyRowSingles() {
    for (int k = 0; k < rowSingles.length; k++) { // (a few slots: cheaper than a call)
      rowSingles[k] = null;
    }
    rowSinglesFilled = false;
  }

  /** {@link #rowSingles} holds packed row {@code i}'s bindings, but its newest event's. */
  private void fillRowSingles(Partition part, int i, int depth) {
    if (rowSinglesFilled) {
      emptyRowSingles();
    }
    if (depth > 0) {
      part.singlesOf(i, rowSingles, ownSlot);
      rowSinglesFilled = true;
    }
  }

  /**
   * Whether packed row {@code i}, whose newest event is {@code newest} (its other bindings in
   * {@link #rowSingles}), takes {@code e} along {@code edge}: then the row one event deeper is in
   * the scratch list ({@code next}: the list so far, or null), or held back to be made deeper in
   * place ({@link #deepenEvent}) when the step has rewritten nothing and the edge moves the row.
   */
  private boolean takeIntoRow(
      Partition part,
      int i,
      Event e,
      long seq,
      long pseq,
      int type,
      Automaton.Edge edge,
      Event newest,
      RunList next) {
    int q = edge.to();
    int[] conjuncts = edge.conjuncts();
    int rOwn = ownSlot[part.pos(i)];
    if (!settled(part, i, type)
        && !conditionHolds(q, e, newest, rowSingles, emptyAccs, rOwn, null)) {
      return false;
    }
    if (rOwn >= 0) {
      rowSingles[rOwn] = newest; // (as the run taking it would hold its bindings)
      rowSinglesFilled = true;
    }
    boolean fits = conjunctsHold(conjuncts, q, e, rowSingles, emptyAccs, null);
    long column = fits ? tables.rowColumn(q, e, rowSingles, pseq) : Guard.VISIT;
    if (rOwn >= 0) {
      rowSingles[rOwn] = null;
    }
    if (!fits) {
      return false;
    }
    if (next == null && edge.arrow() != Arrow.ANY) {
      // (under `->>` the row also stays as it was: the partition is rewritten all the same)
      deepenEvent = e; // (see the field)
      deepenSeq = seq;
      deepenPos = q;
      deepenColumn = column;
    } else {
      diverge(next, part, i).addLater(part, i, e, seq, q, column);
    }
    laterRows++;
    if (ownSlot[q] < 0 && automaton.binding(q) >= 0) {
      repeatedRows++;
    }
    host.bytesAdded(PatternRuntime.STEP_BYTES + e.estimatedBytes()); // (as take counts)
    created++;
    return true;
  }

  /**
   * The scratch list with the event held back for row {@code i} ({@link #deepenEvent}) taken into
   * it, as {@link #takeIntoRow} would have, when something else happens to the row; {@code next}
   * when nothing is held. (Rows pack only in deterministic patterns, where one event takes a row
   * along one edge at most: this keeps the step right should that ever change.)
   */
  private RunList flushDeepening(RunList next, Partition part, int i) {
    if (deepenEvent == null) {
      return next;
    }
    RunList list = diverge(next, part, i);
    list.addLater(part, i, deepenEvent, deepenSeq, deepenPos, deepenColumn);
    deepenEvent = null;
    return list;
  }

  /**
   * Row {@code i} ends in this step and nothing takes its place: left out of the scratch list once
   * the step uses one, else marked dead where it stands (and counted) for one compaction at the
   * end.
   */
  private RunList drop(RunList next, Partition part, int i) {
    if (next != null) {
      return next;
    }
    part.kill(i);
    if (killed == killedRows.length) {
      killedRows = Arrays.copyOf(killedRows, 2 * killed);
    }
    killedRows[killed++] = i;
    return null;
  }

  /**
   * Notes a match this step completes with no run made: from {@code run}, or from packed row {@code
   * i} of {@code rows} (whose first event is {@code first}).
   */
  private void notePair(
      Run run, Object first, long firstSeq, int from, int to, int at, RunList rows, int i) {
    if (pairs == pairFirst.length) {
      int n = 2 * pairs;
      pairDepth = Arrays.copyOf(pairDepth, n);
      pairLater = Arrays.copyOf(pairLater, n * rowWidth);
      pairLaterSeq = Arrays.copyOf(pairLaterSeq, n * rowWidth);
      pairEarlierPos = Arrays.copyOf(pairEarlierPos, n * rowWidth);
      pairFirst = Arrays.copyOf(pairFirst, n);
      pairRun = Arrays.copyOf(pairRun, n);
      pairFirstSeq = Arrays.copyOf(pairFirstSeq, n);
      pairFirstPseq = Arrays.copyOf(pairFirstPseq, n);
      pairFrom = Arrays.copyOf(pairFrom, n);
      pairTo = Arrays.copyOf(pairTo, n);
      pairAt = Arrays.copyOf(pairAt, n);
      pairOrder = new int[n];
    }
    pairFirst[pairs] = first;
    pairRun[pairs] = run;
    if (run != null) {
      runPairs++;
    }
    pairFirstSeq[pairs] = firstSeq;
    pairFirstPseq[pairs] = run != null ? run.firstPseq : rows.firstPseq(i);
    pairFrom[pairs] = from;
    pairTo[pairs] = to;
    pairAt[pairs] = at;
    pairDepth[pairs] =
        rows == null
            ? 0
            : rows.copyLater(i, pairLater, pairLaterSeq, pairEarlierPos, pairs * rowWidth);
    pairs++;
  }

  private void clearPairs() {
    if (rowWidth > 0) {
      Arrays.fill(pairLater, 0, pairs * rowWidth, null);
    }
    Arrays.fill(pairFirst, 0, pairs, null);
    Arrays.fill(pairRun, 0, pairs, null);
    pairs = 0;
    runPairs = 0;
  }

  /**
   * Whether the partition's bounds could drop a run this step once the matches completed straight
   * from rows are counted as the runs they stand for (those runs would sit in the partition until
   * the step ends, where a bound may evict them before they emit, as {@link
   * PatternRuntime#enforceRunBounds} does with any run).
   */
  private boolean pairsBounded(Partition part, int before) {
    long size = part.size() + pairs;
    return size > host.limits().maxRunsPerPartition()
        || host.liveRuns() - before + size > host.limits().maxRuns();
  }

  /**
   * The matches completed straight from rows become the runs they stand for, when they must be
   * ordered among matches of runs or when a bound may drop them: into the completed list and, when
   * {@code placed}, into the partition where the step would have put them.
   */
  private void makePairRuns(Partition part, Event e, long seq, long pseq, boolean placed) {
    for (int k = pairs - 1; k >= 0; k--) {
      Event first = (Event) pairFirst[k];
      int from = pairFrom[k];
      Run r =
          pairRun[k] != null
              ? take(pairRun[k], pairTo[k], e, seq, pseq, NO_CONJUNCTS, null, true)
              : pairDepth[k] > 0
                  ? take(
                      pattern.run(
                          first,
                          pairFirstSeq[k],
                          from,
                          0, // (its newest event's stream position: take reads it not)
                          pairDepth[k],
                          pairLater,
                          pairLaterSeq,
                          pairEarlierPos,
                          k * rowWidth,
                          pairFirstPseq[k]),
                      pairTo[k],
                      e,
                      seq,
                      pseq,
                      NO_CONJUNCTS,
                      null,
                      true)
                  : take(
                      new Step(first, pairFirstSeq[k], from, automaton.binding(from), null),
                      first,
                      ownSlot[from],
                      noSingles,
                      emptyAccs,
                      null,
                      first.time(),
                      pairFirstSeq[k],
                      pairFirstPseq[k],
                      null,
                      pairTo[k],
                      e,
                      seq,
                      pseq,
                      NO_CONJUNCTS,
                      true);
      completed.add(r);
      if (placed) {
        part.insert(pairAt[k], r, columnOf(r));
        created++;
      }
    }
    clearPairs();
  }

  /**
   * Emits the matches completed straight from rows in match order (LANGUAGE.md §8): they all end at
   * this event, so by their first event's sequence number, then by the atoms that took them.
   */
  private void emitPairs(Event e, Object partitionKey) {
    String keyField = pattern.keyed == null ? keys.exactKeyField() : null;
    int[] order = pairOrder;
    for (int k = 0; k < pairs; k++) { // insertion sort: the rows come mostly in order already
      int j = k;
      for (; j > 0 && pairBefore(k, order[j - 1]); j--) {
        order[j] = order[j - 1];
      }
      order[j] = k;
    }
    try {
      for (int n = 0; n < pairs; n++) {
        int k = order[n];
        if (pairRun[k] != null) {
          matches.emitRunPair(pairRun[k], pairTo[k], e);
        } else {
          if (pairDepth[k] > 0) {
            laterRowMatches++;
          }
          matches.emitPair(
              pairFirst[k],
              pairFrom[k],
              pairTo[k],
              e,
              pairDepth[k],
              pairLater,
              pairEarlierPos,
              k * rowWidth,
              keyField,
              partitionKey);
        }
      }
    } finally {
      clearPairs();
    }
  }

  /**
   * Whether noted match {@code a} comes before {@code b} ({@code Matches#order}): by their events'
   * sequence numbers (the first, the rows' later ones, then this event), then by the atoms that
   * took them.
   */
  private boolean pairBefore(int a, int b) {
    if (pairFirstSeq[a] != pairFirstSeq[b]) {
      return pairFirstSeq[a] < pairFirstSeq[b];
    }
    int da = pairDepth[a];
    int db = pairDepth[b];
    for (int k = 0; k < Math.min(da, db); k++) {
      long sa = pairLaterSeq[a * rowWidth + k];
      long sb = pairLaterSeq[b * rowWidth + k];
      if (sa != sb) {
        return sa < sb;
      }
    }
    if (da != db) {
      return da > db; // (the deeper one's next event came before this one, the other's next)
    }
    for (int k = 0; k < da; k++) {
      int c =
          Integer.compare(
              automaton.atomId(pairEarlierPos[a * rowWidth + k]),
              automaton.atomId(pairEarlierPos[b * rowWidth + k]));
      if (c != 0) {
        return c < 0;
      }
    }
    int c = Integer.compare(automaton.atomId(pairFrom[a]), automaton.atomId(pairFrom[b]));
    if (c != 0) {
      return c < 0;
    }
    return automaton.atomId(pairTo[a]) < automaton.atomId(pairTo[b]);
  }

  /**
   * The scratch list holding the runs before {@code i} unchanged, the first time a step changes the
   * partition at run {@code i}; the list itself after that.
   */
  private RunList diverge(RunList next, Partition part, int i) {
    if (next != null) {
      return next;
    }
    int dropped = 0;
    for (int k = 0; k < i; k++) {
      if (dropped < killed && killedRows[dropped] == k) {
        dropped++; // dropped in place earlier in this step
        continue;
      }
      scratch.addCopy(part, k);
    }
    return scratch;
  }

  /**
   * Runs this step created that sit at one position and bind the same events to the same names have
   * the same future; LANGUAGE.md §8 counts their matches as one. Keeping one of them stops
   * ambiguous patterns such as {@code (A | A)+} from doubling their runs on every event. The one
   * kept is the earliest in match order.
   */
  private void mergeDuplicates(RunList next, long pseq) {
    Map<Long, Run> seen = new HashMap<>();
    boolean merged = false;
    for (int i = 0; i < next.size(); i++) {
      if (next.isPacked(i)) {
        continue; // a lone first event at its start position: no other run binds it the same way
      }
      Run r = next.get(i);
      if (r.lastPseq != pseq) {
        continue;
      }
      long key = Step.identity(r, positionSlots) * 31 + r.pos;
      Run other = seen.get(key);
      if (other == null) {
        seen.put(key, r);
        continue;
      }
      if (other.pos != r.pos
          || !Step.sameIdentity(other, r, positionSlots)
          || !Arrays.equals(other.sideLast, r.sideLast)) {
        continue; // a hash collision: both stay
      }
      merged = true;
      if (matches.order(r, other) < 0) {
        other.dead = true;
        seen.put(key, r);
      } else {
        r.dead = true;
      }
    }
    if (merged) {
      next.removeDead();
    }
  }

  /**
   * The negations among {@code negs} that event {@code e} fulfils for the run whose newest event is
   * {@code prev} (its own binding {@code rOwn}), with these bindings and taken steps.
   */
  private long violations(
      long negs,
      Event e,
      int type,
      Event prev,
      Event[] singles,
      Accumulator[] accs,
      int rOwn,
      Step steps) {
    long out = 0;
    for (int n = 0; n < automaton.negations(); n++) {
      if ((negs & (1L << n)) == 0 || negType[n] != type) {
        continue;
      }
      Evaluator c = automaton.negationCondition(n);
      // (Inside its own condition, the negation's name is the event tested: in an aggregate's
      // argument too.)
      if (c == null
          || Values.isTrue(
              c.eval(
                  ctx.set(e, prev, singles, accs, rOwn, prev)
                      .over(steps, null, -1)
                      .atom(automaton.negationBinding(n), e)))) {
        out |= 1L << n;
      }
    }
    return out;
  }

  /**
   * Whether {@code e} fits start position {@code q}: what {@link #take} tests for a new attempt,
   * without making its run.
   */
  private boolean startFits(int q, Event e, int[] conjuncts) {
    return conditionHolds(q, e, null, noSingles, emptyAccs, -1, null)
        && conjunctsHold(conjuncts, q, e, noSingles, emptyAccs, null);
  }

  /** Whether {@code e} satisfies the condition of atom {@code q} after the given run state. */
  private boolean conditionHolds(
      int q, Event e, Event prev, Event[] singles, Accumulator[] accs, int rOwn, Step previous) {
    Evaluator cond = automaton.condition(q);
    return cond == null
        || Values.isTrue(
            cond.eval(
                ctx.set(e, prev, singles, accs, rOwn, prev)
                    .atom(ownSlot[q], e)
                    .over(previous, null, -1)));
  }

  /** Whether the {@code where} conjuncts checkable once {@code e} is taken into {@code q} hold. */
  private boolean conjunctsHold(
      int[] conjuncts, int q, Event e, Event[] singles, Accumulator[] accs, Step previous) {
    for (int c : conjuncts) {
      if (!Values.isTrue(
          automaton
              .conjunct(c)
              .eval(ctx.set(null, e, singles, accs, ownSlot[q], e).over(previous, e, q)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The run that takes {@code e} into position {@code q} from run {@code r} (null: a new attempt),
   * or null when it does not fit; {@code conditionKnown}: the guard column has settled the atom's
   * condition (see {@link #settled}).
   */
  private Run take(
      Run r,
      int q,
      Event e,
      long seq,
      long pseq,
      int[] conjuncts,
      Run.Attempt startAttempt,
      boolean conditionKnown) {
    if (r == null) {
      return take(
          null,
          null,
          -1,
          noSingles,
          emptyAccs,
          startAttempt,
          e.time(),
          seq,
          pseq,
          null,
          q,
          e,
          seq,
          pseq,
          conjuncts,
          conditionKnown);
    }
    return take(
        r,
        r.last(),
        ownSlot[r.pos],
        r.singles,
        r.accs,
        r.attempt,
        r.firstTime,
        r.firstSeq,
        r.firstPseq,
        r.sideLast,
        q,
        e,
        seq,
        pseq,
        conjuncts,
        conditionKnown);
  }

  /**
   * The run that takes {@code e} into position {@code q} after {@code previous} (null for a new
   * attempt), whose newest event is {@code prev} and which holds these bindings, aggregates and
   * firsts; or null when it does not fit.
   */
  private Run take(
      Step previous,
      Event prev,
      int rOwn,
      Event[] singles,
      Accumulator[] accs,
      Run.Attempt attempt,
      long firstTime,
      long firstSeq,
      long firstPseq,
      long[] sideLast,
      int q,
      Event e,
      long seq,
      long pseq,
      int[] conjuncts,
      boolean conditionKnown) {
    if (!conditionKnown && !conditionHolds(q, e, prev, singles, accs, rOwn, previous)) {
      return null;
    }
    Accumulator[] newAccs = pattern.accumulated(accs, q, e);
    // The new run keeps every single binding but the one its own event fills (see RunContext):
    // the binding r's event filled goes into the array now.
    Event[] newSingles = singles;
    if (rOwn >= 0) {
      newSingles = singles.clone();
      newSingles[rOwn] = prev;
    }
    if (!conjunctsHold(conjuncts, q, e, newSingles, newAccs, previous)) {
      return null;
    }
    int slot = automaton.binding(q);
    Run taken =
        new Run(
            e,
            seq,
            q,
            slot,
            previous,
            attempt,
            newSingles,
            newAccs,
            firstTime,
            firstSeq,
            firstPseq,
            pseq);
    // an upper bound until measured
    host.bytesAdded(PatternRuntime.STEP_BYTES + e.estimatedBytes());
    if (automaton.sides() > 0) {
      trackSides(sideLast, taken, q, pseq);
    }
    return taken;
  }

  /** With {@code &}: the stream position of each side's last event. */
  private void trackSides(long[] sideLast, Run taken, int q, long pseq) {
    taken.sideLast = sideLast == null ? new long[automaton.sides()] : sideLast.clone();
    int side = automaton.side(q);
    if (side >= 0) {
      taken.sideLast[side] = pseq;
    }
  }

  private void noteCompletion(Run r) {
    long[] accept = automaton.accept(r.pos);
    if (accept != null && accept[0] == 0) {
      completed.add(r);
    }
  }
}
