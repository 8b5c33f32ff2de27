package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's rule (STYLE.md): nothing after the checker reads syntax. The plan, compiler,
 * automaton and runtime import no AST, no parser and no ANTLR.
 */
class DependencyRuleTest {
  @Test
  void nothingAfterTheCheckerImportsSyntax() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : List.of("plan", "eval", "automaton", "runtime")) {
      Path dir = Path.of("src/main/java/io/motif/engine", pkg);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(f)) {
            if (line.contains("io.motif.ast") || line.contains("io.motif.parse")
                || line.contains("org.antlr")) {
              offenders.add(f + ": " + line.trim());
            }
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }
}
