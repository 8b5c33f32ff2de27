package io.motif.engine.runtime;

import io.motif.engine.CompiledScript;
import io.motif.engine.EngineErrorHandler;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.PatternStats;
import io.motif.engine.Subscriber;
import io.motif.engine.Subscription;
import io.motif.engine.automaton.Automaton;
import io.motif.source.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The engine's core: routes each event to the patterns that name its type, in declaration order;
 * feeds derived events back breadth-first; keeps event time (the out-of-order buffer, the
 * watermark, late events) and the timers that close windows and complete absences; enforces the
 * bounds; drops duplicate ids.
 */
public final class Runtime implements PatternHost {
  long maxDelay;
  final Limits limits;
  private final Consumer<Event> lateHandler;
  private final EngineErrorHandler errorHandler;
  /** The field holding an event's id for duplicate detection, or null. */
  final String idField;
  final long idHorizon;

  final List<PatternRuntime> patterns = new ArrayList<>();
  /** The source each deployed pattern was compiled from, for snapshots. */
  final Map<PatternRuntime, Source> sources = new HashMap<>();
  /** Each deployed pattern's fingerprint ({@link CompiledScript#fingerprint}), for snapshots. */
  final Map<PatternRuntime, String> fingerprints = new HashMap<>();
  /** Per event type, the patterns that read it and the type's number in each. */
  private final Map<String, Route> byType = new HashMap<>();

  private record Route(PatternRuntime[] targets, int[] localTypes) {}
  /** Subscribers by type, copied on change so that delivery iterates without copying. */
  private final Map<String, Subscriber[]> subscribers = new HashMap<>();
  private Subscriber[] allSubscribers = new Subscriber[0];
  /** Subscribers to every event of internal patterns (which "*" does not receive). */
  private Subscriber[] internalSubscribers = new Subscriber[0];

  /** Input events waiting for the watermark, ordered by time then arrival. */
  final PriorityQueue<Pending> buffer = new PriorityQueue<>();
  long arrivals;
  /**
   * The earliest deadline at the head of any pattern's {@link DeadlineQueue}, or Long.MAX_VALUE:
   * one comparison per event tells whether a window closes before it.
   */
  private long nextDeadline = Long.MAX_VALUE;
  /** Ids seen within the horizon, oldest first, with the time each was seen at. */
  final LinkedHashMap<Object, Long> seenIds = new LinkedHashMap<>();

  long maxSeen = Long.MIN_VALUE;
  /**
   * How far time has been processed. It is the watermark of LANGUAGE.md §4.4 (the largest time
   * seen less the delay, or where {@link #advanceTime} moved it) except when a full reorder buffer
   * forced events through early: then it runs ahead, and {@link #lateBefore} keeps the watermark.
   */
  long watermark = Long.MIN_VALUE;
  /**
   * The watermark proper: an event older than it is late; one older than {@link #watermark} only
   * is a casualty of the full buffer.
   */
  long lateBefore = Long.MIN_VALUE;
  /** On-time events that came after the full buffer forced later events through: dropped. */
  long overtaken;
  long seq;
  long eventsIn;
  long derivedOut;
  long late;
  long cascadeDropped;
  long duplicates;
  long forced;
  long liveRuns;

  /** Derived events waiting to be fed back, and (in step) their cascade depths. */
  private final ArrayDeque<Event> cascade = new ArrayDeque<>();
  private final com.carrotsearch.hppc.IntArrayDeque cascadeDepths =
      new com.carrotsearch.hppc.IntArrayDeque();
  private int currentDepth;

  public Runtime(long maxDelay, Limits limits, Consumer<Event> lateHandler,
      EngineErrorHandler errorHandler, String idField, long idHorizon) {
    this.maxDelay = maxDelay;
    this.limits = limits;
    this.lateHandler = lateHandler;
    this.errorHandler = errorHandler;
    this.idField = idField;
    this.idHorizon = idHorizon;
  }

