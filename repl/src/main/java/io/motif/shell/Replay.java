package io.motif.shell;

import io.motif.engine.Event;
import io.motif.io.CsvEventReader;
import io.motif.io.Durations;
import io.motif.io.EventSink;
import io.motif.io.JsonLinesReader;
import io.motif.io.Times;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * {@code :replay FILE}: sends the events of a JSON Lines or CSV file (read by the command line's
 * readers), as fast as possible or paced by their event times, with a progress line (the share of
 * the file read, the event rate, the derived events so far) on an interactive terminal. Ctrl-C
 * stops it between two events.
 *
 * <p>In wall-clock mode a replay is live: each event takes the time it is sent at, and the gaps
 * between events in the file (divided by the speed) are waited out.
 */
final class Replay implements EventSink {
  /** Bad lines and late events beyond this many are counted, not printed. */
  static final int REPORT_LIMIT = 10;

  private static final long REDRAW_NANOS = 100_000_000L;

  private final Session session;
  private final Path file;

  /** Event-time milliseconds per real millisecond; 0 for as fast as possible. */
  private final double speed;

  private final boolean wall;
  private final Counting counting;
  private final long size;

  /** The file's lines, counted first when it is not too large; else the share is by bytes. */
  private final long lines;

  private long line;

  private volatile boolean cancelled;
  private long events;
  private long badLines;
  private long late;
  private long firstTime = Long.MIN_VALUE;
  private long lastTime = Long.MIN_VALUE;
  private long startNanos;
  private long lastDraw;
  private long derivedAtStart;

  private Replay(Session session, Path file, double speed, InputStream in, long size, long lines) {
    this.session = session;
    this.file = file;
    this.speed = speed;
    this.wall = session.engine().wallClock();
    this.counting = new Counting(in);
    this.size = size;
    this.lines = lines;
  }

