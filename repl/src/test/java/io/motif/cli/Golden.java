package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. To refresh them after an intended change:
 * {@code mvn -pl repl test -Dmotif.golden.update=true}, then review the diff.
 */
public final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("motif.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      String expected =
          Files.exists(file)
              ? Files.readString(file, StandardCharsets.UTF_8)
              : "<missing golden file " + file + "; run with -Dmotif.golden.update=true>";
      assertEquals(
          expected,
          actual,
          "golden file "
              + file
              + " (if the change is intended,"
              + " refresh it: mvn -pl repl test -Dmotif.golden.update=true, and review the diff)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
