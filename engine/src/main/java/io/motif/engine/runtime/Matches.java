package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.Binding;
import io.motif.engine.automaton.Emission;
import io.motif.engine.automaton.SkipPolicy;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pattern's completed matches: their order (LANGUAGE.md §8), one match per set of events bound to
 * the same names, the skip policy, and emission (the default output, {@code emit} and {@code on
 * timeout emit}), each derived event handed to the host with its provenance.
 */
final class Matches {
  private final PatternRuntime pattern;
  private final PatternTables tables;
  private final Automaton automaton;
  private final PatternHost host;

  /** The context conditions and emit fields are evaluated in; shared with the step. */
  private final RunContext ctx;

  /** The emit clauses, or null; each with one buffer for its values, reused. */
  private final Emission emit;

  private final Emission onTimeout;
  private final Object[] emitBuffer;
  private final Object[] timeoutBuffer;

  /** From {@link PatternTables}, held here as the step holds them (read per match). */
  private final int[] ownSlot;

  /** The single bindings of a match emitted straight from a packed row: one slot filled a time. */
  private final Event[] pairSingles;

  private final boolean deterministic;

  Matches(PatternRuntime pattern, PatternTables tables, PatternHost host, RunContext ctx) {
    this.pattern = pattern;
    this.tables = tables;
    this.automaton = tables.automaton;
    this.host = host;
    this.ctx = ctx;
    this.emit = automaton.emit();
    this.onTimeout = automaton.onTimeout();
    this.emitBuffer = new Object[emit == null ? 0 : emit.fields()];
    this.timeoutBuffer = new Object[onTimeout == null ? 0 : onTimeout.fields()];
    this.ownSlot = tables.ownSlot;
    this.deterministic = tables.deterministic;
    this.pairSingles = new Event[automaton.bindings()];
  }

  /**
   * Emits the match of a packed row whose first event ({@code firstItem}, as the row holds it: read
   * only if the emit clause needs more of it than {@code partitionKey}, its field {@code keyField}
   * when not null) and {@code depth} later events ({@code later[offset + k]}, the event before each
   * taken at position {@code earlierPos[offset + k]}, the newest at {@code from}) were completed by
   * {@code last} at position {@code to} (see {@link PatternTables#directEnd}): what {@link
   * #emitMatch} does for the run that would have been made, without it. That run would bind each
   * event where its position says and nothing else, have no attempt record (packed rows have none)
   * and no aggregates, and its pattern no skip policy.
   */
  void emitPair(
      Object firstItem,
      int from,
      int to,
      Event last,
      int depth,
      Event[] later,
      int[] earlierPos,
      int offset,
      String keyField,
      Object partitionKey) {
    int slot = ownSlot[depth == 0 ? from : earlierPos[offset]];
    Event first = null;
    if (emit != null && !host.originsSeen()) {
      // The first event is read only if the emit clause needs more of it than the partition key
      // (a row's first event may have come long ago: reading it costs a miss).
      deferredSlot = slot;
      deferredItem = firstItem;
      deferredKeyField = keyField;
      deferredKey = partitionKey;
    } else {
      first = (Event) firstItem;
      if (slot >= 0) {
        pairSingles[slot] = first;
      }
    }
    for (int k = 1; k <= depth; k++) {
      slot = ownSlot[k == depth ? from : earlierPos[offset + k]];
      if (slot >= 0) {
        pairSingles[slot] = later[offset + k - 1];
      }
    }
    emitOver(null, first, last, ownSlot[to], last.time(), later, offset, depth);
  }

  /**
   * Emits the match that {@code last}, taken at position {@code to}, completes from run {@code r}
   * (see {@link PatternTables#directEnd}): what {@link #emitMatch} does for the run that would have
   * been made, without it. That run would bind what {@code r} binds and {@code last}; the pattern
   * has no aggregates, no skip policy and no {@code on timeout} (so {@code r} has no attempt).
   */
  void emitRunPair(Run r, int to, Event last) {
    System.arraycopy(r.singles, 0, pairSingles, 0, r.singles.length);
    if (ownSlot[r.pos] >= 0) {
      pairSingles[ownSlot[r.pos]] = r.event;
    }
    emitOver(r, null, last, ownSlot[to], last.time(), null, 0, 0);
  }

