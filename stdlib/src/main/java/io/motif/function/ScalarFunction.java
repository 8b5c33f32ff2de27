package io.motif.function;

import java.util.List;

/**
 * A function of values, called once per evaluation. Built-ins and user functions implement this
 * same interface. Implementations must be stateless and thread-safe, and should not throw: a bad
 * argument gives {@code null} (the engine turns an exception into {@code null} and reports it).
 *
 * <p>Calls are specialised by arity ({@link #apply1}, {@link #apply2}, {@link #apply3}) so the
 * engine does not allocate an argument array per call; override them for speed.
 */
public interface ScalarFunction {
  /** The name users call it by; matched case-insensitively. */
  String name();

  /** The overloads, used by the checker for resolution and error messages, and by the docs. */
  List<Signature> signatures();

  /**
   * For the function reference: what the function does, and what it gives for bad arguments (a
   * sentence or three, Markdown inline code allowed).
   */
  default String description() {
    return "";
  }

  /**
   * Examples for the reference page, as pairs: a call with literal arguments, then the value it
   * gives as a Motif literal ({@code "round(2.567, 2)", "2.57"}); more pairs may follow. The
   * standard library's tests evaluate each call and compare.
   */
  default List<String> example() {
    return List.of();
  }

  /**
   * The result type for these argument types, or null when no overload accepts them. The default
   * takes the first overload that accepts them.
   */
  default Type resultType(List<Type> args) {
    for (Signature s : signatures()) {
      if (s.accepts(args)) {
        return s.result();
      }
    }
    return null;
  }

  /**
   * False (the default): SQL null semantics, so the engine returns null without calling when any
   * argument is null. True: the function sees nulls ({@code coalesce}, {@code if}).
   */
  default boolean acceptsNulls() {
    return false;
  }

  /** Calls the function with any number of arguments (already normalised values). */
  Object apply(Object[] args);

  /** Calls the function with no argument. */
  default Object apply0() {
    return apply(new Object[0]);
  }

  /** Calls the function with one argument. */
  default Object apply1(Object a) {
    return apply(new Object[] {a});
  }

  /** Calls the function with two arguments. */
  default Object apply2(Object a, Object b) {
    return apply(new Object[] {a, b});
  }

  /** Calls the function with three arguments. */
  default Object apply3(Object a, Object b, Object c) {
    return apply(new Object[] {a, b, c});
  }
}
