package io.motif.reference;

import io.motif.engine.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hand-written cases, each a Motif program, an event table and the exact expected output:
 *
 * <pre>
 * ### inclusive time window
 * pattern P match a: A -> b: B within 5s emit Out(x: a.v)
 * given
 *   A(v: 1) at 0s
 *   B(v: 2) at 5s
 * expect
 *   Out(x: 1) at 5s
 * </pre>
 *
 * The {@code given} and {@code expect} lines start in column 0 (a {@code test} block inside the
 * program indents its own). {@code expect nothing} means no output. A source line {@code --! max
 * delay 2000} runs the engine with that maximum delay (milliseconds); the reference then sees the
 * events the engine must process, in the order it must process them ({@link
 * ReferenceEvaluator#processingOrder}). The expected output is the output at the end of the input
 * ({@code Engine.drain()}, where windows still open stay open), or, with a source line {@code --!
 * flush at end}, at the end of time ({@code Engine.finish()}, {@code motif run --flush-at-end}).
 * Lines of the expect table starting with {@code --} are comments. Output is compared as text
 * ({@link EventTable#render}): types, fields in order, values (doubles with their {@code .0}),
 * times and order.
 */
public record CaseFile(String file, List<Case> cases) {

  /** One case: where it is written, the program, the input and the expected output lines. */
  public record Case(
      String file,
      int line,
      String name,
      String source,
      List<Event> input,
      String expected,
      long maxDelay,
      boolean flushAtEnd) {
    @Override
    public String toString() {
      return file + ":" + line + " " + name;
    }
  }

  /** Every {@code *.cases} file under the test resources' {@code reference/} folder. */
  public static List<CaseFile> all() {
    try {
      Path dir = Path.of(CaseFile.class.getResource("/reference").toURI());
      List<CaseFile> out = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".cases")).sorted().toList()) {
          out.add(parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static CaseFile parse(String file, String text) {
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith("###")) {
        i++;
        continue;
      }
      int start = i + 1;
      String name = lines[i].substring(3).trim();
      StringBuilder source = new StringBuilder();
      StringBuilder given = new StringBuilder();
      StringBuilder expect = new StringBuilder();
      StringBuilder section = source;
      for (i++; i < lines.length && !lines[i].startsWith("###"); i++) {
        String t = lines[i].trim();
        if (lines[i].equals("given") && section == source) {
          section = given;
        } else if (lines[i].equals("expect") && section == given) {
          section = expect;
        } else if (section == expect) {
          if (!t.isEmpty() && !t.startsWith("--") && !t.equals("nothing")) {
            expect.append(t).append('\n');
          }
        } else {
          section.append(lines[i]).append('\n');
        }
      }
      if (section != expect) {
        throw new IllegalArgumentException(
            file + ":" + start + ": case `" + name + "` needs a `given` and an `expect` line");
      }
      long maxDelay = 0;
      boolean flushAtEnd = false;
      for (String line : source.toString().split("\n")) {
        if (line.trim().startsWith("--! max delay ")) {
          maxDelay = Long.parseLong(line.trim().substring("--! max delay ".length()).trim());
        } else if (line.trim().equals("--! flush at end")) {
          flushAtEnd = true;
        } else if (line.trim().startsWith("--!")) {
          throw new IllegalArgumentException(file + ":" + start + ": unknown option " + line);
        }
      }
      cases.add(
          new Case(
              file,
              start,
              name,
              source.toString(),
              EventTable.parse(given.toString()),
              expect.toString(),
              maxDelay,
              flushAtEnd));
    }
    return new CaseFile(file, cases);
  }
}