  /**
   * Emits, at its window's end {@code time}, the absence that a packed row at {@code pos} waited
   * for (see {@link PatternTables#directAbsence}): its first event is the match's only one.
   */
  void emitAbsence(Event first, int pos, long time) {
    emitOver(null, null, first, ownSlot[pos], time, null, 0, 0);
  }

  /**
   * A match made of the events of {@code steps} (may be null), {@code earlier} (may be null) and
   * {@code newest}, which fills {@code newestSlot}, and {@code middle[offset ... offset + n)}; the
   * other single bindings are in {@link #pairSingles}, filled by the caller and emptied here. The
   * emit clause (or the default output) is read as over the run those events would make.
   */
  private void emitOver(
      Step steps,
      Event earlier,
      Event newest,
      int newestSlot,
      long time,
      Event[] middle,
      int offset,
      int n) {
    pattern.matchCount++;
    try {
      Event derived;
      if (emit == null) {
        derived = defaultOutput(steps, pairSingles, newestSlot, newest, time);
      } else {
        ctx.set(null, newest, pairSingles, null, newestSlot, newest);
        if (deferredSlot >= 0) {
          ctx.defer(deferredSlot, deferredItem, deferredKeyField, deferredKey);
        }
        derived = evaluate(emit, emitBuffer, time);
      }
      host.derive(
          withProvenance(derived, newest, earlier, steps, middle, offset, n), automaton.internal());
    } finally {
      Arrays.fill(pairSingles, null);
      deferredSlot = -1;
      deferredItem = null;
      deferredKeyField = null;
      deferredKey = null;
    }
  }

  /** The first binding {@link #emitPair} leaves unread for {@link #emitOver}: see RunContext. */
  private int deferredSlot = -1;

  private Object deferredItem;
  private String deferredKeyField;
  private Object deferredKey;

  /** Emits completed matches in order, once each, applying the skip policy as it goes. */
  void emitCompleted(Partition part, List<Run> completed, Event trigger) {
    if (completed.size() > 1) {
      completed.sort(this::order);
    }
    Set<String> seen = completed.size() > 1 && !deterministic ? new HashSet<>() : null;
    for (int i = 0; i < completed.size(); i++) {
      Run r = completed.get(i);
      if (r.dead || !openConjunctsHold(r)) {
        continue;
      }
      if (seen != null && !seen.add(new Match(r).identity())) {
        continue;
      }
      emitMatch(part, r, r.last().time());
    }
  }

  /**
   * The order of matches that complete together (LANGUAGE.md §8): by the sequence numbers of their
   * events from the first, then by the atoms that took them. Runs of different attempts differ in
   * their first event, which settles most comparisons without walking a path.
   */
  int order(Run a, Run b) {
    if (a.firstSeq != b.firstSeq) {
      return Long.compare(a.firstSeq, b.firstSeq);
    }
    return new Match(a).compareTo(new Match(b));
  }

  /**
   * LANGUAGE.md §8: {@code past last} drops every attempt of the partition whose first event is not
   * after the match's last; {@code to next} those started at the match's first event; {@code to
   * first x} / {@code to last x} those started before the first / last event bound to {@code x},
   * or, when {@code x} bound none, acts as {@code to next}.
   */
  /**
   * Emits run {@code r}'s match at {@code time}, marks its attempt as having emitted, and applies
   * the skip policy.
   */
  void emitMatch(Partition part, Run r, long time) {
    if (r.attempt != null) {
      r.attempt.emitted = true;
    }
    emit(r, time);
    applySkip(part, r);
    if (pattern.tracer != null) {
      pattern.tracer.skipped(part, r);
    }
  }

  /** Matches that bind the same events to the same names are one match: this is its identity. */
  String identity(Run r) {
    return new Match(r).identity();
  }

