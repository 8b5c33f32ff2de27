package io.motif.engine.runtime;

import io.motif.engine.Event;

/**
 * One taken event of a partial match: the event, its global sequence number, the position that took
 * it and the step before it. Steps form a persistent list, newest first, shared by every run that
 * extends the same prefix. A {@link Run} is its own newest step, so taking an event allocates one
 * object.
 */
class Step {
  final Event event;
  final long seq;
  final int pos;
  final Step previous;

  /**
   * A hash of the (event, binding slot) chain, equal for chains that take the same events into the
   * same slots: computed once here, so that finding duplicate runs costs no walk.
   */
  final long identity;

  /** {@code slot} is the binding slot the position fills (-1 for none). */
  Step(Event event, long seq, int pos, int slot, Step previous) {
    this.event = event;
    this.seq = seq;
    this.pos = pos;
    this.previous = previous;
    long h = previous == null ? 17 : previous.identity;
    this.identity = h * 1_000_003L ^ (seq * 31 + slot);
  }

  final Event event() {
    return event;
  }

  final long seq() {
    return seq;
  }

  final int pos() {
    return pos;
  }

  final Step previous() {
    return previous;
  }

  /**
   * True when both chains take the same events into the same slots ({@code slots}: per position).
   */
  static boolean sameIdentity(Step a, Step b, int[] slots) {
    while (a != b) {
      if (a == null
          || b == null
          || a.identity != b.identity
          || a.seq != b.seq
          || slots[a.pos] != slots[b.pos]) {
        return false;
      }
      a = a.previous;
      b = b.previous;
    }
    return true;
  }
}
