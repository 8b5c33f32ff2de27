package io.motif.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shell asks the front end ({@code SourceAnalysis}, {@code SourceParser}) about input and never
 * drives ANTLR's generated lexer or parser itself: only {@code io.motif.parse} sees them.
 */
class FrontEndRuleTest {
  @Test
  void nothingInTheReplImportsAntlrOrTheGeneratedClasses() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.contains("org.antlr")
              || line.contains("io.motif.parse.MotifLexer")
              || line.contains("io.motif.parse.MotifParser")) {
            offenders.add(f + ": " + line.strip());
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }
}
