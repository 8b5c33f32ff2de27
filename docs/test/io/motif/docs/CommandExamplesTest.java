package io.motif.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.cli.Io;
import io.motif.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of docs/cli.md's sections on {@code motif why} and {@code motif run --provenance}
 * are what the commands print: a section's {@code ```motif} block is saved as {@code rules.motif},
 * its {@code ```json} block as {@code events.jsonl}, the {@code $ motif ...} command of its {@code
 * ```sh} block is run on them, and the {@code ```text} block after it must be exactly the output.
 */
class CommandExamplesTest {
  @ParameterizedTest
  @ValueSource(strings = {"## `motif why`", "### Where a derived event came from: `--provenance`"})
  void theExampleIsWhatTheCommandPrints(String heading) throws IOException {
    List<Pages.Block> section = section(Pages.page("cli.md"), heading);
    Pages.Block rules = first(section, "motif", null);
    Pages.Block events = first(section, "json", null);
    Pages.Block command = first(section, "sh", "$ motif ");
    Pages.Block output = Pages.following(command, "text");
    assertNotNull(output, "a ```text block with the output follows the command");
    Path dir = Files.createTempDirectory("motif-why-doc");
    Files.writeString(dir.resolve("rules.motif"), rules.text());
    Files.writeString(dir.resolve("events.jsonl"), events.text());
    List<String> args = new ArrayList<>();
    for (String word : command.text().strip().substring("$ motif ".length()).split("\\s+")) {
      args.add(
          word.equals("rules.motif") || word.equals("events.jsonl")
              ? dir.resolve(word).toString()
              : word);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            new Io(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args.toArray(new String[0]));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8).replace(dir + "/", "");
    assertEquals(
        output.text(),
        printed,
        output.where()
            + ": the output shown must be exactly"
            + " what `"
            + command.text().strip()
            + "` prints");
  }

  /** The blocks between a heading and the next heading of its level or above. */
  private static List<Pages.Block> section(Path page, String heading) throws IOException {
    List<String> lines = Files.readAllLines(page);
    int from = lines.indexOf(heading) + 1;
    assertTrue(from > 0, page + " has no heading " + heading);
    int level = heading.indexOf(' ');
    int to = from;
    while (to < lines.size() && !endsSection(lines.get(to), level)) {
      to++;
    }
    List<Pages.Block> out = new ArrayList<>();
    for (Pages.Block b : Pages.blocks(page)) {
      if (b.line() > from && b.line() <= to) {
        out.add(b);
      }
    }
    return out;
  }

  private static boolean endsSection(String line, int level) {
    int hashes = 0;
    while (hashes < line.length() && line.charAt(hashes) == '#') {
      hashes++;
    }
    return hashes > 0 && hashes <= level && line.startsWith(" ", hashes);
  }

  private static Pages.Block first(List<Pages.Block> blocks, String language, String prefix) {
    for (Pages.Block b : blocks) {
      if (b.language().equals(language) && (prefix == null || b.text().startsWith(prefix))) {
        return b;
      }
    }
    throw new AssertionError(
        "no ```"
            + language
            + " block"
            + (prefix == null ? "" : " starting with " + prefix)
            + " in the section");
  }
}
