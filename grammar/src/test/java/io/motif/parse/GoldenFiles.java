package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden-file folders under {@code src/test/resources/golden}, read from the source tree (not
 * the copied test classes) so that an update rewrites the files that are committed.
 *
 * <p>Update with {@code mvn -q -pl grammar test -Dgolden.update=true} (or the environment variable
 * {@code GOLDEN_UPDATE=1}): expected files are then written instead of compared.
 */
final class GoldenFiles {
  private GoldenFiles() {}

  static boolean updating() {
    String env = System.getenv("GOLDEN_UPDATE");
    return Boolean.getBoolean("golden.update") || "1".equals(env) || "true".equalsIgnoreCase(env);
  }

  /** The golden root, whether tests run from the module folder (Maven) or the repository root. */
  static Path root() {
    for (String candidate :
        List.of("src/test/resources/golden", "grammar/src/test/resources/golden")) {
      Path p = Path.of(candidate);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("golden folder not found from " + Path.of("").toAbsolutePath());
  }

  /** The {@code .motif} inputs of one folder, sorted by name. */
  static List<Path> inputs(String folder) {
    try (Stream<Path> files = Files.list(root().resolve(folder))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".motif")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file next to {@code input} with its {@code .motif} replaced by {@code extension}. */
  static Path sibling(Path input, String extension) {
    String name = input.getFileName().toString();
    return input.resolveSibling(name.substring(0, name.length() - ".motif".length()) + extension);
  }

  /** Compares {@code actual} with the expected file, or rewrites the file when updating. */
  static void check(Path expectedFile, String actual) {
    if (updating()) {
      try {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    if (!Files.exists(expectedFile)) {
      throw new AssertionError(
          expectedFile
              + " is missing; create it with "
              + "`mvn -q -pl grammar test -Dgolden.update=true` and review it. Actual:\n"
              + actual);
    }
    assertEquals(
        read(expectedFile),
        actual,
        () ->
            "golden file "
                + expectedFile
                + " differs; if the change is intended, refresh with "
                + "`mvn -q -pl grammar test -Dgolden.update=true` and review the diff");
  }
}