  /** Counts the line breaks of a file (one pass of its bytes); -1 for a file over 256 MB. */
  private static long countLines(Path file, long size) throws IOException {
    if (size > (256L << 20)) {
      return -1;
    }
    long n = 0;
    byte last = '\n';
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r = in.read(buf); r > 0; r = in.read(buf)) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
        last = buf[r - 1];
      }
    }
    return last == '\n' ? n : n + 1;
  }

  /**
   * Replays a file; prints problems and a summary. {@code speed} 0 replays as fast as possible. The
   * replay is published through {@code running} so that Ctrl-C can stop it.
   */
  static void run(
      Session session, Path file, double speed, boolean quiet, Consumer<Replay> running) {
    if (!Files.isRegularFile(file)) {
      session.console.error(file + ": no such file");
      return;
    }
    if (session.engine().wallClock() && speed == 0) {
      session.console.error(
          "in wall-clock mode a replay is live, paced by the gaps between the"
              + " events: use --speed N (1 is real time), or :set clock event to replay at full"
              + " speed in event time");
      return;
    }
    Replay r;
    try {
      long size = Files.size(file);
      long lines = session.console.interactive() ? countLines(file, size) : -1;
      r = new Replay(session, file, speed, Files.newInputStream(file), size, lines);
    } catch (IOException e) {
      session.console.error(file + ": cannot read: " + e.getMessage());
      return;
    }
    running.accept(r);
    session.engine().replay(r);
    session.engine().quiet = quiet;
    try {
      r.replay();
    } finally {
      session.engine().quiet = false;
      session.engine().replay(null);
      running.accept(null);
      session.console.clearStatus();
    }
    r.summary();
  }

  /** Stops the replay before its next event. */
  void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Counts a late event; true when it should still be printed. */
  boolean reportLate() {
    return ++late <= REPORT_LIMIT;
  }

  private void replay() {
    startNanos = session.engine().clock.nanos();
    lastDraw = startNanos;
    derivedAtStart = session.engine().derivedCount;
    try (InputStream in = counting) {
      if (file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        new CsvEventReader(session.workspace().schema(), "type", "time").read(in, this);
      } else {
        new JsonLinesReader(session.workspace().schema(), "type", "time").read(in, this);
      }
    } catch (IOException e) {
      session.console.error(file + ": cannot read: " + e.getMessage());
    }
    session.engine().replayDone(events, session.engine().clock.nanos() - startNanos);
  }

  @Override
  public boolean event(Event event, long line) {
    if (cancelled) {
      return false;
    }
    this.line = line;
    if (firstTime == Long.MIN_VALUE) {
      firstTime = event.time();
    }
    if (speed > 0 && !pace(event.time())) {
      return false;
    }
    lastTime = event.time();
    Event e =
        wall ? Event.of(event.type(), session.engine().clock.millis(), event.fields()) : event;
    long derivedBefore = session.engine().derivedCount;
    session.send(e);
    events++;
    boolean derived = session.engine().derivedCount != derivedBefore && !session.engine().quiet;
    if (speed > 0 || derived || (events & 63) == 0) {
      long now = session.engine().clock.nanos();
      // After derived events print above it, the progress line is drawn again at once.
      if (derived || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }
    return !cancelled;
  }

  /** Waits until the event is due; false when cancelled meanwhile. */
  private boolean pace(long time) {
    long due = startNanos + (long) ((time - firstTime) / speed * 1_000_000L);
    while (!cancelled) {
      long wait = due - session.engine().clock.nanos();
      if (wait <= 0) {
        return true;
      }
      long now = session.engine().clock.nanos();
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
      try {
        session.engine().clock.sleep(Math.min(wait, 50_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancelled = true;
      }
    }
    return false;
  }

  @Override
  public boolean bad(long line, String message) {
    this.line = line;
    if (++badLines <= REPORT_LIMIT) {
      session.console.error(file + ":" + line + ": " + message);
    }
    return !cancelled;
  }

  /** The progress line: a bar for the share of the file read, then the counts. */
  private void draw(long now) {
    if (!session.console.interactive()) {
      return;
    }
    double done =
        lines > 0
            ? Math.min(1.0, (double) line / lines)
            : size == 0 ? 1 : Math.min(1.0, (double) counting.count / size);
    String counts =
        String.format(
                Locale.ROOT,
                " %3d%%  %s  %s events/s  %s",
                (int) Math.floor(done * 100),
                Session.count(events, "event"),
                rate(events, now - startNanos),
                Session.count(session.engine().derivedCount - derivedAtStart, "derived event"))
            + (lastTime == Long.MIN_VALUE ? "" : "  at " + Times.format(lastTime));
    int width = session.console.width();
    int bar = Math.max(10, Math.min(40, width - counts.length() - 4));
    int filled = (int) Math.round(done * bar);
    AttributedStringBuilder sb = new AttributedStringBuilder();
    sb.append("[");
    sb.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
    sb.append("=".repeat(filled));
    sb.style(AttributedStyle.DEFAULT);
    sb.append(filled < bar ? ">" + " ".repeat(bar - filled - 1) : "");
    sb.append("]").append(counts);
    AttributedString line = sb.toAttributedString();
    if (line.columnLength() >= width) {
      line = line.columnSubSequence(0, width - 1);
    }
    session.console.status(line);
  }

  private void summary() {
    long nanos = session.engine().lastReplayNanos();
    StringBuilder sb = new StringBuilder();
    sb.append(cancelled ? "replay stopped (Ctrl-C) after " : "replayed ")
        .append(Session.count(events, "event"))
        .append(" from ")
        .append(file)
        .append(" in ")
        .append(Stats.duration(nanos))
        .append(" (")
        .append(rate(events, nanos))
        .append(" events/s): ")
        .append(Session.count(session.engine().derivedCount - derivedAtStart, "derived event"));
    if (badLines > 0) {
      sb.append(", ").append(Session.count(badLines, "bad line"));
    }
    if (late > 0) {
      sb.append(", ").append(Session.count(late, "late event"));
    }
    if (badLines > REPORT_LIMIT || late > REPORT_LIMIT) {
      sb.append(" (only the first ").append(REPORT_LIMIT).append(" of each shown)");
    }
    if (late > 0) {
      sb.append(
          "\n  late events are older than the watermark: :reset starts time over, and"
              + " :set max-delay accepts events out of order");
    }
    long held = session.engine().buffered();
    if (held > 0) {
      sb.append("\n  ")
          .append(Session.count(held, "event"))
          .append(held == 1 ? " is" : " are")
          .append(" still held back by the max delay (")
          .append(Durations.format(session.engine().maxDelay()))
          .append("), not yet processed: ")
          .append(
              session.engine().wallClock()
                  ? "the wall clock releases them as time passes, or"
                  : ":advance 0s processes "
                      + (held == 1 ? "it" : "them")
                      + " (or :advance DURATION, to close windows too), or")
          .append(" :set max-delay 0");
    }
    session.console.println(sb.toString());
  }

  static String rate(long events, long nanos) {
    if (nanos <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,d", Math.round(events * 1e9 / nanos));
  }

  /** Counts the bytes read, for the share of the file done. */
  private static final class Counting extends FilterInputStream {
    volatile long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
