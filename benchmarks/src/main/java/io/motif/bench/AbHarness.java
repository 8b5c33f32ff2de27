package io.motif.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of Motif in one JVM, their passes alternating: a change's effect measured where whole
 * suite runs cannot show it (this machine moves by ±30 % between runs and Motif by up to 2× between
 * JVMs; two builds alternating in one JVM share its state and agree within some 10 %, which a
 * second run with the builds' order swapped shows).
 *
 * <pre>
 * java -cp target/benchmarks.jar io.motif.bench.AbHarness W1 40 /tmp/base.jar target/benchmarks.jar
 * java -cp target/benchmarks.jar io.motif.bench.AbHarness W1 40 /tmp/base.jar target/benchmarks.jar \
 *     'a: A => b: B(x > a.x)'
 * </pre>
 *
 * <p>Each build is a benchmarks jar (built with {@code -pl benchmarks -am package}) loaded in a
 * class loader of its own, with {@link AbPass} defined beside its classes. A round runs a
 * measurement of each (four passes of the workload's stream), A first in even rounds, B first in
 * odd ones; the first two rounds warm up. Printed: each side's median events per CPU-second, and
 * the median, least and greatest of the rounds' ratios B / A.
 */
public final class AbHarness {
  private AbHarness() {}

  /** The medians of both sides and of the ratios B / A, with the ratios' range. */
  public record Result(double a, double b, double ratio, double least, double greatest) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "A %.2f M events/CPU-s, B %.2f M (medians); B / A median %.3f (%.3f … %.3f)",
          a / 1e6,
          b / 1e6,
          ratio,
          least,
          greatest);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4 && args.length != 5) {
      System.err.println("usage: AbHarness WORKLOAD ROUNDS JAR_A JAR_B [MATCH]");
      System.exit(2);
    }
    URL[] a = {Path.of(args[2]).toUri().toURL()};
    URL[] b = {Path.of(args[3]).toUri().toURL()};
    String match = args.length == 5 ? args[4] : null;
    Result r = compare(args[0], match, Integer.parseInt(args[1]), a, b);
    String name = args[0] + (match == null ? "" : " [" + match + "]");
    System.out.println(name + ": " + r + "  (A " + args[2] + ", B " + args[3] + ")");
  }

  /** Compares the builds whose classes {@code a} and {@code b} hold, over {@code rounds} rounds. */
  public static Result compare(String workload, int rounds, URL[] a, URL[] b) throws Exception {
    return compare(workload, null, rounds, a, b);
  }

  /**
   * As {@link #compare(String, int, URL[], URL[])}, with the workload's match clause replaced by
   * {@code match} when not null (the emit stays {@code M(key: a.key)}; see {@link AbPass}).
   */
  public static Result compare(String workload, String match, int rounds, URL[] a, URL[] b)
      throws Exception {
    if (rounds < 3) {
      throw new IllegalArgumentException("at least 3 rounds: the first two warm up");
    }
    byte[] pass = passClass();
    Object[] sides = {side(a, pass, workload, match), side(b, pass, workload, match)};
    Method[] run = new Method[2]; // (each side's AbPass is a class of its own loader)
    for (int s = 0; s < 2; s++) {
      run[s] = sides[s].getClass().getMethod("run", int.class);
    }
    double[][] v = new double[2][rounds];
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int s = (r + k) % 2;
        v[s][r] = (Double) run[s].invoke(sides[s], 4);
      }
      if (r >= 2) {
        ratios.add(v[1][r] / v[0][r]);
      }
    }
    Collections.sort(ratios);
    return new Result(
        median(Arrays.copyOfRange(v[0], 2, rounds)),
        median(Arrays.copyOfRange(v[1], 2, rounds)),
        ratios.get(ratios.size() / 2),
        ratios.get(0),
        ratios.get(ratios.size() - 1));
  }

  private static Object side(URL[] build, byte[] pass, String workload, String match)
      throws Exception {
    ClassLoader loader = new PassLoader(build, pass);
    Constructor<?> c =
        loader.loadClass(AbPass.class.getName()).getConstructor(String.class, String.class);
    return c.newInstance(workload, match);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static byte[] passClass() throws IOException {
    try (InputStream in = AbHarness.class.getResourceAsStream("AbPass.class")) {
      if (in == null) {
        throw new IOException("AbPass.class is not beside AbHarness");
      }
      return in.readAllBytes();
    }
  }

  /**
   * A build's classes, and {@link AbPass} defined from this harness's bytes (the same for both).
   */
  private static final class PassLoader extends URLClassLoader {
    private final byte[] pass;

    PassLoader(URL[] build, byte[] pass) {
      super(build, ClassLoader.getPlatformClassLoader());
      this.pass = pass;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(AbPass.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = defineClass(name, pass, 0, pass.length);
        }
        return c;
      }
    }
  }
}
