package io.motif.stdlib;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionProvider;
import io.motif.function.ScalarFunction;
import java.util.ArrayList;
import java.util.List;

/** The built-in functions, registered through {@link java.util.ServiceLoader} like any user's. */
public final class StandardLibrary implements FunctionProvider {
  @Override
  public List<ScalarFunction> scalars() {
    return new ArrayList<>(CoreScalars.all());
  }

  @Override
  public List<AggregateFunction> aggregates() {
    return new ArrayList<>(CoreAggregates.all());
  }
}
