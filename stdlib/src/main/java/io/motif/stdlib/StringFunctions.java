package io.motif.stdlib;

import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import io.motif.function.Values;
import java.util.List;
import java.util.Locale;

/**
 * Strings: lower upper length trim substring concat contains starts_with ends_with replace
 * split_part. Positions and lengths count characters as people do (Unicode code points, so an emoji
 * is one), from 1. A non-string where a string is expected (possible only for untyped values) gives
 * null.
 */
final class StringFunctions {
  private StringFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(
        LOWER,
        UPPER,
        LENGTH,
        TRIM,
        SUBSTRING,
        CONCAT,
        CONTAINS,
        STARTS_WITH,
        ENDS_WITH,
        REPLACE,
        SPLIT_PART);
  }

  /**
   * The operator {@code s like p}: registered as an operator ({@link StandardLibrary#operators}),
   * so that the engine evaluates it through the function SPI and reads nothing of this package.
   */
  static final ScalarFunction LIKE =
      new Builtin(
          "like",
          "`like(s, p)` is the operator `s like p`: whether the whole of `s` matches the SQL LIKE "
              + "pattern `p`, where `%` matches any run of characters (also none), `_` exactly one, "
              + "and a backslash makes the next character literal. Case-sensitive. Null when either "
              + "is null or `p` ends in a lone backslash.",
          List.of("like('order-17', 'order-%')", "true", "like('ab', 'a_c')", "false"),
          Signature.of(Type.BOOLEAN, Type.STRING, Type.STRING)) {
        @Override
        public Object apply2(Object a, Object b) {
          return a instanceof String s && b instanceof String p ? Text.like(s, p) : null;
        }
      };

  static final ScalarFunction LOWER =
      new Builtin(
          "lower",
          "The string in lower case (locale-independent Unicode rules).",
          List.of("lower('Hello')", "'hello'"),
          Signature.of(Type.STRING, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          return a instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
        }
      };

  static final ScalarFunction UPPER =
      new Builtin(
          "upper",
          "The string in upper case (locale-independent Unicode rules).",
          List.of("upper('straße')", "'STRASSE'"),
          Signature.of(Type.STRING, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          return a instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
        }
      };

  static final ScalarFunction LENGTH =
      new Builtin(
          "length",
          "The number of characters (Unicode code points) in the string.",
          List.of("length('héllo')", "5"),
          Signature.of(Type.LONG, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          return a instanceof String s ? (Object) (long) s.codePointCount(0, s.length()) : null;
        }
      };

  static final ScalarFunction TRIM =
      new Builtin(
          "trim",
          "The string without leading and trailing white space (Unicode white space).",
          List.of("trim('  a b  ')", "'a b'"),
          Signature.of(Type.STRING, Type.STRING)) {
        @Override
        public Object apply1(Object a) {
          return a instanceof String s ? s.strip() : null;
        }
      };

  /** The char index of code point {@code cp} (0-based) of s, which has {@code count} of them. */
  private static int offset(String s, long cp) {
    return s.offsetByCodePoints(0, (int) cp);
  }

  static final ScalarFunction SUBSTRING =
      new Builtin(
          "substring",
          "`substring(s, start[, length])`: the part of `s` from character `start` (counted from 1; "
              + "a negative start counts from the end, -1 being the last character) to the end, or of "
              + "at most `length` characters. A start of 0 or beyond either end gives ''; a negative "
              + "length gives null.",
          List.of("substring('motif engine', 7, 3)", "'eng'", "substring('motif', -3)", "'tif'"),
          Signature.of(Type.STRING, Type.STRING, Type.LONG),
          Signature.of(Type.STRING, Type.STRING, Type.LONG, Type.LONG)) {
        @Override
        public Object apply2(Object a, Object b) {
          return apply3(a, b, Long.MAX_VALUE);
        }

        @Override
        public Object apply3(Object a, Object b, Object c) {
          if (!(a instanceof String s) || !Common.isWhole(b) || !Common.isWhole(c)) {
            return null;
          }
          long start = Common.whole(b);
          long length = Common.whole(c);
          if (length < 0) {
            return null;
          }
          long count = s.codePointCount(0, s.length());
          long from; // 0-based code point index
          if (start > 0) {
            from = start - 1;
          } else if (start < 0 && -start <= count) {
            from = count + start;
          } else {
            return "";
          }
          if (from >= count) {
            return "";
          }
          long to = length >= count - from ? count : from + length;
          return s.substring(offset(s, from), offset(s, to));
        }
      };

  /** The text of a value concat accepts (string, number, boolean), or null. */
  private static String piece(Object v) {
    int k = Values.kind(v);
    return k <= 3 ? Values.text(Values.normalize(v)) : null;
  }

  static final ScalarFunction CONCAT =
      new Builtin(
          "concat",
          "The arguments joined into one string; numbers and booleans are written as in the output "
              + "(`2.0`, `true`). Null if any argument is null (use `coalesce` to default one), or "
              + "when the result would be longer than 67,108,864 characters.",
          List.of("concat('id-', 42)", "'id-42'", "concat('id-', null)", "null"),
          Signature.variadic(Type.STRING, Type.ANY)) {
        @Override
        public Type resultType(List<Type> args) {
          if (args.isEmpty()) {
            return null;
          }
          for (Type t : args) {
            if (!Common.isScalar(t)) {
              return null;
            }
          }
          return Type.STRING;
        }

        @Override
        public Object apply1(Object a) {
          return piece(a);
        }

        @Override
        public Object apply2(Object a, Object b) {
          String x = piece(a);
          String y = piece(b);
          if (x == null || y == null || (long) x.length() + y.length() > Text.MAX_LENGTH) {
            return null;
          }
          return x.concat(y);
        }

        @Override
        public Object apply3(Object a, Object b, Object c) {
          return applyMany(new Object[] {a, b, c});
        }

        @Override
        Object applyMany(Object[] args) {
          String[] parts = new String[args.length];
          long length = 0;
          for (int i = 0; i < args.length; i++) {
            parts[i] = piece(args[i]);
            if (parts[i] == null) {
              return null;
            }
            length += parts[i].length();
          }
          if (length > Text.MAX_LENGTH) {
            return null;
          }
          StringBuilder sb = new StringBuilder((int) length);
          for (String p : parts) {
            sb.append(p);
          }
          return sb.toString();
        }
      };

  /** A predicate of two strings. */
  private abstract static class StringTest extends Builtin {
    StringTest(String name, String description, List<String> example) {
      super(name, description, example, Signature.of(Type.BOOLEAN, Type.STRING, Type.STRING));
    }

    @Override
    public Object apply2(Object a, Object b) {
      return a instanceof String s && b instanceof String t ? (Object) test(s, t) : null;
    }

    abstract boolean test(String s, String t);
  }

  static final ScalarFunction CONTAINS =
      new StringTest(
          "contains",
          "`contains(s, part)`: whether `s` contains `part` (case-sensitive); every string contains "
              + "''.",
          List.of("contains('10.0.0.1', '0.0')", "true")) {
        @Override
        boolean test(String s, String t) {
          return s.contains(t);
        }
      };

  static final ScalarFunction STARTS_WITH =
      new StringTest(
          "starts_with",
          "`starts_with(s, prefix)`: whether `s` begins with `prefix` (case-sensitive); every string "
              + "starts with ''.",
          List.of("starts_with('motif', 'mo')", "true")) {
        @Override
        boolean test(String s, String t) {
          return s.startsWith(t);
        }
      };

  static final ScalarFunction ENDS_WITH =
      new StringTest(
          "ends_with",
          "`ends_with(s, suffix)`: whether `s` ends with `suffix` (case-sensitive); every string "
              + "ends with ''.",
          List.of("ends_with('report.csv', '.json')", "false")) {
        @Override
        boolean test(String s, String t) {
          return s.endsWith(t);
        }
      };

  static final ScalarFunction REPLACE =
      new Builtin(
          "replace",
          "`replace(s, from[, to])`: `s` with every occurrence of `from` replaced by `to` (or "
              + "removed, without `to`), left to right, without overlaps. An empty `from` leaves `s` "
              + "as it is; a result longer than 67,108,864 characters is null.",
          List.of("replace('a-b-c', '-', '+')", "'a+b+c'"),
          Signature.of(Type.STRING, Type.STRING, Type.STRING),
          Signature.of(Type.STRING, Type.STRING, Type.STRING, Type.STRING)) {
        @Override
        public Object apply2(Object a, Object b) {
          return apply3(a, b, "");
        }

        @Override
        public Object apply3(Object a, Object b, Object c) {
          if (!(a instanceof String s)
              || !(b instanceof String from)
              || !(c instanceof String to)) {
            return null;
          }
          if (from.isEmpty()) {
            return s;
          }
          int at = s.indexOf(from);
          if (at < 0) {
            return s;
          }
          StringBuilder sb = new StringBuilder(s.length());
          int done = 0;
          while (at >= 0) {
            sb.append(s, done, at).append(to);
            if (sb.length() > Text.MAX_LENGTH) {
              return null;
            }
            done = at + from.length();
            at = s.indexOf(from, done);
          }
          sb.append(s, done, s.length());
          return sb.length() > Text.MAX_LENGTH ? null : sb.toString();
        }
      };

  static final ScalarFunction SPLIT_PART =
      new Builtin(
          "split_part",
          "`split_part(s, delimiter, index)`: part number `index` of `s` split at each `delimiter`: "
              + "1 is the first, -1 the last. Null when there is no such part or `index` is 0; an "
              + "empty `delimiter` makes `s` the only part.",
          List.of("split_part('2024-05-17', '-', 2)", "'05'", "split_part('a,b', ',', 3)", "null"),
          Signature.of(Type.STRING, Type.STRING, Type.STRING, Type.LONG)) {
        @Override
        public Object apply3(Object a, Object b, Object c) {
          if (!(a instanceof String s) || !(b instanceof String d) || !Common.isWhole(c)) {
            return null;
          }
          long index = Common.whole(c);
          if (index == 0) {
            return null;
          }
          if (d.isEmpty()) {
            return index == 1 || index == -1 ? s : null;
          }
          if (index > 0) {
            int from = 0;
            for (long k = 1; k < index; k++) {
              int at = s.indexOf(d, from);
              if (at < 0) {
                return null;
              }
              from = at + d.length();
            }
            int end = s.indexOf(d, from);
            return s.substring(from, end < 0 ? s.length() : end);
          }
          // From the end: find the parts left to right once, then pick; counting from the right
          // with
          // lastIndexOf would split overlapping delimiters ("aaa" at "aa") differently.
          int parts = 1;
          for (int at = s.indexOf(d); at >= 0; at = s.indexOf(d, at + d.length())) {
            parts++;
          }
          if (-index > parts) {
            return null;
          }
          return apply3(s, d, parts + index + 1);
        }
      };
}
