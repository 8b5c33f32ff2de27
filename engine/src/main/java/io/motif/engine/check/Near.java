package io.motif.engine.check;

import io.motif.function.FunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean": the known name nearest to a misspelt one. Two names are near when they are equal
 * ignoring case, or when their edit distance (ignoring case) is at most a third of the longer one's
 * length: `Logn` is near `Login`, `Alarm` is not near `Alert`, and no one-letter name is near
 * another.
 */
public final class Near {
  private Near() {}

  /** The nearest of {@code candidates} to {@code name} (not {@code name} itself), or null. */
  public static String closest(String name, Iterable<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(name)) {
        continue;
      }
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance && 3 * d <= Math.max(name.length(), c.length())) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The suggestion as a message tail: {@code "; did you mean `Login`?"}, or "". */
  public static String didYouMean(String name, Iterable<String> candidates) {
    String best = closest(name, candidates);
    return best == null ? "" : "; did you mean `" + best + "`?";
  }

  /**
   * The function (or {@code time}) nearest to a misspelt lower-case {@code name}: within two edits,
   * the first nearest in the registry's order; null when none is.
   */
  static String function(String name, FunctionRegistry functions) {
    String best = null;
    int bestDistance = 3;
    List<String> names = new ArrayList<>();
    functions.scalars().forEach(f -> names.add(f.name()));
    functions.aggregates().forEach(f -> names.add(f.name()));
    names.add("time");
    for (String n : names) {
      int d = distance(name, n.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
