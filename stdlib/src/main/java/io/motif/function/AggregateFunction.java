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

  /**
   * For the function reference: what the aggregate computes, and what it gives for no values and
   * for bad ones (a sentence or three, Markdown inline code allowed).
   */
  default String description() {
    return "";
  }

  /**
   * Examples for the reference page, as triples: a call ({@code "sum(f.amount)"}), the values its
   * argument takes as a Motif list literal ({@code "[3, null, 9]"}; events as {@code Login(ip:
   * '10.0.0.1')}), and the result as a Motif literal ({@code "12"}); more triples may follow. The
   * standard library's tests add the non-null values in order and compare.
   */
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
