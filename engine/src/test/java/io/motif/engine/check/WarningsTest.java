package io.motif.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Motif;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker's warnings, pinned by message and position: each case of {@code
 * src/test/resources/check/warnings.cases} is a script, compiled as {@code rules.motif}, and the
 * exact diagnostics it renders ({@code warnings nothing}: none at all). To refresh the file after
 * an intended change: {@code mvn -pl engine test -Dtest=WarningsTest -Dmotif.golden.update=true},
 * then review the diff.
 */
class WarningsTest {
  private static final Path FILE = Path.of("src/test/resources/check/warnings.cases");

  /** One case: its name, its line in the file, the script and the expected rendering. */
  record Case(String name, int line, String source, String expected) {}

  @TestFactory
  Stream<DynamicTest> everyCaseRendersExactlyItsWarnings() throws IOException {
    String text = Files.readString(FILE, StandardCharsets.UTF_8);
    String header = text.substring(0, text.indexOf("\n###"));
    List<Case> cases = parse(text);
    if (Boolean.getBoolean("motif.golden.update")) {
      StringBuilder sb = new StringBuilder(header);
      for (Case c : cases) {
        String actual = render(c.source());
        sb.append("\n### ")
            .append(c.name())
            .append('\n')
            .append(c.source())
            .append(actual.isEmpty() ? "warnings nothing\n" : "warnings\n" + actual);
      }
      Files.writeString(FILE, sb.toString(), StandardCharsets.UTF_8);
    }
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "warnings.cases:" + c.line() + " " + c.name(),
                    () -> assertEquals(c.expected(), render(c.source()))));
  }

  private static String render(String source) {
    return Motif.compile("rules.motif", source).render();
  }

  static List<Case> parse(String text) {
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith("###")) {
        i++;
        continue;
      }
      int line = i + 1;
      String name = lines[i].substring(3).trim();
      StringBuilder source = new StringBuilder();
      for (i++; i < lines.length && !lines[i].startsWith("warnings"); i++) {
        source.append(lines[i]).append('\n');
      }
      if (i == lines.length) {
        throw new IllegalArgumentException(
            "warnings.cases:"
                + line
                + ": case `"
                + name
                + "` needs a `warnings` or `warnings nothing` line");
      }
      boolean nothing = lines[i].trim().equals("warnings nothing");
      StringBuilder expected = new StringBuilder();
      for (i++; i < lines.length && !lines[i].startsWith("###"); i++) {
        expected.append(lines[i]).append('\n');
      }
      String shown = expected.toString().stripTrailing();
      if (nothing && !shown.isEmpty()) {
        throw new IllegalArgumentException(
            "warnings.cases:" + line + ": `warnings nothing`" + " is followed by text");
      }
      cases.add(new Case(name, line, source.toString(), shown.isEmpty() ? "" : shown + "\n"));
    }
    return cases;
  }
}
