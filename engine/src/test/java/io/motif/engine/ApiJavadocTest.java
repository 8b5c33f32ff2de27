package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public or protected member of the exported API packages has a javadoc comment: the engine's
 * API ({@code io.motif.engine}) and the function SPI ({@code io.motif.function}, in the stdlib
 * module next door). javac's doclint finds the members without one, as it would for {@code
 * javadoc}; only missing comments fail the test (missing tags are left to taste).
 */
class ApiJavadocTest {
  static final List<Path> API_PACKAGES =
      List.of(
          Path.of("src/main/java/io/motif/engine"),
          Path.of("../stdlib/src/main/java/io/motif/function"));

  @Test
  void everyPublicMemberOfTheApiHasJavadoc(@TempDir Path out) throws IOException {
    List<Path> sources = new ArrayList<>();
    for (Path dir : API_PACKAGES) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
      }
    }
    assertFalse(sources.isEmpty(), "no API sources found from " + Path.of("").toAbsolutePath());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      // The rest of each module is read from the class path, compiled.
      List<String> options =
          List.of(
              "-proc:none",
              "-implicit:none",
              "-Xmaxwarns",
              "100000",
              "-Xdoclint:missing/protected",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              out.toString());
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      List<String> missing = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String where = Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber();
        String message = d.getMessage(Locale.ROOT);
        if (message.contains("no comment")) {
          missing.add(where);
        } else if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(where + ": " + message);
        }
      }
      assertEquals(List.of(), errors, "the API sources did not compile");
      assertEquals(true, compiled);
      assertEquals(List.of(), missing, "public members without javadoc");
    }
  }
}
