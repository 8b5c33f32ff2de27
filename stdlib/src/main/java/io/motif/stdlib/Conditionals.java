package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.function.Values;
import java.util.List;

/** Conditionals: if, coalesce, nullif. All three see null arguments. */
final class Conditionals {
  private Conditionals() {}

  static List<ScalarFunction> all() {
    return List.of(IF, COALESCE, NULLIF);
  }

  static final ScalarFunction IF =
      new Builtin(
          "if",
          "`if(c, a, b)`: `a` when the condition `c` is true, else `b`; a null (unknown) condition "
              + "gives `b`, as only true satisfies a condition. Null arguments are allowed.",
          List.of("if(true, 'yes', 'no')", "'yes'", "if(null, 'yes', 'no')", "'no'"),
          Signature.of(Type.ANY, Type.BOOLEAN, Type.ANY, Type.ANY)) {
        @Override
        public boolean acceptsNulls() {
          return true;
        }

        @Override
        public Type resultType(List<Type> args) {
          if (args.size() != 3 || !args.get(0).fits(Type.BOOLEAN)) {
            return null;
          }
          return Common.passedThrough(args.subList(1, 3));
        }

        @Override
        public Object apply3(Object c, Object a, Object b) {
          return Values.isTrue(c) ? a : b;
        }
      };

  static final ScalarFunction COALESCE =
      new Builtin(
          "coalesce",
          "The first argument that is not null; null when all are. Null arguments are allowed.",
          List.of("coalesce(null, 'n/a')", "'n/a'", "coalesce(null, null)", "null"),
          Signature.variadic(Type.ANY, Type.ANY)) {
        @Override
        public boolean acceptsNulls() {
          return true;
        }

        @Override
        public Type resultType(List<Type> args) {
          return args.isEmpty() ? null : Common.passedThrough(args);
        }

        @Override
        public Object apply1(Object a) {
          return a;
        }

        @Override
        public Object apply2(Object a, Object b) {
          return a != null ? a : b;
        }

        @Override
        public Object apply3(Object a, Object b, Object c) {
          return a != null ? a : b != null ? b : c;
        }

        @Override
        Object applyMany(Object[] args) {
          for (Object o : args) {
            if (o != null) {
              return o;
            }
          }
          return null;
        }
      };

  static final ScalarFunction NULLIF =
      new Builtin(
          "nullif",
          "`nullif(a, b)`: null when `a` equals `b` (numbers by value, `1` equals `1.0`), else `a`. "
              + "A null `b` is equal to nothing, so `nullif(a, null)` is `a`.",
          List.of("nullif('', '')", "null", "nullif(5, 0)", "5"),
          Signature.of(Type.ANY, Type.ANY, Type.ANY)) {
        @Override
        public boolean acceptsNulls() {
          return true;
        }

        @Override
        public Type resultType(List<Type> args) {
          if (args.size() != 2) {
            return null;
          }
          Type a = args.get(0);
          Type b = args.get(1);
          boolean typed = a != Type.ANY && a != Type.NULL && b != Type.ANY && b != Type.NULL;
          if (typed && a != b && !(a.isNumeric() && b.isNumeric())) {
            return null; // comparing values of different kinds is a compile error (LANGUAGE.md §8)
          }
          return a == Type.NULL ? Type.ANY : a;
        }

        @Override
        public Object apply2(Object a, Object b) {
          return a != null && b != null && Values.same(a, b) ? null : a;
        }
      };
}
