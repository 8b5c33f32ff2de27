package io.motif.function;

/**
 * The state of one aggregate. Accumulators are immutable: partial matches branch, and each branch
 * keeps its own state without copying, so {@link #add} returns the new state.
 */
public interface Accumulator {
  /** The state after one more (non-null) value. */
  Accumulator add(Object value);

  /** The aggregate of the values added so far; null for none, unless documented otherwise. */
  Object result();
}
