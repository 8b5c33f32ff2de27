package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.function.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user function that throws gives null, and each engine counts and reports its own failures. */
class FunctionFailuresTest {
  /** {@code risky(x)}: x doubled, but throws for a negative x. */
  static final class Risky implements ScalarFunction {
    static final IllegalStateException FAILURE = new IllegalStateException("negative input");

    @Override
    public String name() {
      return "risky";
    }

    @Override
    public List<Signature> signatures() {
      return List.of(Signature.of(Type.LONG, Type.LONG));
    }

    @Override
    public Object apply(Object[] args) {
      long x = (Long) args[0];
      if (x < 0) {
        throw FAILURE;
      }
      return 2 * x;
    }
  }

  static final String RULES =
      """
      event Reading(v long)
      pattern Doubled
        match r: Reading
        emit Doubled(v: risky(r.v))
      """;

  record Reported(String message, Throwable cause) {}

  @Test
  void failuresAreCountedPerEngineAndToldToItsErrorHandler() {
    FunctionRegistry functions = FunctionRegistry.standard().copy().register(new Risky());
    CompiledScript script = Motif.compile("rules.motif", RULES, functions).scriptOrThrow();
    List<Reported> reported = new ArrayList<>();
    List<Event> out = new ArrayList<>();
    Engine engine =
        Engine.builder()
            .errorHandler((message, cause) -> reported.add(new Reported(message, cause)))
            .build();
    engine.deploy(script);
    engine.subscribe("*", out::add);
    Engine other = Engine.builder().errorHandler((message, cause) -> {}).build();
    other.deploy(script);

    engine.send("Reading", 1, Map.of("v", 3L));
    engine.send("Reading", 2, Map.of("v", -1L));
    engine.send("Reading", 3, Map.of("v", -2L));

    assertEquals(List.of(6L), out.stream().limit(1).map(e -> e.get("v")).toList());
    assertEquals(3, out.size(), "a failed call gives null; the match is still emitted");
    assertEquals(null, out.get(1).get("v"));
    assertEquals(Map.of("risky", 2L), engine.stats().functionFailures());
    assertEquals(2, reported.size());
    assertSame(Risky.FAILURE, reported.get(0).cause());
    assertTrue(
        reported.get(0).message().startsWith("function risky failed"), reported.get(0).message());
    assertTrue(
        reported.get(1).message().endsWith("(failure 2 of risky)"), reported.get(1).message());
    assertEquals(Map.of(), other.stats().functionFailures(), "another engine counts its own");
  }
}
