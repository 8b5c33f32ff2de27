package io.motif.shell;

import io.motif.cli.io.Durations;
import io.motif.cli.io.Times;
import io.motif.engine.CompiledScript;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
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

/** The shell's {@code :commands}: a table of them (for help and completion) and what each does. */
final class Commands {
  /** One command: its name, its arguments as help shows them, a summary and more help. */
  record Command(String name, String args, String summary, String help) {
    String usage() {
      return args.isEmpty() ? name : name + " " + args;
    }
  }

  static final List<Command> ALL = List.of(
      new Command(":help", "[COMMAND]", "this text, or more about one command",
          "`:help replay` (or `:help :replay`) tells more about a command."),
      new Command(":load", "FILE", "load the declarations and patterns of a rules file",
          "Declarations and patterns are applied in order, as if typed; a pattern replaces one"
              + " of the same name. The file's tests are counted, not run (motif test runs"
              + " them)."),
      new Command(":replay", "EVENTS [--speed N | --max] [--quiet]",
          "send the events of a JSON Lines or CSV file",
          "Reads events as `motif run` does (CSV for *.csv, else JSON Lines) and sends them"
              + " in file order, with a progress bar, the event rate and the derived events"
              + " so far.\n--max (the default) sends them as fast as possible; --speed N paces"
              + " them by their event times, N times faster than real time (--speed 1: real"
              + " time). In wall-clock mode a replay is live: each event takes the time it is"
              + " sent at, so --speed is needed.\n--quiet counts the derived events instead"
              + " of printing them. Ctrl-C stops a replay."),
      new Command(":explain", "[--format text|dot] [PATTERN]",
          "the automaton of a pattern (or of every one)",
          "Shows the positions of the automaton (one per atom occurrence, repetitions"
              + " unrolled), the arrows between them and the accepting positions, as"
              + " `motif explain` does. --format dot writes it for Graphviz instead."),
      new Command(":partials", "[PATTERN]", "the live partial matches, by partition",
          "Each partial match shows the position of the automaton it has reached (the numbers"
              + " :explain shows) and the events it holds."),
      new Command(":why", "PATTERN", "why the last event sent did or did not match",
          "Explains, as `motif why` does, what the last event sent did to every partial match of"
              + " the pattern alive before it and why (its type, a condition or `where` part that"
              + " was false with the values read, the window, the partition, a broken `=>`, a"
              + " negation), whether it started one, and which partial matches ended and why."
              + " Events are named by their number since the engine started (#1 is the first)."
              + " It replays the session's events into a fresh engine that traces the pattern,"
              + " so the answer is exactly what happened."),
      new Command(":patterns", "", "the deployed patterns", "Shows each pattern's text."),
      new Command(":types", "", "the declared event types (and the undeclared ones seen)",
          "Declared types are checked at compile time; undeclared types are accepted and"
              + " their fields looked up at run time."),
      new Command(":drop", "NAME", "remove a pattern (or a declaration no pattern needs)",
          "A dropped pattern's partial matches go with it."),
      new Command(":stats", "", "counts, partial matches, memory, throughput",
          "The engine's counters since it started (or since :reset), the estimated memory its"
              + " partial matches hold, the time spent processing, then one row a pattern."),
      new Command(":time", "", "the clock, the watermark and the latest event time",
          "In event time, events typed without `at` take the latest time (or the watermark,"
              + " if later); in wall-clock mode, the current time."),
      new Command(":advance", "DURATION", "move event time forward, closing windows",
          "Moves the watermark DURATION (250ms, 5s, 2min, 1h) past the current time without"
              + " an event: windows that end before it close, absences complete and timeouts"
              + " fire. Event time only; in wall-clock mode time moves by itself."),
      new Command(":set", "[max-delay DURATION | clock event|wall]",
          "show or change the settings",
          "max-delay: accept events out of order by up to this much (the engine is built"
              + " again with the new delay; its partial matches are dropped).\nclock event:"
              + " time moves with the events (the default). clock wall: events typed without"
              + " `at` take the current time, and the watermark follows the clock (now minus"
              + " the maximum delay) every " + Session.TICK_MILLIS + " ms, so absences and"
              + " timeouts fire on time without a new event."),
      new Command(":reset", "[all]", "start the engine over (all: forget the rules too)",
          "`:reset` drops the partial matches, the time and the counters, and keeps the"
              + " declarations and patterns; `:reset all` forgets them too."),
      new Command(":quit", "", "leave (or Ctrl-D)", "Also :exit and :q."));

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
      case ":help", ":h", ":?" -> help(arg);
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
      default -> console.error("unknown command " + parts[0] + "; the commands are "
          + String.join(" ", names()) + " (:help tells more)");
    }
    return true;
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    ALL.forEach(c -> names.add(c.name()));
    return names;
  }

  private void help(String arg) {
    if (!arg.isEmpty()) {
      String wanted = arg.startsWith(":") ? arg : ":" + arg;
      for (Command c : ALL) {
        if (c.name().equalsIgnoreCase(wanted)) {
          console.println(c.usage());
          console.println("  " + c.summary());
          for (String para : c.help().split("\n")) {
            console.println(wrap(para, "  "));
          }
          return;
        }
      }
      console.error("no command " + wanted + "; the commands are " + String.join(" ", names()));
      return;
    }
    console.println("""
        Type a statement to deploy it, or an event to send it:
          event Login(user string, ip string, ok boolean)    declares an event type
          pattern P match a: Login -> b: Login ...           deploys (or replaces) a pattern
          Login(user: "al", ok: false) at 10s                sends an event (without `at`:\
         now)
          {"type":"Login","time":10000,"user":"al"}          sends an event as JSON
          test "name" { given ... expect ... }               runs a test against the patterns
        Derived events print as  => Type(field: value, ...) at TIME
        A statement may span lines: the shell reads on while it is incomplete (an empty line\
         ends it).
        A clause on its own line (within 5 min, emit ...) extends the pattern just deployed.
        Tab completes keywords, types, fields after `x.`, bindings, functions and commands.
        Ctrl-C drops the input being typed or stops a replay; Ctrl-D leaves.
        Commands:""");
    int width = 0;
    for (Command c : ALL) {
      width = Math.max(width, c.usage().length());
    }
    for (Command c : ALL) {
      console.println("  " + c.usage() + " ".repeat(width - c.usage().length() + 2)
          + c.summary());
    }
  }

  private static String wrap(String text, String indent) {
    StringBuilder sb = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > 96) {
        sb.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return sb.append(line).toString();
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"")
        || s.startsWith("'") && s.endsWith("'"))) {
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
            console.error("--speed needs a number: --speed 10 replays ten times faster than"
                + " real time");
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
            console.error("unknown option " + w + "; :replay EVENTS [--speed N | --max]"
                + " [--quiet]");
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
      String format = w.startsWith("--format=") ? w.substring("--format=".length())
          : w.equals("--format") || w.equals("-f") ? (i + 1 < words.length ? words[++i] : "")
          : null;
      if (format != null) {
        switch (format.toLowerCase(Locale.ROOT)) {
          case "dot" -> dot = true;
          case "text" -> dot = false;
          default -> {
            console.error(":explain --format takes text or dot"
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
    Map<String, String> patterns = session.patterns();
    if (patterns.isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    if (!arg.isEmpty() && !patterns.containsKey(arg)) {
      console.error("no pattern named " + arg + "; the patterns are "
          + String.join(", ", patterns.keySet()));
      return;
    }
    boolean first = true;
    for (String name : arg.isEmpty() ? patterns.keySet() : Set.of(arg)) {
      CompiledScript script = session.compiledIn(name);
      if (!first) {
        console.println("");
      }
      first = false;
      console.printBlock(dot ? script.explainDot(name) : script.explain(name));
    }
  }

  private void partials(String arg) {
    Map<String, String> patterns = session.patterns();
    if (!arg.isEmpty() && !patterns.containsKey(arg)) {
      console.error("no pattern named " + arg + (patterns.isEmpty() ? "; no patterns are deployed"
          : "; the patterns are " + String.join(", ", patterns.keySet())));
      return;
    }
    if (patterns.isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    for (String name : arg.isEmpty() ? patterns.keySet() : Set.of(arg)) {
      List<String> lines = session.partials(name);
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
          sb.append("    at position ").append(m.group(3)).append(": ")
              .append(times(m.group(4))).append('\n');
          shown++;
        }
      }
      if (shown < lines.size()) {
        sb.append("  ... and ").append(Session.count(lines.size() - shown, "more partial match"))
            .append('\n');
      }
      console.println(name + ": " + (lines.isEmpty() ? "no partial matches"
          : Session.count(lines.size(), "partial match") + " in "
              + Session.count(partitions, "partition")));
      console.printBlock(sb.toString());
    }
  }

  private void why(String arg) {
    Map<String, String> patterns = session.patterns();
    if (arg.isEmpty() || !patterns.containsKey(arg)) {
      console.error((arg.isEmpty() ? ":why needs a pattern: :why PATTERN"
          : "no pattern named " + arg) + (patterns.isEmpty() ? "; no patterns are deployed"
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
      m.appendReplacement(sb, Matcher.quoteReplacement(") at "
          + Times.literal(Long.parseLong(m.group(1)))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private void patterns() {
    if (session.patterns().isEmpty()) {
      console.println("no patterns deployed");
      return;
    }
    for (String text : session.patterns().values()) {
      console.println(text.strip());
    }
  }

  private void types() {
    boolean any = false;
    for (String name : session.declarations().keySet()) {
      EventType info = session.declaredType(name);
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
    if (!session.seenTypes().isEmpty()) {
      List<String> seen = new ArrayList<>();
      session.seenTypes().forEach((t, fields) -> seen.add(t + (fields.isEmpty() ? ""
          : "(" + String.join(", ", fields) + ")")));
      console.println("undeclared types seen in events: " + String.join(", ", seen));
    }
  }

  private void time() {
    long w = session.watermark();
    long latest = session.latestTime();
    if (session.wallClock()) {
      console.println("clock        wall time, now " + Times.format(session.clock.millis()));
    } else {
      console.println("clock        event time; an event typed without `at` takes "
          + Times.format(session.now()));
    }
    console.println("watermark    " + (w == Long.MIN_VALUE ? "none yet (no event sent)"
        : Times.format(w)));
    console.println("latest event " + (latest == Long.MIN_VALUE ? "none yet"
        : Times.format(latest)));
    console.println("max delay    " + Durations.format(session.maxDelay()));
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
    if (!session.advance(millis)) {
      console.error(":advance moves event time; the clock is the wall clock now, and time moves"
          + " by itself (:set clock event to step through time)");
      return;
    }
    console.println("watermark at " + Times.format(session.watermark()));
  }

  private void set(String arg) {
    String[] words = arg.isEmpty() ? new String[0] : arg.split("\\s+");
    if (words.length == 0) {
      console.println("max-delay  " + Durations.format(session.maxDelay())
          + "    accept events out of order by up to this much");
      console.println("clock      " + (session.wallClock() ? "wall " : "event")
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
          session.maxDelay(Durations.parseMillis(words[1]));
        } catch (IllegalArgumentException e) {
          console.error(":set max-delay " + words[1] + ": " + e.getMessage());
        }
      }
      case "clock" -> {
        switch (words[1].toLowerCase(Locale.ROOT)) {
          case "wall", "wall-clock", "real" -> session.wallClock(true);
          case "event", "event-time" -> session.wallClock(false);
          default -> console.error(":set clock takes event or wall, not " + words[1]);
        }
      }
      default -> console.error("no setting " + words[0] + "; the settings are max-delay and"
          + " clock");
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
      console.println("engine reset: partial matches, time and counters cleared; "
          + Session.count(session.patterns().size(), "pattern") + " deployed");
    } else {
      console.error(":reset takes nothing, or `all` to forget the declarations and patterns"
          + " too");
    }
  }
}
