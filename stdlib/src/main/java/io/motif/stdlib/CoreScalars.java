package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.List;
import java.util.Locale;

/** A first handful of scalar functions; the standard-library issue completes the set. */
final class CoreScalars {
  private CoreScalars() {}

  static List<ScalarFunction> all() {
    return List.of(ABS, LOWER, UPPER, LENGTH, COALESCE, IF);
  }

  static final ScalarFunction ABS = new ScalarFunction() {
    public String name() { return "abs"; }
    public List<Signature> signatures() {
      return List.of(Signature.of(Type.LONG, Type.LONG), Signature.of(Type.DOUBLE, Type.DOUBLE));
    }
    public Object apply(Object[] a) { return apply1(a[0]); }
    public Object apply1(Object a) {
      if (a instanceof Long l) {
        return l == Long.MIN_VALUE ? null : (Object) Math.abs(l);
      }
      return a instanceof Number n ? (Object) Math.abs(n.doubleValue()) : null;
    }
  };

  static final ScalarFunction LOWER = new ScalarFunction() {
    public String name() { return "lower"; }
    public List<Signature> signatures() { return List.of(Signature.of(Type.STRING, Type.STRING)); }
    public Object apply(Object[] a) { return apply1(a[0]); }
    public Object apply1(Object a) {
      return a instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
    }
  };

  static final ScalarFunction UPPER = new ScalarFunction() {
    public String name() { return "upper"; }
    public List<Signature> signatures() { return List.of(Signature.of(Type.STRING, Type.STRING)); }
    public Object apply(Object[] a) { return apply1(a[0]); }
    public Object apply1(Object a) {
      return a instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
    }
  };

  static final ScalarFunction LENGTH = new ScalarFunction() {
    public String name() { return "length"; }
    public List<Signature> signatures() { return List.of(Signature.of(Type.LONG, Type.STRING)); }
    public Object apply(Object[] a) { return apply1(a[0]); }
    public Object apply1(Object a) {
      return a instanceof String s ? (Object) (long) s.codePointCount(0, s.length()) : null;
    }
  };

  static final ScalarFunction COALESCE = new ScalarFunction() {
    public String name() { return "coalesce"; }
    public List<Signature> signatures() { return List.of(Signature.variadic(Type.ANY, Type.ANY)); }
    public boolean acceptsNulls() { return true; }
    public Type resultType(List<Type> args) {
      return args.isEmpty() ? null : Common.common(args);
    }
    public Object apply(Object[] a) {
      for (Object o : a) {
        if (o != null) {
          return o;
        }
      }
      return null;
    }
  };

  static final ScalarFunction IF = new ScalarFunction() {
    public String name() { return "if"; }
    public List<Signature> signatures() {
      return List.of(Signature.of(Type.ANY, Type.BOOLEAN, Type.ANY, Type.ANY));
    }
    public boolean acceptsNulls() { return true; }
    public Type resultType(List<Type> args) {
      if (args.size() != 3 || !args.get(0).fits(Type.BOOLEAN)) {
        return null;
      }
      return Common.common(args.subList(1, 3));
    }
    public Object apply(Object[] a) { return apply3(a[0], a[1], a[2]); }
    public Object apply3(Object c, Object a, Object b) {
      return Boolean.TRUE.equals(c) ? a : b;
    }
  };
}
