package io.motif.function;

import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader}: a jar that lists its provider in {@code
 * META-INF/services/io.motif.function.FunctionProvider} adds its functions to every engine.
 */
public interface FunctionProvider {
  /** The scalar functions provided. */
  List<ScalarFunction> scalars();

  /** The aggregate functions provided (none by default). */
  default List<AggregateFunction> aggregates() {
    return List.of();
  }

  /**
   * The functions behind operators of the language ({@code like}, {@code matches}), each named by
   * its operator: the engine evaluates the operator by calling it. They are not functions a script
   * can call by name, so they are kept apart from {@link #scalars}.
   */
  default List<ScalarFunction> operators() {
    return List.of();
  }
}
