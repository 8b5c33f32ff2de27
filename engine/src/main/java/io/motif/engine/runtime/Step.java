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

  /** {@code slot} is the binding slot the position fills (-1 for none): see {@link #identity}. */
  Step(Event event, long seq, int pos, int slot, Step previous) {
    this.event = event;
    this.seq = seq;
    this.pos = pos;
    this.previous = previous;
  }

  /**
   * A hash of the (event, binding slot) chain, equal for chains that take the same events into the
   * same slots ({@code slots}: per position). Walked when asked (only patterns where two runs may
   * bind alike ask), so that no step carries it.
   */
  static long identity(Step s, int[] slots) {
    long h = 0;
    long scale = 1;
    for (; s != null; s = s.previous) {
      h += scale * (s.seq * 31 + slots[s.pos]);
      scale *= 1_000_003L;
    }
    return h;
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
      if (a == null || b == null || a.seq != b.seq || slots[a.pos] != slots[b.pos]) {
        return false;
      }
      a = a.previous;
      b = b.previous;
    }
    return true;
  }
}
