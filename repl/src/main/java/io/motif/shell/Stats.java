package io.motif.shell;

import io.motif.engine.EngineStats;
import io.motif.engine.PatternStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of {@code :stats}: the engine counters, sizes and throughput, a row a pattern. */
final class Stats {
  private Stats() {}

  static String render(Session session) {
    EngineStats s = session.engine().stats();
    StringBuilder sb = new StringBuilder();
    row(
        sb,
        "events in",
        num(s.eventsIn()) + (s.late() > 0 ? "  (" + num(s.late()) + " late, not processed)" : ""));
    row(sb, "derived events", num(s.derivedOut()));
    row(
        sb,
        "partial matches",
        num(s.partialMatches()) + "  in " + Session.count(s.partitions(), "partition"));
    if (s.buffered() > 0) {
      row(sb, "buffered", Session.count(s.buffered(), "event") + " waiting for the watermark");
    }
    if (s.dropped() + s.evicted() + s.cascadeDropped() > 0) {
      row(
          sb,
          "at the bounds",
          num(s.dropped())
              + " dropped, "
              + num(s.evicted())
              + " evicted, "
              + num(s.cascadeDropped())
              + " derived events not fed back (cascade depth)");
    }
    row(sb, "memory", "~" + bytes(s.estimatedBytes()) + " (estimated)");
    long nanos = session.engine().processingNanos();
    String throughput =
        s.eventsIn() == 0
            ? "-"
            : Replay.rate(s.eventsIn(), nanos)
                + " events/s while processing ("
                + duration(nanos)
                + " in the engine)";
    row(sb, "throughput", throughput);
    if (session.engine().lastReplayEvents() > 0) {
      row(
          sb,
          "last replay",
          Session.count(session.engine().lastReplayEvents(), "event")
              + " in "
              + duration(session.engine().lastReplayNanos())
              + ", "
              + Replay.rate(session.engine().lastReplayEvents(), session.engine().lastReplayNanos())
              + " events/s");
    }
    if (s.patterns().isEmpty()) {
      sb.append("no patterns deployed\n");
      return sb.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "pattern", "events", "matches", "partials", "partitions", "memory", "dropped", "evicted"
        });
    for (PatternStats p : s.patterns()) {
      rows.add(
          new String[] {
            p.pattern(),
            num(p.eventsIn()),
            num(p.matches()),
            num(p.partialMatches()),
            num(p.partitions()),
            bytes(p.estimatedBytes()),
            num(p.dropped()),
            num(p.evicted())
          });
    }
    sb.append('\n').append(table(rows));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-16s %s%n", label, value).replace("\r\n", "\n"));
  }

  /** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
  static String table(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String pad = " ".repeat(widths[i] - r[i].length());
        line.append(i == 0 ? r[i] + pad : "  " + pad + r[i]);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    }
    if (b < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GB", b / (1024.0 * 1024 * 1024));
  }

  /** Elapsed time for people: {@code 0.85 ms}, {@code 12 ms}, {@code 3.4 s}, {@code 2 min 5 s}. */
  static String duration(long nanos) {
    if (nanos < 1_000_000L) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos < 10_000_000_000L) {
      long ms = nanos / 1_000_000L;
      return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    long s = nanos / 1_000_000_000L;
    return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }
}
