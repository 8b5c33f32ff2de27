package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Arrow;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.Guard;
import io.motif.engine.automaton.SkipPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One pattern's tables, worked out once from its automaton: event types numbered, what each
 * position binds, which negations it may cross, which events leave a run there unmoved; and what
 * they say about a run (whether it may still take an event, complete an absence, or is done).
 * Immutable; the step, the windows, the matches and the tracer read it.
 */
final class PatternTables {
  final Automaton automaton;

  /**
   * The event types this pattern reads, numbered: the runtime hands each event's number to {@link
   * PatternRuntime#onEvent}, so that edges and negations test types by comparing ints.
   */
  private final String[] localTypes;

  /** Per position and per negation, the number of its event type. */
  final int[] posType;

  final int[] negType;

  /** Types that can start an attempt: other events never create a partition. */
  final boolean[] startType;

  /**
   * True when no position (nor the start) has two edges to positions of one event type: then two
   * runs never take the same events into the same names, and no step needs to look for such.
   */
  final boolean deterministic;

  /** Per position, the binding slot it fills (-1 for none). */
  final int[] positionSlots;

  /**
   * Per position, the single (not repeated) binding slot it fills, or -1: a run at that position
   * holds that binding as its own event, not in its array.
   */
  final int[] ownSlot;

  /** Negations that any edge or acceptance of a position may cross, per position. */
  final long[] reachableNegations;

  /**
   * Per event type and position: true when a run there is left exactly as it is by an event of that
   * type (no edge takes it, no negation it may cross names it, no {@code =>} edge leaves the
   * position), so a step skips it. Null with {@code within N events}, where every event counts. (A
   * time window needs no check here: a run whose window has closed was expired before the event.)
   */
  private final boolean[][] unmovedBy;

  /**
   * Per position, the guard whose column a run there keeps (see {@link Guard}), or null; and the
   * event type whose one edge out of the position it belongs to. An event of that type whose field
   * the guard excludes leaves the run as it is, as {@link #unmovedBy} does for a whole type.
   */
  final Guard[] columnGuard;

  final int[] columnType;

  /** Per position, whether its column guard is a negation's ({@link #negationColumn(int)}). */
  final boolean[] negationColumn;

  /** Per event type, the positions whose column guard it is tested by. */
  final int[][] guardedPositions;

  /**
   * Per position, whether an attempt that starts there is kept as a packed row (see {@link
   * RunList}) until something needs its run: when the start neither completes a match (it may wait
   * for an absence) nor fills a repeated binding, and the pattern has no {@code &} and no {@code on
   * timeout} (what a row leaves out: sides, attempts). Under {@code =>} a row keeps its newest
   * event's stream position in its column ({@link #rowColumn}), under {@code within N events} its
   * first event's in a column of its own.
   */
  final boolean[] packedStart;

  /**
   * Per position, whether a packed row that takes an event into it stays a packed row, the event in
   * its later columns (see {@link RunList}): a packed row can reach the position through an edge,
   * and it neither accepts nor awaits an absence, and goes on; it binds no repeated name, unless
   * the pattern has no aggregate and an emit clause (then nothing reads a repeated binding but the
   * run a row makes when something needs one); the pattern is packable as for {@link #packedStart}
   * and deterministic (two rows never bind alike, so none needs merging with another).
   */
  final boolean[] packedLater;

  /**
   * Where guards evaluate their arithmetic ({@code a.price * 0.9}): this runtime's own, as the step
   * is (a guard is shared by every engine that runs its pattern).
   */
  final Guard.Reader guardReader = new Guard.Reader();

  /**
   * Per position, whether a {@code =>} edge leaves it: then no guard does ({@link #guards}), and a
   * packed row there keeps in its column the stream position ({@code pseq}) of its newest event
   * instead, which the edge's contiguity is checked against.
   */
  final boolean[] strictFrom;

  /** How many events after its first a packed row holds at most (0: rows of one event only). */
  final int rowWidth;

