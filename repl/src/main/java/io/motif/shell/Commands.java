package io.motif.shell;

import io.motif.engine.CompiledScript;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import io.motif.io.Durations;
import io.motif.io.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shell's {@code :commands} do: each command line is read here and handed to the session,
 * its workspace or its engine. The table of commands (for {@code :help} and completion) is {@link
 * CommandTable}.
 */
final class Commands {
  private static final Pattern PARTIAL =
      Pattern.compile("(\\S+) (\\[.*?\\]) at (\\d+): (.*)", Pattern.DOTALL);

  /** Partial matches beyond this many a pattern are counted, not shown. */
  static final int PARTIALS_SHOWN = 40;

  private static final Pattern EVENT_TIME = Pattern.compile("\\) at (-?\\d+)(?= -> |$)");

  private final Session session;
  private final Console console;
  private final Shell shell;

  Commands(Shell shell, Session session) {
    this.shell = shell;
    this.session = session;
    this.console = session.console;
  }

  /** Runs a command line; false when the shell should stop. */
  boolean run(String text) {
    String[] parts = text.strip().split("\\s+", 2);
    String name = parts[0].toLowerCase(Locale.ROOT);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    switch (name) {
      case ":quit", ":q", ":exit" -> {
        return false;
      }
      case ":help", ":h", ":?" -> CommandTable.help(console, arg);
      case ":load" -> load(arg);
      case ":replay" -> replay(arg);
      case ":explain" -> explain(arg);
      case ":partials" -> partials(arg);
      case ":why" -> why(arg);
      case ":patterns" -> patterns();
      case ":types" -> types();
      case ":drop" -> {
        if (arg.isEmpty()) {
          console.error(":drop needs the name of a pattern or a declaration");
        } else {
          session.drop(arg);
        }
      }
      case ":stats" -> console.printBlock(Stats.render(session));
      case ":time" -> time();
      case ":advance" -> advance(arg);
      case ":set" -> set(arg);
      case ":reset" -> reset(arg);
      default ->
          console.error(
              "unknown command "
                  + parts[0]
                  + "; the commands are "
                  + String.join(" ", CommandTable.names())
                  + " (:help tells more)");
    }
    return true;
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private void load(String arg) {
    String file = unquote(arg);
    if (file.isEmpty()) {
      console.error(":load needs a file: :load examples/logins.motif");
      return;
    }
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      console.error(file + ": no such file");
      return;
    } catch (IOException e) {
      console.error(file + ": cannot read: " + e.getMessage());
      return;
    }
    session.loadText(file, text);
  }

