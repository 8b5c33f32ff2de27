package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.function.Accumulator;

/**
 * A partial match, which is also its newest {@link Step}. Runs branch without copying what they
 * share: the taken events form a persistent list through {@link Step#previous}, and the binding and
 * aggregate arrays are copied only when the taking event changes them.
 */
final class Run extends Step {
  /** What every run started by the same event shares: whether it matched or timed out. */
  static final class Attempt {
    boolean emitted;
    boolean timedOut;
  }

  /** Null unless the pattern has {@code on timeout}, the only reader of what it records. */
  final Attempt attempt;

  final Event[] singles;
  final Accumulator[] accs;
  final long firstTime;
  final long firstSeq;
  final long firstPseq;
  final long lastPseq;

  /** Per conjunction side, the stream position of its last event (null without `&`). */
  long[] sideLast;

  /** Negations seen since the last taken event, a bit each. */
  long violated;

  boolean dead;

  Run(
      Event event,
      long seq,
      int pos,
      int slot,
      Step previous,
      Attempt attempt,
      Event[] singles,
      Accumulator[] accs,
      long firstTime,
      long firstSeq,
      long firstPseq,
      long lastPseq) {
    super(event, seq, pos, slot, previous);
    this.attempt = attempt;
    this.singles = singles;
    this.accs = accs;
    this.firstTime = firstTime;
    this.firstSeq = firstSeq;
    this.firstPseq = firstPseq;
    this.lastPseq = lastPseq;
  }

  /** The number of events taken (walks the steps: for the cold paths that need it). */
  int length() {
    int n = 0;
    for (Step s = this; s != null; s = s.previous) {
      n++;
    }
    return n;
  }

  /** The newest taken event. */
  Event last() {
    return event;
  }
}
