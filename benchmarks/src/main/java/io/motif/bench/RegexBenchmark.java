package io.motif.bench;

import io.motif.stdlib.Text;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code matches} operator ({@link Text#matches}) on adversarial input: {@code (a+)+$} against
 * {@code a...ab}. A naive backtracking matcher tries every way of splitting the a's between the two
 * loops before failing, exponential in the length (java.util.regex has memoised this particular
 * shape since JDK 9, but bounds no pattern in general); RE2 through re2j runs an automaton, linear
 * for every pattern: ten times the input, about ten times the time, and the same allocation per
 * call whatever the length ({@code -prof gc}). {@code benign} is the same input against a pattern
 * that matches it in one pass, for scale.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RegexBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegexBenchmark {
  private static final String ADVERSARIAL = "(a+)+$";
  private static final String BENIGN = "a+b";

  @Param({"1000", "10000", "100000"})
  public int length;

  private String input;

  @Setup
  public void setup() {
    input = "a".repeat(length) + "b";
    // Compile once outside the measurement: the cache is what the engine hits per event.
    if (Text.matches(input, ADVERSARIAL) != Boolean.FALSE
        || Text.matches(input, BENIGN) != Boolean.TRUE) {
      throw new IllegalStateException("unexpected match result");
    }
  }

  @Benchmark
  public Boolean adversarial() {
    return Text.matches(input, ADVERSARIAL);
  }

  @Benchmark
  public Boolean benign() {
    return Text.matches(input, BENIGN);
  }
}