  record Pending(Event event, long arrival) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(event.time(), o.event.time());
      return c != 0 ? c : Long.compare(arrival, o.arrival);
    }
  }

  // ---- deployment ----

  public void deploy(CompiledScript script) {
    declare(script.eventTypes());
    for (Automaton a : script.automata()) {
      deploy(a, script.source(), script.fingerprint(a.name()));
    }
  }

  /** Declared event types: input events of these types are brought to their field types. */
  private final Map<String, io.motif.engine.plan.EventTypeInfo> declared = new HashMap<>();

  void declare(Map<String, io.motif.engine.plan.EventTypeInfo> types) {
    declared.putAll(types);
  }

  /**
   * An input event of a declared type with its fields in their declared types: a long given for
   * a double field becomes a double, a whole double for a long field a long, an ISO-8601 string
   * for a time field epoch milliseconds. Other values are left as they are.
   */
  private Event conform(Event e) {
    if (declared.isEmpty()) {
      return e;
    }
    io.motif.engine.plan.EventTypeInfo info = declared.get(e.type());
    if (info == null) {
      return e;
    }
    Map<String, Object> fields = null;
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      io.motif.engine.plan.FieldType t = info.fields().get(f.getKey());
      Object v = f.getValue();
      Object c = v;
      if (t == io.motif.engine.plan.FieldType.DOUBLE && v instanceof Long l) {
        c = l.doubleValue();
      } else if ((t == io.motif.engine.plan.FieldType.LONG
          || t == io.motif.engine.plan.FieldType.TIME) && v instanceof Double d
          && d == Math.rint(d) && !Double.isInfinite(d)) {
        c = d.longValue();
      } else if (t == io.motif.engine.plan.FieldType.TIME && v instanceof String s) {
        Long parsed = io.motif.engine.plan.Times.parseIso(s);
        c = parsed == null ? v : parsed;
      }
      if (c != v) {
        if (fields == null) {
          fields = new LinkedHashMap<>(e.fields());
        }
        fields.put(f.getKey(), c);
      }
    }
    return fields == null ? e : Event.of(e.type(), e.time(), fields);
  }

  /** Deploys one pattern; one of the same name is replaced. */
  PatternRuntime deploy(Automaton a, Source source, String fingerprint) {
    undeploy(a.name());
    PatternRuntime p = new PatternRuntime(a, this);
    patterns.add(p);
    sources.put(p, source);
    fingerprints.put(p, fingerprint);
    reindex();
    return p;
  }

  public boolean undeploy(String name) {
    for (int i = 0; i < patterns.size(); i++) {
      PatternRuntime p = patterns.get(i);
      if (p.automaton.name().equals(name)) {
        patterns.remove(i);
        sources.remove(p);
        fingerprints.remove(p);
        liveRuns -= p.partialMatches();
        p.clear();
        reindex();
        recomputeNextDeadline();
        return true;
      }
    }
    return false;
  }

  private void reindex() {
    Map<String, List<PatternRuntime>> lists = new HashMap<>();
    for (PatternRuntime p : patterns) {
      for (String t : p.automaton.streamTypes()) {
        List<PatternRuntime> list = lists.computeIfAbsent(t, k -> new ArrayList<>());
        if (!list.contains(p)) {
          list.add(p);
        }
      }
    }
    byType.clear();
    lists.forEach((t, list) -> {
      PatternRuntime[] targets = list.toArray(new PatternRuntime[0]);
      int[] local = new int[targets.length];
      for (int i = 0; i < targets.length; i++) {
        local[i] = targets[i].localType(t);
      }
      byType.put(t.intern(), new Route(targets, local)); // input types are mostly interned
    });
  }

  public List<String> rulesText() {
    List<String> texts = new ArrayList<>();
    java.util.Set<Source> seen = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    for (PatternRuntime p : patterns) {
      Source s = sources.get(p);
      if (seen.add(s)) {
        texts.add(s.text());
      }
    }
    return texts;
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

  /**
   * Traces one pattern (see {@link io.motif.engine.Trace}) until the subscription is cancelled or
   * the pattern is undeployed or replaced.
   *
   * @throws IllegalArgumentException when no pattern has that name
   */
  public Subscription trace(String pattern, io.motif.engine.Trace.Listener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    for (PatternRuntime p : patterns) {
      if (p.automaton.name().equals(pattern)) {
        StepExplainer tracer = new StepExplainer(p, this, listener, errorHandler);
        p.tracer = tracer;
        return () -> {
          if (p.tracer == tracer) {
            p.tracer = null;
          }
        };
      }
    }
    throw new IllegalArgumentException("no pattern named " + pattern + (patterns.isEmpty()
        ? "; no patterns are deployed" : "; the patterns are " + String.join(", ",
            patternNames())));
  }

  // ---- subscriptions ----

  /** The subscription to every derived event of internal patterns. */
  public static final String INTERNAL = "*internal";

  public Subscription subscribe(String type, Subscriber s) {
    java.util.Objects.requireNonNull(s, "subscriber");
    // A wrapper per subscription: the same subscriber subscribed twice is removed once per call.
    Subscriber entry = new Subscriber() {
      @Override
      public void onEvent(Event e) {
        s.onEvent(e);
      }
    };
    if (type.equals("*")) {
      allSubscribers = with(allSubscribers, entry);
      return () -> allSubscribers = without(allSubscribers, entry);
    }
    if (type.equals(INTERNAL)) {
      internalSubscribers = with(internalSubscribers, entry);
      return () -> internalSubscribers = without(internalSubscribers, entry);
    }
    subscribers.merge(type, new Subscriber[] {entry}, (a, b) -> with(a, entry));
    return () -> subscribers.computeIfPresent(type, (k, a) -> {
      Subscriber[] left = without(a, entry);
      return left.length == 0 ? null : left;
    });
  }

  private static Subscriber[] with(Subscriber[] a, Subscriber s) {
    Subscriber[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }

  private static Subscriber[] without(Subscriber[] a, Subscriber s) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == s) {
        Subscriber[] b = new Subscriber[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
      }
    }
    return a;
  }

  // ---- time ----

  /** True while an event or a move of time is being processed. */
  private boolean busy;
  /** Events a subscriber sent while the engine was busy, processed once it is done. */
  private final ArrayDeque<Event> sentByCallbacks = new ArrayDeque<>();

  /** Their generations: how many subscriber sends led to each (see {@link #send}). */
  private final com.carrotsearch.hppc.IntArrayDeque sentGenerations =
      new com.carrotsearch.hppc.IntArrayDeque();
  /** The generation of the input event being processed: 0 for one sent from outside. */
  private int generation;
  /**
   * The thread inside the engine, or null: a second thread calling in at the same time is refused
   * (an engine is single-threaded). Written with release and read with acquire semantics, which
   * cost nothing more than plain accesses on x86.
   */
  @SuppressWarnings("unused")
  private Thread owner;
  private static final java.lang.invoke.VarHandle OWNER;

  static {
    try {
      OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(Runtime.class, "owner",
          Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private void enter() {
    Thread me = Thread.currentThread();
    Thread other = (Thread) OWNER.getAcquire(this);
    if (other != null && other != me) {
      throw new java.util.ConcurrentModificationException("the engine is in use by thread "
          + other.getName() + "; an engine is single-threaded: call it from one thread at a time"
          + " (or guard it with a lock)");
    }
    OWNER.setRelease(this, me);
  }

  private void leave() {
    OWNER.setRelease(this, (Thread) null);
  }

  /**
   * Sends an event. Called from a subscriber or handler (the engine is then in the middle of
   * another event), the event waits until that one is processed in full. A subscriber that sends
   * an event for every event it receives would never let the engine rest: a chain of such sends
   * longer than the cascade depth is cut, counted and reported.
   *
   * @throws IllegalArgumentException when the event's time is outside ±{@link Event#MAX_TIME}
   * @throws java.util.ConcurrentModificationException when another thread is inside the engine
   */
  public void send(Event input) {
    if (input.time() > Event.MAX_TIME || input.time() < -Event.MAX_TIME) {
      throw new IllegalArgumentException("event time " + input.time() + " is outside the range"
          + " the engine keeps (±2^53 ms from 1970, about 285,000 years): is it in"
          + " microseconds or nanoseconds?");
    }
    if (busy && OWNER.getAcquire(this) == Thread.currentThread()) {
      if (generation >= limits.cascadeDepth()) {
        cascadeDropped++;
        errorHandler.onError("a subscriber sent " + input.type() + " back while processing an"
            + " event that a chain of " + generation + " such sends led to (the cascade depth);"
            + " it was dropped, as a subscriber that feeds every event back would never stop",
            null);
        return;
      }
      sentByCallbacks.add(input);
      sentGenerations.addLast(generation + 1);
      return;
    }
    enter();
    busy = true;
    try {
      accept(input);
      drainSentByCallbacks();
    } finally {
      busy = false;
      generation = 0;
      leave();
    }
  }

  private void drainSentByCallbacks() {
    while (!sentByCallbacks.isEmpty()) {
      generation = sentGenerations.removeFirst();
      accept(sentByCallbacks.poll());
    }
  }

  /** Runs a move of time; from a callback it is refused (it would cut into the current event). */
  private void timeStep(Runnable step, String what) {
    if (busy && OWNER.getAcquire(this) == Thread.currentThread()) {
      throw new IllegalStateException(what + " cannot be called from a subscriber or handler");
    }
    enter();
    busy = true;
    try {
      step.run();
      drainSentByCallbacks();
    } finally {
      busy = false;
      generation = 0;
      leave();
    }
  }

  private void accept(Event input) {
    Event e = conform(input);
    if (input.hasOrigins()) {
      originsSeen = true;
      if (e != input && !e.hasOrigins()) {
        e = e.withOrigins(input.origins());
      }
    }
    if (e.time() < watermark && e.time() >= lateBefore) {
      // Not late: within the delay, but the full buffer already forced later events through.
      if (overtaken++ == 0) {
        errorHandler.onError("the reorder buffer was full (" + limits.maxBuffered() + " events):"
            + " events were processed early, and " + e.type() + " at " + e.time() + ", within"
            + " the maximum delay, came after them; it was dropped (raise the buffer bound or"
            + " lower the maximum delay). Further such events are only counted.", null);
      }
      return;
    }
    if (e.time() < watermark) {
      late++;
      try {
        lateHandler.accept(e);
      } catch (Throwable ex) {
        survive(ex, "the late-event handler failed: " + ex);
      }
      return;
    }
    if (idField != null && isDuplicate(e)) {
      duplicates++;
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
    addedBytes += 48 + e.estimatedBytes();
    if (e.time() > maxSeen) {
      maxSeen = e.time();
      release(maxSeen - maxDelay);
    }
    while (buffer.size() > limits.maxBuffered()) {
      forced++;
      Event early = buffer.poll().event();
      advanceFrontier(early.time()); // ahead of the watermark proper, which stays where it is
      process(early);
    }
  }

  /** True when the event's id was seen within the horizon; otherwise remembers it. */
  private boolean isDuplicate(Event e) {
    Object id = e.get(idField);
    if (id == null) {
      return false;
    }
    long horizonStart = Math.max(maxSeen, e.time()) - idHorizon;
    for (Iterator<Map.Entry<Object, Long>> it = seenIds.entrySet().iterator(); it.hasNext();) {
      if (it.next().getValue() < horizonStart) {
        it.remove();
      } else {
        break;
      }
    }
    Object key = PartitionKeys.normalizeKey(id);
    Long seen = seenIds.get(key);
    if (seen != null && seen >= e.time() - idHorizon) {
      return true;
    }
    seenIds.remove(key);
    seenIds.put(key, e.time());
    return false;
  }

  /**
   * A new maximum delay, keeping every partial match. A shorter one raises the watermark at once
   * (buffered events now older than it are processed); a longer one applies from the next event
   * (the watermark never goes back).
   */
  public void maxDelay(long millis) {
    if (millis < 0 || millis > Event.MAX_TIME) {
      throw new IllegalArgumentException("maxDelay must be between 0 and 2^53 ms");
    }
    timeStep(() -> {
      maxDelay = millis;
      if (maxSeen != Long.MIN_VALUE) {
        release(maxSeen - millis);
      }
    }, "maxDelay");
  }

  /** Moves the watermark without an event. */
  public void advanceTime(long time) {
    timeStep(() -> release(time), "advanceTime");
  }

  /** End of input: buffered events are processed as the watermark reaches the largest time seen. */
  public void drain() {
    timeStep(this::drainNow, "drain");
  }

  private void drainNow() {
    if (maxSeen != Long.MIN_VALUE) {
      release(maxSeen);
    }
  }

  /** The end of time: every buffered event is processed and every open window closes. */
  public void finish() {
    timeStep(() -> {
      drainNow();
      fireTimers(Long.MAX_VALUE);
      for (PatternRuntime p : patterns) {
        liveRuns -= p.partialMatches();
        p.clear();
      }
    }, "finish");
  }

  @Override
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
    if (w > lateBefore) {
      lateBefore = w;
    }
    advanceFrontier(w);
  }

  /** Raises the time processed so far to {@code w}, completing windows that end before it. */
  private void advanceFrontier(long w) {
    if (w <= watermark) {
      return;
    }
    watermark = w;
    fireTimers(w);
  }

  /**
   * Closes every window whose deadline is strictly before {@code w}: attempts in order of
   * deadline, then pattern, then first event (LANGUAGE.md §8), each one's derived events processed
   * in full before the next.
   */
  private void fireTimers(long w) {
    while (nextDeadline < w) {
      PatternRuntime due = null;
      for (int i = 0; i < patterns.size(); i++) {
        PatternRuntime p = patterns.get(i);
        if (!p.windows.deadlines.isEmpty()
            && (due == null || p.windows.deadlines.headDeadline() < due.windows.deadlines.headDeadline())) {
          due = p;
        }
      }
      if (due == null) {
        nextDeadline = Long.MAX_VALUE;
        return;
      }
      DeadlineQueue q = due.windows.deadlines;
      long deadline = q.headDeadline();
      if (deadline >= w) {
        nextDeadline = deadline;
        return;
      }
      long firstSeq = q.headFirstSeq();
      Partition part = q.headPartition();
      q.poll();
      due.windows.expire(part, deadline, firstSeq);
      drainCascade();
      recomputeNextDeadline();
    }
  }

  private void recomputeNextDeadline() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < patterns.size(); i++) {
      DeadlineQueue q = patterns.get(i).windows.deadlines;
      if (!q.isEmpty() && q.headDeadline() < min) {
        min = q.headDeadline();
      }
    }
    nextDeadline = min;
  }

  @Override
  public Limits limits() {
    return limits;
  }

  @Override
  public long liveRuns() {
    return liveRuns;
  }

  @Override
  public void runsChanged(long delta) {
    liveRuns += delta;
  }

  @Override
  public void bytesAdded(long bytes) {
    addedBytes += bytes;
  }

  @Override
  public boolean originsSeen() {
    return originsSeen;
  }

  @Override
  public void scheduled(long deadline) {
    if (deadline < nextDeadline) {
      nextDeadline = deadline;
    }
  }

  /** After a restore: every attempt with a time window waits for its deadline again. */
  void rescheduleAll() {
    for (PatternRuntime p : patterns) {
      p.windows.requeueDeadlines();
    }
    recomputeNextDeadline();
  }

  // ---- processing ----

  private void process(Event e) {
    route(e);
    drainCascade();
    if (measuredBytes + addedBytes > limits.maxBytes()) {
      enforceByteBound();
    }
  }

  /** Bytes held at the last measurement, and an upper bound on what was added since. */
  long measuredBytes;
  long addedBytes;

  /**
   * The held bytes may have passed the bound: measured exactly (each step and event once), and,
   * while over it, an eighth of the partial matches dropped at a time, the oldest attempts first
   * (or the newest, with REFUSE_NEW), counted like the count bounds' drops.
   */
  private void enforceByteBound() {
    long bytes = measureBytes();
    while (bytes > limits.maxBytes() && liveRuns > 0) {
      com.carrotsearch.hppc.LongArrayList firsts = new com.carrotsearch.hppc.LongArrayList();
      for (PatternRuntime p : patterns) {
        p.firstSeqs(firsts);
      }
      long[] sorted = java.util.Arrays.copyOf(firsts.buffer, firsts.size());
      java.util.Arrays.sort(sorted);
      int k = Math.max(1, sorted.length / 8);
      boolean oldest = limits.policy() == io.motif.engine.OverflowPolicy.EVICT_OLDEST;
      long threshold = oldest ? sorted[Math.min(k, sorted.length - 1)]
          : sorted[sorted.length - 1 - Math.min(k, sorted.length - 1)];
      if (oldest && k >= sorted.length) {
        threshold = Long.MAX_VALUE;
      } else if (!oldest && k >= sorted.length) {
        threshold = Long.MIN_VALUE;
      }
      for (PatternRuntime p : patterns) {
        p.dropForBytes(threshold, oldest);
      }
      bytes = measureBytes();
    }
    if (bytes > limits.maxBytes() && !boundWarned) {
      boundWarned = true;
      errorHandler.onError("the reorder buffer alone holds more than the byte bound ("
          + limits.maxBytes() + " bytes): lower the maximum delay or raise the bound", null);
    }
    measuredBytes = bytes;
    addedBytes = 0;
  }

  private boolean boundWarned;

  /** The bytes partial matches and buffered events hold, each step and event counted once. */
  long measureBytes() {
    java.util.Map<Step, Boolean> steps = new java.util.IdentityHashMap<>();
    java.util.Map<Event, Boolean> events = new java.util.IdentityHashMap<>();
    long bytes = seenIds.size() * 64L;
    for (PatternRuntime p : patterns) {
      bytes += p.measureBytes(steps, events);
    }
    for (Pending pending : buffer) {
      bytes += 48;
      if (events.put(pending.event(), Boolean.TRUE) == null) {
        bytes += pending.event().estimatedBytes();
      }
    }
    return bytes;
  }

  private void route(Event e) {
    long s = ++seq;
    Route r = byType.get(e.type());
    if (r == null) {
      return;
    }
    PatternRuntime[] targets = r.targets();
    int[] local = r.localTypes();
    for (int i = 0; i < targets.length; i++) {
      targets[i].onEvent(e, s, local[i]);
    }
  }

  /**
   * Called by patterns for every match: deliver now, feed back after the current event. An
   * internal pattern's events go to the subscribers of their type and of internal events only.
   */
  /**
   * Whether an event with {@linkplain Event#origins origins} was ever sent: until then, matches
   * spend nothing on provenance.
   */
  boolean originsSeen;

  @Override
  public void derive(Event d, boolean internal) {
    derivedOut++;
    deliver(d, internal);
    if (currentDepth >= limits.cascadeDepth()) {
      cascadeDropped++;
    } else if (cascade.isEmpty() && !byType.containsKey(d.type())) {
      seq++; // no pattern reads it: it only takes the place in the order routing would give it
    } else {
      cascade.add(d);
      cascadeDepths.addLast(currentDepth + 1);
    }
  }

  @Override
  public void drainCascade() {
    while (!cascade.isEmpty()) {
      Event next = cascade.poll();
      int saved = currentDepth;
      currentDepth = cascadeDepths.removeFirst();
      route(next);
      currentDepth = saved;
    }
  }

  private void deliver(Event d, boolean internal) {
    Subscriber[] typed = subscribers.get(d.type());
    if (typed != null) {
      for (Subscriber s : typed) {
        call(s, d);
      }
    }
    for (Subscriber s : internal ? internalSubscribers : allSubscribers) {
      call(s, d);
    }
  }

  private void call(Subscriber s, Event d) {
    try {
      s.onEvent(d);
    } catch (Throwable ex) {
      survive(ex, "a subscriber to " + d.type() + " failed: " + ex);
    }
  }

  /**
   * A callback failed: the engine goes on (the other subscribers, the rest of the event). Only a
   * failure of the JVM itself (out of memory, a stack overflow) is rethrown, once recorded, since
   * nothing can be trusted to run after it.
   */
  private void survive(Throwable ex, String message) {
    try {
      errorHandler.onError(message, ex);
    } catch (RuntimeException handlerFailed) {
      // the error handler itself failed: nothing left to tell
    }
    if (ex instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  public EngineStats stats() {
    long partials = 0;
    long parts = 0;
    long dropped = 0;
    long evicted = 0;
    long bytes = measureBytes(); // each step and event once, however many patterns share it
    List<PatternStats> per = new ArrayList<>();
    for (PatternRuntime p : patterns) {
      PatternStats s = p.stats();
      per.add(s);
      partials += s.partialMatches();
      parts += s.partitions();
      dropped += s.dropped();
      evicted += s.evicted();
    }
    return new EngineStats(eventsIn, derivedOut, late, partials, parts, cascadeDropped, dropped,
        evicted, duplicates, buffer.size(), forced, overtaken, bytes, per);
  }
}