  /** The most a pattern's rows hold after their first event; a longer prefix becomes a run. */
  static final int MAX_ROW_WIDTH = 6;

  /**
   * Per position, whether a large partition keeps its packed rows there indexed by their guard
   * column ({@link ColumnIndex}): the first start with a guard and, in a pattern whose rows are one
   * per attempt ({@link #oneRowPerAttempt}), every other position rows wait at packed with a guard
   * ({@code a: Login -> b: Purchase(user == a.user) -> Refund(user == a.user)} waits indexed at
   * {@code a} and at {@code b}). Null when no position is.
   */
  final boolean[] indexedAt;

  /**
   * Per position, whether a packed row that takes an event into it completes a match that can be
   * emitted straight from the row and the event, with no run made: the position ends the pattern
   * (accepting, no way on, no {@code where} conjunct left open, no repeated binding), the edge into
   * it has no conjunct of its own (checked per edge), and the pattern keeps every match (no skip
   * policy), can bind the same events alike in one way only, and has no aggregate (a match of two
   * single events has nothing for one to read).
   */
  final boolean[] directEnd;

  /**
   * Per start position, whether a packed row there that waits for an absence ({@code a: A -> not
   * B}) completes it, when its window closes, straight from the row: as {@link #directEnd}, the
   * position's own binding is the match's only one.
   */
  final boolean[] directAbsence;

