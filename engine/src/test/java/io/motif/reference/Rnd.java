package io.motif.reference;

import java.util.Random;

/**
 * The differential test's source of choices: a seeded {@link Random} with the few shapes of choice
 * the generator needs (a range, a weighted pick, a chance). One per case, seeded from the run's
 * seed and the case number, so that any case can be generated again on its own.
 */
final class Rnd {
  private final Random random;

  /** Seed it with {@link #caseSeed}: neighbouring seeds give Random correlated first draws. */
  Rnd(long seed) {
    this.random = new Random(seed);
  }

  /** The seed of case {@code n} of a run with seed {@code seed}: the two mixed (SplitMix64). */
  static long caseSeed(long seed, long n) {
    long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A whole number from {@code min} to {@code max}, both included, each as likely. */
  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  long between(long min, long max) {
    return min + (long) random.nextInt((int) (max - min + 1));
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** An index, each as likely as its weight: {@code weighted(4, 3, 2)} is 0 four times in nine. */
  int weighted(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError();
  }

  /** A value, each as likely as its weight: {@code pick(3, "a", 1, "b")}. */
  @SuppressWarnings("unchecked")
  <T> T pick(Object... weightsAndValues) {
    int[] weights = new int[weightsAndValues.length / 2];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (Integer) weightsAndValues[2 * i];
    }
    return (T) weightsAndValues[2 * weighted(weights) + 1];
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }
}
