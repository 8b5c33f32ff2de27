package io.motif.engine.runtime;

import com.carrotsearch.hppc.LongArrayList;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import io.motif.engine.PatternStats;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.Guard;
import io.motif.function.Accumulator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployed pattern: its automaton and its partitions' partial matches, with its counters and
 * the bounds on its runs and partitions. The work is done by its parts, one job each: {@link
 * PartitionKeys} (the key of an event), {@link Stepper} (the step), {@link Matches} (order, skip
 * policy, emission) and {@link Windows} (windows, deadlines and timeouts), over the tables of
 * {@link PatternTables}. It talks to the engine's core through {@link PatternHost}.
 */
final class PatternRuntime implements RunList.RowRuns {
  final Automaton automaton;
  private final PatternHost host;
  final PatternTables tables;
  final PartitionKeys keys;
  final Matches matches;
  final Windows windows;
  private final Stepper stepper;

  /** In creation order, so snapshots are written (and restored) in one order. */
  final PartitionTable partitions;

  long eventsIn;

  /** Matches emitted, timeouts included. */
  long matchCount;

  long dropped;
  long evicted;
  private final RunContext ctx;
  private final Event[] noSingles;
  private final Accumulator[] emptyAccs;

  /**
   * Set while {@code Engine.trace} traces this pattern, else null: untraced, a pattern pays one
   * null test per event and nothing else.
   */
  StepExplainer tracer;

  /**
   * With state kept per key: the partitions the store loads and the keys touched since the
   * application last took the changes (see {@link KeyedPartitions}); else null.
   */
  KeyedPartitions keyed;

  /** The keys touched since the last {@link KeyedPartitions#drain}, in order; null until one. */
  LinkedHashMap<Object, Boolean> touched;

  PatternRuntime(Automaton automaton, PatternHost host) {
    this.automaton = automaton;
    this.host = host;
    this.partitions = new PartitionTable(this, host::partitionRetired);
    this.noSingles = new Event[automaton.bindings()];
    this.emptyAccs = automaton.emptyAccumulators();
    this.ctx = new RunContext(automaton, emptyAccs, host.functionFailures());
    this.tables = new PatternTables(automaton);
    this.keys = new PartitionKeys(automaton);
    this.matches = new Matches(this, tables, host, ctx);
    this.windows = new Windows(this, tables, host, matches);
    this.stepper =
        new Stepper(this, tables, host, keys, matches, windows, ctx, noSingles, emptyAccs);
  }

  /** See {@link Stepper#orderedSteps}. */
  long orderedSteps() {
    return stepper.orderedSteps;
  }

  /** See {@link Stepper#laterRows}. */
  long laterRows() {
    return stepper.laterRows;
  }

  /** See {@link Stepper#repeatedRows}. */
  long repeatedRows() {
    return stepper.repeatedRows;
  }

  /** See {@link Stepper#negationColumnSkips}. */
  long negationColumnSkips() {
    return stepper.negationColumnSkips;
  }

  /** See {@link Stepper#laterIndexSteps}. */
  long laterIndexSteps() {
    return stepper.laterIndexSteps;
  }

  /** See {@link Stepper#countedRows}. */
  long countedRows() {
    return stepper.countedRows;
  }

  /** See {@link Stepper#contiguousRowSteps}. */
  long contiguousRowSteps() {
    return stepper.contiguousRowSteps;
  }

  /** See {@link Stepper#deepenedInPlace}. */
  long deepenedInPlace() {
    return stepper.deepenedInPlace;
  }

  /** See {@link Stepper#laterRowMatches}. */
  long laterRowMatches() {
    return stepper.laterRowMatches;
  }

  @Override
  public boolean[] indexedAt() {
    return tables.indexedAt;
  }

  @Override
  public Guard[] columnGuards() {
    return tables.columnGuard;
  }

  @Override
  public int rowWidth() {
    return tables.rowWidth;
  }

  @Override
  public boolean keepsFirstPseq() {
    return automaton.windowEvents() >= 0;
  }

