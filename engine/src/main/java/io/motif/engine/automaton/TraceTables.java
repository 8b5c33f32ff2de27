package io.motif.engine.automaton;

import io.motif.engine.Trace;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.Conjunct;
import io.motif.engine.plan.PatternNode;
import io.motif.engine.plan.PatternPlan;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracing reads of a pattern to say why: per position and per negation the atom as written and
 * its condition's {@code and}-ed parts (null: no condition), and per {@code where} conjunct its
 * part and where it is written. Made from the plan on the first trace of the pattern (see {@link
 * Automaton#traceTables}), so that the runtime reads no plan.
 */
public final class TraceTables {
  private final Trace.Atom[] positionAtom;
  private final List<List<ConditionText.Part>> conditionParts = new ArrayList<>();
  private final Trace.Atom[] negationAtom;
  private final List<List<ConditionText.Part>> negationParts = new ArrayList<>();
  private final ConditionText.Part[] whereParts;
  private final Span[] whereSpans;

  TraceTables(PatternPlan plan, Automaton automaton) {
    Map<Integer, PatternNode.Atom> atoms = new LinkedHashMap<>();
    List<PatternNode.Atom> negations = new ArrayList<>();
    collect(plan.match(), atoms, negations);
    int n = automaton.positions();
    this.positionAtom = new Trace.Atom[n];
    for (int q = 0; q < n; q++) {
      PatternNode.Atom a = atoms.get(automaton.atomId(q));
      positionAtom[q] =
          a == null
              ? new Trace.Atom(automaton.type(q), null, null)
              : new Trace.Atom(a.text(), a.span(), null);
      conditionParts.add(
          a == null || a.condition() == null
              ? null
              : ConditionText.parts(
                  a.condition(), bindingName(plan, a.binding()), plan.aggregates()));
    }
    // Negations are numbered as the compiler meets them: in source order, once per atom.
    int negationCount = automaton.negations();
    boolean aligned = negations.size() == negationCount;
    for (int k = 0; aligned && k < negationCount; k++) {
      aligned = negations.get(k).type().equals(automaton.negationType(k));
    }
    this.negationAtom = new Trace.Atom[negationCount];
    for (int k = 0; k < negationCount; k++) {
      PatternNode.Atom a = aligned ? negations.get(k) : null;
      negationAtom[k] =
          a == null
              ? new Trace.Atom("not " + automaton.negationType(k), null, null)
              : new Trace.Atom("not " + a.text(), a.span(), null);
      negationParts.add(
          a == null || a.condition() == null
              ? null
              : ConditionText.parts(
                  a.condition(), bindingName(plan, a.binding()), plan.aggregates()));
    }
    this.whereParts = new ConditionText.Part[plan.where().size()];
    this.whereSpans = new Span[whereParts.length];
    for (int c = 0; c < whereParts.length; c++) {
      Conjunct w = plan.where().get(c);
      whereParts[c] = ConditionText.part(w.condition(), null, plan.aggregates(), w.text());
      whereSpans[c] = w.span();
    }
  }

  /** The atom position {@code q} takes, as written. */
  public Trace.Atom positionAtom(int q) {
    return positionAtom[q];
  }

  /** The parts of position {@code q}'s condition, or null when its atom has none. */
  public List<ConditionText.Part> conditionParts(int q) {
    return conditionParts.get(q);
  }

  /** Negation {@code k}'s {@code not} atom, as written. */
  public Trace.Atom negationAtom(int k) {
    return negationAtom[k];
  }

  /** The parts of negation {@code k}'s condition, or null when its atom has none. */
  public List<ConditionText.Part> negationParts(int k) {
    return negationParts.get(k);
  }

  /** {@code where} conjunct {@code c}, prepared for explaining. */
  public ConditionText.Part wherePart(int c) {
    return whereParts[c];
  }

  /** Where {@code where} conjunct {@code c} is written. */
  public Span whereSpan(int c) {
    return whereSpans[c];
  }

  private static String bindingName(PatternPlan plan, int slot) {
    for (BindingDecl b : plan.bindings()) {
      if (b.slot() == slot) {
        return b.name();
      }
    }
    return null;
  }

  private static void collect(
      PatternNode node, Map<Integer, PatternNode.Atom> atoms, List<PatternNode.Atom> negations) {
    if (node instanceof PatternNode.Atom a) {
      atoms.putIfAbsent(a.id(), a);
    } else if (node instanceof PatternNode.Negation n) {
      if (negations.stream().noneMatch(x -> x.id() == n.atom().id())) {
        negations.add(n.atom());
      }
    } else if (node instanceof PatternNode.Sequence s) {
      s.elements().forEach(e -> collect(e, atoms, negations));
    } else if (node instanceof PatternNode.Repetition r) {
      collect(r.body(), atoms, negations);
    } else if (node instanceof PatternNode.Alternation a) {
      a.alternatives().forEach(e -> collect(e, atoms, negations));
    } else if (node instanceof PatternNode.Conjunction c) {
      c.parts().forEach(e -> collect(e, atoms, negations));
    }
  }
}
