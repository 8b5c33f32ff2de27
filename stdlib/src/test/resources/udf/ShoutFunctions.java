package com.example.motif;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.FunctionProvider;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.List;
import java.util.Locale;

/** Adds shout(s) and product(f.x) to every engine that has this jar on its class path. */
public final class ShoutFunctions implements FunctionProvider {
  @Override
  public List<ScalarFunction> scalars() {
    return List.of(new ScalarFunction() {
      public String name() { return "shout"; }
      public List<Signature> signatures() {
        return List.of(Signature.of(Type.STRING, Type.STRING));
      }
      public String description() { return "The string in capitals, with an exclamation mark."; }
      public List<String> example() { return List.of("shout('hi')", "'HI!'"); }
      // Called only with non-null arguments (acceptsNulls() is false by default).
      public Object apply1(Object s) {
        return s instanceof String str ? str.toUpperCase(Locale.ROOT) + "!" : null;
      }
      public Object apply(Object[] args) { return args.length == 1 ? apply1(args[0]) : null; }
    });
  }

  @Override
  public List<AggregateFunction> aggregates() {
    return List.of(new AggregateFunction() {
      public String name() { return "product"; }
      public List<Signature> signatures() {
        return List.of(Signature.of(Type.DOUBLE, Type.DOUBLE));
      }
      public Accumulator empty() { return new Product(1.0, 0); }
    });
  }

  /** Immutable: add returns a new state, so branches of a partial match share the old one. */
  record Product(double value, long n) implements Accumulator {
    public Accumulator add(Object x) {
      return x instanceof Number num ? new Product(value * num.doubleValue(), n + 1) : this;
    }
    public Object result() { return n == 0 ? null : value; }
  }
}