  /**
   * The run a packed row stands for: an attempt that took {@code first} and the {@code depth} later
   * events, the newest at {@code pos} (see {@link PatternTables#packedStart} and {@link
   * PatternTables#packedLater}), as {@code Stepper.take} would have made it. Its first event's
   * stream position is kept under {@code within N events} only, which reads it (else 0); its newest
   * event's is the row's column where {@code =>} reads it ({@link PatternTables#strictFrom}), else
   * 0 as well.
   */
  @Override
  public Run run(
      Event first,
      long firstSeq,
      int pos,
      long column,
      int depth,
      Event[] later,
      long[] laterSeqs,
      int[] earlierPos,
      int offset,
      long firstPseq) {
    long lastPseq = tables.strictFrom[pos] ? column : 0;
    if (depth == 0) {
      return new Run(
          first,
          firstSeq,
          pos,
          automaton.binding(pos),
          null,
          null,
          noSingles,
          emptyAccs,
          first.time(),
          firstSeq,
          firstPseq,
          lastPseq);
    }
    Event[] singles = noSingles;
    Step s = null;
    for (int k = 0; k < depth; k++) {
      Event ev = k == 0 ? first : later[offset + k - 1];
      long seq = k == 0 ? firstSeq : laterSeqs[offset + k - 1];
      int p = earlierPos[offset + k];
      s = new Step(ev, seq, p, automaton.binding(p), s);
      int slot = tables.ownSlot[p];
      if (slot >= 0) {
        if (singles == noSingles) {
          singles = noSingles.clone();
        }
        singles[slot] = ev;
      }
    }
    Accumulator[] accs = emptyAccs;
    if (accs.length > 0) { // (from the first later event: no row starts at a repeated binding)
      for (int k = 1; k <= depth; k++) {
        accs = accumulated(accs, k == depth ? pos : earlierPos[offset + k], later[offset + k - 1]);
      }
      if (accs != emptyAccs) {
        aggregateRows++;
      }
    }
    return new Run(
        later[offset + depth - 1],
        laterSeqs[offset + depth - 1],
        pos,
        automaton.binding(pos),
        s,
        null,
        singles,
        accs,
        first.time(),
        firstSeq,
        firstPseq,
        lastPseq);
  }

  /**
   * {@code accs} with {@code e}, taken into position {@code p}, added where it is an element of a
   * repeated binding whose aggregate is kept incrementally (copied on write): as a step takes the
   * event, and as a row's run is made from its events. Incremental arguments read the element only
   * (the others are recomputed when read), so a context of their own reads them, never the step's.
   */
  Accumulator[] accumulated(Accumulator[] accs, int p, Event e) {
    int b = automaton.binding(p);
    if (b < 0 || !automaton.bindingRepeated(p)) {
      return accs;
    }
    Accumulator[] out = accs;
    for (int a = 0; a < accs.length; a++) {
      if (automaton.aggBinding(a) != b || !automaton.aggIncremental(a)) {
        continue;
      }
      if (replayCtx == null) {
        replayCtx = new RunContext(automaton, emptyAccs, host.functionFailures());
      }
      Object v = automaton.aggArgument(a).eval(replayCtx.set(e, null, noSingles, emptyAccs));
      if (v != null) {
        if (out == accs) {
          out = accs.clone();
        }
        out[a] = out[a].add(v);
      }
    }
    return out;
  }

  /** See {@link #accumulated}; made on first need. */
  private RunContext replayCtx;

  /** Runs made from packed rows whose aggregates were worked out from the row's events (tests). */
  long aggregateRows;

  /** Processes one event of this pattern's stream ({@code type}: its number in the pattern). */
  void onEvent(Event e, long seq, int type) {
    stepper.onEvent(e, seq, type);
  }

  /** The number of an event type in this pattern, or -1 when it reads no such events. */
  int localType(String type) {
    return tables.localType(type);
  }

  long partialMatches() {
    long n = 0;
    for (Partition p : partitions) {
      n += p.size();
    }
    return n;
  }

