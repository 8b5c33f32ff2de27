package io.motif.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jline.reader.History;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a transcript cannot show: the wall clock's timer, Ctrl-C during a replay, the history file,
 * and the progress line of an interactive terminal.
 */
class ShellBehaviourTest {
  /** A shell reading from a pipe on its own thread, on the system clock. */
  private static final class Live implements AutoCloseable {
    final PipedOutputStream feed = new PipedOutputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Terminal terminal;
    final Shell shell;
    final Thread thread;

    Live(Shell.Options options) throws IOException {
      terminal = Transcripts.terminal(new PipedInputStream(feed, 1 << 16), out);
      shell = new Shell(terminal, options);
      thread = new Thread(shell::run, "shell");
      thread.start();
    }

    void type(String text) throws IOException {
      feed.write(text.getBytes(StandardCharsets.UTF_8));
      feed.flush();
    }

    String output() {
      return out.toString(StandardCharsets.UTF_8);
    }

    void awaitOutput(String wanted) throws InterruptedException {
      await(() -> output().contains(wanted), "no \"" + wanted + "\" in the output");
    }

    /** Polls until {@code done} holds, failing after 10 s. */
    void await(BooleanSupplier done, String failure) throws InterruptedException {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          fail(failure + ":\n" + output());
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() throws Exception {
      type(":quit\n");
      thread.join(10_000);
      terminal.close();
    }
  }

  @Test
  @Timeout(20)
  void theWallClockCompletesAnAbsenceWithoutANewEvent() throws Exception {
    try (Live live = new Live(new Shell.Options(null, Clock.SYSTEM, true))) {
      live.type(
          ":set clock wall\n"
              + "pattern Gone match a: Ping -> not Pong within 300ms\n"
              + "Ping(n: 1)\n");
      live.awaitOutput("pattern Gone deployed");
      long sent = System.nanoTime();
      live.awaitOutput("=> Gone(a: Ping(n: 1) at ");
      long waited = (System.nanoTime() - sent) / 1_000_000L;
      assertTrue(waited >= 250, "completed after " + waited + " ms, before the window closed");
    }
  }

  @Test
  @Timeout(20)
  void ctrlCStopsAReplay(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("slow.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add("{\"type\":\"Tick\",\"time\":" + (i * 1000) + "}");
    }
    Files.write(events, lines);
    try (Live live = new Live(new Shell.Options(null, Clock.SYSTEM, true))) {
      live.type(":replay " + events + " --speed 1\n");
      // Interrupt once the first event is in (the next is 1 s away), not after a guessed delay.
      live.await(
          () -> live.shell.session().engine().stats().eventsIn() >= 1, "the replay never started");
      live.terminal.raise(Terminal.Signal.INT);
      live.awaitOutput("replay stopped (Ctrl-C) after 1 event from");
      // The shell reads on.
      live.type(":time\n");
      live.awaitOutput("latest event 0s");
    }
  }

  @Test
  void theHistoryIsKeptAcrossSessions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history");
    Shell.Options options = new Shell.Options(file, new Transcripts.FakeClock(), false);
    run(options, "event Login(user string)\npattern P\n  match a: Login\n:types\n");
    String saved = Files.readString(file);
    assertTrue(saved.contains(":types"), saved);
    assertTrue(saved.contains("event Login(user string)"), saved);

    Shell second = run(options, "");
    List<String> entries = new ArrayList<>();
    for (History.Entry e : second.reader().getHistory()) {
      entries.add(e.line());
    }
    assertEquals(
        List.of("event Login(user string)", "pattern P\n  match a: Login", ":types"), entries);
  }

  private static Shell run(Shell.Options options, String input) throws IOException {
    try (Terminal t =
        Transcripts.terminal(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream())) {
      Shell shell = new Shell(t, options);
      shell.run();
      return shell;
    }
  }

  @Test
  void anInteractiveTerminalShowsAProgressLineThatDerivedEventsPrintAbove() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t =
        new DumbTerminal(
            "motif",
            "xterm-256color",
            new ByteArrayInputStream(new byte[0]),
            out,
            StandardCharsets.UTF_8)) {
      Shell shell = new Shell(t, new Shell.Options(null, new Transcripts.FakeClock(), false));
      shell.handle(":load src/test/resources/shell/logins.motif");
      shell.handle(":replay src/test/resources/shell/logins.jsonl --speed 60");
    }
    String text = out.toString(StandardCharsets.UTF_8);
    String plain = text.replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "");
    assertTrue(plain.contains("\r["), plain);
    assertTrue(plain.contains("]  57%  3 events"), plain);
    assertTrue(plain.contains("derived event"), plain);
    assertTrue(plain.contains("events/s"), plain);
    // Derived events are coloured, and each starts on a line of its own.
    assertTrue(text.contains("\u001b[32;1m=> Alert("), text);
    for (String line : plain.split("\n")) {
      if (line.contains("=> ")) {
        assertTrue(
            line.replace("\r", "").startsWith("=> ")
                || line.substring(line.lastIndexOf('\r') + 1).startsWith("=> "),
            line);
      }
    }
    assertTrue(plain.contains("replayed 7 events"), plain);
    assertFalse(plain.endsWith("%"), "the progress line is cleared at the end");
  }
}
