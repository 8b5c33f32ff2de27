package io.motif.engine.runtime;

/** A compiled expression: built once per pattern, evaluated per event. */
@FunctionalInterface
public interface Evaluator {
  Object eval(EvalContext ctx);
}