  /**
   * Keeps a partition within the per-partition and total bounds: refuses the newest attempts or
   * evicts the oldest, as the policy says, counting each.
   */
  void enforceRunBounds(Partition part, int before) {
    Partition runs = part;
    Limits limits = host.limits();
    long excess =
        Math.max(
            runs.size() - limits.maxRunsPerPartition(),
            host.liveRuns() - before + runs.size() - limits.maxRuns());
    if (excess <= 0) {
      return;
    }
    excess = Math.min(excess, runs.size());
    // Runs are ordered oldest first except that this step's new runs come last; sort by age.
    runs.sort((a, b) -> Long.compare(a.firstSeq, b.firstSeq));
    if (limits.policy() == OverflowPolicy.EVICT_OLDEST) {
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
  boolean admitPartition(Partition part) {
    if (partitions.size() < host.limits().maxPartitions()) {
      partitions.add(part);
      return true;
    }
    if (host.limits().policy() == OverflowPolicy.REFUSE_NEW) {
      if (tracer != null) {
        tracer.partitionDropped(part, false);
      }
      dropped++;
      return false;
    }
    Partition victim = partitions.oldest();
    if (keyed != null) {
      keyed.touch(this, victim.key);
    }
    partitions.remove(victim);
    host.runsChanged(-victim.size());
    if (tracer != null) {
      tracer.partitionDropped(victim, true);
    }
    victim.clear();
    evicted++;
    partitions.add(part);
    return true;
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
    Run run =
        new Run(
            path.event(),
            path.seq(),
            path.pos(),
            automaton.binding(path.pos()),
            path.previous(),
            attempt,
            singles,
            accs,
            first.event().time(),
            first.seq(),
            firstPseq,
            lastPseq);
    return run;
  }

  /** Drops every partial match (undeploy, or end of time after expiry). */
  void clear() {
    partitions.clear();
    windows.deadlines.clear();
  }

  /** What a step (a run object, about 104 bytes) and its binding arrays cost, roughly. */
  static final long STEP_BYTES = 120;

  /** What a packed row's later event takes in its columns: a reference, a long and an int. */
  static final long LATER_SLOT_BYTES = 16;

  PatternStats stats() {
    long runs = 0;
    for (Partition p : partitions) {
      runs += p.size();
    }
    return new PatternStats(
        automaton.name(),
        eventsIn,
        matchCount,
        dropped,
        evicted,
        runs,
        partitions.size(),
        measureBytes(new IdentityHashMap<>(), new IdentityHashMap<>()));
  }

  /**
   * The bytes this pattern's partial matches hold, steps and events each counted once (prefixes and
   * events are shared): {@code seenSteps} and {@code seenEvents} carry what other patterns counted
   * already.
   */
  long measureBytes(Map<Step, Boolean> seenSteps, Map<Event, Boolean> seenEvents) {
    long bytes = partitions.size() * 120L;
    for (Partition p : partitions) {
      for (int i = 0; i < p.size(); i++) {
        if (p.isPacked(i)) {
          // As its run's newest step would, and its later events' slots (a row shares nothing).
          bytes += 8L * (noSingles.length + emptyAccs.length) + STEP_BYTES;
          Event e = p.firstEvent(i);
          if (seenEvents.put(e, Boolean.TRUE) == null) {
            bytes += e.estimatedBytes();
          }
          int depth = p.depth(i);
          if (depth > 0) {
            bytes += LATER_SLOT_BYTES * depth;
            for (int k = 0; k < depth; k++) {
              Event later = p.laterEvent(i, k);
              if (seenEvents.put(later, Boolean.TRUE) == null) {
                bytes += later.estimatedBytes();
              }
            }
          }
          continue;
        }
        Run r = p.get(i);
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
  void firstSeqs(LongArrayList out) {
    for (Partition p : partitions) {
      for (int i = 0; i < p.size(); i++) {
        out.add(p.firstSeq(i));
      }
    }
  }

  /**
   * Drops the runs whose attempt started at or before {@code threshold} (oldest) or at or after it
   * (newest), as the byte bound asks; counted as evicted or dropped.
   */
  void dropForBytes(long threshold, boolean oldest) {
    List<Partition> emptied = new ArrayList<>();
    for (Partition p : partitions) {
      for (int i = 0; i < p.size(); i++) {
        long first = p.firstSeq(i);
        if (oldest ? first <= threshold : first >= threshold) {
          p.kill(i);
          if (oldest) {
            evicted++;
          } else {
            dropped++;
          }
        }
      }
      int removed = p.removeDead();
      host.runsChanged(-removed);
      if (removed > 0 && keyed != null) {
        keyed.touch(this, p.key);
      }
      if (p.isEmpty()) {
        emptied.add(p);
      }
    }
    for (Partition p : emptied) {
      partitions.remove(p);
    }
  }

  /** Live partial matches as text, by partition. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Partition p : partitions) {
      for (int i = 0; i < p.size(); i++) {
        Run r = p.peek(i); // (reading: a packed row stays packed)
        StringBuilder sb = new StringBuilder();
        sb.append(automaton.name())
            .append(" [")
            .append(p.key)
            .append("] at ")
            .append(r.pos)
            .append(": ");
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
}
