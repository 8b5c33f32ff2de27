package io.motif.shell;

import io.motif.cli.why.WhyReport;
import io.motif.cli.why.WhyTrace;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.PatternInfo;
import io.motif.io.Durations;
import io.motif.io.Times;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the session did to its engine since the engine was made (events sent, patterns
 * deployed and dropped, time advanced, the maximum delay changed), so that {@code :why} can play it
 * again into a fresh engine that traces one pattern, and explain the last event sent exactly as the
 * session's engine processed it. (Tracing the live engine from then on could only explain the next
 * event; turning it on for every event would cost every event.) Bounded: past {@value #LIMIT}
 * entries the log is dropped, and {@code :why} says so until {@code :reset}.
 *
 * <p>Written under the session's engine lock (the wall clock's timer writes too); read from a copy
 * taken under it.
 */
final class EngineLog {
  /** Entries kept at most. */
  static final int LIMIT = 200_000;

  private record Deploy(CompiledScript script) {}

  private record Undeploy(String pattern) {}

  private record Advance(long time) {}

  private record MaxDelay(long millis) {}

  private final List<Object> entries = new ArrayList<>();
  private long initialDelay;
  private boolean overflowed;

  /** A new engine with this maximum delay: the log starts over. */
  void restart(long maxDelay) {
    entries.clear();
    initialDelay = maxDelay;
    overflowed = false;
  }

  void sent(Event e) {
    add(e);
  }

  void deployed(CompiledScript script) {
    add(new Deploy(script));
  }

  void undeployed(String pattern) {
    add(new Undeploy(pattern));
  }

  /** Time moved to {@code time}; moves in a row (the wall clock's ticks) are kept as one. */
  void advanced(long time) {
    if (!entries.isEmpty() && entries.get(entries.size() - 1) instanceof Advance) {
      entries.set(entries.size() - 1, new Advance(time));
      return;
    }
    add(new Advance(time));
  }

  void maxDelay(long millis) {
    add(new MaxDelay(millis));
  }

  private void add(Object entry) {
    if (overflowed) {
      return;
    }
    if (entries.size() >= LIMIT) {
      entries.clear();
      overflowed = true;
      return;
    }
    entries.add(entry);
  }

  /** A copy to replay (take it under the engine lock). */
  EngineLog copy() {
    EngineLog c = new EngineLog();
    c.entries.addAll(entries);
    c.initialDelay = initialDelay;
    c.overflowed = overflowed;
    return c;
  }

  /**
   * The explanation of the last event sent for {@code pattern}, as {@code motif why} prints it; or
   * why there is none, prefixed with {@code "error: "}.
   */
  String why(String pattern, PatternInfo info) {
    if (overflowed) {
      return "error: :why replays the events sent since the engine started, and more than "
          + String.format(Locale.ROOT, "%,d", LIMIT)
          + " were sent (or other changes"
          + " made); :reset starts the engine over, and :why works again for what follows";
    }
    int last = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof Event) {
        last = i;
      }
    }
    if (last < 0) {
      return "error: no event has been sent since the engine started; send one, then ask :why "
          + pattern;
    }
    Map<Event, Integer> numbers = new IdentityHashMap<>();
    WhyTrace trace = new WhyTrace(numbers::containsKey);
    List<Event> late = new ArrayList<>();
    Engine engine =
        Engine.builder()
            .maxDelay(initialDelay)
            .lateHandler(late::add)
            .errorHandler((message, cause) -> {})
            .build();
    boolean deployedThen = false;
    long maxDelay = initialDelay;
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      try {
        if (entry instanceof Deploy d) {
          engine.deploy(d.script());
          if (d.script().pattern(pattern) != null) {
            engine.trace(pattern, trace); // (again: a pattern deployed again is a new one)
          }
        } else if (entry instanceof Undeploy u) {
          engine.undeploy(u.pattern());
        } else if (entry instanceof Advance a) {
          engine.advanceTime(a.time());
        } else if (entry instanceof MaxDelay m) {
          maxDelay = m.millis();
          engine.maxDelay(m.millis());
        } else if (entry instanceof Event e) {
          numbers.put(e, numbers.size() + 1);
          if (i == last) {
            deployedThen = engine.patterns().contains(pattern);
            trace.arm(e);
          }
          engine.send(e);
        }
      } catch (RuntimeException e) {
        // it failed in the session's engine too, and changed nothing there
      }
    }
    WhyReport report =
        new WhyReport(
            pattern,
            info.partitioned(),
            trace,
            new WhyReport.Names(
                e -> {
                  Integer n = numbers.get(e);
                  return n == null ? null : "#" + n;
                },
                span -> null));
    Event target = trace.target();
    String notProcessed;
    if (!deployedThen) {
      notProcessed = "pattern " + pattern + " was not deployed when the event was sent";
    } else if (!info.reads().contains(target.type())) {
      notProcessed =
          "pattern "
              + pattern
              + " does not read events of type "
              + target.type()
              + " (it reads "
              + String.join(", ", new TreeSet<>(info.reads()))
              + ")";
    } else if (late.stream().anyMatch(e -> e == target || e.equals(target))) {
      notProcessed = "the event was late (older than the watermark), so it was not processed";
    } else {
      notProcessed =
          "it has not been processed yet: it waits in the reorder buffer until the"
              + " watermark reaches its time ("
              + Times.format(target.time())
              + "; the maximum delay"
              + " is "
              + Durations.format(maxDelay)
              + ")";
    }
    return report.text(notProcessed);
  }
}
