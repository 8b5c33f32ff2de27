package io.motif.engine.runtime;

import com.carrotsearch.hppc.LongHashSet;
import io.motif.engine.Event;
import io.motif.engine.automaton.Automaton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pattern's windows and timeouts: whether a run's window still allows an event, the deadlines of
 * attempts with a time window (oldest first), windows that close as the watermark passes them or as
 * their count of events is used up, the absences they complete and the attempts that time out.
 */
final class Windows {
  private final PatternRuntime pattern;
  private final PatternTables tables;
  private final Automaton automaton;
  private final PatternHost host;
  private final Matches matches;
  private final long windowMillis;
  private final long windowEvents;

  /** The deadlines of attempts with a time window, oldest first. */
  final DeadlineQueue deadlines = new DeadlineQueue();

  /**
   * The first events of the live attempts, collected when the queue compacts: one set, reused while
   * it is small (up to {@link #KEPT_LIVE_SET} attempts), so that compacting allocates nothing in
   * the usual case and a large set is not kept alive (retained) between compactions.
   */
  private final LongHashSet liveAttempts = new LongHashSet();

  private static final int KEPT_LIVE_SET = 4096;

  Windows(PatternRuntime pattern, PatternTables tables, PatternHost host, Matches matches) {
    this.pattern = pattern;
    this.tables = tables;
    this.automaton = tables.automaton;
    this.host = host;
    this.matches = matches;
    this.windowMillis = automaton.windowMillis();
    this.windowEvents = automaton.windowEvents();
  }

  boolean allows(Run r, Event e, long pseq) {
    if (windowMillis >= 0 && e.time() - r.firstTime > windowMillis) {
      return false;
    }
    return windowEvents < 0 || pseq - r.firstPseq + 1 <= windowEvents;
  }

  void queueDeadline(long deadline, long firstSeq, Partition part) {
    if (deadlines.wantsCompaction()) {
      LongHashSet live = liveAttempts;
      live.clear();
      for (Partition p : pattern.partitions) {
        for (int i = 0; i < p.size(); i++) {
          live.add(p.firstSeq(i));
        }
      }
      deadlines.compact(live);
      if (live.size() > KEPT_LIVE_SET) {
        live.release(); // a large set would be held between compactions for nothing
      }
    }
    deadlines.add(deadline, firstSeq, part);
    host.scheduled(deadline);
  }

  /** After a restore: one deadline per attempt with live runs, in order of first event. */
  void requeueDeadlines() {
    deadlines.clear();
    if (windowMillis < 0) {
      return;
    }
    List<Run> firsts = new ArrayList<>();
    Map<Run, Partition> owner = new IdentityHashMap<>();
    LongHashSet seen = new LongHashSet();
    for (Partition p : pattern.partitions) {
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
      host.scheduled(r.firstTime + windowMillis);
    }
  }

  /** A partition loaded from a store: one deadline per attempt with live runs, out of order. */
  void queueLoaded(Partition part) {
    if (windowMillis < 0) {
      return;
    }
    LongHashSet seen = new LongHashSet();
    for (int i = 0; i < part.size(); i++) {
      long first = part.firstSeq(i);
      if (!part.dead(i) && seen.add(first)) {
        long deadline = firstTime(part, i) + windowMillis;
        deadlines.addOutOfOrder(deadline, first, part);
        host.scheduled(deadline);
      }
    }
  }

  /** When the earliest window of a partition's runs closes; Long.MAX_VALUE when none has one. */
  long earliestDeadline(Partition part) {
    if (windowMillis < 0) {
      return Long.MAX_VALUE;
    }
    long min = Long.MAX_VALUE;
    for (int i = 0; i < part.size(); i++) {
      if (!part.dead(i)) {
        min = Math.min(min, firstTime(part, i) + windowMillis);
      }
    }
    return min;
  }

  private static long firstTime(Partition part, int i) {
    return part.isPacked(i) ? part.firstEvent(i).time() : part.get(i).firstTime;
  }

