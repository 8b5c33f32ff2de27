package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.function.Accumulator;

/** A reusable evaluation context over a run's bindings; one per pattern, reset per use. */
final class RunContext implements EvalContext {
  Event current;
  Event prev;
  Event[] singles;
  Accumulator[] accs;

  RunContext set(Event current, Event prev, Event[] singles, Accumulator[] accs) {
    this.current = current;
    this.prev = prev;
    this.singles = singles;
    this.accs = accs;
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
    return singles == null ? null : singles[slot];
  }

  @Override
  public Object aggregate(int slot) {
    return accs == null ? null : accs[slot].result();
  }
}
