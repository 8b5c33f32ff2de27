package io.motif.engine.runtime;

import io.motif.engine.CompiledScript;
import io.motif.engine.EngineErrorHandler;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Subscriber;
import io.motif.engine.Subscription;
import io.motif.engine.automaton.Automaton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The engine's core: routes each event to the patterns that name its type, in declaration order;
 * feeds derived events back breadth-first; keeps event time (the out-of-order buffer, the
 * watermark, late events) and the timers that close windows and complete absences.
 */
public final class Runtime {
  private final long maxDelay;
  private final int cascadeDepth;
  private final Consumer<Event> lateHandler;
  private final EngineErrorHandler errorHandler;

  private final List<PatternRuntime> patterns = new ArrayList<>();
  private final Map<String, List<PatternRuntime>> byType = new HashMap<>();
  private final Map<String, List<Subscriber>> subscribers = new HashMap<>();
  private final List<Subscriber> allSubscribers = new ArrayList<>();

  /** Input events waiting for the watermark, ordered by time then arrival. */
  private final PriorityQueue<Pending> buffer = new PriorityQueue<>();
  private long arrivals;
  /** Window deadlines of partitions, ordered by deadline, then pattern, then first event. */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();

  private long maxSeen = Long.MIN_VALUE;
  private long watermark = Long.MIN_VALUE;
  private long seq;
  private long eventsIn;
  private long derivedOut;
  private long late;
  private long cascadeDropped;

  /** Derived events waiting to be fed back, with their cascade depth. */
  private final ArrayDeque<Object[]> cascade = new ArrayDeque<>();
  private int currentDepth;

  public Runtime(long maxDelay, int cascadeDepth, Consumer<Event> lateHandler,
      EngineErrorHandler errorHandler) {
    this.maxDelay = maxDelay;
    this.cascadeDepth = cascadeDepth;
    this.lateHandler = lateHandler;
    this.errorHandler = errorHandler;
  }