  private void applySkip(Partition part, Run matched) {
    SkipPolicy skip = automaton.skip();
    if (skip == SkipPolicy.KEEP_ALL) {
      return;
    }
    long before = Long.MIN_VALUE; // drop attempts whose first event is before this one
    if (skip == SkipPolicy.TO_FIRST || skip == SkipPolicy.TO_LAST) {
      int slot = automaton.skipSlot();
      for (Step s = matched; s != null; s = s.previous()) {
        if (automaton.binding(s.pos()) == slot) {
          before = s.seq();
          if (skip == SkipPolicy.TO_LAST) {
            break; // the newest first: the last event bound to x
          }
        }
      }
    }
    for (int i = 0; i < part.size(); i++) {
      long first = part.firstSeq(i);
      boolean drop =
          switch (skip) {
            case PAST_LAST -> first <= matched.seq;
            case TO_FIRST, TO_LAST ->
                before == Long.MIN_VALUE ? first == matched.firstSeq : first < before;
            default -> first == matched.firstSeq;
          };
      if (drop) {
        part.kill(i);
      }
    }
  }

  /** With {@code within N events}, an absence completes on the N-th event of its window. */
  void completeCountAbsences(Partition part, long pseq, Event e) {
    List<Run> due = null;
    for (int i = 0; i < part.size(); i++) {
      if (part.dead(i) || pseq - part.firstPseq(i) + 1 != automaton.windowEvents()) {
        continue;
      }
      if (part.isPacked(i) && !tables.awaitsAbsence(part.pos(i))) {
        continue; // (a packed row has crossed no negation: it awaits an absence by its position)
      }
      Run r = part.get(i); // (a row whose window ends here: a run, to be emitted in match order)
      if (tables.pendingAbsence(r)) {
        if (due == null) {
          due = new ArrayList<>();
        }
        due.add(r);
      }
    }
    if (due == null) {
      return;
    }
    if (due.size() > 1) {
      due.sort(this::order);
    }
    Set<String> seen = due.size() > 1 && !deterministic ? new HashSet<>() : null;
    for (Run r : due) {
      if (r.dead) {
        continue;
      }
      if (!openConjunctsHold(r)) {
        continue; // not a match; its window closes in prune, where it may time out
      }
      r.dead = true;
      if (seen != null && !seen.add(new Match(r).identity())) {
        continue; // the same events bound to the same names: one match
      }
      emitMatch(part, r, e.time());
    }
  }

