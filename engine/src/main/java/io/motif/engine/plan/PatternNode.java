package io.motif.engine.plan;

import io.motif.source.Span;
import java.util.List;

/** The checked structure of a pattern's {@code match} clause. */
public sealed interface PatternNode {

  /**
   * One event of {@code type} satisfying {@code condition} (null: always). {@code id} numbers the
   * atoms in source order; {@code binding} is an index into the pattern's bindings, or -1. {@code
   * span} is where the atom is written (for {@code motif why}).
   */
  record Atom(int id, String type, int binding, TypedExpr condition, String text, Span span)
      implements PatternNode {}

  /** {@code not B(cond)}: no such event in the gap it stands in. */
  record Negation(Atom atom) implements PatternNode {}

  record Sequence(List<PatternNode> elements, List<Contiguity> arrows) implements PatternNode {
    public Sequence {
      elements = List.copyOf(elements);
      arrows = List.copyOf(arrows);
    }
  }

  /** {@code max} is -1 when unbounded. */
  record Repetition(PatternNode body, int min, int max) implements PatternNode {}

  record Alternation(List<PatternNode> alternatives) implements PatternNode {
    public Alternation {
      alternatives = List.copyOf(alternatives);
    }
  }

  record Conjunction(List<PatternNode> parts) implements PatternNode {
    public Conjunction {
      parts = List.copyOf(parts);
    }
  }
}