  PatternTables(Automaton automaton) {
    this.automaton = automaton;
    List<String> types = new ArrayList<>();
    for (String t : automaton.streamTypes()) {
      if (!types.contains(t)) {
        types.add(t);
      }
    }
    this.posType = new int[automaton.positions()];
    for (int q = 0; q < posType.length; q++) {
      posType[q] = number(types, automaton.type(q));
    }
    this.negType = new int[automaton.negations()];
    for (int n = 0; n < negType.length; n++) {
      negType[n] = number(types, automaton.negationType(n));
    }
    this.localTypes = types.stream().map(String::intern).toArray(String[]::new);
    this.startType = new boolean[localTypes.length];
    for (Automaton.Edge edge : automaton.start()) {
      startType[posType[edge.to()]] = true;
    }
    this.deterministic = deterministic(automaton);
    this.positionSlots = new int[automaton.positions()];
    this.ownSlot = new int[automaton.positions()];
    for (int q = 0; q < positionSlots.length; q++) {
      positionSlots[q] = automaton.binding(q);
      ownSlot[q] = automaton.bindingRepeated(q) ? -1 : automaton.binding(q);
    }
    this.reachableNegations = new long[automaton.positions()];
    for (int p = 0; p < automaton.positions(); p++) {
      reachableNegations[p] = automaton.negationsFrom(p);
    }
    this.unmovedBy = automaton.windowEvents() < 0 ? new boolean[localTypes.length][] : null;
    for (int t = 0; unmovedBy != null && t < localTypes.length; t++) {
      unmovedBy[t] = new boolean[automaton.positions()];
      for (int p = 0; p < automaton.positions(); p++) {
        unmovedBy[t][p] = unmoved(p, t);
      }
    }
    this.columnGuard = new Guard[automaton.positions()];
    this.columnType = new int[automaton.positions()];
    this.negationColumn = new boolean[automaton.positions()];
    int[] perType = new int[localTypes.length];
    for (int p = 0; p < automaton.positions(); p++) {
      columnType[p] = -1;
      if (unmovedBy == null || automaton.sides() > 0) {
        continue; // every event counts, or `&` measures arrows per side: no shortcut
      }
      for (Automaton.Edge edge : automaton.out(p)) {
        Guard g = automaton.guard(edge.to());
        int t = posType[edge.to()];
        if (g != null && t >= 0 && guards(p, t)) {
          columnGuard[p] = g;
          columnType[p] = t;
          perType[t]++;
          break;
        }
      }
      int n = columnGuard[p] == null ? negationColumn(p) : -1;
      if (n >= 0) {
        negationColumn[p] = true;
        columnGuard[p] = automaton.negationGuard(n);
        columnType[p] = negType[n];
        perType[negType[n]]++;
      }
    }
    this.strictFrom = new boolean[automaton.positions()];
    for (int p = 0; p < strictFrom.length; p++) {
      for (Automaton.Edge edge : automaton.out(p)) {
        strictFrom[p] |= edge.arrow() == Arrow.STRICT;
      }
    }
    this.packedStart = new boolean[automaton.positions()];
    boolean packable = automaton.sides() == 0 && automaton.onTimeout() == null;
    for (Automaton.Edge edge : automaton.start()) {
      int q = edge.to();
      long[] accept = automaton.accept(q);
      packedStart[q] =
          packable
              // it goes on: to another position, or to the end of its window (an absence)
              && (accept == null ? automaton.out(q).length > 0 : accept[0] != 0)
              && !(automaton.binding(q) >= 0 && automaton.bindingRepeated(q));
    }
    this.packedLater = new boolean[automaton.positions()];
    int later = 0;
    // A repeated binding is read through aggregates, or listed whole in the default output: with
    // an emit clause and aggregates that only it reads (nothing tests one while a row steps), a
    // row holds its events as it holds any others, and the run it makes when needed lists them
    // and works its aggregates out from them (PatternRuntime#run).
    boolean rowsMayRepeat =
        automaton.emit() != null
            && (automaton.aggregates() == 0 || automaton.aggregatesReadAtEmitOnly());
    // The positions a packed row reaches through edges, from its start on (a fixpoint).
    for (boolean changed = true; changed && packable && deterministic; ) {
      changed = false;
      for (int p = 0; p < packedLater.length; p++) {
        if (!packedStart[p] && !packedLater[p]) {
          continue;
        }
        for (Automaton.Edge edge : automaton.out(p)) {
          int q = edge.to();
          boolean repeated = automaton.binding(q) >= 0 && automaton.bindingRepeated(q);
          if (!packedLater[q]
              && automaton.accept(q) == null
              && automaton.out(q).length > 0
              && (!repeated || rowsMayRepeat)) {
            packedLater[q] = true;
            // (a repeated position may take any number of events: as many as a row holds)
            later += repeated ? MAX_ROW_WIDTH : 1;
            changed = true;
          }
        }
      }
    }
    this.rowWidth = Math.min(MAX_ROW_WIDTH, later);
    int ordered = -1;
    for (int q = 0; q < packedStart.length && ordered < 0; q++) {
      if (packedStart[q] && columnGuard[q] != null) {
        ordered = q;
      }
    }
    this.indexedAt = ordered < 0 ? null : new boolean[automaton.positions()];
    if (indexedAt != null) {
      indexedAt[ordered] = true;
      boolean oneRow = oneRowPerAttempt(automaton, deterministic);
      for (int q = 0; q < indexedAt.length && oneRow; q++) {
        indexedAt[q] = (packedStart[q] || packedLater[q]) && columnGuard[q] != null;
      }
    }
    this.directEnd = new boolean[automaton.positions()];
    boolean direct =
        packable
            && deterministic
            && automaton.skip() == SkipPolicy.KEEP_ALL
            && automaton.aggregates() == 0;
    this.directAbsence = new boolean[automaton.positions()];
    for (int q = 0; q < directEnd.length; q++) {
      long[] accept = automaton.accept(q);
      boolean closes =
          direct
              && automaton.openAtCompletion(q).length == 0
              && !(automaton.binding(q) >= 0 && automaton.bindingRepeated(q));
      directEnd[q] = closes && accept != null && accept[0] == 0 && automaton.out(q).length == 0;
      directAbsence[q] = closes && packedStart[q] && accept != null && accept[0] != 0;
    }
    this.guardedPositions = new int[localTypes.length][];
    for (int t = 0; t < localTypes.length; t++) {
      guardedPositions[t] = new int[perType[t]];
      int n = 0;
      for (int p = 0; p < columnType.length; p++) {
        if (columnType[p] == t) {
          guardedPositions[t][n++] = p;
        }
      }
    }
  }

