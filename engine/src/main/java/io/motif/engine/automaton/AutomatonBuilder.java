package io.motif.engine.automaton;

import io.motif.engine.plan.PatternPlan;
import io.motif.engine.runtime.Evaluator;

/** The compiler's door into {@link Automaton}'s constructor. */
public final class AutomatonBuilder {
  private AutomatonBuilder() {}

  public static Automaton build(PatternPlan plan, int[] atomId, String[] type, int[] binding,
      boolean[] bindingRepeated, Evaluator[] condition, String[] text,
      Automaton.Edge[][] out, Automaton.Edge[] start, long[][] accept, int[][] openAtCompletion,
      String[] negationType, Evaluator[] negationCondition, int[] negationBinding,
      Evaluator[] conjunct,
      int[] aggBinding, Evaluator[] aggArgument, int[] side, int sides) {
    return new Automaton(plan, atomId, type, binding, bindingRepeated, condition, text, out,
        start, accept, openAtCompletion, negationType, negationCondition, negationBinding, conjunct, aggBinding,
        aggArgument, side, sides);
  }
}
