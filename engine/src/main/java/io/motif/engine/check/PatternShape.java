package io.motif.engine.check;

import io.motif.ast.Arrow;
import io.motif.ast.PatternExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts about the shape of a pattern's {@code match} clause that need no names or types: its
 * sub-patterns, whether it can match no event, whether it ends in an absence, how many atoms it has
 * once counted repetitions are written out.
 */
final class PatternShape {
  private PatternShape() {}

  /** The direct sub-patterns: none for an atom or a negation (whose atom is no sub-pattern). */
  static List<PatternExpr> children(PatternExpr p) {
    if (p instanceof PatternExpr.Sequence s) {
      return s.elements();
    }
    if (p instanceof PatternExpr.Alternation a) {
      return a.alternatives();
    }
    if (p instanceof PatternExpr.Conjunction c) {
      return c.parts();
    }
    if (p instanceof PatternExpr.Repetition r) {
      return List.of(r.body());
    }
    return List.of();
  }

  /** The first node of {@code kind} in {@code p}, depth first, or null. */
  static PatternExpr find(PatternExpr p, Class<? extends PatternExpr> kind) {
    if (kind.isInstance(p)) {
      return p;
    }
    for (PatternExpr c : children(p)) {
      PatternExpr f = find(c, kind);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** True when {@code p} can match without taking an event. */
  static boolean nullable(PatternExpr p) {
    if (p instanceof PatternExpr.Atom) {
      return false;
    }
    if (p instanceof PatternExpr.Negation) {
      return true;
    }
    if (p instanceof PatternExpr.Repetition r) {
      return r.min() == 0 || nullable(r.body());
    }
    if (p instanceof PatternExpr.Alternation a) {
      return a.alternatives().stream().anyMatch(PatternShape::nullable);
    }
    // A sequence or a conjunction: every part may take nothing.
    return children(p).stream().allMatch(PatternShape::nullable);
  }

  /** An absence: a negation with nothing required after it, as in `a -> not B -> c?`. */
  static boolean endsWithNegation(PatternExpr p) {
    if (!(p instanceof PatternExpr.Sequence s)) {
      return false;
    }
    for (int i = s.elements().size() - 1; i >= 0; i--) {
      PatternExpr e = s.elements().get(i);
      if (e instanceof PatternExpr.Negation) {
        return true;
      }
      if (!nullable(e)) {
        return false;
      }
    }
    return false;
  }

  /** True when a repetition that can take more than one event stands after a `->>`. */
  static boolean repeatsUnderAnyArrow(PatternExpr p, boolean underAny) {
    if (p instanceof PatternExpr.Sequence s) {
      for (int i = 0; i < s.elements().size(); i++) {
        boolean any = i > 0 ? s.arrows().get(i - 1) == Arrow.ANY : underAny;
        if (repeatsUnderAnyArrow(s.elements().get(i), any)) {
          return true;
        }
      }
      return false;
    }
    if (p instanceof PatternExpr.Repetition r) {
      return (underAny && r.max() != 1) || repeatsUnderAnyArrow(r.body(), underAny);
    }
    for (PatternExpr c : children(p)) {
      if (repeatsUnderAnyArrow(c, underAny)) {
        return true;
      }
    }
    return false;
  }

  /** The atoms once counted repetitions are written out (an unbounded one counts its minimum). */
  static long expandedAtoms(PatternExpr p) {
    if (p instanceof PatternExpr.Atom || p instanceof PatternExpr.Negation) {
      return 1;
    }
    long sum = 0;
    if (p instanceof PatternExpr.Repetition r) {
      long copies = r.max() == PatternExpr.Repetition.UNBOUNDED ? Math.max(1, r.min()) : r.max();
      sum = Math.min(Long.MAX_VALUE / 4, expandedAtoms(r.body()) * copies);
    } else {
      for (PatternExpr e : children(p)) {
        sum += expandedAtoms(e);
      }
    }
    return Math.min(sum, Long.MAX_VALUE / 4);
  }

  /** The atoms of a pattern expression in source order, negated ones included. */
  static List<PatternExpr.Atom> atoms(PatternExpr p) {
    List<PatternExpr.Atom> out = new ArrayList<>();
    collectAtoms(p, out);
    return out;
  }

  private static void collectAtoms(PatternExpr p, List<PatternExpr.Atom> out) {
    if (p instanceof PatternExpr.Atom a) {
      out.add(a);
    } else if (p instanceof PatternExpr.Negation n) {
      out.add(n.atom());
    } else {
      children(p).forEach(c -> collectAtoms(c, out));
    }
  }
}
