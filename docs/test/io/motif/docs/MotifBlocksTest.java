package io.motif.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motif.cli.test.TestRunner;
import io.motif.engine.Compilation;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import io.motif.engine.TestCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```motif} block of the documentation compiles without errors, and its {@code test}
 * blocks pass; it compiles without warnings too, unless a {@code ```warnings} block follows it,
 * which then shows exactly the warnings it gives. Every {@code ```motif-error} block fails to
 * compile, and when an {@code ```errors} block follows it, the rendered diagnostics are exactly the
 * ones shown.
 *
 * <p>A test runs as {@code motif test} runs it: a new engine per test, the patterns deployed, the
 * given events sent in order, no end of time (windows still open do not complete), and the derived
 * events compared with {@code expect}: the same number, in order; type and time always compared;
 * the fields the expectation lists compared by value; fields it does not list ignored.
 */
class MotifBlocksTest {
  /** The name error blocks are compiled under, as their ```errors blocks show it. */
  static final String SOURCE_NAME = "rules.motif";

  private static final Set<String> KNOWN =
      Set.of(
          "motif",
          "motif-error",
          "errors",
          "warnings",
          "java",
          "output",
          "text",
          "sh",
          "json",
          "sql",
          "",
          "xml",
          "siddhi",
          "epl");