  /** Whether the {@code where} conjuncts still open at run {@code r}'s position hold. */
  boolean openConjunctsHold(Run r) {
    for (int c : automaton.openAtCompletion(r.pos)) {
      if (!Values.isTrue(automaton.conjunct(c).eval(on(null, r.last(), r)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code on timeout emit}: among runs whose window has just closed, each attempt (the runs one
   * event started) that never emitted a match emits one timeout event, at the window's end, reading
   * the bindings of its longest run (the earliest in match order among equals).
   */
  void timeOut(List<Run> closed, long time, boolean drainEach, long upTo) {
    if (onTimeout == null || closed.isEmpty()) {
      return;
    }
    List<Run> sorted = new ArrayList<>(closed);
    sorted.sort(this::order);
    Map<Run.Attempt, Run> longest = new LinkedHashMap<>();
    for (Run r : sorted) {
      if (r.attempt.emitted || r.attempt.timedOut || !tables.live(r, upTo)) {
        continue;
      }
      Run best = longest.get(r.attempt);
      if (best == null || r.length() > best.length()) {
        longest.put(r.attempt, r);
      }
    }
    for (Run r : longest.values()) {
      r.attempt.timedOut = true;
      pattern.matchCount++;
      emitWith(onTimeout, timeoutBuffer, r, time);
      if (drainEach) {
        host.drainCascade();
      }
    }
  }

  private void emit(Run r, long time) {
    pattern.matchCount++;
    if (emit == null) {
      Event derived = defaultOutput(r, r.singles, ownSlot[r.pos], r.event, time);
      host.derive(withProvenance(derived, null, null, r, null, 0, 0), automaton.internal());
      return;
    }
    emitWith(emit, emitBuffer, r, time);
  }

  /**
   * The default output (no {@code emit} clause): every binding that is not negated, by name; a
   * repeated one as the list of its events among {@code steps}, a single one from {@code singles}
   * or, for {@code ownSlot}, {@code own}.
   */
  private Event defaultOutput(Step steps, Event[] singles, int ownSlot, Event own, long time) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<Integer, List<Event>> lists = null;
    for (int slot = 0; slot < automaton.bindings(); slot++) {
      Binding b = automaton.bindingInfo(slot);
      if (b.negated()) {
        continue;
      }
      if (b.repeated()) {
        if (lists == null) {
          lists = collectLists(steps);
        }
        fields.put(b.name(), List.copyOf(lists.getOrDefault(b.slot(), List.of())));
      } else {
        fields.put(b.name(), b.slot() == ownSlot ? own : singles[b.slot()]);
      }
    }
    return Event.of(automaton.name(), time, fields);
  }

  /** The context for evaluating over run {@code r}'s bindings. */
  RunContext on(Event current, Event prev, Run r) {
    return ctx.set(current, prev, r.singles, r.accs, ownSlot[r.pos], r.event).over(r, null, -1);
  }

  private void emitWith(Emission clause, Object[] values, Run r, long time) {
    on(null, r.last(), r);
    host.derive(
        withProvenance(evaluate(clause, values, time), null, null, r, null, 0, 0),
        automaton.internal());
  }

  /**
   * The event an emit clause makes, its fields read in the context as set: one buffer per clause,
   * reused (the event copies the values out of it).
   */
  private Event evaluate(Emission clause, Object[] values, long time) {
    for (int i = 0; i < values.length; i++) {
      values[i] = clause.convert(i, clause.field(i).eval(ctx));
    }
    Event derived = Event.of(clause.type(), time, clause.shape(), values);
    Arrays.fill(values, null);
    return derived;
  }

  /**
   * {@code derived} carrying the origins of the events of the match ({@code newest}, {@code
   * earlier}, those of {@code steps}, of {@code middle[offset ... offset + n)}; any may be null),
   * once any event sent to the engine had origins (until then, no walk and no copy).
   */
  private Event withProvenance(
      Event derived, Event newest, Event earlier, Step steps, Event[] middle, int offset, int n) {
    if (!host.originsSeen()) {
      return derived;
    }
    originCount = 0;
    addOrigins(newest);
    for (int k = n - 1; k >= 0; k--) {
      addOrigins(middle[offset + k]);
    }
    addOrigins(earlier);
    for (Step s = steps; s != null; s = s.previous) {
      addOrigins(s.event);
    }
    return originCount == 0
        ? derived
        : derived.withOrigins(Arrays.copyOf(originBuffer, originCount));
  }

  private void addOrigins(Event e) {
    if (e == null || !e.hasOrigins()) {
      return;
    }
    long[] o = e.origins();
    if (originCount + o.length > originBuffer.length) {
      originBuffer =
          Arrays.copyOf(originBuffer, Math.max(2 * originBuffer.length, originCount + o.length));
    }
    System.arraycopy(o, 0, originBuffer, originCount, o.length);
    originCount += o.length;
  }

  /** Where {@link #withProvenance} gathers a match's origins (sorted by the event): reused. */
  private long[] originBuffer = new long[16];

  private int originCount;

  private Map<Integer, List<Event>> collectLists(Step steps) {
    Map<Integer, List<Event>> lists = new HashMap<>();
    for (Step s = steps; s != null; s = s.previous()) {
      int b = automaton.binding(s.pos());
      if (b >= 0 && automaton.bindingRepeated(s.pos())) {
        lists.computeIfAbsent(b, k -> new ArrayList<>()).add(0, s.event());
      }
    }
    return lists;
  }

  /** A completed run with the keys that order it among the matches of one step. */
  private final class Match implements Comparable<Match> {
    final Run run;
    final long[] seqs;
    final int[] atoms;
    final int[] slots;

    Match(Run run) {
      this.run = run;
      int n = run.length();
      seqs = new long[n];
      atoms = new int[n];
      slots = new int[n];
      int i = n;
      for (Step s = run; s != null; s = s.previous()) {
        i--;
        seqs[i] = s.seq();
        atoms[i] = automaton.atomId(s.pos());
        slots[i] = automaton.binding(s.pos());
      }
    }

    /** Matches that bind the same events to the same names are one match. */
    String identity() {
      return Arrays.toString(seqs) + Arrays.toString(slots);
    }

    @Override
    public int compareTo(Match o) {
      int c = Arrays.compare(seqs, o.seqs);
      return c != 0 ? c : Arrays.compare(atoms, o.atoms);
    }
  }
}
