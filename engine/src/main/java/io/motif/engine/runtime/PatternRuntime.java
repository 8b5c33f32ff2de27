package io.motif.engine.runtime;

import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.automaton.Arrow;
import io.motif.engine.automaton.Binding;
import io.motif.engine.automaton.Emission;
import io.motif.engine.automaton.SkipPolicy;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.automaton.Automaton;
import io.motif.function.Accumulator;
import io.motif.function.Values;
import com.carrotsearch.hppc.LongHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One deployed pattern: its automaton and its partitions' partial matches. Steps every run of an
 * event's partition through the automaton (LANGUAGE.md §8, "Taking and skipping"), starts new
 * attempts, and emits completed matches in order, applying the skip policy.
 */
final class PatternRuntime {
  final Automaton automaton;
  private final Runtime runtime;
  /** In creation order, so snapshots are written (and restored) in one order. */
  final PartitionTable partitions = new PartitionTable();
  /** Where a step writes the partition's next runs before they replace the old. */
  private final RunList scratch = new RunList();
  long eventsIn;
  long matches;
  long dropped;
  long evicted;
  private final RunContext ctx;
  private final Event[] noSingles;
  private final Accumulator[] emptyAccs;
  private final boolean perTypeKeys;
  /** The partition key items as arrays: the type each applies to (null: all) and its path. */
  private final String[] keyTypes;
  private final String[][] keyPaths;
  /** The field of a partition key that is one plain field for every type, or null. */
  private final String simpleKey;
  private final long windowMillis;
  private final long windowEvents;
  /** Negations that any edge or acceptance of a position may cross, per position. */
  private final long[] reachableNegations;
  /** Types that can start an attempt: other events never create a partition. */
  private final boolean[] startType;
  /**
   * The event types this pattern reads, numbered: the runtime hands each event's number to
   * {@link #onEvent}, so that edges and negations test types by comparing ints.
   */
  private final String[] localTypes;
  private final int[] posType;
  private final int[] negType;
  /** The emit clauses, or null; each with one buffer for its values, reused. */
  private final Emission emit;
  private final Emission onTimeout;
  private final Object[] emitBuffer;
  private final Object[] timeoutBuffer;
  /**
   * True when no position (nor the start) has two edges to positions of one event type: then two
   * runs never take the same events into the same names, and no step needs to look for such.
   */
  private final boolean deterministic;
  /**
   * Per event type and position: true when a run there is left exactly as it is by an event of
   * that type (no edge takes it, no negation it may cross names it, no {@code =>} edge leaves
   * the position), so a step skips it. Null with {@code within N events}, where every event
   * counts. (A time window needs no check here: a run whose window has closed was expired before
   * the event.)
   */
  private final boolean[][] unmovedBy;
  /** Per position, the binding slot it fills (-1 for none). */
  private final int[] positionSlots;
  /**
   * Per position, the single (not repeated) binding slot it fills, or -1: a run at that position
   * holds that binding as its own event, not in its array.
   */
  private final int[] ownSlot;
  /** The deadlines of attempts with a time window, oldest first. */
  final DeadlineQueue deadlines = new DeadlineQueue();
  /**
   * Set while {@code Engine.trace} traces this pattern, else null: untraced, a pattern pays one
   * null test per event and nothing else.
   */
  StepExplainer tracer;

  /** One partition's partial matches and its position counter in the pattern's stream. */
  static final class Partition extends RunList {
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

  PatternRuntime(Automaton automaton, Runtime runtime) {
    this.automaton = automaton;
    this.runtime = runtime;
    this.noSingles = new Event[automaton.bindings()];
    this.emptyAccs = automaton.emptyAccumulators();
    this.ctx = new RunContext(automaton, emptyAccs);
    boolean perType = false;
    this.keyTypes = new String[automaton.keyItems()];
    this.keyPaths = new String[keyTypes.length][];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = automaton.keyType(i);
      keyPaths[i] = automaton.keyPath(i);
      perType |= keyTypes[i] != null;
    }
    this.perTypeKeys = perType;
    this.simpleKey = keyPaths.length == 1 && keyTypes[0] == null && keyPaths[0].length == 1
        ? keyPaths[0][0] : null;
    this.windowMillis = automaton.windowMillis();
    this.windowEvents = automaton.windowEvents();
    this.emit = automaton.emit();
    this.onTimeout = automaton.onTimeout();
    this.emitBuffer = new Object[emit == null ? 0 : emit.fields()];
    this.timeoutBuffer = new Object[onTimeout == null ? 0 : onTimeout.fields()];
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
    this.unmovedBy = windowEvents < 0 ? new boolean[localTypes.length][] : null;
    for (int t = 0; unmovedBy != null && t < localTypes.length; t++) {
      unmovedBy[t] = new boolean[automaton.positions()];
      for (int p = 0; p < automaton.positions(); p++) {
        unmovedBy[t][p] = unmoved(p, t);
      }
    }
  }

