package io.motif.stdlib;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.List;

/**
 * Regular expressions (RE2 syntax, linear time; see {@link Text}): regexp_matches and
 * regexp_extract. An invalid expression gives null rather than an error at run time, as the
 * expression may come from event data.
 */
final class RegexFunctions {
  private RegexFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(REGEXP_MATCHES, REGEXP_EXTRACT);
  }

  /**
   * The operator {@code s matches re}: registered as an operator ({@link
   * StandardLibrary#operators}), so that the engine evaluates it through the function SPI and reads
   * nothing of this package.
   */
  static final ScalarFunction MATCHES =
      new Builtin(
          "matches",
          "`matches(s, re)` is the operator `s matches re`: whether the whole of `s` matches the "
              + "regular expression `re` (RE2 syntax), as `regexp_matches(s, re)`. Null when either "
              + "is null or `re` is invalid.",
          List.of("matches('ab-123', '[a-z]+-\\\\d+')", "true"),
          Signature.of(Type.BOOLEAN, Type.STRING, Type.STRING)) {
        @Override
        public Object apply2(Object a, Object b) {
          return a instanceof String s && b instanceof String re ? Text.matches(s, re) : null;
        }
      };

  static final ScalarFunction REGEXP_MATCHES =
      new Builtin(
          "regexp_matches",
          "`regexp_matches(s, re)`: whether the whole of `s` matches the regular expression `re` "
              + "(RE2 syntax); the same test as `s matches re`. Null when `re` is invalid.",
          List.of("regexp_matches('ab-123', '[a-z]+-\\\\d+')", "true"),
          Signature.of(Type.BOOLEAN, Type.STRING, Type.STRING)) {
        @Override
        public Object apply2(Object a, Object b) {
          return a instanceof String s && b instanceof String re ? Text.matches(s, re) : null;
        }
      };

  static final ScalarFunction REGEXP_EXTRACT =
      new Builtin(
          "regexp_extract",
          "`regexp_extract(s, re[, group])`: the first part of `s` that matches `re` (anywhere in "
              + "`s`), or that match's capturing group number `group` (0, the default, is the whole "
              + "match). Null when nothing matches, when the group does not exist or took no part in "
              + "the match, or when `re` is invalid.",
          List.of(
              "regexp_extract('order=A-17; qty=3', 'qty=(\\\\d+)', 1)",
              "'3'",
              "regexp_extract('no digits', '\\\\d+')",
              "null"),
          Signature.of(Type.STRING, Type.STRING, Type.STRING),
          Signature.of(Type.STRING, Type.STRING, Type.STRING, Type.LONG)) {
        @Override
        public Object apply2(Object a, Object b) {
          return apply3(a, b, 0L);
        }

        @Override
        public Object apply3(Object a, Object b, Object c) {
          if (!(a instanceof String s) || !(b instanceof String re) || !Common.isWhole(c)) {
            return null;
          }
          Pattern p = Text.regex(re);
          if (p == null) {
            return null;
          }
          long group = Common.whole(c);
          if (group < 0 || group > p.groupCount()) {
            return null;
          }
          Matcher m = p.matcher(s);
          return m.find() ? m.group((int) group) : null;
        }
      };
}
