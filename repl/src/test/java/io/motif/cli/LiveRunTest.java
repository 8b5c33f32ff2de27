package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motif run} on a live stream, as a real process: derived events come out as they are
 * produced while standard input stays open, the wall clock fires absences with no input at all, and
 * SIGTERM stops a run so that {@code --resume} continues it exactly.
 */
class LiveRunTest {
  @TempDir Path dir;

  private int started;

  /** Starts {@code motif ARGS}; standard error goes to a file (destroy() closes the pipes). */
  private Process start(Path out, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(dir.resolve("err" + ++started + ".txt").toFile());
    if (out != null) {
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    }
    return pb.start();
  }

  /**
   * Whether this process ignores SIGINT, as a background job of a non-interactive shell does from
   * its start: a process it starts inherits that (POSIX), so a SIGINT sent to it does nothing.
   */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10)
            != 0; // bit of signal 2
      }
    }
    return false;
  }

  /** The lines of the process's standard output (a pipe), as they come. */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  q.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
    return q;
  }

  private static void send(OutputStream in, String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** The standard error of the last process started. */
  private String stderr() throws IOException {
    return Files.readString(dir.resolve("err" + started + ".txt"));
  }

  @Test
  void derivedEventsComeOutAsTheyAreProducedWhileTheInputStaysOpen() throws Exception {
    Path rules = dir.resolve("rules.motif");
    Files.writeString(
        rules,
        """
        event A(k long, v long)
        pattern Rise partition by k match a: A -> b: A(v > a.v) within 2s
          emit Rise(k: a.k, from: a.v, to: b.v)
        """);
    Process p = start(null, "run", rules.toString());
    try {
      BlockingQueue<String> out = lines(p);
      OutputStream in = p.getOutputStream();
      long t = 1_700_000_000_000L;
      // The first one waits for the JVM to start; the others must come within a second.
      for (int i = 0; i < 4; i++) {
        send(in, "{\"type\":\"A\",\"time\":" + (t + 10_000L * i) + ",\"k\":" + i + ",\"v\":1}");
        long sent = System.nanoTime();
        send(
            in,
            "{\"type\":\"A\",\"time\":" + (t + 10_000L * i + 100) + ",\"k\":" + i + ",\"v\":2}");
        String line = out.poll(i == 0 ? 20 : 1, TimeUnit.SECONDS);
        assertNotNull(
            line, "no derived event for pair " + i + " within " + (i == 0 ? 20 : 1) + " s");
        assertTrue(line.contains("\"Rise\"") && line.contains("\"k\":" + i), line);
        if (i > 0) {
          assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(1));
        }
      }
      in.close();
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), stderr());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void theWallClockFiresAnAbsenceWhileTheInputIsIdle() throws Exception {
    Path rules = dir.resolve("rules.motif");
    Files.writeString(
        rules,
        """
        event A(k long)
        event B(k long)
        pattern NoB match a: A -> not B within 1s
          emit Missing(k: a.k)
        """);
    Process p = start(null, "run", "--clock", "wall", "--arrival-time", rules.toString());
    try {
      BlockingQueue<String> out = lines(p);
      OutputStream in = p.getOutputStream();
      send(in, "{\"type\":\"A\",\"k\":7}");
      long sent = System.nanoTime();
      String line = out.poll(20, TimeUnit.SECONDS);
      assertNotNull(line, "the absence did not fire while the input was idle");
      assertTrue(line.contains("\"Missing\"") && line.contains("\"k\":7"), line);
      assertTrue(
          System.nanoTime() - sent >= TimeUnit.MILLISECONDS.toNanos(900),
          "fired before its second was up");
      assertTrue(p.isAlive(), "standard input is still open: the run goes on");
      p.toHandle().destroy(); // SIGTERM, with standard input left open: a clean stop
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      String err = stderr();
      assertEquals(0, p.exitValue(), err);
      assertTrue(err.contains("stopped by SIGTERM"), err);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void idleAdvanceMovesEventTimeWhileTheInputIsQuietAndSigintExits130() throws Exception {
    assumeFalse(
        sigintIgnored(),
        "this JVM was started with SIGINT ignored (a background job of a non-interactive shell):"
            + " the run it starts inherits that and rightly keeps ignoring SIGINT");
    Path rules = dir.resolve("rules.motif");
    Files.writeString(
        rules,
        """
        event A(k long)
        event B(k long)
        pattern NoB match a: A -> not B within 1s
          emit Missing(k: a.k)
        """);
    Process p = start(null, "run", "--idle-advance", "1s", rules.toString());
    try {
      BlockingQueue<String> out = lines(p);
      send(p.getOutputStream(), "{\"type\":\"A\",\"time\":1700000000000,\"k\":7}");
      String line = out.poll(20, TimeUnit.SECONDS);
      assertNotNull(line, "the quiet input did not move event time");
      assertEquals("{\"type\":\"Missing\",\"time\":1700000001000,\"k\":7}", line);
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      String err = stderr();
      assertEquals(130, p.exitValue(), err);
      assertTrue(err.contains("stopped by SIGINT"), err);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermSavesTheStateAndResumeContinuesTheRun() throws Exception {
    Path rules = dir.resolve("rules.motif");
    Files.writeString(
        rules,
        """
        event A(k long, v long)
        pattern Rise partition by k match a: A -> b: A(v > a.v) within 2s
          emit Rise(k: a.k, from: a.v, to: b.v)
        pattern Quiet partition by k match a: A(v > 90) -> not A within 1s
          emit Quiet(k: a.k, v: a.v)
        """);
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      sb.append("{\"type\":\"A\",\"time\":")
          .append(1_700_000_000_000L + 10L * i)
          .append(",\"k\":")
          .append(r.nextInt(400))
          .append(",\"v\":")
          .append(r.nextInt(100))
          .append("}\n");
    }
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, sb);

    Path whole = dir.resolve("whole.jsonl");
    Files.createFile(whole);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (FileChannel channel = FileChannel.open(whole, StandardOpenOption.WRITE);
        PrintStream file =
            new PrintStream(
                new FileOutputStream(whole.toFile(), true), false, StandardCharsets.UTF_8)) {
      Io io =
          new Io(
              new ByteArrayInputStream(new byte[0]),
              file,
              new PrintStream(err, true, StandardCharsets.UTF_8),
              channel);
      assertEquals(
          0,
          Main.execute(
              io,
              "run",
              rules.toString(),
              events.toString(),
              "--state",
              dir.resolve("whole.state").toString()),
          () -> err.toString(StandardCharsets.UTF_8));
    }

    Path out = dir.resolve("out.jsonl");
    Files.createFile(out);
    String state = dir.resolve("run.state").toString();
    Process p =
        start(
            out,
            "run",
            rules.toString(),
            events.toString(),
            "--state",
            state,
            "--state-every",
            "200");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (p.isAlive() && Files.size(out) < Files.size(whole) / 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(15, TimeUnit.SECONDS));
    String firstErr = stderr();
    assertEquals(0, p.exitValue(), firstErr);
    // (On a machine fast enough to finish before the signal, there is nothing to resume.)
    if (firstErr.contains("stopped by SIGTERM")) {
      Process rest =
          start(
              out,
              "run",
              rules.toString(),
              events.toString(),
              "--state",
              state,
              "--state-every",
              "200",
              "--resume");
      assertTrue(rest.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, rest.exitValue(), stderr());
    }
    assertArrayEquals(
        Files.readAllBytes(whole),
        Files.readAllBytes(out),
        "a run stopped by SIGTERM and resumed wrote other than one uninterrupted run");
  }
}