  private record Pending(Event event, long arrival) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(event.time(), o.event.time());
      return c != 0 ? c : Long.compare(arrival, o.arrival);
    }
  }

  private record Timer(long deadline, int pattern, long order, PatternRuntime runtime,
      PatternRuntime.Partition partition) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline, o.deadline);
      if (c == 0) {
        c = Integer.compare(pattern, o.pattern);
      }
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  // ---- deployment ----

  public void deploy(CompiledScript script) {
    for (Automaton a : script.automata()) {
      undeploy(a.name());
      patterns.add(new PatternRuntime(a, patterns.size(), this));
    }
    reindex();
  }

  public boolean undeploy(String name) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).automaton.name().equals(name)) {
        patterns.remove(i).clear();
        reindex();
        return true;
      }
    }
    return false;
  }

  private void reindex() {
    byType.clear();
    for (PatternRuntime p : patterns) {
      for (String t : p.plan.streamTypes()) {
        byType.computeIfAbsent(t, k -> new ArrayList<>()).add(p);
      }
    }
  }

  public List<String> patternNames() {
    List<String> names = new ArrayList<>();
    patterns.forEach(p -> names.add(p.automaton.name()));
    return names;
  }

  public List<String> describePartials(String pattern) {
    List<String> out = new ArrayList<>();
    for (PatternRuntime p : patterns) {
      if (pattern == null || p.automaton.name().equals(pattern)) {
        out.addAll(p.describe());
      }
    }
    return out;
  }

  // ---- subscriptions ----

  public Subscription subscribe(String type, Subscriber s) {
    List<Subscriber> list = type.equals("*") ? allSubscribers
        : subscribers.computeIfAbsent(type, k -> new ArrayList<>());
    list.add(s);
    return () -> list.remove(s);
  }

  // ---- time ----

  public void send(Event e) {
    if (e.time() < watermark) {
      late++;
      try {
        lateHandler.accept(e);
      } catch (RuntimeException ex) {
        errorHandler.onError("the late-event handler failed: " + ex, ex);
      }
      return;
    }
    eventsIn++;
    if (maxDelay == 0) {
      maxSeen = Math.max(maxSeen, e.time());
      advanceTo(e.time());
      process(e);
      return;
    }
    buffer.add(new Pending(e, arrivals++));
    if (e.time() > maxSeen) {
      maxSeen = e.time();
      release(maxSeen - maxDelay);
    }
  }

  /** Moves the watermark without an event. */
  public void advanceTime(long time) {
    release(time);
  }

  /** End of input: buffered events are processed as the watermark reaches the largest time seen. */
  public void drain() {
    if (maxSeen != Long.MIN_VALUE) {
      release(maxSeen);
    }
  }

  /** The end of time: every buffered event is processed and every open window closes. */
  public void finish() {
    drain();
    fireTimers(Long.MAX_VALUE);
    for (PatternRuntime p : patterns) {
      p.clear();
    }
  }

  public long watermark() {
    return watermark;
  }

  /** Processes buffered events up to {@code w}, firing due timers before each. */
  private void release(long w) {
    while (!buffer.isEmpty() && buffer.peek().event().time() <= w) {
      Event e = buffer.poll().event();
      advanceTo(e.time());
      process(e);
    }
    advanceTo(w);
  }

  /** Raises the watermark to {@code w}, completing windows that end before it. */
  private void advanceTo(long w) {
    if (w <= watermark) {
      return;
    }
    watermark = w;
    fireTimers(w);
  }

  /** Fires every timer whose deadline is strictly before {@code w}, in order. */
  private void fireTimers(long w) {
    while (!timers.isEmpty() && timers.peek().deadline() < w) {
      Timer t = timers.poll();
      PatternRuntime.Partition part = t.partition();
      if (part.scheduled != t.deadline()) {
        continue; // superseded
      }
      part.scheduled = Long.MIN_VALUE;
      t.runtime().expire(part, t.deadline());
      drainCascade();
      schedule(t.runtime(), part);
    }
  }

  /** Makes sure a partition is woken when its earliest window closes. */
  void schedule(PatternRuntime p, PatternRuntime.Partition part) {
    if (part.runs.isEmpty()) {
      return;
    }
    long deadline = p.nextDeadline(part);
    if (deadline == Long.MAX_VALUE || part.scheduled == deadline) {
      return;
    }
    part.scheduled = deadline;
    long order = Long.MAX_VALUE;
    for (Run r : part.runs) {
      order = Math.min(order, r.firstSeq);
    }
    timers.add(new Timer(deadline, patterns.indexOf(p), order, p, part));
  }

  // ---- processing ----

  private void process(Event e) {
    route(e);
    drainCascade();
  }

  private void route(Event e) {
    long s = ++seq;
    List<PatternRuntime> targets = byType.get(e.type());
    if (targets == null) {
      return;
    }
    for (int i = 0; i < targets.size(); i++) {
      targets.get(i).onEvent(e, s);
    }
  }

  /** Called by patterns for every match: deliver now, feed back after the current event. */
  void derive(Event d) {
    derivedOut++;
    deliver(d);
    if (currentDepth < cascadeDepth) {
      cascade.add(new Object[] {d, currentDepth + 1});
    } else {
      cascadeDropped++;
    }
  }

  private void drainCascade() {
    while (!cascade.isEmpty()) {
      Object[] next = cascade.poll();
      int saved = currentDepth;
      currentDepth = (Integer) next[1];
      route((Event) next[0]);
      currentDepth = saved;
    }
  }

  private void deliver(Event d) {
    List<Subscriber> typed = subscribers.get(d.type());
    if (typed != null) {
      for (Subscriber s : List.copyOf(typed)) {
        call(s, d);
      }
    }
    for (Subscriber s : List.copyOf(allSubscribers)) {
      call(s, d);
    }
  }

  private void call(Subscriber s, Event d) {
    try {
      s.onEvent(d);
    } catch (RuntimeException ex) {
      errorHandler.onError("a subscriber to " + d.type() + " failed: " + ex, ex);
    }
  }

  public EngineStats stats() {
    long partials = 0;
    long parts = 0;
    for (PatternRuntime p : patterns) {
      partials += p.partialMatches();
      parts += p.partitionCount();
    }
    return new EngineStats(eventsIn, derivedOut, late, partials, parts, cascadeDropped);
  }
}
