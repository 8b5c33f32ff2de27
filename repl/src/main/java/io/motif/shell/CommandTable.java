package io.motif.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell's {@code :commands} as a table: each one's name, arguments, summary and help, which
 * {@code :help} prints and completion offers. What each does is in {@link Commands}.
 */
final class CommandTable {
  private CommandTable() {}

  /** One command: its name, its arguments as help shows them, a summary and more help. */
  record Command(String name, String args, String summary, String help) {
    String usage() {
      return args.isEmpty() ? name : name + " " + args;
    }
  }

  static final List<Command> ALL =
      List.of(
          new Command(
              ":help",
              "[COMMAND]",
              "this text, or more about one command",
              "`:help replay` (or `:help :replay`) tells more about a command."),
          new Command(
              ":load",
              "FILE",
              "load the declarations and patterns of a rules file",
              "Declarations and patterns are applied in order, as if typed; a pattern replaces one"
                  + " of the same name. The file's tests are counted, not run (motif test runs"
                  + " them)."),
          new Command(
              ":replay",
              "EVENTS [--speed N | --max] [--quiet]",
              "send the events of a JSON Lines or CSV file",
              "Reads events as `motif run` does (CSV for *.csv, else JSON Lines) and sends them"
                  + " in file order, with a progress bar, the event rate and the derived events"
                  + " so far.\n--max (the default) sends them as fast as possible; --speed N paces"
                  + " them by their event times, N times faster than real time (--speed 1: real"
                  + " time). In wall-clock mode a replay is live: each event takes the time it is"
                  + " sent at, so --speed is needed.\n--quiet counts the derived events instead"
                  + " of printing them. Ctrl-C stops a replay."),
          new Command(
              ":explain",
              "[--format text|dot] [PATTERN]",
              "the automaton of a pattern (or of every one)",
              "Shows the positions of the automaton (one per atom occurrence, repetitions"
                  + " unrolled), the arrows between them and the accepting positions, as"
                  + " `motif explain` does. --format dot writes it for Graphviz instead."),
          new Command(
              ":partials",
              "[PATTERN]",
              "the live partial matches, by partition",
              "Each partial match shows the position of the automaton it has reached (the numbers"
                  + " :explain shows) and the events it holds."),
          new Command(
              ":why",
              "PATTERN",
              "why the last event sent did or did not match",
              "Explains, as `motif why` does, what the last event sent did to every partial match of"
                  + " the pattern alive before it and why (its type, a condition or `where` part that"
                  + " was false with the values read, the window, the partition, a broken `=>`, a"
                  + " negation), whether it started one, and which partial matches ended and why."
                  + " Events are named by their number since the engine started (#1 is the first)."
                  + " It replays the session's events into a fresh engine that traces the pattern,"
                  + " so the answer is exactly what happened."),
          new Command(":patterns", "", "the deployed patterns", "Shows each pattern's text."),
          new Command(
              ":types",
              "",
              "the declared event types (and the undeclared ones seen)",
              "Declared types are checked at compile time; undeclared types are accepted and"
                  + " their fields looked up at run time."),
          new Command(
              ":drop",
              "NAME",
              "remove a pattern (or a declaration no pattern needs)",
              "A dropped pattern's partial matches go with it."),
          new Command(
              ":stats",
              "",
              "counts, partial matches, memory, throughput",
              "The engine's counters since it started (or since :reset), the estimated memory its"
                  + " partial matches hold, the time spent processing, then one row a pattern."),
          new Command(
              ":time",
              "",
              "the clock, the watermark and the latest event time",
              "In event time, events typed without `at` take the latest time (or the watermark,"
                  + " if later); in wall-clock mode, the current time."),
          new Command(
              ":advance",
              "DURATION",
              "move event time forward, closing windows",
              "Moves the watermark DURATION (250ms, 5s, 2min, 1h) past the current time without"
                  + " an event: windows that end before it close, absences complete and timeouts"
                  + " fire. Event time only; in wall-clock mode time moves by itself."),
          new Command(
              ":set",
              "[max-delay DURATION | clock event|wall]",
              "show or change the settings",
              "max-delay: accept events out of order by up to this much (the engine is built"
                  + " again with the new delay; its partial matches are dropped).\nclock event:"
                  + " time moves with the events (the default). clock wall: events typed without"
                  + " `at` take the current time, and the watermark follows the clock (now minus"
                  + " the maximum delay) every "
                  + EngineHost.TICK_MILLIS
                  + " ms, so absences and"
                  + " timeouts fire on time without a new event."),
          new Command(
              ":reset",
              "[all]",
              "start the engine over (all: forget the rules too)",
              "`:reset` drops the partial matches, the time and the counters, and keeps the"
                  + " declarations and patterns; `:reset all` forgets them too."),
          new Command(":quit", "", "leave (or Ctrl-D)", "Also :exit and :q."));

  /** The commands' names, in the table's order. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    ALL.forEach(c -> names.add(c.name()));
    return names;
  }

  /** {@code :help}, or {@code :help COMMAND}: prints the table, or more about one command. */
  static void help(Console console, String arg) {
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
    console.println(
        """
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
      console.println("  " + c.usage() + " ".repeat(width - c.usage().length() + 2) + c.summary());
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
}
