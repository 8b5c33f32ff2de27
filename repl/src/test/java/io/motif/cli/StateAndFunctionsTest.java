package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motif run --state} (LANGUAGE.md §6) and {@code --functions} (user functions). */
class StateAndFunctionsTest {
  @TempDir Path dir;

  static final String RULES =
      """
      pattern Rise partition by k
        match s: T -> up: T(v > prev.v)+ -> d: T(v < last(up).v)
        within 50 ms
        emit Drop(k: s.k, n: count(up))
      pattern Quiet partition by k match a: T(v > 5) -> not T(v > 8) within 20 ms
        emit Calm(k: a.k)
      """;

  private List<String> stream(int n) {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(6);
      lines.add(
          "{\"type\":\"T\",\"time\":"
              + Math.max(0, t - r.nextInt(4))
              + ",\"k\":"
              + r.nextInt(3)
              + ",\"v\":"
              + r.nextInt(10)
              + "}");
    }
    return lines;
  }

  @Test
  void aRunStoppedAtABadLineSavesAStateThatResumesAfterTheFix() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    List<String> events = stream(200);
    Path all = Files.write(dir.resolve("all.jsonl"), events);
    Cli.Result one =
        Cli.run(
            "run",
            "--state",
            dir.resolve("one.state").toString(),
            rules.toString(),
            all.toString());
    List<String> broken = new ArrayList<>(events);
    broken.set(120, "{\"type\":\"T\",\"time\":oops}");
    Path bad = Files.write(dir.resolve("input.jsonl"), broken);
    Path state = dir.resolve("s.state");
    Cli.Result stopped =
        Cli.run("run", "--strict", "--state", state.toString(), rules.toString(), bad.toString());
    assertEquals(1, stopped.code(), stopped::toString);
    assertTrue(Files.exists(state), "the state is saved where the run stopped");
    // Without --resume the half-done state is refused: it would run the start twice.
    Cli.Result again =
        Cli.run("run", "--state", state.toString(), rules.toString(), bad.toString());
    assertEquals(1, again.code(), again::toString);
    assertTrue(again.err().contains("--resume"), again::toString);
    Files.write(bad, events); // the line mended
    Cli.Result resumed =
        Cli.run("run", "--resume", "--state", state.toString(), rules.toString(), bad.toString());
    assertEquals(0, resumed.code(), resumed::toString);
    assertEquals(one.out(), stopped.out() + resumed.out(), "nothing lost, nothing twice");
    Cli.Result nothingLeft =
        Cli.run("run", "--resume", "--state", state.toString(), rules.toString(), bad.toString());
    assertEquals(2, nothingLeft.code(), nothingLeft::toString);
  }

  @Test
  void contradictoryOrChangedStateOptionsAreRefused() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path all = Files.write(dir.resolve("all.jsonl"), stream(50));
    Path state = dir.resolve("s.state");
    Cli.Result flush =
        Cli.run(
            "run", "--flush-at-end", "--state", state.toString(), rules.toString(), all.toString());
    assertEquals(2, flush.code(), flush::toString);
    assertEquals(2, Cli.run("run", "--resume", rules.toString(), all.toString()).code());
    assertEquals(
        0,
        Cli.run(
                "run",
                "--id-field",
                "v",
                "--state",
                state.toString(),
                rules.toString(),
                all.toString())
            .code());
    Cli.Result noId = Cli.run("run", "--state", state.toString(), rules.toString(), all.toString());
    assertEquals(1, noId.code(), noId::toString);
    assertTrue(noId.err().contains("--id-field v"), noId::toString);
    Files.write(state, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    Cli.Result trailing =
        Cli.run(
            "run",
            "--id-field",
            "v",
            "--state",
            state.toString(),
            rules.toString(),
            all.toString());
    assertEquals(1, trailing.code(), trailing::toString);
    assertTrue(trailing.err().contains("bytes after its end"), trailing::toString);
  }

  @Test
  void twoHalvesWithStateGiveTheOutputOfOneRun() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    List<String> events = stream(300);
    Path all = Files.write(dir.resolve("all.jsonl"), events);
    Path first = Files.write(dir.resolve("a.jsonl"), events.subList(0, 137));
    Path second = Files.write(dir.resolve("b.jsonl"), events.subList(137, 300));
    Path whole = dir.resolve("whole.state");
    Path split = dir.resolve("split.state");
    Cli.Result one =
        Cli.run(
            "run",
            "--max-delay",
            "3ms",
            "--state",
            whole.toString(),
            rules.toString(),
            all.toString());
    Cli.Result a =
        Cli.run(
            "run",
            "--max-delay",
            "3ms",
            "--state",
            split.toString(),
            rules.toString(),
            first.toString());
    Cli.Result b =
        Cli.run(
            "run",
            "--max-delay",
            "3ms",
            "--state",
            split.toString(),
            rules.toString(),
            second.toString());
    assertEquals(0, one.code(), one.toString());
    assertEquals(0, a.code(), a.toString());
    assertEquals(0, b.code(), b.toString());
    assertTrue(one.out().lines().count() > 20, one.out());
    assertEquals(one.out(), a.out() + b.out());
    assertTrue(
        Arrays.equals(Files.readAllBytes(whole), Files.readAllBytes(split)),
        "the same state either way");
  }

  @Test
  void stateSavedWithOtherRulesKeepsWhatItCan() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path other = Files.writeString(dir.resolve("o.motif"), "pattern X match a: T");
    Path events = Files.write(dir.resolve("e.jsonl"), stream(10));
    Path state = dir.resolve("s.state");
    assertEquals(
        0, Cli.run("run", "--state", state.toString(), rules.toString(), events.toString()).code());
    Cli.Result r = Cli.run("run", "--state", state.toString(), other.toString(), events.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "state: kept none; started fresh: X (new); dropped: Rise"
                    + " (removed), Quiet (removed)"),
        r.err());
  }

  @Test
  void aCorruptStateFileIsAClearError() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path state = Files.writeString(dir.resolve("s.state"), "garbage");
    Cli.Result r = Cli.run("run", "--state", state.toString(), rules.toString(), "-");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("not a Motif snapshot"), r.err());
  }

  @Test
  void userFunctionsInAJarArePickedUpThroughServiceLoader() throws IOException {
    Path src = dir.resolve("src/udf");
    Files.createDirectories(src);
    Files.copy(Path.of("src/test/resources/udf/Shout.java"), src.resolve("Shout.java"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.resolve("Shout.java").toString());
    assertEquals(0, rc);
    Path jar = dir.resolve("shout.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, "udf/Shout.class", Files.readAllBytes(classes.resolve("udf/Shout.class")));
      for (Path p : Files.list(classes.resolve("udf")).toList()) {
        if (!p.getFileName().toString().equals("Shout.class")) {
          add(out, "udf/" + p.getFileName(), Files.readAllBytes(p));
        }
      }
      add(
          out,
          "META-INF/services/io.motif.function.FunctionProvider",
          "udf.Shout\n".getBytes(StandardCharsets.UTF_8));
    }
    Path rules =
        Files.writeString(
            dir.resolve("r.motif"), "pattern Loud match a: Msg emit Out(text: shout(a.text))");
    Cli.Result without = Cli.run("check", rules.toString());
    assertEquals(1, without.code(), without.toString());
    assertTrue(without.err().contains("unknown function `shout`"), without.err());
    Cli.Result r =
        Cli.runWithInput(
            "{\"type\":\"Msg\",\"time\":1,\"text\":\"hi\"}\n",
            "run",
            "--functions",
            jar.toString(),
            rules.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("{\"type\":\"Out\",\"time\":1,\"text\":\"HI!\"}\n", r.out());
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  @Test
  void duplicateIdsAreDroppedAndCounted() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), "pattern P match a: A");
    Cli.Result r =
        Cli.runWithInput(
            "{\"type\":\"A\",\"time\":1,\"id\":\"x\"}\n"
                + "{\"type\":\"A\",\"time\":2,\"id\":\"x\"}\n",
            "run",
            "--id-field",
            "id",
            rules.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals(1, r.out().lines().count(), r.toString());
    assertTrue(r.err().contains("1 duplicate"), r.err());
  }
}
