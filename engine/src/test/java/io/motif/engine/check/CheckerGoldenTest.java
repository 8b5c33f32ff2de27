package io.motif.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Compilation;
import io.motif.engine.Motif;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.function.Type;
import io.motif.source.Diagnostic;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for the checker's messages, as the grammar module has for syntax errors: each {@code
 * src/test/resources/check/errors/NAME.motif} is compiled under its file name and must render
 * exactly {@code NAME.diagnostics} ({@code file:line:col}, the source line and a caret). {@code
 * NAME} is the {@link Problems} method whose message the case is about, and every method of the
 * catalogue has its case, so every message and every code is pinned; each points at the text it is
 * about (a span of at least one character).
 *
 * <p>Refresh after an intended change with {@code mvn -q -pl engine -am test
 * -Dtest=CheckerGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true} (or the
 * environment variable {@code GOLDEN_UPDATE=1}), then review the diff.
 */
class CheckerGoldenTest {

  @TestFactory
  Stream<DynamicTest> everyCaseRendersItsGoldenDiagnostics() {
    return inputs().stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    input.getFileName().toString(),
                    () -> {
                      Compilation c = compile(input);
                      assertFalse(
                          c.diagnostics().isEmpty(), "a checker golden must produce diagnostics");
                      for (Diagnostic d : c.diagnostics()) {
                        assertTrue(d.span().length() > 0, () -> "no position for " + d);
                      }
                      check(sibling(input, ".diagnostics"), c.render());
                    }));
  }

  /**
   * Each message of the catalogue has a golden case named after it, which reports the message's
   * code; and each case is named after a message.
   */
  @TestFactory
  Stream<DynamicTest> everyMessageOfTheCatalogueHasAGoldenCase() {
    Set<String> cases =
        inputs().stream()
            .map(CheckerGoldenTest::caseName)
            .collect(Collectors.toCollection(TreeSet::new));
    List<DynamicTest> tests = new ArrayList<>();
    for (Method m : messages()) {
      tests.add(
          DynamicTest.dynamicTest(
              m.getName(),
              () -> {
                assertTrue(
                    cases.contains(m.getName()),
                    () ->
                        "no golden case check/errors/"
                            + m.getName()
                            + ".motif for the message of Problems."
                            + m.getName());
                Path input = root().resolve(m.getName() + ".motif");
                String code = codeOf(m);
                assertTrue(
                    compile(input).diagnostics().stream().anyMatch(d -> d.code().equals(code)),
                    () ->
                        input
                            + " reports no diagnostic with the code "
                            + code
                            + " of "
                            + m.getName());
              }));
    }
    return tests.stream();
  }

  @Test
  void everyCaseIsNamedAfterAMessage() {
    Set<String> names = messages().stream().map(Method::getName).collect(Collectors.toSet());
    List<String> orphans =
        inputs().stream().map(CheckerGoldenTest::caseName).filter(n -> !names.contains(n)).toList();
    assertEquals(List.of(), orphans, "golden cases named after no method of Problems");
  }

  /** A message text is reported under one code, whichever case reports it. */
  @Test
  void noMessageIsReportedUnderTwoCodes() {
    Map<String, String> codes = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (Path input : inputs()) {
      for (Diagnostic d : compile(input).diagnostics()) {
        String before = codes.putIfAbsent(d.message(), d.code());
        if (before != null && !before.equals(d.code())) {
          clashes.add(d.message() + " (" + before + ", " + d.code() + ")");
        }
      }
    }
    assertEquals(List.of(), clashes);
  }

  /** The catalogue's messages: its methods that report. */
  private static List<Method> messages() {
    List<Method> out = new ArrayList<>();
    for (Method m : Problems.class.getDeclaredMethods()) {
      if (!Modifier.isStatic(m.getModifiers())
          && !Modifier.isPrivate(m.getModifiers())
          && m.getReturnType() == void.class) {
        out.add(m);
      }
    }
    out.sort((a, b) -> a.getName().compareTo(b.getName()));
    return out;
  }

  /** The code a message is reported under: the method is called once with placeholders. */
  private static String codeOf(Method m) throws IllegalAccessException, InvocationTargetException {
    Diagnostics diagnostics = new Diagnostics();
    Object[] args = new Object[m.getParameterCount()];
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      args[i] = placeholder(types[i]);
    }
    m.setAccessible(true);
    m.invoke(new Problems(diagnostics), args);
    List<Diagnostic> reported = diagnostics.sorted();
    assertEquals(1, reported.size(), () -> m.getName() + " reports one diagnostic");
    return reported.get(0).code();
  }

  private static Object placeholder(Class<?> type) {
    if (type == String.class) {
      return "x";
    }
    if (type == Span.class) {
      return new Span(0, 1);
    }
    if (type == Type.class) {
      return Type.ANY;
    }
    if (type == EventTypeDecl.class) {
      return new EventTypeDecl("T", Map.of());
    }
    if (type == List.class || type == Collection.class) {
      return List.of();
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == int.class) {
      return 0;
    }
    throw new IllegalArgumentException("no placeholder for " + type);
  }

  private static Compilation compile(Path input) {
    return Motif.compile(input.getFileName().toString(), read(input));
  }

  private static String caseName(Path input) {
    String name = input.getFileName().toString();
    return name.substring(0, name.length() - ".motif".length());
  }

  // ---- files ----

  private static boolean updating() {
    String env = System.getenv("GOLDEN_UPDATE");
    return Boolean.getBoolean("golden.update") || "1".equals(env) || "true".equalsIgnoreCase(env);
  }

  /** The folder in the source tree (not the copied test classes), so an update rewrites it. */
  private static Path root() {
    for (String candidate :
        List.of("src/test/resources/check/errors", "engine/src/test/resources/check/errors")) {
      Path p = Path.of(candidate);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("check/errors not found from " + Path.of("").toAbsolutePath());
  }

  private static List<Path> inputs() {
    try (Stream<Path> files = Files.list(root())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".motif")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path sibling(Path input, String extension) {
    String name = input.getFileName().toString();
    return input.resolveSibling(name.substring(0, name.length() - ".motif".length()) + extension);
  }

  private static void check(Path expectedFile, String actual) throws IOException {
    if (updating()) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(expectedFile),
        () ->
            expectedFile
                + " is missing; create it with"
                + " -Dgolden.update=true and review it. Actual:\n"
                + actual);
    assertEquals(
        read(expectedFile),
        actual,
        () ->
            "golden file "
                + expectedFile
                + " differs; if"
                + " the change is intended, refresh with -Dgolden.update=true and review the diff");
  }
}
