package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `motif run` with --time-unit, --delimiter, --time-format and --follow. */
class InputOptionsTest {
  static final String LOGINS = MainTest.LOGINS;

  @TempDir Path tmp;

  private static void assertExit(int code, Cli.Result r) {
    assertEquals(code, r.code(), r::toString);
  }

  private static String logins(String time1, String time2, String time3, String time4) {
    return "{\"type\":\"Login\",\"time\":"
        + time1
        + ",\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
        + "{\"type\":\"Login\",\"time\":"
        + time2
        + ",\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
        + "{\"type\":\"Login\",\"time\":"
        + time3
        + ",\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
        + "{\"type\":\"Login\",\"time\":"
        + time4
        + ",\"user\":\"al\",\"ip\":\"a\",\"ok\":true}\n";
  }

  @Test
  void timeUnitSecondsAndIsoOutput() {
    String in = logins("1709283600", "1709283610", "1709283620.5", "\"1709283630\"");
    Cli.Result r = Cli.runWithInput(in, "run", "--time-unit", "s", "--time-format", "iso", LOGINS);
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":\"2024-03-01T09:00:30Z\",\"user\":\"al\","
            + "\"attempts\":3,\"ip\":\"a\"}\n",
        r.out());
    assertEquals(
        "motif run: 4 events read, 1 derived event, 0 bad lines, 0 late events\n", r.err());
    Cli.Result ms =
        Cli.runWithInput(
            logins("1709283600000", "1709283610000", "1709283620000", "1709283630250"),
            "run",
            "--time-format",
            "iso",
            LOGINS);
    assertTrue(ms.out().contains("\"time\":\"2024-03-01T09:00:30.250Z\""), ms::toString);
    Cli.Result us =
        Cli.runWithInput(
            logins("1709283600000000", "1709283610000000", "1709283620000000", "1709283630000999"),
            "run",
            "--time-unit",
            "us",
            LOGINS);
    assertTrue(us.out().contains("\"time\":1709283630000,"), us::toString);
  }

  @Test
  void secondsReadAsMillisecondsAreWarnedAboutOnceAndInTheSummary() {
    Cli.Result r =
        Cli.runWithInput(
            logins("1709283600", "1709283610", "1709283620", "1709283630"), "run", LOGINS);
    assertExit(0, r);
    assertEquals(
        "<stdin>:1: warning: \"time\" 1709283600 is in 1970 as epoch milliseconds: are"
            + " the times in seconds? (use --time-unit s)\n"
            + "motif run: 4 events read, 1 derived event, 0 bad lines, 0 late events, times that"
            + " look like seconds (see --time-unit)\n",
        r.err());
  }

  @Test
  void delimiterAndTrimmedCsv() throws IOException {
    Path csv = tmp.resolve("logins.csv");
    Files.writeString(
        csv,
        """
        type\ttime\tuser\tip\tok
        Login\t0\t al \ta\tfalse
        Login\t1000\tal\ta\tfalse
        Login\t2000\tal\ta\tfalse
        Login\t3000\tal \t a\ttrue
        """);
    Cli.Result r = Cli.run("run", "--delimiter", "tab", LOGINS, csv.toString());
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n",
        r.out());
    Cli.Result escaped = Cli.run("run", "--delimiter", "\\t", LOGINS, csv.toString());
    assertEquals(r.out(), escaped.out());
    Cli.Result semi =
        Cli.runWithInput(
            "type;time;user;ip;ok\nLogin;0;al;a;true\n",
            "run",
            "--format",
            "csv",
            "--delimiter",
            ";",
            LOGINS);
    assertExit(0, semi);
    assertTrue(semi.err().startsWith("motif run: 1 event read"), semi::toString);
    Cli.Result bad = Cli.run("run", "--delimiter", "ab", LOGINS, csv.toString());
    assertExit(2, bad);
    assertTrue(bad.err().contains("expected one character"), bad::toString);
  }

  @Test
  void csvOnStandardInputSaysUseFormatCsv() {
    Cli.Result r = Cli.runWithInput("type,time,user,ip,ok\nLogin,0,al,a,true\n", "run", LOGINS);
    assertExit(1, r);
    assertTrue(
        r.err()
            .startsWith(
                "<stdin>:1: this looks like a CSV header row, not JSON; for CSV"
                    + " input use --format csv\n"),
        r::toString);
  }

  @Test
  void whyTakesTheInputOptionsToo() {
    Cli.Result h = Cli.run("why", "--help");
    assertTrue(h.out().contains("--time-unit") && h.out().contains("--delimiter"), h::toString);
  }

  /** Waits (up to 5 s) until {@code done} holds. */
  private static void await(Supplier<Boolean> done, Supplier<String> state)
      throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!done.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out; " + state.get());
      }
      Thread.sleep(20);
    }
  }

  private static String login(long time, boolean ok) {
    return "{\"type\":\"Login\",\"time\":"
        + time
        + ",\"user\":\"al\",\"ip\":\"a\",\"ok\":"
        + ok
        + "}\n";
  }

  @Test
  void followReadsAGrowingFileThroughARotationUntilInterrupted() throws Exception {
    Path log = tmp.resolve("events.jsonl");
    Files.writeString(log, login(0, false) + login(1000, false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io =
        new Io(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int[] code = {-1};
    Thread run =
        new Thread(() -> code[0] = Main.execute(io, "run", "--follow", log.toString(), LOGINS));
    run.start();
    Supplier<String> state =
        () ->
            "out: "
                + out.toString(StandardCharsets.UTF_8)
                + " err: "
                + err.toString(StandardCharsets.UTF_8);
    try {
      // (The two pauses give the follower time to reach the end of the file first, so that the
      // growth and the half line are most likely seen as such; the results hold either way.)
      Thread.sleep(300);
      Files.writeString(log, login(2000, false) + login(3000, true), StandardOpenOption.APPEND);
      await(() -> out.toString(StandardCharsets.UTF_8).contains("\"time\":3000"), state);
      // Rotation: the file is replaced by a new one, whose last line has no line break yet.
      Path next = tmp.resolve("next.jsonl");
      Files.writeString(
          next,
          login(4000, false)
              + login(5000, false)
              + login(6000, false)
              + "{\"type\":\"Login\",\"time\":7000,");
      Files.move(next, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(300);
      Files.writeString(
          log, "\"user\":\"al\",\"ip\":\"a\",\"ok\":true}\n", StandardOpenOption.APPEND);
      await(() -> out.toString(StandardCharsets.UTF_8).contains("\"time\":7000"), state);
      // Truncation: read again from the start. It is seen as a file shorter than what was read,
      // so the new content must stay short (as with tail -F, a truncation followed at once by
      // more than was read is not seen); a line that derives nothing shows no sign of being
      // read, hence the pause before stopping, and the count of events read checked below.
      Files.writeString(log, login(8000, false), StandardOpenOption.TRUNCATE_EXISTING);
      await(
          () ->
              err.toString(StandardCharsets.UTF_8).isEmpty()
                  && out.toString(StandardCharsets.UTF_8).lines().count() == 2,
          state);
      Thread.sleep(300);
    } finally {
      run.interrupt();
      run.join(5000);
    }
    assertTrue(!run.isAlive(), state);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n"
            + "{\"type\":\"Alert\",\"time\":7000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n",
        out.toString(StandardCharsets.UTF_8));
    assertEquals(
        "motif run: 9 events read, 2 derived events, 0 bad lines, 0 late events\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals(0, code[0]);
  }

  @Test
  void followEndsAtSigtermWithTheSummary() throws Exception {
    Path log = tmp.resolve("events.jsonl");
    Files.writeString(log, login(0, false) + login(1000, false));
    Path out = tmp.resolve("out.jsonl");
    Path errFile = tmp.resolve("err.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--follow",
                log.toString(),
                LOGINS)
            .redirectOutput(out.toFile())
            .redirectError(errFile.toFile())
            .start();
    try {
      Files.writeString(log, login(2000, false) + login(3000, true), StandardOpenOption.APPEND);
      // The derived event is written through while the run waits for more.
      await(
          () -> {
            try {
              return Files.readString(out).contains("\"time\":3000");
            } catch (IOException e) {
              return false;
            }
          },
          () -> "no output yet");
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running");
      String err = Files.readString(errFile);
      assertEquals(
          "motif run: 4 events read, 1 derived event, 0 bad lines, 0 late events"
              + " (stopped by SIGTERM)\n",
          err);
      assertEquals(0, p.exitValue(), err);
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void followTakesNoOtherInputs() {
    Cli.Result r = Cli.run("run", "--follow", "a.jsonl", LOGINS, "b.jsonl");
    assertExit(2, r);
    assertTrue(r.err().contains("--follow FILE is the input"), r::toString);
  }
}
