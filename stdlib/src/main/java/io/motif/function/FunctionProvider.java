package io.motif.function;

import java.util.List;

/**
 * Found through {@link java.util.ServiceLoader}: a jar that lists its provider in
 * {@code META-INF/services/io.motif.function.FunctionProvider} adds its functions to every engine.
 */
public interface FunctionProvider {
  List<ScalarFunction> scalars();

  default List<AggregateFunction> aggregates() {
    return List.of();
  }
}