  /**
   * Whether every attempt is one packed row at a time, which its first event's sequence number
   * names: no event starts two (the pattern is deterministic) and no row is copied on ({@code ->>}
   * leaves the row where it was). Entries of several positions' indexes then name rows without
   * ambiguity, wherever the rows have moved since.
   */
  private static boolean oneRowPerAttempt(Automaton automaton, boolean deterministic) {
    if (!deterministic) {
      return false;
    }
    for (int p = 0; p < automaton.positions(); p++) {
      for (Automaton.Edge edge : automaton.out(p)) {
        if (edge.arrow() == Arrow.ANY) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The negation whose guard a run at {@code p} can keep as its column, or -1: the one negation of
   * its type that the run may cross, where no edge of that type (and no {@code =>}) leaves {@code
   * p}, so that an event of the type whose field the column excludes leaves the run as it is (it
   * does not violate the negation, and nothing else could take it). {@code o: Order -> not
   * Shipment(order == o.id)} waits at {@code o} with {@code o.id} as its column.
   */
  private int negationColumn(int p) {
    int found = -1;
    for (int n = 0; n < negType.length && found < 0; n++) {
      if ((reachableNegations[p] & (1L << n)) != 0
          && negType[n] >= 0
          && automaton.negationGuard(n) != null) {
        found = n;
      }
    }
    if (found < 0) {
      return -1;
    }
    for (int n = 0; n < negType.length; n++) {
      if (n != found && (reachableNegations[p] & (1L << n)) != 0 && negType[n] == negType[found]) {
        return -1; // another negation of its type: a column answers for one only
      }
    }
    for (Automaton.Edge edge : automaton.out(p)) {
      if (edge.arrow() == Arrow.STRICT || posType[edge.to()] == negType[found]) {
        return -1;
      }
    }
    return found;
  }

  /**
   * Whether a run at {@code p} that an event of type {@code t} cannot take through its one edge of
   * that type is left as it is: no other edge of the type, no {@code =>} edge, no negation of the
   * type it may cross.
   */
  private boolean guards(int p, int t) {
    int edges = 0;
    for (Automaton.Edge edge : automaton.out(p)) {
      if (edge.arrow() == Arrow.STRICT) {
        return false;
      }
      if (posType[edge.to()] == t) {
        edges++;
      }
    }
    for (int n = 0; n < negType.length; n++) {
      if ((reachableNegations[p] & (1L << n)) != 0 && negType[n] == t) {
        return false;
      }
    }
    return edges == 1;
  }

  /**
   * The column of a packed row that reaches {@code p} with its newest event {@code own}, the
   * partition's {@code pseq}-th: its stream position where a {@code =>} edge leaves {@code p} (see
   * {@link #strictFrom}), else the guard's {@link #column}.
   */
  long rowColumn(int p, Event own, Event[] singles, long pseq) {
    return strictFrom[p] ? pseq : column(p, own, singles);
  }

  /**
   * The column of a run at {@code p} whose own event is {@code own}: {@link Guard#VISIT} if none.
   */
  long column(int p, Event own, Event[] singles) {
    Guard g = columnGuard[p];
    if (g == null) {
      return Guard.VISIT;
    }
    int s = g.slot();
    return g.capture(s < 0 || s == ownSlot[p] ? own : singles[s], guardReader);
  }

  /**
   * Per position, whether an event of local type {@code type} leaves a run there as it is; null
   * when every event counts ({@code within N events}) or the type is not this pattern's.
   */
  /** The whole table of {@link #unmovedBy(int)}, by type then position; null when it is. */
  boolean[][] unmovedByTable() {
    return unmovedBy;
  }

  boolean[] unmovedBy(int type) {
    return unmovedBy == null || type < 0 || type >= unmovedBy.length ? null : unmovedBy[type];
  }

  private boolean unmoved(int p, int type) {
    for (Automaton.Edge edge : automaton.out(p)) {
      if (posType[edge.to()] == type || edge.arrow() == Arrow.STRICT) {
        return false;
      }
    }
    for (int n = 0; n < negType.length; n++) {
      if ((reachableNegations[p] & (1L << n)) != 0 && negType[n] == type) {
        return false;
      }
    }
    return true;
  }

  private static int number(List<String> types, String type) {
    if (type == null) {
      return -1;
    }
    int i = types.indexOf(type);
    if (i < 0) {
      types.add(type);
      i = types.size() - 1;
    }
    return i;
  }

  /** The number of an event type in this pattern, or -1 when it reads no such events. */
  int localType(String type) {
    for (int i = 0; i < localTypes.length; i++) {
      if (localTypes[i] == type) {
        return i;
      }
    }
    for (int i = 0; i < localTypes.length; i++) {
      if (localTypes[i].equals(type)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean deterministic(Automaton a) {
    if (!distinctTypes(a, a.start())) {
      return false;
    }
    for (int p = 0; p < a.positions(); p++) {
      if (!distinctTypes(a, a.out(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean distinctTypes(Automaton a, Automaton.Edge[] edges) {
    Set<String> types = new HashSet<>();
    for (Automaton.Edge e : edges) {
      if (!types.add(a.type(e.to()))) {
        return false;
      }
    }
    return true;
  }

  static long strictReference(Run r, Automaton.Edge edge) {
    return edge.strictFrom() < 0 ? r.lastPseq : r.sideLast[edge.strictFrom()];
  }

  static boolean masksAllow(long[] masks, long violated) {
    if (violated == 0) {
      return true;
    }
    for (long m : masks) {
      if ((m & violated) == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a run could still do something had its window not closed, once the partition's events
   * up to {@code upTo} are processed: take an event through a transition that no later event has
   * made impossible under {@code =>} and whose negations hold, or complete its absence. Only live
   * runs make their attempt time out.
   */
  boolean live(Run r, long upTo) {
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      boolean strictBroken = edge.arrow() == Arrow.STRICT && strictReference(r, edge) < upTo;
      if (!strictBroken && masksAllow(edge.negationMasks(), r.violated)) {
        return true;
      }
    }
    return pendingAbsence(r);
  }

  /** True when a run that skipped an event can never take another or complete. */
  boolean deadAfterSkip(Run r, long pseq) {
    return deadAfterSkip(r.pos, r.violated, r.lastPseq, pseq);
  }

  /** {@link #deadAfterSkip(Run, long)} for a run known by its position and what it holds. */
  boolean deadAfterSkip(int pos, long violated, long lastPseq, long pseq) {
    for (Automaton.Edge edge : automaton.out(pos)) {
      if (edge.arrow() == Arrow.STRICT && pseq + 1 != lastPseq + 1) {
        continue;
      }
      if (masksAllow(edge.negationMasks(), violated)) {
        return false;
      }
    }
    long[] accept = automaton.accept(pos);
    return accept == null || accept[0] == 0 || !masksAllow(accept, violated);
  }

  boolean deadEnd(Run r) {
    if (automaton.out(r.pos).length > 0) {
      return false;
    }
    return !pendingAbsence(r);
  }

  /** Whether a packed row at {@code pos} (which has crossed no negation) awaits an absence. */
  boolean awaitsAbsence(int pos) {
    long[] accept = automaton.accept(pos);
    return accept != null && accept[0] != 0;
  }

  boolean pendingAbsence(Run r) {
    long[] accept = automaton.accept(r.pos);
    return accept != null && accept[0] != 0 && masksAllow(accept, r.violated);
  }
}
