package io.motif.stdlib;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionProvider;
import io.motif.function.ScalarFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in functions, registered through {@link java.util.ServiceLoader} like any user's.
 *
 * <p>A tour: every family is one class of constants ({@link MathFunctions}, {@link
 * StringFunctions}, {@link RegexFunctions}, {@link TimeFunctions}, {@link Conditionals}, {@link
 * Aggregates}); scalars extend {@link Builtin}, which routes {@code apply(Object[])} to the
 * arity-specialised methods; {@link Text} holds {@code like} and the cached, linear-time regular
 * expressions; the operators {@code like} and {@code matches} are registered as {@linkplain
 * #operators operators}, which the engine calls as it calls functions. No function throws: a bad
 * argument gives null, and each function's description says when.
 */
public final class StandardLibrary implements FunctionProvider {
  @Override
  public List<ScalarFunction> scalars() {
    List<ScalarFunction> all = new ArrayList<>();
    all.addAll(MathFunctions.all());
    all.addAll(StringFunctions.all());
    all.addAll(RegexFunctions.all());
    all.addAll(TimeFunctions.all());
    all.addAll(Conditionals.all());
    return all;
  }

  @Override
  public List<AggregateFunction> aggregates() {
    return new ArrayList<>(Aggregates.all());
  }

  @Override
  public List<ScalarFunction> operators() {
    return List.of(StringFunctions.LIKE, RegexFunctions.MATCHES);
  }
}