  /**
   * Per position, whether an event of local type {@code type} leaves a run there as it is; null
   * when every event counts ({@code within N events}) or the type is not this pattern's.
   */
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

  long partialMatches() {
    long n = 0;
    for (Partition p : partitions) {
      n += p.size();
    }
    return n;
  }

  /** The partition key of an event, or null when it has none (it then never joins). */
  Object keyOf(Event e) {
    if (simpleKey != null) { // partition by one plain field: the usual case
      Object v = e.get(simpleKey);
      return v instanceof Long || v == null ? v : normalizeKey(v);
    }
    int n = keyPaths.length;
    if (n == 0) {
      return "";
    }
    Object single = null;
    List<Object> composite = null;
    int used = 0;
    for (int i = 0; i < n; i++) {
      String type = keyTypes[i];
      if (type != null && !type.equals(e.type())) {
        continue;
      }
      String[] path = keyPaths[i];
      Object v = e.get(path[0]);
      for (int j = 1; j < path.length && v != null; j++) {
        v = ExprCompiler.field(v, path[j]);
      }
      if (v == null) {
        return null;
      }
      v = normalizeKey(v);
      if (used == 0) {
        single = v;
      } else {
        if (composite == null) {
          composite = new ArrayList<>();
          composite.add(single);
        }
        composite.add(v);
      }
      used++;
    }
    if (used == 0) {
      return perTypeKeys ? null : "";
    }
    return composite == null ? single : composite;
  }