  @TestFactory
  Stream<DynamicNode> motifBlocks() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Pages.Block b : Pages.allBlocks()) {
      if (b.language().equals("motif")) {
        nodes.add(motifBlock(b));
      } else if (b.language().equals("motif-error")) {
        nodes.add(DynamicTest.dynamicTest(b.where() + " fails to compile", () -> errorBlock(b)));
      }
    }
    return nodes.stream();
  }

  private static DynamicNode motifBlock(Pages.Block b) {
    Compilation c = Motif.compile(b.where(), b.text());
    if (c.hasErrors()) {
      return DynamicTest.dynamicTest(
          b.where() + " compiles",
          () ->
              fail(
                  "a ```motif block must compile (tag it ```motif-error if it shows an"
                      + " error):\n"
                      + c.render()));
    }
    List<DynamicNode> children = new ArrayList<>();
    children.add(DynamicTest.dynamicTest("compiles", () -> {}));
    children.add(DynamicTest.dynamicTest("warns as shown", () -> warnings(b)));
    for (TestCase t : c.script().tests()) {
      children.add(DynamicTest.dynamicTest("test \"" + t.name() + "\"", () -> runTest(b, c, t)));
    }
    return DynamicContainer.dynamicContainer(b.where(), children);
  }

  /** No warnings, or exactly those of the ```warnings block that follows. */
  private static void warnings(Pages.Block b) {
    String rendered = Motif.compile(SOURCE_NAME, b.text()).render();
    Pages.Block shown = Pages.following(b, "warnings");
    if (shown == null) {
      assertEquals(
          "",
          rendered,
          b.where()
              + ": a ```motif block must compile without warnings;"
              + " fix the example, or show its warnings in a ```warnings block right after it");
    } else {
      assertEquals(
          normalize(shown.text()),
          normalize(rendered),
          b.where() + ": the ```warnings block after it must be exactly what the compiler says");
    }
  }

  private static void errorBlock(Pages.Block b) {
    Compilation c = Motif.compile(SOURCE_NAME, b.text());
    assertTrue(c.hasErrors(), b.where() + ": a ```motif-error block must have compile errors");
    Pages.Block shown = Pages.following(b, "errors");
    if (shown != null) {
      assertEquals(
          normalize(shown.text()),
          normalize(c.render()),
          b.where() + ": the ```errors block after it must be exactly what the compiler says");
    }
  }

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      sb.append(line.stripTrailing()).append('\n');
    }
    return sb.toString().strip();
  }

  /** Runs one test block as {@code motif test} does and compares with its expectation. */
  static void runTest(Pages.Block b, Compilation c, TestCase t) {
    List<Event> actual = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Engine engine =
        Engine.builder()
            .lateHandler(e -> problems.add("late event: " + e))
            .errorHandler((m, ex) -> problems.add("engine error: " + m))
            .build();
    engine.deploy(c.script());
    engine.subscribe("*", actual::add);
    for (Event e : t.given()) {
      engine.send(e);
    }
    if (!problems.isEmpty() && problems.stream().anyMatch(p -> p.startsWith("engine error"))) {
      fail(b.where() + " test \"" + t.name() + "\": " + problems);
    }
    if (!matches(t.expect(), actual)) {
      fail(
          b.where()
              + " test \""
              + t.name()
              + "\"\nexpected:\n"
              + lines(t.expect())
              + "actual:\n"
              + lines(actual)
              + (problems.isEmpty() ? "" : "notes: " + problems));
    }
  }

  private static String lines(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    if (events.isEmpty()) {
      sb.append("  nothing\n");
    }
    for (Event e : events) {
      sb.append("  ").append(e).append('\n');
    }
    return sb.toString();
  }

  /** The CLI's comparison (`motif test`): one definition of what a test block expects. */
  static boolean matches(List<Event> expected, List<Event> actual) {
    return TestRunner.matches(expected, actual);
  }

  static boolean matches(Event expected, Event actual) {
    return TestRunner.matches(expected, actual);
  }

  /**
   * A misspelt fence (```Motif, ```motif-err) would silently escape these tests. On every page a
   * fence that starts with "motif" must be exactly ```motif or ```motif-error; on the pages this
   * module owns, every fence must use a known language, and an ```errors or ```output block must
   * follow the block it belongs to.
   */
  @Test
  void everyFenceHasAKnownLanguage() {
    List<String> unknown = new ArrayList<>();
    for (Pages.Block b : Pages.allBlocks()) {
      String lang = b.language();
      boolean motifLike =
          lang.startsWith("motif") || b.info().strip().toLowerCase(Locale.ROOT).startsWith("motif");
      boolean owned =
          !Set.of("cli.md", "functions.md", "README.md")
              .contains(b.page().getFileName().toString());
      if (motifLike && !lang.equals("motif") && !lang.equals("motif-error")
          || !b.info().equals(b.info().strip().toLowerCase(Locale.ROOT)) && motifLike
          || owned && !KNOWN.contains(lang)) {
        unknown.add(b.where() + " ```" + b.info());
      }
    }
    assertEquals(List.of(), unknown, "fences must use one of " + KNOWN);
  }

  /**
   * An ```errors block shows what the ```motif-error block before it gives, a ```warnings block
   * what the ```motif block before it gives.
   */
  @Test
  void errorsBlocksFollowAnErrorBlock() {
    List<String> orphans = new ArrayList<>();
    for (Path page : Pages.all()) {
      List<Pages.Block> blocks = Pages.blocks(page);
      for (int i = 0; i < blocks.size(); i++) {
        if (blocks.get(i).language().equals("errors")
            && (i == 0 || !blocks.get(i - 1).language().equals("motif-error"))) {
          orphans.add(blocks.get(i).where());
        }
        if (blocks.get(i).language().equals("warnings")
            && (i == 0 || !blocks.get(i - 1).language().equals("motif"))) {
          orphans.add(blocks.get(i).where());
        }
      }
    }
    assertEquals(List.of(), orphans);
  }

  /** The comparison itself: listed fields only, by value, in order. */
  @Test
  void theComparisonIgnoresUnlistedFieldsAndComparesNumbersByValue() {
    Event actual = Event.of("Alert", 30_000, Map.of("user", "al", "attempts", 3L, "ip", "x"));
    assertTrue(matches(Event.of("Alert", 30_000, Map.of("attempts", 3.0)), actual));
    assertTrue(!matches(Event.of("Alert", 31_000, Map.of()), actual));
    assertTrue(!matches(Event.of("Alarm", 30_000, Map.of()), actual));
    assertTrue(!matches(Event.of("Alert", 30_000, Map.of("user", "bo")), actual));
    assertTrue(!matches(List.of(), List.of(actual)));
  }
}