  private void replay(String arg) {
    double speed = 0;
    boolean max = false;
    boolean quiet = false;
    String file = null;
    String[] words = arg.isEmpty() ? new String[0] : arg.split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      switch (w) {
        case "--max" -> max = true;
        case "--quiet" -> quiet = true;
        case "--speed" -> {
          if (i + 1 >= words.length) {
            console.error(
                "--speed needs a number: --speed 10 replays ten times faster than" + " real time");
            return;
          }
          String n = words[++i];
          try {
            speed = Double.parseDouble(n.endsWith("x") ? n.substring(0, n.length() - 1) : n);
          } catch (NumberFormatException e) {
            speed = -1;
          }
          if (!(speed > 0) || Double.isInfinite(speed)) {
            console.error("--speed needs a positive number, not " + n);
            return;
          }
        }
        default -> {
          if (w.startsWith("--")) {
            console.error(
                "unknown option " + w + "; :replay EVENTS [--speed N | --max]" + " [--quiet]");
            return;
          }
          if (file != null) {
            console.error(":replay takes one file; it was given " + file + " and " + w);
            return;
          }
          file = unquote(w);
        }
      }
    }
    if (file == null) {
      console.error(":replay needs a file of events: :replay examples/logins.jsonl");
      return;
    }
    if (max && speed > 0) {
      console.error("--speed and --max contradict each other; give one");
      return;
    }
    shell.replay(Path.of(file), speed, quiet);
  }

  private void explain(String arg) {
    boolean dot = false;
    String name = "";
    String[] words = arg.isEmpty() ? new String[0] : arg.split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      String format =
          w.startsWith("--format=")
              ? w.substring("--format=".length())
              : w.equals("--format") || w.equals("-f")
                  ? (i + 1 < words.length ? words[++i] : "")
                  : null;
      if (format != null) {
        switch (format.toLowerCase(Locale.ROOT)) {
          case "dot" -> dot = true;
          case "text" -> dot = false;
          default -> {
            console.error(
                ":explain --format takes text or dot"
                    + (format.isEmpty() ? "" : ", not " + format));
            return;
          }
        }
      } else if (w.startsWith("-")) {
        console.error("unknown option " + w + "; :explain [--format text|dot] [PATTERN]");
        return;
      } else if (!name.isEmpty()) {
        console.error(":explain takes one pattern; it was given " + name + " and " + w);
        return;
      } else {
        name = w;
      }
    }
    explain(name, dot);
  }

  private void explain(String arg, boolean dot) {
    Map<String, String> patterns = session.workspace().patterns();
    if (patterns.isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    if (!arg.isEmpty() && !patterns.containsKey(arg)) {
      console.error(
          "no pattern named " + arg + "; the patterns are " + String.join(", ", patterns.keySet()));
      return;
    }
    boolean first = true;
    for (String name : arg.isEmpty() ? patterns.keySet() : Set.of(arg)) {
      CompiledScript script = session.workspace().compiledIn(name);
      if (!first) {
        console.println("");
      }
      first = false;
      console.printBlock(dot ? script.explainDot(name) : script.explain(name));
    }
  }

  private void partials(String arg) {
    Map<String, String> patterns = session.workspace().patterns();
    if (!arg.isEmpty() && !patterns.containsKey(arg)) {
      console.error(
          "no pattern named "
              + arg
              + (patterns.isEmpty()
                  ? "; no patterns are deployed"
                  : "; the patterns are " + String.join(", ", patterns.keySet())));
      return;
    }
    if (patterns.isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    for (String name : arg.isEmpty() ? patterns.keySet() : Set.of(arg)) {
      List<String> lines = session.engine().partials(name);
      StringBuilder sb = new StringBuilder();
      String partition = null;
      int partitions = 0;
      int shown = 0;
      for (String line : lines) {
        Matcher m = PARTIAL.matcher(line);
        boolean show = shown < PARTIALS_SHOWN;
        if (!m.matches()) {
          if (show) {
            sb.append("  ").append(line).append('\n');
            shown++;
          }
          continue;
        }
        if (!m.group(2).equals(partition)) {
          partition = m.group(2);
          partitions++;
          if (show) {
            sb.append("  partition ").append(partition).append('\n');
          }
        }
        if (show) {
          sb.append("    at position ")
              .append(m.group(3))
              .append(": ")
              .append(times(m.group(4)))
              .append('\n');
          shown++;
        }
      }
      if (shown < lines.size()) {
        sb.append("  ... and ")
            .append(Session.count(lines.size() - shown, "more partial match"))
            .append('\n');
      }
      console.println(
          name
              + ": "
              + (lines.isEmpty()
                  ? "no partial matches"
                  : Session.count(lines.size(), "partial match")
                      + " in "
                      + Session.count(partitions, "partition")));
      console.printBlock(sb.toString());
    }
  }

  private void why(String arg) {
    Map<String, String> patterns = session.workspace().patterns();
    if (arg.isEmpty() || !patterns.containsKey(arg)) {
      console.error(
          (arg.isEmpty() ? ":why needs a pattern: :why PATTERN" : "no pattern named " + arg)
              + (patterns.isEmpty()
                  ? "; no patterns are deployed"
                  : "; the patterns are " + String.join(", ", patterns.keySet())));
      return;
    }
    String report = session.why(arg);
    if (report.startsWith("error: ")) {
      console.error(report.substring("error: ".length()));
    } else {
      console.printBlock(report);
    }
  }

  /** The events of a partial match with their times as Motif writes them ({@code at 10s}). */
  private static String times(String events) {
    Matcher m = EVENT_TIME.matcher(events);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, Matcher.quoteReplacement(") at " + Times.literal(Long.parseLong(m.group(1)))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private void patterns() {
    if (session.workspace().patterns().isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    for (String text : session.workspace().patterns().values()) {
      console.println(text.strip());
    }
  }

  private void types() {
    boolean any = false;
    for (String name : session.workspace().declarations().keySet()) {
      EventType info = session.workspace().declaredType(name);
      if (info == null) {
        continue;
      }
      any = true;
      StringBuilder sb = new StringBuilder("event ").append(name).append('(');
      boolean first = true;
      for (Map.Entry<String, FieldType> f : info.fields().entrySet()) {
        sb.append(first ? "" : ", ").append(f.getKey()).append(' ').append(f.getValue().label());
        first = false;
      }
      console.println(sb.append(')').toString());
    }
    if (!any) {
      console.println("no event types declared (undeclared types are accepted, untyped)");
    }
    if (!session.workspace().seenTypes().isEmpty()) {
      List<String> seen = new ArrayList<>();
      session
          .workspace()
          .seenTypes()
          .forEach(
              (t, fields) ->
                  seen.add(t + (fields.isEmpty() ? "" : "(" + String.join(", ", fields) + ")")));
      console.println("undeclared types seen in events: " + String.join(", ", seen));
    }
  }

  private void time() {
    long w = session.engine().watermark();
    long latest = session.engine().latestTime();
    if (session.engine().wallClock()) {
      console.println(
          "clock        wall time, now " + Times.format(session.engine().clock.millis()));
    } else {
      console.println(
          "clock        event time; an event typed without `at` takes "
              + Times.format(session.engine().now()));
    }
    console.println(
        "watermark    " + (w == Long.MIN_VALUE ? "none yet (no event sent)" : Times.format(w)));
    console.println(
        "latest event " + (latest == Long.MIN_VALUE ? "none yet" : Times.format(latest)));
    console.println("max delay    " + Durations.format(session.engine().maxDelay()));
  }

  private void advance(String arg) {
    if (arg.isEmpty()) {
      console.error(":advance needs a duration: :advance 5min");
      return;
    }
    long millis;
    try {
      millis = Durations.parseMillis(arg);
    } catch (IllegalArgumentException e) {
      console.error(":advance " + arg + ": " + e.getMessage());
      return;
    }
    if (!session.engine().advance(millis)) {
      console.error(
          ":advance moves event time; the clock is the wall clock now, and time moves"
              + " by itself (:set clock event to step through time)");
      return;
    }
    console.println("watermark at " + Times.format(session.engine().watermark()));
  }

  private void set(String arg) {
    String[] words = arg.isEmpty() ? new String[0] : arg.split("\\s+");
    if (words.length == 0) {
      console.println(
          "max-delay  "
              + Durations.format(session.engine().maxDelay())
              + "    accept events out of order by up to this much");
      console.println(
          "clock      "
              + (session.engine().wallClock() ? "wall " : "event")
              + "  event: time moves with the events; wall: with the clock");
      return;
    }
    String key = words[0].toLowerCase(Locale.ROOT).replace("_", "-");
    if (words.length != 2) {
      console.error(":set takes a setting and a value: :set max-delay 5s, :set clock wall");
      return;
    }
    switch (key) {
      case "max-delay", "maxdelay", "delay" -> {
        try {
          session.engine().maxDelay(Durations.parseMillis(words[1]));
        } catch (IllegalArgumentException e) {
          console.error(":set max-delay " + words[1] + ": " + e.getMessage());
        }
      }
      case "clock" -> {
        switch (words[1].toLowerCase(Locale.ROOT)) {
          case "wall", "wall-clock", "real" -> session.engine().wallClock(true);
          case "event", "event-time" -> session.engine().wallClock(false);
          default -> console.error(":set clock takes event or wall, not " + words[1]);
        }
      }
      default ->
          console.error("no setting " + words[0] + "; the settings are max-delay and" + " clock");
    }
  }

  private void reset(String arg) {
    if (arg.equalsIgnoreCase("all")) {
      session.reset(true);
      console.println("session reset: no declarations, no patterns, no events");
    } else if (arg.isEmpty()) {
      if (!session.reset(false)) {
        return;
      }
      console.println(
          "engine reset: partial matches, time and counters cleared; "
              + Session.count(session.workspace().patterns().size(), "pattern")
              + " deployed");
    } else {
      console.error(
          ":reset takes nothing, or `all` to forget the declarations and patterns" + " too");
    }
  }
}