  /** Drops runs that can neither take another event nor complete. */
  void prune(Partition part, long pseq, Event e) {
    Partition runs = part;
    List<Run> closed = null;
    int w = 0;
    for (int i = 0; i < runs.size(); i++) {
      if (runs.dead(i)) {
        continue;
      }
      if (runs.isPacked(i)) {
        // A packed row waits at a position that goes on: nothing here can end it but its window
        // of events, used up. Then it ends as a run would (an absence it awaited has completed
        // just before, in Matches#completeCountAbsences), as a run when a tracer must see it.
        boolean usedUp = windowEvents > 0 && pseq - runs.firstPseq(i) + 1 >= windowEvents;
        if (usedUp && pattern.tracer == null) {
          continue;
        }
        if (!usedUp) {
          if (w != i) {
            runs.move(w, i);
          }
          w++;
          continue;
        }
      }
      Run r = runs.get(i);
      if (r.lastPseq == pseq && tables.deadEnd(r)) {
        continue;
      }
      if (windowEvents > 0 && pseq - r.firstPseq + 1 >= windowEvents) {
        if (pattern.tracer != null) {
          pattern.tracer.countWindowClosed(part, r, e);
        }
        // Its window is used up: completed absences were emitted just before; the rest close.
        if (automaton.onTimeout() != null) {
          if (closed == null) {
            closed = new ArrayList<>();
          }
          closed.add(r);
        }
        continue;
      }
      if (w != i) {
        runs.move(w, i);
      }
      w++;
    }
    runs.truncate(w);
    if (closed != null) {
      matches.timeOut(closed, e.time(), false, pseq);
    }
  }

  /**
   * The watermark passed {@code deadline}: runs whose window ends there complete their absence (in
   * order of first event) or are dropped.
   */
  void expire(Partition part, long deadline, long firstSeq) {
    if (!part.current) {
      return; // the partition was dropped and perhaps recreated since
    }
    if (pattern.keyed != null) {
      pattern.keyed.touch(pattern, part.key);
    }
    // One attempt at a time, so that windows ending at one instant in several partitions
    // complete in order of first event (LANGUAGE.md §8).
    Run single = null;
    List<Run> due = null;
    boolean packedEnded = false;
    int direct = -1; // a packed row whose absence completes with no run made, if it is alone
    int from = 0;
    int to = part.size();
    if (part.allOrdered()) { // packed rows only, one per attempt, in order: a binary search
      from = Math.max(0, part.rowOf(firstSeq));
      to = from < to && part.firstSeq(from) == firstSeq ? from + 1 : from;
    }
    for (int i = from; i < to; i++) {
      if (part.firstSeq(i) != firstSeq || part.dead(i)) {
        continue;
      }
      if (part.isPacked(i) && pattern.tracer == null) {
        int pos = part.pos(i);
        if (!tables.awaitsAbsence(pos)) {
          // A lone first event waiting at a start position for what follows: it has no timeout to
          // emit (no packed rows with `on timeout`). It just ends.
          part.kill(i);
          packedEnded = true;
          continue;
        }
        if (direct < 0 && tables.directAbsence[pos]) {
          direct = i;
          continue;
        }
      }
      Run r = part.get(i);
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
    if (direct >= 0) {
      if (single == null) {
        // The attempt's one row completes its absence: emitted from the row and its event.
        Event first = part.firstEvent(direct);
        int pos = part.pos(direct);
        part.kill(direct);
        matches.emitAbsence(first, pos, first.time() + windowMillis);
        host.drainCascade();
        afterExpiry(part);
        return;
      }
      if (due == null) { // with other runs of its attempt, it completes as a run, in their order
        due = new ArrayList<>(4);
        due.add(single);
      }
      due.add(part.get(direct));
    }
    if (single == null) {
      if (packedEnded) {
        afterExpiry(part);
      }
      return; // (else the attempt ended before its window did)
    }
    if (due == null) { // the usual attempt of one run: no lists
      closeWindow(part, single, null);
      if (automaton.onTimeout() != null) {
        matches.timeOut(List.of(single), deadline, true, part.seq);
      }
      afterExpiry(part);
      return;
    }
    if (due.size() > 1) {
      due.sort(matches::order);
    }
    Set<String> seen = due.size() > 1 && !tables.deterministic ? new HashSet<>() : null;
    for (Run r : due) {
      if (!r.dead) {
        closeWindow(part, r, seen);
      }
    }
    matches.timeOut(due, deadline, true, part.seq);
    afterExpiry(part);
  }

  /** A run's window has closed: it completes its absence, if it waits for one, and ends. */
  private void closeWindow(Partition part, Run r, Set<String> seen) {
    boolean complete = tables.pendingAbsence(r) && matches.openConjunctsHold(r);
    r.dead = true;
    if (pattern.tracer != null && !complete) {
      pattern.tracer.windowClosed(part, r);
    }
    if (complete && (seen == null || seen.add(matches.identity(r)))) {
      matches.emitMatch(part, r, r.firstTime + windowMillis);
      // Each absence's derived event is processed in full before the next (LANGUAGE.md §8).
      host.drainCascade();
    }
  }

  private void afterExpiry(Partition part) {
    host.runsChanged(-part.removeDead());
    // (Derived events processed meanwhile may have stepped this partition, or dropped and
    // recreated it: only this very partition is removed.)
    if (part.isEmpty() && part.current) {
      pattern.partitions.remove(part);
    }
  }
}
