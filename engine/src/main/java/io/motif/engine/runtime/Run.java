package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.function.Accumulator;

/**
 * A partial match. Runs branch without copying what they share: the taken events form a
 * persistent list (newest first) shared by every run that extends the same prefix, and the binding
 * and aggregate arrays are copied only when the taking event changes them.
 */
final class Run {
  /** One taken event: the event, its global sequence number and the position that took it. */
  record Step(Event event, long seq, int pos, Step previous) {}

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
