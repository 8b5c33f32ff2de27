package io.motif.function;

import java.util.List;

/**
 * An aggregate over the events of a repeated binding ({@code sum(f.x)}), kept incrementally: the
 * engine adds each accepted value to an {@link Accumulator} and reads the result when needed. Nulls
 * are skipped by the engine and never added.
 */
public interface AggregateFunction {
  /** The name users call it by; matched case-insensitively. */
  String name();

  /**
   * The overloads: each has one parameter, the type of the aggregated values ({@link Type#EVENT}
   * for {@code count(f)}, {@code first(f)}).
   */
  List<Signature> signatures();

  /** One sentence for the function reference. */
  default String description() {
    return "";
  }

  /** A Motif expression using the function, and the value it gives, for the reference page. */
  default List<String> example() {
    return List.of();
  }

  /** The result type for values of this type, or null when no overload accepts it. */
  default Type resultType(Type valueType) {
    for (Signature s : signatures()) {
      if (s.accepts(List.of(valueType))) {
        return s.result();
      }
    }
    return null;
  }

  /** The accumulator of nothing; its {@link Accumulator#result()} is the aggregate of no values. */
  Accumulator empty();
}
