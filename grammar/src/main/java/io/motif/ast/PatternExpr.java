package io.motif.ast;

import io.motif.source.Span;
import java.util.List;

/** The {@code match} part of a pattern (LANGUAGE.md §4.1). */
public sealed interface PatternExpr extends Node
    permits PatternExpr.Atom,
        PatternExpr.Negation,
        PatternExpr.Sequence,
        PatternExpr.Repetition,
        PatternExpr.Alternation,
        PatternExpr.Conjunction {

  /** {@code t: Trade(price > 10)}; binding and condition may be null. */
  record Atom(Ident binding, Ident type, Expr condition, Span span) implements PatternExpr {}

  /** {@code not B(cond)}. */
  record Negation(Atom atom, Span span) implements PatternExpr {}

  /** {@code P -> Q =>> R}: {@code arrows.get(i)} stands between elements i and i+1. */
  record Sequence(List<PatternExpr> elements, List<Arrow> arrows, Span span)
      implements PatternExpr {
    public Sequence {
      elements = List.copyOf(elements);
      arrows = List.copyOf(arrows);
      if (arrows.size() != elements.size() - 1) {
        throw new IllegalArgumentException("a sequence has one arrow between each two elements");
      }
    }
  }

  /**
   * {@code P{min,max}}; {@code max} is {@link #UNBOUNDED} for {@code +}, {@code *}, {@code {n,}}.
   */
  record Repetition(PatternExpr body, int min, int max, Span span) implements PatternExpr {
    public static final int UNBOUNDED = -1;
  }

  /** {@code P | Q}. */
  record Alternation(List<PatternExpr> alternatives, Span span) implements PatternExpr {
    public Alternation {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** {@code P & Q}. */
  record Conjunction(List<PatternExpr> parts, Span span) implements PatternExpr {
    public Conjunction {
      parts = List.copyOf(parts);
    }
  }
}
