package io.motif.function;

import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader}: a jar that lists its provider in
 * {@code META-INF/services/io.motif.function.FunctionProvider} adds its functions to every engine.
 */
public interface FunctionProvider {
  /** The scalar functions provided. */
  List<ScalarFunction> scalars();

  /** The aggregate functions provided (none by default). */
  default List<AggregateFunction> aggregates() {
    return List.of();
  }
}
