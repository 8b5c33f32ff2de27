package io.motif.stdlib;

/**
 * The limits RE2 itself sets and re2j does not: without them, a pattern read from event data such
 * as {@code ((a{1000}){1000}){1000}} compiles into a program of a billion steps and exhausts the
 * heap, and 10,000 nested parentheses overflow re2j's recursive parser (after seconds of work). A
 * linear scan estimates the compiled size before re2j sees the pattern: every atom is one step, a
 * counted repetition {@code {n,m}} multiplies the size of what it repeats by its bound, and groups
 * add up. The estimate errs on the large side, never the small one.
 */
final class RegexLimits {
  private RegexLimits() {}

  /** Parentheses nested deeper than this make a pattern invalid (RE2's own limit). */
  static final int MAX_NESTING = 1000;

  /** An estimated program larger than this many steps makes a pattern invalid. */
  static final long MAX_SIZE = 50_000;

  /** True when the pattern is over either limit. */
  static boolean tooLarge(String re) {
    long[] sum = new long[MAX_NESTING + 1]; // size so far of each open group
    long[] last = new long[MAX_NESTING + 1]; // size of the last item of each open group
    int depth = 0;
    int n = re.length();
    for (int i = 0; i < n; i++) {
      char c = re.charAt(i);
      long item = 1;
      switch (c) {
        case '\\':
          if (i + 1 < n && re.charAt(i + 1) == 'Q') { // \Q...\E: each character a literal
            int end = re.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            item = Math.max(1, stop - (i + 2));
            i = end < 0 ? n : end + 1;
          } else if (i + 2 < n && "xpP".indexOf(re.charAt(i + 1)) >= 0 && re.charAt(i + 2) == '{') {
            int end = re.indexOf('}', i + 3);
            i = end < 0 ? n : end; // \x{10FFFF}, \p{Greek}: one atom, not a repetition
          } else {
            i++;
          }
          break;
        case '[':
          i = classEnd(re, i);
          break;
        case '(':
          if (++depth > MAX_NESTING) {
            return true;
          }
          sum[depth] = 0;
          last[depth] = 0;
          continue;
        case ')':
          if (depth == 0) {
            break; // unbalanced: re2j reports it
          }
          item = Math.max(1, sum[depth]);
          depth--;
          break;
        case '{':
          {
            int close = re.indexOf('}', i + 1);
            long bound = close < 0 ? -1 : repeatBound(re, i + 1, close);
            if (bound < 0) {
              break; // not a repetition: a literal brace
            }
            sum[depth] += last[depth] * (bound - 1);
            last[depth] *= bound;
            i = close;
            if (sum[depth] > MAX_SIZE) {
              return true;
            }
            continue;
          }
        case '*':
        case '+':
        case '?':
        case '|':
        case '^':
        case '$':
          sum[depth] += 1;
          if (sum[depth] > MAX_SIZE) {
            return true;
          }
          continue;
        default:
          break;
      }
      last[depth] = item;
      sum[depth] += item;
      if (sum[depth] > MAX_SIZE) {
        return true;
      }
    }
    return false;
  }

  /** The index of the {@code ]} that closes the class opened at {@code open}. */
  private static int classEnd(String re, int open) {
    int n = re.length();
    int i = open + 1;
    if (i < n && re.charAt(i) == '^') {
      i++;
    }
    if (i < n && re.charAt(i) == ']') {
      i++; // a leading ] is literal
    }
    for (; i < n; i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
        int end = re.indexOf(":]", i + 2);
        if (end >= 0) {
          i = end + 1;
        }
      } else if (c == ']') {
        return i;
      }
    }
    return n;
  }

  /**
   * The largest count of {@code {n}}, {@code {n,}} (counted as n + 1) or {@code {n,m}} between
   * {@code from} and {@code close}; -1 when the text is not a repetition.
   */
  private static long repeatBound(String re, int from, int close) {
    long first = -1;
    long second = -1;
    boolean comma = false;
    long value = -1;
    for (int i = from; i < close; i++) {
      char c = re.charAt(i);
      if (c >= '0' && c <= '9') {
        value = Math.min(100_000, (value < 0 ? 0 : value * 10) + (c - '0'));
      } else if (c == ',' && !comma) {
        comma = true;
        first = value;
        value = -1;
      } else {
        return -1;
      }
    }
    if (!comma) {
      first = value;
    } else {
      second = value;
    }
    if (first < 0) {
      return -1;
    }
    return comma ? (second < 0 ? first + 1 : Math.max(first, second)) : first;
  }
}
