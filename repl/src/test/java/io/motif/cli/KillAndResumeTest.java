package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motif run --state FILE --state-every N}, killed at any point, then resumed with {@code
 * --resume}: the output file ends byte for byte as one uninterrupted run's. A kill loses whatever
 * the process had not handed to the operating system (its buffered output) and may tear a line in
 * half; here it is simulated in-process, at 200 random points of the output (the killed write is
 * cut short), and a few times for real, with {@code kill -9} on a child JVM.
 */
class KillAndResumeTest {
  private static final String RULES =
      """
      event A(k long, v long)
      pattern Rise partition by k match a: A -> b: A(v > a.v) within 2s
        emit Rise(k: a.k, from: a.v, to: b.v)
      pattern Quiet partition by k match a: A(v > 90) -> not A within 1s
        emit Quiet(k: a.k, v: a.v)
      """;

  @TempDir Path dir;

  /** The process dies: nothing runs after it, the engine does not survive it. */
  static final class Killed extends VirtualMachineError {
    Killed() {
      super("killed");
    }
  }

  /**
   * A file that the process is killed while writing to, once it would pass {@code killAt} bytes.
   */
  static final class DyingFile extends OutputStream {
    private final FileOutputStream file;
    private final long killAt;

    DyingFile(Path path, long killAt) throws IOException {
      this.file = new FileOutputStream(path.toFile(), true);
      this.killAt = killAt;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      long size = file.getChannel().size();
      if (size + len > killAt) {
        file.write(b, off, (int) Math.max(0, killAt - size)); // a torn write, then nothing
        throw new Killed();
      }
      file.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  private Path input(int events) throws IOException {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < events; i++) {
      sb.append("{\"type\":\"A\",\"time\":")
          .append(1_700_000_000_000L + 10L * i)
          .append(",\"k\":")
          .append(r.nextInt(400))
          .append(",\"v\":")
          .append(r.nextInt(100))
          .append("}\n");
    }
    Path p = dir.resolve("events.jsonl");
    Files.writeString(p, sb);
    return p;
  }

  /** One run with standard output appended to {@code out}; false when it was killed. */
  private boolean run(Path out, long killAt, String... args) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (DyingFile file = new DyingFile(out, killAt);
        FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
      Io io =
          new Io(
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(file, false, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              channel);
      int code = Main.execute(io, args);
      assertEquals(0, code, () -> err.toString(StandardCharsets.UTF_8));
      return true;
    } catch (Killed killed) {
      return false;
    }
  }

  @Test
  void twoHundredKillsAndResumesWriteWhatOneRunWrites() throws IOException {
    Path rules = dir.resolve("rules.motif");
    Files.writeString(rules, RULES);
    Path events = input(300_000);
    Path whole = dir.resolve("whole.jsonl");
    Files.createFile(whole);
    assertTrue(
        run(
            whole,
            Long.MAX_VALUE,
            "run",
            rules.toString(),
            events.toString(),
            "--state",
            dir.resolve("whole.state").toString(),
            "--state-every",
            "1000"));
    long size = Files.size(whole);
    assertTrue(size > 1_000_000, "the run should write plenty: " + size);

    Random r = new Random(42);
    TreeSet<Long> kills = new TreeSet<>();
    while (kills.size() < 200) {
      kills.add(1 + (long) (r.nextDouble() * (size - 1)));
    }
    Path out = dir.resolve("out.jsonl");
    Files.createFile(out);
    String state = dir.resolve("run.state").toString();
    int killed = 0;
    boolean first = true;
    List<Long> points = new ArrayList<>(kills);
    points.add(Long.MAX_VALUE);
    for (long killAt : points) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "run",
                  rules.toString(),
                  events.toString(),
                  "--state",
                  state,
                  "--state-every",
                  "1000"));
      if (!first) {
        args.add("--resume");
      }
      if (run(out, killAt, args.toArray(String[]::new))) {
        break;
      }
      killed++;
      first = false;
    }
    assertEquals(200, killed);
    assertArrayEquals(
        Files.readAllBytes(whole),
        Files.readAllBytes(out),
        "the output after 200 kills and resumes differs from one uninterrupted run");
  }

  @Test
  void killedForRealAndResumed() throws Exception {
    Path rules = dir.resolve("rules.motif");
    Files.writeString(rules, RULES);
    Path events = input(100_000);
    Path whole = dir.resolve("whole.jsonl");
    Files.createFile(whole);
    assertTrue(
        run(
            whole,
            Long.MAX_VALUE,
            "run",
            rules.toString(),
            events.toString(),
            "--state",
            dir.resolve("whole.state").toString(),
            "--state-every",
            "500"));
    Path out = dir.resolve("out.jsonl");
    String state = dir.resolve("run.state").toString();
    boolean finished = false;
    for (int attempt = 0; attempt < 3 && !finished; attempt++) {
      Process p = child(out, rules, events, state, attempt > 0);
      // Kill it once a quarter more of the output is there (the state was saved by then).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long target = (attempt + 1) * Files.size(whole) / 4;
      while (p.isAlive()
          && (!Files.exists(out) || Files.size(out) < target)
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (p.isAlive()) {
        p.destroyForcibly().waitFor();
      } else {
        finished = true;
        assertEquals(
            0,
            p.exitValue(),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (!finished) {
      Process last = child(out, rules, events, state, true);
      assertTrue(last.waitFor(120, TimeUnit.SECONDS));
      assertEquals(
          0,
          last.exitValue(),
          new String(last.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(out));
  }

  private static Process child(Path out, Path rules, Path events, String state, boolean resume)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                rules.toString(),
                events.toString(),
                "--state",
                state,
                "--state-every",
                "500"));
    if (resume) {
      cmd.add("--resume");
    }
    return new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
