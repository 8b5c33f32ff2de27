package io.motif.engine.eval;

/** A compiled expression: built once per pattern, evaluated per event. */
@FunctionalInterface
public interface Evaluator {
  Object eval(EvalContext ctx);
}
