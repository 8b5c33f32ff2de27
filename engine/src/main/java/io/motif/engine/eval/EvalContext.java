package io.motif.engine.eval;

import io.motif.engine.Event;

/** What an expression may read while it is evaluated. */
public interface EvalContext {
  /** The event being tested, or the element an aggregate's argument reads. */
  Event current();

  /** The event most recently added to the match, or null. */
  Event prev();

  /** The event a single binding holds, or null. */
  Event binding(int slot);

  /** A field of the event a single binding holds ({@code a.x}), or null. */
  default Object bindingField(int slot, String name) {
    return ExprCompiler.field(binding(slot), name);
  }

  /**
   * Where unboxed arithmetic leaves its values ({@link NumericCompiler}); one per context, reused.
   * This default makes one per call, for a context that evaluates seldom.
   */
  default Num numbers() {
    return new Num();
  }

  /** The current value of an aggregate. */
  Object aggregate(int slot);

  /**
   * A function called by the expression threw; the call gives null. The engine counts the failure
   * and tells its error handler; a context outside an engine ignores it.
   */
  default void functionFailed(String function, RuntimeException cause) {}
}
