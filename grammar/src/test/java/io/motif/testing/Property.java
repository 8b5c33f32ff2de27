package io.motif.testing;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a property over generated values: {@code tries} values, each from its own {@link Random}
 * seeded from the base seed, the calling method and the try number, so that a run is the same every
 * time and a failure can be replayed. The base seed is the system property {@code motif.seed} (to
 * explore other values: {@code mvn test -Dmotif.seed=123}), else a fixed default. A failing value
 * is shrunk greedily: the first smaller candidate that still fails replaces it, until none does.
 */
public final class Property {
  private Property() {}

  static final long DEFAULT_SEED = 0x6d6f74696fL; // "motif"

  /** Shrinking stops after this many candidates or this long, and reports what it has. */
  static final int MAX_SHRINK_RUNS = 2_000;

  static final long MAX_SHRINK_NANOS = 60_000_000_000L;

  public static long baseSeed() {
    return Long.getLong("motif.seed", DEFAULT_SEED);
  }

  public static <T> void check(int tries, Gen<T> gen, ThrowingConsumer<? super T> property) {
    long base = baseSeed();
    // The calling method salts the seeds, so that two properties over one generator see
    // different values, as they would with seeds of their own.
    String caller =
        StackWalker.getInstance()
            .walk(frames -> frames.skip(1).findFirst())
            .map(f -> f.getClassName() + "." + f.getMethodName())
            .orElse("");
    long salt = (long) caller.hashCode() << 32;
    for (int i = 0; i < tries; i++) {
      // Neighbouring seeds give java.util.Random correlated first draws; mix them apart.
      T value = gen.next(new Random(new SplittableRandom(base + salt + i).nextLong()));
      Throwable failure = failure(property, value);
      if (failure != null) {
        throw shrink(gen, property, value, failure, caller, base, i, tries);
      }
    }
  }

  private static <T> Failure shrink(
      Gen<T> gen,
      ThrowingConsumer<? super T> property,
      T original,
      Throwable originalFailure,
      String caller,
      long base,
      int attempt,
      int tries) {
    T minimal = original;
    Throwable minimalFailure = originalFailure;
    int steps = 0;
    int runs = 0;
    long deadline = System.nanoTime() + MAX_SHRINK_NANOS;
    boolean smaller = true;
    while (smaller && runs < MAX_SHRINK_RUNS && System.nanoTime() < deadline) {
      smaller = false;
      for (T candidate : gen.shrink(minimal)) {
        if (runs >= MAX_SHRINK_RUNS || System.nanoTime() > deadline) {
          break;
        }
        runs++;
        Throwable f = failure(property, candidate);
        if (f != null) {
          minimal = candidate;
          minimalFailure = f;
          steps++;
          smaller = true;
          break;
        }
      }
    }
    String message =
        caller
            + " failed on try "
            + (attempt + 1)
            + " of "
            + tries
            + " (base seed "
            + base
            + "; replay with -Dmotif.seed="
            + base
            + ")\noriginal case: "
            + gen.show(original)
            + "\nminimal case ("
            + steps
            + " shrink steps, "
            + runs
            + " candidates run): "
            + gen.show(minimal)
            + "\nminimal failure: "
            + minimalFailure
            + "\noriginal failure: "
            + originalFailure;
    Failure failure = new Failure(message, original, minimal, originalFailure);
    if (minimalFailure != originalFailure) {
      failure.addSuppressed(minimalFailure);
    }
    return failure;
  }

  private static <T> Throwable failure(ThrowingConsumer<? super T> property, T value) {
    try {
      property.accept(value);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** A failed property: the message tells how to replay it; the cases are there for tests. */
  public static final class Failure extends AssertionError {
    private final transient Object original;
    private final transient Object minimal;

    Failure(String message, Object original, Object minimal, Throwable cause) {
      super(message, cause);
      this.original = original;
      this.minimal = minimal;
    }

    public Object original() {
      return original;
    }

    public Object minimal() {
      return minimal;
    }
  }
}
