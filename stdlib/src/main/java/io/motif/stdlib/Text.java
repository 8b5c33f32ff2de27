package io.motif.stdlib;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The string matching the engine's operators use: {@link #like} for {@code s like p} and {@link
 * #matches} for {@code s matches re}. Both test the whole string. Regular expressions use RE2
 * syntax through re2j, whose matching time is linear in the input, so no user pattern can take
 * exponential time (no backreferences or look-around; those patterns are invalid). Compiled
 * patterns are kept in a bounded cache shared by the whole JVM.
 */
public final class Text {
  private Text() {}

  /** A string result longer than this many characters is null rather than a risk to the heap. */
  public static final int MAX_LENGTH = 1 << 26;

  /** Compiled patterns kept at most: twice this. */
  static final int REGEX_CACHE_GENERATION = 512;

  private static final Object INVALID = new Object();

  private static final BoundedCache<Object> REGEX_CACHE =
      new BoundedCache<>(REGEX_CACHE_GENERATION, Text::compile);

  private static Object compile(String regex) {
    if (RegexLimits.tooLarge(regex)) {
      return INVALID;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return INVALID;
    } catch (RuntimeException | StackOverflowError e) {
      return INVALID; // never an exception out of a function; deep nesting included
    }
  }

  /**
   * The compiled form of a regular expression (RE2 syntax), from a bounded cache; null when the
   * expression is invalid: a syntax error, a construct RE2 does not have (a backreference), or a
   * pattern over RE2's size limits (see {@link RegexLimits}).
   */
  public static Pattern regex(String regex) {
    if (regex == null) {
      return null;
    }
    Object p = REGEX_CACHE.get(regex);
    return p == INVALID ? null : (Pattern) p;
  }

  /** The number of compiled patterns cached now (for tests). */
  static int regexCacheSize() {
    return REGEX_CACHE.size();
  }

  /**
   * Whether the whole of {@code s} matches the regular expression {@code regex}: the {@code
   * matches} operator. Null when either is null or the expression is invalid.
   */
  public static Boolean matches(String s, String regex) {
    if (s == null) {
      return null;
    }
    Pattern p = regex(regex);
    return p == null ? null : p.matches(s);
  }

  /**
   * SQL LIKE on the whole string: {@code %} matches any run of characters (also none), {@code _}
   * exactly one character (a code point), and a backslash makes the next character literal ({@code
   * \%}, {@code \_}, {@code \\}). Case-sensitive. Null when either is null, or when the pattern
   * ends in a lone backslash. Worst case time is the product of the two lengths; there is no
   * backtracking beyond the last {@code %}.
   */
  public static Boolean like(String s, String pattern) {
    if (s == null || pattern == null || !validLike(pattern)) {
      return null;
    }
    int n = s.length();
    int m = pattern.length();
    int i = 0;
    int p = 0;
    int starP = -1; // pattern index just after the last %
    int starI = 0; // string index that % has been tried up to
    while (i < n) {
      if (p < m) {
        char c = pattern.charAt(p);
        if (c == '%') {
          starP = ++p;
          starI = i;
          continue;
        }
        if (c == '_') {
          i += Character.charCount(s.codePointAt(i));
          p++;
          continue;
        }
        if (c == '\\') {
          c = pattern.charAt(p + 1);
          if (s.charAt(i) == c) {
            i++;
            p += 2;
            continue;
          }
        } else if (s.charAt(i) == c) {
          i++;
          p++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      // Let the last % take one more character and retry what follows it.
      starI += Character.charCount(s.codePointAt(starI));
      i = starI;
      p = starP;
    }
    while (p < m && pattern.charAt(p) == '%') {
      p++;
    }
    return p == m;
  }

  /** False when the pattern ends in an unescaped backslash. */
  private static boolean validLike(String pattern) {
    int m = pattern.length();
    for (int p = 0; p < m; p++) {
      if (pattern.charAt(p) == '\\') {
        if (p + 1 == m) {
          return false;
        }
        p++;
      }
    }
    return true;
  }
}
