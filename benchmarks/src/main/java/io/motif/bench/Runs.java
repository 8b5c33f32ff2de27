package io.motif.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * The arithmetic of issue 18's method: N full runs with the engines' order rotated per run, every
 * ratio taken within one run, then the median over runs. Figures are {@code double[]} indexed by
 * run; NaN is "not measured in that run" (a failed or skipped measurement).
 */
final class Runs {
  private Runs() {}

  /**
   * The engines' order in run {@code run} (from 0): run 0 a, b, c; run 1 b, c, a; run 2 c, a, b.
   */
  static List<String> rotated(List<String> engines, int run) {
    int n = engines.size();
    List<String> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(engines.get((run + i) % n));
    }
    return order;
  }

  /** The median of the measured values (NaN left out); NaN when none was measured. */
  static double median(double[] perRun) {
    double[] v = Arrays.stream(perRun).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /** {@code a[k] / b[k]} for every run {@code k}: a ratio within each run. */
  static double[] ratios(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      r[k] = a[k] / b[k];
    }
    return r;
  }

  /**
   * Fastest over slowest of the given rates within each run (each array is one workload's rates by
   * run); NaN in a run where any of them is missing.
   */
  static double[] spreads(List<double[]> rates) {
    int runs = rates.get(0).length;
    double[] s = new double[runs];
    for (int k = 0; k < runs; k++) {
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      for (double[] r : rates) {
        min = Math.min(min, r[k]); // NaN propagates
        max = Math.max(max, r[k]);
      }
      s[k] = max / min;
    }
    return s;
  }

  /** The best of several engines within each run: its rate and its name. */
  record Best(double[] rate, String[] engine) {}

  /** Per run, the highest rate among {@code byEngine}'s (NaN ignored; NaN when none measured). */
  static Best best(Map<String, double[]> byEngine, int runs) {
    double[] rate = new double[runs];
    String[] who = new String[runs];
    Arrays.fill(rate, Double.NaN);
    for (Map.Entry<String, double[]> e : byEngine.entrySet()) {
      for (int k = 0; k < runs; k++) {
        double v = e.getValue()[k];
        if (!Double.isNaN(v) && (Double.isNaN(rate[k]) || v > rate[k])) {
          rate[k] = v;
          who[k] = e.getKey();
        }
      }
    }
    return new Best(rate, who);
  }

  /** Whether every run was measured and meets {@code target}. */
  static boolean everyRun(double[] perRun, DoublePredicate target) {
    return perRun.length > 0
        && Arrays.stream(perRun).allMatch(v -> !Double.isNaN(v) && target.test(v));
  }

  /** "MET", "not met", or "not measured" for a figure judged against a target. */
  static String verdict(double figure, boolean met) {
    return Double.isNaN(figure) ? "not measured" : met ? "MET" : "not met";
  }
}
