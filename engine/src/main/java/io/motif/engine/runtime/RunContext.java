package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.function.Accumulator;

/**
 * A reusable evaluation context over a run's bindings; one per pattern, reset per use. A run does
 * not copy the single binding its own newest event fills into its array (that would cost an array
 * per started attempt): {@code ownSlot} names that binding and {@code own} its event.
 */
final class RunContext implements EvalContext {
  Event current;
  Event prev;
  Event[] singles;
  Accumulator[] accs;
  int ownSlot = -1;
  Event own;

  RunContext set(Event current, Event prev, Event[] singles, Accumulator[] accs) {
    return set(current, prev, singles, accs, -1, null);
  }

  RunContext set(Event current, Event prev, Event[] singles, Accumulator[] accs, int ownSlot,
      Event own) {
    this.current = current;
    this.prev = prev;
    this.singles = singles;
    this.accs = accs;
    this.ownSlot = ownSlot;
    this.own = own;
    return this;
  }

  @Override
  public Event current() {
    return current;
  }

  @Override
  public Event prev() {
    return prev;
  }

  @Override
  public Event binding(int slot) {
    if (slot == ownSlot) {
      return own;
    }
    return singles == null ? null : singles[slot];
  }

  @Override
  public Object aggregate(int slot) {
    return accs == null ? null : accs[slot].result();
  }
}
