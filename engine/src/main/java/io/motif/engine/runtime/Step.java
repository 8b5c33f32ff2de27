package io.motif.engine.runtime;

import io.motif.engine.Event;

/**
 * One taken event of a partial match: the event, its global sequence number, the position that
 * took it, the binding slot it filled (-1 for none) and the step before it. Steps form a
 * persistent list, newest first, shared by every run that extends the same prefix. A {@link Run}
 * is its own newest step, so taking an event allocates one object.
 */
class Step {
  final Event event;
  final long seq;
  final int pos;
  final int slot;
  final Step previous;

  Step(Event event, long seq, int pos, int slot, Step previous) {
    this.event = event;
    this.seq = seq;
    this.pos = pos;
    this.slot = slot;
    this.previous = previous;
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

  final int slot() {
    return slot;
  }

  final Step previous() {
    return previous;
  }

  /** A hash of the (event, slot) chain: equal for chains that take the same events into the same slots. */
  final long identity() {
    long h = 17;
    for (Step s = this; s != null; s = s.previous) {
      h = h * 1_000_003L ^ (s.seq * 31 + s.slot);
    }
    return h;
  }

  /** True when both chains take the same events into the same slots. */
  static boolean sameIdentity(Step a, Step b) {
    while (a != b) {
      if (a == null || b == null || a.seq != b.seq || a.slot != b.slot) {
        return false;
      }
      a = a.previous;
      b = b.previous;
    }
    return true;
  }
}