  /** Keys compare as typed values: 1 equals 1.0; "1", 1 and true differ. */
  static Object normalizeKey(Object v) {
    v = Values.normalize(v);
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
        && Math.abs(d) < 9.0e18) {
      return d.longValue();
    }
    return v;
  }

  /** Processes one event of this pattern's stream. */
  void onEvent(Event e, long seq, int type) {
    if (tracer != null) {
      tracer.beforeStep(e, seq, type);
    }
    Object key = keyOf(e);
    if (key == null) {
      return;
    }
    Partition part = partitions.get(key);
    boolean fresh = part == null;
    if (fresh) {
      if (type < 0 || !startType[type]) {
        return; // nothing waits in this partition and this event starts nothing
      }
      part = new Partition(key);
    }
    eventsIn++;
    long pseq = ++part.seq;
    // Runs that neither take nor drop stay where they are: the partition's array is rewritten
    // (through the scratch list) only from the first run that changes, so an event that changes
    // nothing writes nothing.
    int before = part.size();
    if (!scratch.isEmpty()) {
      scratch.clear(); // left over by a step that failed half-way
    }
    RunList next = null;
    int created = 0;
    boolean[] unmoved = type >= 0 && unmovedBy != null ? unmovedBy[type] : null;
    List<Run> completed = null;
    for (int i = 0; i < before; i++) {
      if (unmoved != null && unmoved[part.pos(i)]) {
        if (next != null) {
          next.add(part.get(i));
        }
        continue; // the event can neither move it nor break a negation: it waits on, unchanged
      }
      Run r = part.get(i);
      if (r.dead || !windowAllows(r, e, pseq)) {
        next = diverge(next, part, i); // dead, or its window has closed: it takes nothing more
        continue;
      }
      boolean mustMove = false;
      for (Automaton.Edge edge : automaton.out(r.pos)) {
        int q = edge.to();
        if (posType[q] != type) {
          continue;
        }
        Arrow arrow = edge.arrow();
        if (arrow == Arrow.STRICT && pseq != strictReference(r, edge) + 1) {
          continue;
        }
        if (!masksAllow(edge.negationMasks(), r.violated)) {
          continue;
        }
        Run taken = take(r, q, e, seq, pseq, edge.conjuncts());
        if (taken == null) {
          continue;
        }
        completed = noteCompletion(taken, completed);
        next = diverge(next, part, i);
        next.add(taken);
        if (arrow != Arrow.ANY) {
          mustMove = true;
        }
        created++;
      }
      boolean stays = false;
      if (!mustMove) {
        long negs = reachableNegations[r.pos];
        if (negs != 0) {
          r.violated |= violations(negs, r, e, type);
        }
        stays = !deadAfterSkip(r, pseq);
      }
      if (next != null) {
        if (stays) {
          next.add(r);
        }
      } else if (!stays) {
        next = diverge(null, part, i);
      }
    }
    if (next != null) {
      part.copyFrom(next);
      next.clear();
    }
    Run.Attempt attempt = null; // every run this event starts is one attempt (LANGUAGE.md §4.5)
    for (Automaton.Edge edge : automaton.start()) {
      int q = edge.to();
      if (posType[q] != type) {
        continue;
      }
      if (attempt == null && onTimeout != null) {
        attempt = new Run.Attempt(); // only `on timeout` reads what an attempt records
      }
      Run started = take(null, q, e, seq, pseq, edge.conjuncts(), attempt);
      if (started != null) {
        part.add(started);
        completed = noteCompletion(started, completed);
        created++;
      }
    }
    if (created > 1 && !deterministic) {
      mergeDuplicates(part, pseq);
    }
    enforceRunBounds(part, before);
    if (completed != null) {
      emitCompleted(part, completed, e);
    }
    if (windowEvents > 0 && automaton.hasAbsence()) {
      completeCountAbsences(part, pseq, e);
    }
    if (created > 0 || windowEvents > 0 || next != null) {
      prune(part, pseq, e); // (a step that created nothing and dropped nothing ends no run)
    }
    runtime.liveRuns += part.size() - before;
    if (part.isEmpty()) {
      if (!fresh) {
        partitions.remove(part);
      }
    } else {
      if (fresh && !admitPartition(part)) {
        runtime.liveRuns -= part.size();
        return;
      }
      // New runs come last: an attempt this event started and that lives on waits for its window.
      if (windowMillis >= 0 && part.last().firstSeq == seq) {
        queueDeadline(e.time() + windowMillis, seq, part);
      }
    }
  }

  /**
   * The scratch list holding the runs before {@code i} unchanged, the first time a step changes
   * the partition at run {@code i}; the list itself after that.
   */
  private RunList diverge(RunList next, Partition part, int i) {
    if (next != null) {
      return next;
    }
    for (int k = 0; k < i; k++) {
      scratch.add(part.get(k));
    }
    return scratch;
  }

  private void queueDeadline(long deadline, long firstSeq, Partition part) {
    if (deadlines.wantsCompaction()) {
      LongHashSet live = new LongHashSet();
      for (Partition p : partitions) {
        for (int i = 0; i < p.size(); i++) {
          live.add(p.get(i).firstSeq);
        }
      }
      deadlines.compact(live);
    }
    deadlines.add(deadline, firstSeq, part);
    runtime.scheduled(deadline);
  }

  /** After a restore: one deadline per attempt with live runs, in order of first event. */
  void requeueDeadlines() {
    deadlines.clear();
    if (windowMillis < 0) {
      return;
    }
    List<Run> firsts = new ArrayList<>();
    Map<Run, Partition> owner = new java.util.IdentityHashMap<>();
    LongHashSet seen = new LongHashSet();
    for (Partition p : partitions) {
      for (Run r : p) {
        if (!r.dead && seen.add(r.firstSeq)) {
          firsts.add(r);
          owner.put(r, p);
        }
      }
    }
    firsts.sort((a, b) -> Long.compare(a.firstSeq, b.firstSeq));
    for (Run r : firsts) {
      deadlines.add(r.firstTime + windowMillis, r.firstSeq, owner.get(r));
      runtime.scheduled(r.firstTime + windowMillis);
    }
  }

  /**
   * Runs this step created that sit at one position and bind the same events to the same names
   * have the same future; LANGUAGE.md §8 counts their matches as one. Keeping one of them stops
   * ambiguous patterns such as {@code (A | A)+} from doubling their runs on every event. The one
   * kept is the earliest in match order.
   */
  private void mergeDuplicates(RunList next, long pseq) {
    Map<Long, Run> seen = new HashMap<>();
    boolean merged = false;
    for (Run r : next) {
      if (r.lastPseq != pseq) {
        continue;
      }
      long key = r.identity * 31 + r.pos;
      Run other = seen.get(key);
      if (other == null) {
        seen.put(key, r);
        continue;
      }
      if (other.pos != r.pos || !Step.sameIdentity(other, r, positionSlots)
          || !Arrays.equals(other.sideLast, r.sideLast)) {
        continue; // a hash collision: both stay
      }
      merged = true;
      if (matchOrder(r, other) < 0) {
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

  private static long strictReference(Run r, Automaton.Edge edge) {
    return edge.strictFrom() < 0 ? r.lastPseq : r.sideLast[edge.strictFrom()];
  }

  /**
   * Keeps a partition within the per-partition and total bounds: refuses the newest attempts or
   * evicts the oldest, as the policy says, counting each.
   */
  private void enforceRunBounds(Partition part, int before) {
    Partition runs = part;
    io.motif.engine.Limits limits = runtime.limits;
    long excess = Math.max(runs.size() - limits.maxRunsPerPartition(),
        runtime.liveRuns - before + runs.size() - limits.maxRuns());
    if (excess <= 0) {
      return;
    }
    excess = Math.min(excess, runs.size());
    // Runs are ordered oldest first except that this step's new runs come last; sort by age.
    runs.sort((a, b) -> Long.compare(a.firstSeq, b.firstSeq));
    if (limits.policy() == io.motif.engine.OverflowPolicy.EVICT_OLDEST) {
      for (int i = 0; i < excess; i++) {
        runs.get(i).dead = true;
      }
      evicted += excess;
    } else {
      for (int i = 0; i < excess; i++) {
        runs.get(runs.size() - 1 - i).dead = true;
      }
      dropped += excess;
    }
    if (tracer != null) {
      tracer.bounded(part);
    }
    runs.removeDead();
  }

  /** A new partition within the bound, or the oldest evicted for it; false when refused. */
  private boolean admitPartition(Partition part) {
    if (partitions.size() < runtime.limits.maxPartitions()) {
      partitions.add(part);
      return true;
    }
    if (runtime.limits.policy() == io.motif.engine.OverflowPolicy.REFUSE_NEW) {
      if (tracer != null) {
        tracer.partitionDropped(part, false);
      }
      dropped++;
      return false;
    }
    Partition victim = partitions.oldest();
    partitions.remove(victim);
    runtime.liveRuns -= victim.size();
    if (tracer != null) {
      tracer.partitionDropped(victim, true);
    }
    victim.clear();
    evicted++;
    partitions.add(part);
    return true;
  }

  private boolean windowAllows(Run r, Event e, long pseq) {
    if (windowMillis >= 0 && e.time() - r.firstTime > windowMillis) {
      return false;
    }
    return windowEvents < 0 || pseq - r.firstPseq + 1 <= windowEvents;
  }

  private static boolean masksAllow(long[] masks, long violated) {
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

  /** The negations among {@code negs} that event {@code e} fulfils for run {@code r}. */
  private long violations(long negs, Run r, Event e, int type) {
    long out = 0;
    for (int n = 0; n < automaton.negations(); n++) {
      if ((negs & (1L << n)) == 0 || negType[n] != type) {
        continue;
      }
      Evaluator c = automaton.negationCondition(n);
      // (Inside its own condition, the negation's name is the event tested: in an aggregate's
      // argument too.)
      if (c == null || Values.isTrue(c.eval(on(e, r.last(), r)
          .atom(automaton.negationBinding(n), e)))) {
        out |= 1L << n;
      }
    }
    return out;
  }

  /** The run that takes {@code e} into position {@code q}, or null when it does not fit. */
  private Run take(Run r, int q, Event e, long seq, long pseq, int[] conjuncts) {
    return take(r, q, e, seq, pseq, conjuncts, null);
  }

  private Run take(Run r, int q, Event e, long seq, long pseq, int[] conjuncts,
      Run.Attempt startAttempt) {
    Event[] singles = r == null ? noSingles : r.singles;
    Accumulator[] accs = r == null ? emptyAccs : r.accs;
    Event prev = r == null ? null : r.last();
    int rOwn = r == null ? -1 : ownSlot[r.pos];
    Evaluator cond = automaton.condition(q);
    if (cond != null
        && !Values.isTrue(cond.eval(ctx.set(e, prev, singles, accs, rOwn, prev)
            .atom(ownSlot[q], e).over(r, null, -1)))) {
      return null;
    }
    int b = automaton.binding(q);
    Accumulator[] newAccs = b >= 0 && automaton.bindingRepeated(q)
        ? accumulate(b, e, prev, singles, accs, rOwn) : accs;
    // The new run keeps every single binding but the one its own event fills (see RunContext):
    // the binding r's event filled goes into the array now.
    Event[] newSingles = singles;
    if (rOwn >= 0) {
      newSingles = singles.clone();
      newSingles[rOwn] = prev;
    }
    for (int c : conjuncts) {
      if (!Values.isTrue(automaton.conjunct(c).eval(
          ctx.set(null, e, newSingles, newAccs, ownSlot[q], e).over(r, e, q)))) {
        return null;
      }
    }
    int slot = automaton.binding(q);
    Run taken = r == null
        ? new Run(e, seq, q, slot, null, startAttempt, newSingles, newAccs, e.time(), seq, pseq,
            pseq)
        : new Run(e, seq, q, slot, r, r.attempt, newSingles, newAccs, r.firstTime, r.firstSeq,
            r.firstPseq, pseq);
    runtime.addedBytes += STEP_BYTES + e.estimatedBytes(); // an upper bound until measured
    if (automaton.sides() > 0) {
      trackSides(r, taken, q, pseq);
    }
    return taken;
  }

  /** The aggregates of repeated binding {@code b} with {@code e} added (copied on write). */
  private Accumulator[] accumulate(int b, Event e, Event prev, Event[] singles,
      Accumulator[] accs, int rOwn) {
    Accumulator[] newAccs = accs;
    for (int a = 0; a < accs.length; a++) {
      if (automaton.aggBinding(a) != b || !automaton.aggIncremental(a)) {
        continue;
      }
      Object v = automaton.aggArgument(a).eval(ctx.set(e, prev, singles, accs, rOwn, prev));
      if (v != null) {
        if (newAccs == accs) {
          newAccs = accs.clone();
        }
        newAccs[a] = newAccs[a].add(v);
      }
    }
    return newAccs;
  }

  /** With {@code &}: the stream position of each side's last event. */
  private void trackSides(Run r, Run taken, int q, long pseq) {
    taken.sideLast = r == null || r.sideLast == null ? new long[automaton.sides()]
        : r.sideLast.clone();
    int side = automaton.side(q);
    if (side >= 0) {
      taken.sideLast[side] = pseq;
    }
  }

  private List<Run> noteCompletion(Run r, List<Run> completed) {
    long[] accept = automaton.accept(r.pos);
    if (accept == null || accept[0] != 0) {
      return completed;
    }
    if (completed == null) {
      completed = new ArrayList<>(2);
    }
    completed.add(r);
    return completed;
  }

  /**
   * Whether a run could still do something had its window not closed, once the partition's events
   * up to {@code upTo} are processed: take an event through a transition that no later event has
   * made impossible under {@code =>} and whose negations hold, or complete its absence. Only live
   * runs make their attempt time out.
   */
  private boolean live(Run r, long upTo) {
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      boolean strictBroken = edge.arrow() == Arrow.STRICT
          && strictReference(r, edge) < upTo;
      if (!strictBroken && masksAllow(edge.negationMasks(), r.violated)) {
        return true;
      }
    }
    return pendingAbsence(r);
  }

  /** True when a run that skipped an event can never take another or complete. */
  private boolean deadAfterSkip(Run r, long pseq) {
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      if (edge.arrow() == Arrow.STRICT && pseq + 1 != r.lastPseq + 1) {
        continue;
      }
      if (masksAllow(edge.negationMasks(), r.violated)) {
        return false;
      }
    }
    long[] accept = automaton.accept(r.pos);
    return accept == null || accept[0] == 0 || !masksAllow(accept, r.violated);
  }

  /** Drops runs that can neither take another event nor complete. */
  private void prune(Partition part, long pseq, Event e) {
    Partition runs = part;
    List<Run> closed = null;
    int w = 0;
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      if (r.dead || (r.lastPseq == pseq && deadEnd(r))) {
        continue;
      }
      if (windowEvents > 0 && pseq - r.firstPseq + 1 >= windowEvents) {
        if (tracer != null) {
          tracer.countWindowClosed(part, r, e);
        }
        // Its window is used up: completed absences were emitted just before; the rest close.
        if (onTimeout != null) {
          if (closed == null) {
            closed = new ArrayList<>();
          }
          closed.add(r);
        }
        continue;
      }
      if (w != i) {
        runs.set(w, r);
      }
      w++;
    }
    runs.truncate(w);
    if (closed != null) {
      timeOut(closed, e.time(), false, pseq);
    }
  }

  /**
   * {@code on timeout emit}: among runs whose window has just closed, each attempt (the runs one
   * event started) that never emitted a match emits one timeout event, at the window's end,
   * reading the bindings of its longest run (the earliest in match order among equals).
   */
  private void timeOut(List<Run> closed, long time, boolean drainEach, long upTo) {
    if (onTimeout == null || closed.isEmpty()) {
      return;
    }
    List<Run> sorted = new ArrayList<>(closed);
    sorted.sort(this::matchOrder);
    Map<Run.Attempt, Run> longest = new LinkedHashMap<>();
    for (Run r : sorted) {
      if (r.attempt.emitted || r.attempt.timedOut || !live(r, upTo)) {
        continue;
      }
      Run best = longest.get(r.attempt);
      if (best == null || r.length() > best.length()) {
        longest.put(r.attempt, r);
      }
    }
    for (Run r : longest.values()) {
      r.attempt.timedOut = true;
      matches++;
      emitWith(onTimeout, timeoutBuffer, r, time);
      if (drainEach) {
        runtime.drainCascade();
      }
    }
  }

  private boolean deadEnd(Run r) {
    if (automaton.out(r.pos).length > 0) {
      return false;
    }
    return !pendingAbsence(r);
  }

  boolean pendingAbsence(Run r) {
    long[] accept = automaton.accept(r.pos);
    return accept != null && accept[0] != 0 && masksAllow(accept, r.violated);
  }

  /** Emits completed matches in order, once each, applying the skip policy as it goes. */
  private void emitCompleted(Partition part, List<Run> completed, Event trigger) {
    if (completed.size() > 1) {
      completed.sort(this::matchOrder);
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
      if (r.attempt != null) {
        r.attempt.emitted = true;
      }
      emit(r, r.last().time());
      applySkip(part, r);
      if (tracer != null) {
        tracer.skipped(part, r);
      }
    }
  }

  /**
   * The order of matches that complete together (LANGUAGE.md §8): by the sequence numbers of
   * their events from the first, then by the atoms that took them. Runs of different attempts
   * differ in their first event, which settles most comparisons without walking a path.
   */
  private int matchOrder(Run a, Run b) {
    if (a.firstSeq != b.firstSeq) {
      return Long.compare(a.firstSeq, b.firstSeq);
    }
    return new Match(a).compareTo(new Match(b));
  }

  /**
   * LANGUAGE.md §8: {@code past last} drops every attempt of the partition whose first event is
   * not after the match's last; {@code to next} those started at the match's first event;
   * {@code to first x} / {@code to last x} those started before the first / last event bound to
   * {@code x}, or, when {@code x} bound none, acts as {@code to next}.
   */
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
    for (Run other : part) {
      boolean drop = switch (skip) {
        case PAST_LAST -> other.firstSeq <= matched.seq;
        case TO_FIRST, TO_LAST -> before == Long.MIN_VALUE
            ? other.firstSeq == matched.firstSeq : other.firstSeq < before;
        default -> other.firstSeq == matched.firstSeq;
      };
      if (drop) {
        other.dead = true;
      }
    }
  }

  /** With {@code within N events}, an absence completes on the N-th event of its window. */
  private void completeCountAbsences(Partition part, long pseq, Event e) {
    List<Run> due = null;
    for (Run r : part) {
      if (!r.dead && pseq - r.firstPseq + 1 == windowEvents && pendingAbsence(r)) {
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
      due.sort(this::matchOrder);
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
      if (r.attempt != null) {
        r.attempt.emitted = true;
      }
      emit(r, e.time());
      applySkip(part, r);
      if (tracer != null) {
        tracer.skipped(part, r);
      }
    }
  }

  private boolean openConjunctsHold(Run r) {
    for (int c : automaton.openAtCompletion(r.pos)) {
      if (!Values.isTrue(automaton.conjunct(c).eval(on(null, r.last(), r)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The watermark passed {@code deadline}: runs whose window ends there complete their absence
   * (in order of first event) or are dropped.
   */
  void expire(Partition part, long deadline, long firstSeq) {
    if (!part.current) {
      return; // the partition was dropped and perhaps recreated since
    }
    // One attempt at a time, so that windows ending at one instant in several partitions
    // complete in order of first event (LANGUAGE.md §8).
    Run single = null;
    List<Run> due = null;
    for (int i = 0; i < part.size(); i++) {
      Run r = part.get(i);
      if (!r.dead && r.firstSeq == firstSeq) {
        if (single == null) {
          single = r;
        } else {
          if (due == null) {
            due = new ArrayList<>(4);
            due.add(single);
          }
          due.add(r);
        }
      }
    }
    if (single == null) {
      return; // the attempt ended before its window did
    }
    if (due == null) { // the usual attempt of one run: no lists
      closeWindow(part, single, null);
      if (onTimeout != null) {
        timeOut(List.of(single), deadline, true, part.seq);
      }
      afterExpiry(part);
      return;
    }
    if (due.size() > 1) {
      due.sort(this::matchOrder);
    }
    Set<String> seen = due.size() > 1 && !deterministic ? new HashSet<>() : null;
    for (Run r : due) {
      if (!r.dead) {
        closeWindow(part, r, seen);
      }
    }
    timeOut(due, deadline, true, part.seq);
    afterExpiry(part);
  }

  /** A run's window has closed: it completes its absence, if it waits for one, and ends. */
  private void closeWindow(Partition part, Run r, Set<String> seen) {
    boolean complete = pendingAbsence(r) && openConjunctsHold(r);
    r.dead = true;
    if (tracer != null && !complete) {
      tracer.windowClosed(part, r);
    }
    if (complete && (seen == null || seen.add(new Match(r).identity()))) {
      if (r.attempt != null) {
        r.attempt.emitted = true;
      }
      emit(r, r.firstTime + windowMillis);
      applySkip(part, r);
      if (tracer != null) {
        tracer.skipped(part, r);
      }
      // Each absence's derived event is processed in full before the next (LANGUAGE.md §8).
      runtime.drainCascade();
    }
  }

  private void afterExpiry(Partition part) {
    runtime.liveRuns -= part.removeDead();
    // (Derived events processed meanwhile may have stepped this partition, or dropped and
    // recreated it: only this very partition is removed.)
    if (part.isEmpty() && part.current) {
      partitions.remove(part);
    }
  }

  /**
   * A run restored from its taken events: bindings and aggregates are rebuilt by replaying them
   * exactly as {@link #take} added them.
   */
  Run rebuild(Run.Attempt attempt, Step path, long firstPseq, long lastPseq) {
    List<Step> steps = new ArrayList<>();
    for (Step s = path; s != null; s = s.previous()) {
      steps.add(0, s);
    }
    Event[] singles = noSingles;
    Accumulator[] accs = emptyAccs;
    Event prev = null;
    for (Step s : steps) {
      int q = s.pos();
      int b = automaton.binding(q);
      Event e = s.event();
      if (b >= 0) {
        if (automaton.bindingRepeated(q)) {
          Accumulator[] next = accs;
          for (int a = 0; a < accs.length; a++) {
            if (automaton.aggBinding(a) != b || !automaton.aggIncremental(a)) {
              continue;
            }
            Object v = automaton.aggArgument(a).eval(ctx.set(e, prev, singles, accs));
            if (v != null) {
              if (next == accs) {
                next = accs.clone();
              }
              next[a] = next[a].add(v);
            }
          }
          accs = next;
        } else {
          singles = singles.clone();
          singles[b] = e;
        }
      }
      prev = e;
    }
    Step first = steps.get(0);
    return new Run(path.event(), path.seq(), path.pos(), automaton.binding(path.pos()),
        path.previous(), attempt,
        singles, accs, first.event().time(), first.seq(),
        firstPseq, lastPseq);
  }

  /** Drops every partial match (undeploy, or end of time after expiry). */
  void clear() {
    partitions.clear();
    deadlines.clear();
  }

  /** What a step (a run object, about 104 bytes) and its binding arrays cost, roughly. */
  static final long STEP_BYTES = 120;

  io.motif.engine.PatternStats stats() {
    long runs = 0;
    for (Partition p : partitions) {
      runs += p.size();
    }
    return new io.motif.engine.PatternStats(automaton.name(), eventsIn, matches, dropped, evicted,
        runs, partitions.size(), measureBytes(new java.util.IdentityHashMap<>(),
            new java.util.IdentityHashMap<>()));
  }

  /**
   * The bytes this pattern's partial matches hold, steps and events each counted once (prefixes
   * and events are shared): {@code seenSteps} and {@code seenEvents} carry what other patterns
   * counted already.
   */
  long measureBytes(Map<Step, Boolean> seenSteps, Map<Event, Boolean> seenEvents) {
    long bytes = partitions.size() * 120L;
    for (Partition p : partitions) {
      for (Run r : p) {
        bytes += 8L * (noSingles.length + emptyAccs.length);
        for (Step s = r; s != null && seenSteps.put(s, Boolean.TRUE) == null; s = s.previous()) {
          bytes += STEP_BYTES;
          if (seenEvents.put(s.event(), Boolean.TRUE) == null) {
            bytes += s.event().estimatedBytes();
          }
        }
      }
    }
    return bytes;
  }

  /** The first events (sequence numbers) of every live run, for choosing what to drop. */
  void firstSeqs(com.carrotsearch.hppc.LongArrayList out) {
    for (Partition p : partitions) {
      for (Run r : p) {
        out.add(r.firstSeq);
      }
    }
  }

  /**
   * Drops the runs whose attempt started before {@code threshold} (oldest) or after it (newest),
   * as the byte bound asks; counted as evicted or dropped.
   */
  void dropForBytes(long threshold, boolean oldest) {
    List<Partition> emptied = new ArrayList<>();
    for (Partition p : partitions) {
      for (Run r : p) {
        if (oldest ? r.firstSeq < threshold : r.firstSeq > threshold) {
          r.dead = true;
          if (oldest) {
            evicted++;
          } else {
            dropped++;
          }
        }
      }
      runtime.liveRuns -= p.removeDead();
      if (p.isEmpty()) {
        emptied.add(p);
      }
    }
    for (Partition p : emptied) {
      partitions.remove(p);
    }
  }

  private void emit(Run r, long time) {
    matches++;
    if (emit == null) {
      Map<String, Object> fields = new LinkedHashMap<>();
      Map<Integer, List<Event>> lists = null;
      for (int slot = 0; slot < automaton.bindings(); slot++) {
        Binding b = automaton.bindingInfo(slot);
        if (b.negated()) {
          continue;
        }
        if (b.repeated()) {
          if (lists == null) {
            lists = collectLists(r);
          }
          fields.put(b.name(), List.copyOf(lists.getOrDefault(b.slot(), List.of())));
        } else {
          fields.put(b.name(), b.slot() == ownSlot[r.pos] ? r.event : r.singles[b.slot()]);
        }
      }
      runtime.derive(withProvenance(Event.of(automaton.name(), time, fields), r),
          automaton.internal());
      return;
    }
    emitWith(emit, emitBuffer, r, time);
  }

  /** The context for evaluating over run {@code r}'s bindings. */
  private RunContext on(Event current, Event prev, Run r) {
    return ctx.set(current, prev, r.singles, r.accs, ownSlot[r.pos], r.event).over(r, null, -1);
  }

  private void emitWith(Emission clause, Object[] values, Run r, long time) {
    // One buffer per clause, reused: the event copies the values out of it.
    on(null, r.last(), r);
    for (int i = 0; i < values.length; i++) {
      values[i] = clause.convert(i, clause.field(i).eval(ctx));
    }
    Event derived = Event.of(clause.type(), time, clause.shape(), values);
    Arrays.fill(values, null);
    runtime.derive(withProvenance(derived, r), automaton.internal());
  }

  /**
   * {@code derived} carrying the origins of the events run {@code r} took, once any event sent
   * to the engine had origins (until then, no walk and no copy).
   */
  private Event withProvenance(Event derived, Run r) {
    if (!runtime.originsSeen) {
      return derived;
    }
    long[] all = NO_ORIGINS;
    int n = 0;
    for (Step s = r; s != null; s = s.previous) {
      if (s.event.hasOrigins()) {
        long[] o = s.event.origins();
        if (n + o.length > all.length) {
          all = Arrays.copyOf(all, Math.max(2 * all.length, n + o.length));
        }
        System.arraycopy(o, 0, all, n, o.length);
        n += o.length;
      }
    }
    return n == 0 ? derived : derived.withOrigins(Arrays.copyOf(all, n));
  }

  private static final long[] NO_ORIGINS = new long[0];

  private Map<Integer, List<Event>> collectLists(Run r) {
    Map<Integer, List<Event>> lists = new HashMap<>();
    for (Step s = r; s != null; s = s.previous()) {
      int b = automaton.binding(s.pos());
      if (b >= 0 && automaton.bindingRepeated(s.pos())) {
        lists.computeIfAbsent(b, k -> new ArrayList<>()).add(0, s.event());
      }
    }
    return lists;
  }

  /** Live partial matches as text, by partition. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Partition p : partitions) {
      for (Run r : p) {
        StringBuilder sb = new StringBuilder();
        sb.append(automaton.name()).append(" [").append(p.key).append("] at ")
            .append(r.pos).append(": ");
        List<String> steps = new ArrayList<>();
        for (Step s = r; s != null; s = s.previous()) {
          steps.add(0, s.event().toString());
        }
        sb.append(String.join(" -> ", steps));
        out.add(sb.toString());
      }
    }
    return out;
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
