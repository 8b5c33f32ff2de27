package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import java.util.List;

/**
 * Base of the built-in scalar functions: the reference data ({@link #description()}, {@link
 * #example()}) and a dispatch from {@link #apply(Object[])} to the arity-specialised methods. Every
 * arity a function does not define gives null, so a call with the wrong number of arguments (which
 * the checker rejects anyway) can never recurse or throw.
 */
abstract class Builtin implements ScalarFunction {
  private final String name;
  private final List<Signature> signatures;
  private final String description;
  private final List<String> example;

  Builtin(String name, String description, List<String> example, Signature... signatures) {
    this.name = name;
    this.signatures = List.of(signatures);
    this.description = description;
    this.example = List.copyOf(example);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<Signature> signatures() {
    return signatures;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<String> example() {
    return example;
  }

  @Override
  public Object apply(Object[] args) {
    switch (args.length) {
      case 0:
        return apply0();
      case 1:
        return apply1(args[0]);
      case 2:
        return apply2(args[0], args[1]);
      case 3:
        return apply3(args[0], args[1], args[2]);
      default:
        return applyMany(args);
    }
  }

  /** Four or more arguments: only variadic functions define it. */
  Object applyMany(Object[] args) {
    return null;
  }

  @Override
  public Object apply0() {
    return null;
  }

  @Override
  public Object apply1(Object a) {
    return null;
  }

  @Override
  public Object apply2(Object a, Object b) {
    return null;
  }

  @Override
  public Object apply3(Object a, Object b, Object c) {
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
