package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.function.Accumulator;

/**
 * A partial match. Runs branch without copying what they share: the taken events form a
 * persistent list (newest first) shared by every run that extends the same prefix, and the binding
 * and aggregate arrays are copied only when the taking event changes them.
 */
final class Run {
  /**
   * One taken event: the event, its global sequence number, the position that took it and the
   * binding slot it filled (-1 for none). {@code identity} hashes the (event, slot) chain, so
   * runs that bind the same events to the same names are found without walking their paths.
   */
  static final class Step {
    private final Event event;
    private final long seq;
    private final int pos;
    private final int slot;
    private final Step previous;
    final long identity;

    Step(Event event, long seq, int pos, int slot, Step previous) {
      this.event = event;
      this.seq = seq;
      this.pos = pos;
      this.slot = slot;
      this.previous = previous;
      long h = previous == null ? 17 : previous.identity;
      this.identity = (h * 1_000_003L) ^ (seq * 31 + slot);
    }

    Event event() {
      return event;
    }

    long seq() {
      return seq;
    }

    int pos() {
      return pos;
    }

    int slot() {
      return slot;
    }

    Step previous() {
      return previous;
    }

    /** True when both chains take the same events into the same slots. */
    static boolean sameIdentity(Step a, Step b) {
      while (a != b) {
        if (a == null || b == null || a.identity != b.identity || a.seq != b.seq
            || a.slot != b.slot) {
          return false;
        }
        a = a.previous;
        b = b.previous;
      }
      return true;
    }
  }

  /** What every run started by the same event shares: whether it matched or timed out. */
  static final class Attempt {
    boolean emitted;
    boolean timedOut;
  }

  final int pos;
  final Attempt attempt;
  final Step path;
  final Event[] singles;
  final Accumulator[] accs;
  final long firstTime;
  final long firstSeq;
  final long firstPseq;
  final long lastPseq;
  final int length;
  /** Per conjunction side, the stream position of its last event (null without `&`). */
  long[] sideLast;
  /** Negations seen since the last taken event, a bit each. */
  long violated;
  boolean dead;

  Run(int pos, Attempt attempt, Step path, Event[] singles, Accumulator[] accs, long firstTime, long firstSeq,
      long firstPseq, long lastPseq, int length) {
    this.pos = pos;
    this.attempt = attempt;
    this.path = path;
    this.singles = singles;
    this.accs = accs;
    this.firstTime = firstTime;
    this.firstSeq = firstSeq;
    this.firstPseq = firstPseq;
    this.lastPseq = lastPseq;
    this.length = length;
  }

  Event last() {
    return path.event;
  }
}
