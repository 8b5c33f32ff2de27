package io.motif.function;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The functions a script may call, by lower-case name. {@link #standard()} holds every function
 * found through {@link ServiceLoader} (the standard library and user jars on the class path).
 */
public final class FunctionRegistry {
  private final Map<String, ScalarFunction> scalars = new LinkedHashMap<>();
  private final Map<String, AggregateFunction> aggregates = new LinkedHashMap<>();
  private final Map<String, ScalarFunction> operators = new LinkedHashMap<>();

  /** An empty registry. */
  public FunctionRegistry() {}

  /** A registry of every provider visible to this class loader. */
  public static FunctionRegistry standard() {
    return load(FunctionRegistry.class.getClassLoader());
  }

  /** A registry of every provider visible to a class loader (user jars, say). */
  public static FunctionRegistry load(ClassLoader loader) {
    FunctionRegistry r = new FunctionRegistry();
    for (FunctionProvider p : ServiceLoader.load(FunctionProvider.class, loader)) {
      r.register(p);
    }
    return r;
  }

  /** Registers every function of a provider; returns this registry. */
  public FunctionRegistry register(FunctionProvider provider) {
    provider.scalars().forEach(this::register);
    provider.aggregates().forEach(this::register);
    provider.operators().forEach(f -> operators.put(f.name().toLowerCase(Locale.ROOT), f));
    return this;
  }

  /** Adds a function; a later one of the same name replaces an earlier one. */
  public FunctionRegistry register(ScalarFunction f) {
    scalars.put(f.name().toLowerCase(Locale.ROOT), f);
    return this;
  }

  /** Registers an aggregate function, replacing one of the same name; returns this registry. */
  public FunctionRegistry register(AggregateFunction f) {
    aggregates.put(f.name().toLowerCase(Locale.ROOT), f);
    return this;
  }

  /** A copy that further registrations do not affect. */
  public FunctionRegistry copy() {
    FunctionRegistry r = new FunctionRegistry();
    r.scalars.putAll(scalars);
    r.aggregates.putAll(aggregates);
    r.operators.putAll(operators);
    return r;
  }

  /** The scalar function of that name (case-insensitive), or null. */
  public ScalarFunction scalar(String name) {
    return scalars.get(name.toLowerCase(Locale.ROOT));
  }

  /** The aggregate function of that name (case-insensitive), or null. */
  public AggregateFunction aggregate(String name) {
    return aggregates.get(name.toLowerCase(Locale.ROOT));
  }

  /** The function behind an operator ({@code like}, {@code matches}), or null. */
  public ScalarFunction operator(String name) {
    return operators.get(name.toLowerCase(Locale.ROOT));
  }

  /** Every scalar function registered. */
  public Collection<ScalarFunction> scalars() {
    return Collections.unmodifiableCollection(scalars.values());
  }

  /** Every aggregate function registered. */
  public Collection<AggregateFunction> aggregates() {
    return Collections.unmodifiableCollection(aggregates.values());
  }
}
