package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The reference page is up to date, and every example on it gives the value it shows. */
class FunctionReferenceTest {
  private static boolean updating() {
    return Boolean.getBoolean("motif.updateDocs")
        || "1".equals(System.getenv("MOTIF_UPDATE_DOCS"))
        || "true".equalsIgnoreCase(System.getenv("MOTIF_UPDATE_DOCS"));
  }

  @Test
  void pageMatchesTheRegistry() throws IOException {
    String expected = FunctionReference.generate(FunctionRegistry.standard());
    Path page = FunctionReference.page();
    if (updating()) {
      Files.writeString(page, expected, StandardCharsets.UTF_8);
      return;
    }
    String actual = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      fail(
          page
              + " is out of date with the function registry. Regenerate it with: "
              + FunctionReference.UPDATE_COMMAND);
    }
  }

  @Test
  void everyFunctionIsDescribedWithAnExample() {
    for (ScalarFunction f : Calls.REGISTRY.scalars()) {
      assertFalse(f.description().isBlank(), f.name() + " has no description");
      assertFalse(f.example().isEmpty(), f.name() + " has no example");
      assertEquals(0, f.example().size() % 2, f.name() + ": examples come in (call, value) pairs");
      assertFalse(f.signatures().isEmpty(), f.name() + " has no signature");
    }
    for (AggregateFunction f : Calls.REGISTRY.aggregates()) {
      assertFalse(f.description().isBlank(), f.name() + " has no description");
      assertFalse(f.example().isEmpty(), f.name() + " has no example");
      assertEquals(
          0, f.example().size() % 3, f.name() + ": examples come in (call, values, value) triples");
      assertFalse(f.signatures().isEmpty(), f.name() + " has no signature");
    }
  }

  @Test
  void everyIssueFunctionIsRegistered() {
    for (String name :
        List.of(
            "abs",
            "round",
            "floor",
            "ceil",
            "sqrt",
            "pow",
            "exp",
            "ln",
            "log10",
            "sign",
            "greatest",
            "least",
            "lower",
            "upper",
            "length",
            "trim",
            "substring",
            "concat",
            "contains",
            "starts_with",
            "ends_with",
            "replace",
            "split_part",
            "regexp_matches",
            "regexp_extract",
            "hour_of_day",
            "day_of_week",
            "format_time",
            "parse_time",
            "if",
            "coalesce",
            "nullif")) {
      assertTrue(Calls.REGISTRY.scalar(name) != null, name);
      assertTrue(Calls.REGISTRY.scalar(name.toUpperCase()) != null, "case-insensitive " + name);
    }
    for (String name :
        List.of(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "first",
            "last",
            "stddev",
            "variance",
            "count_distinct")) {
      assertTrue(Calls.REGISTRY.aggregate(name) != null, name);
    }
  }

  @TestFactory
  Stream<DynamicTest> scalarExamplesGiveTheirValues() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ScalarFunction f : Calls.REGISTRY.scalars()) {
      List<String> ex = f.example();
      for (int i = 0; i + 1 < ex.size(); i += 2) {
        String call = ex.get(i);
        String value = ex.get(i + 1);
        tests.add(
            DynamicTest.dynamicTest(
                call + " = " + value,
                () -> {
                  assertEquals(
                      f.name(),
                      ExampleParser.calledName(call).toLowerCase(),
                      "an example of " + f.name() + " calls it");
                  Calls.assertValue(
                      ExampleParser.literal(value), ExampleParser.evaluate(call), call);
                }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aggregateExamplesGiveTheirValues() {
    List<DynamicTest> tests = new ArrayList<>();
    for (AggregateFunction f : Calls.REGISTRY.aggregates()) {
      List<String> ex = f.example();
      for (int i = 0; i + 2 < ex.size(); i += 3) {
        String call = ex.get(i);
        String values = ex.get(i + 1);
        String value = ex.get(i + 2);
        tests.add(
            DynamicTest.dynamicTest(
                call + " over " + values + " = " + value,
                () -> {
                  assertEquals(f.name(), ExampleParser.calledName(call).toLowerCase());
                  Calls.assertValue(
                      ExampleParser.literal(value),
                      ExampleParser.aggregate(f, call, values),
                      call + " over " + values);
                }));
      }
    }
    return tests.stream();
  }
}
