package io.motif.engine.runtime;

import com.carrotsearch.hppc.IntArrayDeque;
import io.motif.engine.EngineErrorHandler;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.Limits;
import io.motif.engine.PartitionState;
import io.motif.engine.PartitionStore;
import io.motif.engine.PatternStats;
import io.motif.engine.SnapshotException;
import io.motif.engine.Subscriber;
import io.motif.engine.Subscription;
import io.motif.engine.Trace;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.CompiledRules;
import io.motif.source.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The engine's core: takes input events (one thread at a time; those a subscriber sends wait for
 * the current one), brings them to their declared types, hands them through deduplication ({@link
 * Deduplicator}) and event time ({@link EventTime}: the reorder buffer, the watermark, late events)
 * to the patterns that read them ({@link Router}, in declaration order), feeds derived events back
 * breadth-first to the patterns and the {@link Subscribers}, fires the timers that close windows
 * and complete absences, and enforces the bounds ({@link ByteBound}). Patterns reach it through
 * {@link PatternHost}. (Named apart from {@code java.lang.Runtime}.)
 *
 * <p>Some 530 lines: what is left is the order in which those parts run for each event and each
 * move of time, which reads best in one place; {@code conform}, which the API's event schema
 * replaces, is a tenth of it.
 */
public final class EngineCore implements PatternHost, EventTime.Processor {
  final Limits limits;
  private final Consumer<Event> lateHandler;
  private final EngineErrorHandler errorHandler;

  /** Calls to functions that threw, counted and told to the error handler. */
  final FunctionFailures functionFailures;

  /** The reorder buffer and the watermark. */
  final EventTime time;

  /** Duplicate ids, when an id field is set. */
  final Deduplicator ids;

  private final Router router = new Router();
  private final Subscribers subscribers;
  private final ByteBound bytes;
  private final OwnerThread owner = new OwnerThread();

  final List<PatternRuntime> patterns = new ArrayList<>();

  /** The source each deployed pattern was compiled from, for snapshots. */
  final Map<PatternRuntime, Source> sources = new HashMap<>();

  /** Each deployed pattern's fingerprint ({@link CompiledRules#fingerprint}), for snapshots. */
  final Map<PatternRuntime, String> fingerprints = new HashMap<>();

  /**
   * The earliest deadline at the head of any pattern's {@link DeadlineQueue}, or Long.MAX_VALUE:
   * one comparison per event tells whether a window closes before it.
   */
  private long nextDeadline = Long.MAX_VALUE;

  /** The number of the last event routed, in the engine's order (derived events included). */
  long seq;

  long eventsIn;
  long derivedOut;
  long late;
  long cascadeDropped;
  long duplicates;
  long liveRuns;

  /** Derived events waiting to be fed back, and (in step) their cascade depths. */
  private final ArrayDeque<Event> cascade = new ArrayDeque<>();

  private final IntArrayDeque cascadeDepths = new IntArrayDeque();
  private int currentDepth;

  public EngineCore(
      long maxDelay,
      Limits limits,
      Consumer<Event> lateHandler,
      EngineErrorHandler errorHandler,
      String idField,
      long idHorizon) {
    this.limits = limits;
    this.lateHandler = lateHandler;
    this.errorHandler = errorHandler;
    this.functionFailures = new FunctionFailures(errorHandler);
    this.time = new EventTime(maxDelay, limits, this);
    this.ids = new Deduplicator(idField, idHorizon);
    this.subscribers = new Subscribers(errorHandler);
    this.bytes = new ByteBound(patterns, time, ids, this, errorHandler);
  }

  // ---- deployment ----

  public void deploy(CompiledRules script) {
    declare(script.schema());
    for (Automaton a : script.automata()) {
      deploy(a, script.source(), script.fingerprint(a.name()));
    }
  }

  /** The declared event types: input events of these types are brought to their field types. */
  private EventSchema schema = EventSchema.none();

  void declare(EventSchema declared) {
    schema = schema.with(declared);
  }

  /** Deploys one pattern; one of the same name is replaced. */
  PatternRuntime deploy(Automaton a, Source source, String fingerprint) {
    undeploy(a.name());
    PatternRuntime p = new PatternRuntime(a, this);
    p.keyed = keyed;
    patterns.add(p);
    sources.put(p, source);
    fingerprints.put(p, fingerprint);
    router.reindex(patterns);
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
        router.reindex(patterns);
        recomputeNextDeadline();
        return true;
      }
    }
    return false;
  }

  public List<String> rulesText() {
    List<String> texts = new ArrayList<>();
    Set<Source> seen = Collections.newSetFromMap(new IdentityHashMap<>());
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
   * Traces one pattern (see {@link Trace}) until the subscription is cancelled or the pattern is
   * undeployed or replaced.
   *
   * @throws IllegalArgumentException when no pattern has that name
   */
  public Subscription trace(String pattern, Trace.Listener listener) {
    Objects.requireNonNull(listener, "listener");
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
    throw new IllegalArgumentException(
        "no pattern named "
            + pattern
            + (patterns.isEmpty()
                ? "; no patterns are deployed"
                : "; the patterns are " + String.join(", ", patternNames())));
  }

  // ---- subscriptions ----

  /** The subscription to every derived event of internal patterns. */
  public static final String INTERNAL = "*internal";

  public Subscription subscribe(String type, Subscriber s) {
    return subscribers.subscribe(type, INTERNAL, s);
  }

  // ---- time ----

  /** True while an event or a move of time is being processed. */
  private boolean busy;

  /** Events a subscriber sent while the engine was busy, processed once it is done. */
  private final ArrayDeque<Event> sentByCallbacks = new ArrayDeque<>();

  /** Their generations: how many subscriber sends led to each (see {@link #send}). */
  private final IntArrayDeque sentGenerations = new IntArrayDeque();

  /** The generation of the input event being processed: 0 for one sent from outside. */
  private int generation;

  /**
   * Sends an event. Called from a subscriber or handler (the engine is then in the middle of
   * another event), the event waits until that one is processed in full. A subscriber that sends an
   * event for every event it receives would never let the engine rest: a chain of such sends longer
   * than the cascade depth is cut, counted and reported.
   *
   * @throws IllegalArgumentException when the event's time is outside ±{@link Event#MAX_TIME}
   * @throws java.util.ConcurrentModificationException when another thread is inside the engine
   */
  public void send(Event input) {
    if (input.time() > Event.MAX_TIME || input.time() < -Event.MAX_TIME) {
      throw new IllegalArgumentException(
          "event time "
              + input.time()
              + " is outside the range"
              + " the engine keeps (±2^53 ms from 1970, about 285,000 years): is it in"
              + " microseconds or nanoseconds?");
    }
    if (busy && owner.isCurrent()) {
      if (generation >= limits.cascadeDepth()) {
        cascadeDropped++;
        errorHandler.onError(
            "a subscriber sent "
                + input.type()
                + " back while processing an"
                + " event that a chain of "
                + generation
                + " such sends led to (the cascade depth);"
                + " it was dropped, as a subscriber that feeds every event back would never stop",
            null);
        return;
      }
      sentByCallbacks.add(input);
      sentGenerations.addLast(generation + 1);
      return;
    }
    owner.enter();
    busy = true;
    try {
      accept(input);
      drainSentByCallbacks();
    } finally {
      busy = false;
      generation = 0;
      owner.leave();
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
    if (busy && owner.isCurrent()) {
      throw new IllegalStateException(what + " cannot be called from a subscriber or handler");
    }
    owner.enter();
    busy = true;
    try {
      step.run();
      drainSentByCallbacks();
    } finally {
      busy = false;
      generation = 0;
      owner.leave();
    }
  }

  private void accept(Event input) {
    Event e = schema.conform(input);
    if (input.hasOrigins()) {
      originsSeen = true;
      if (e != input && !e.hasOrigins()) {
        e = e.withOrigins(input.origins());
      }
    }
    if (time.overtakenBy(e)) {
      // Not late: within the delay, but the full buffer already forced later events through.
      if (time.overtaken++ == 0) {
        errorHandler.onError(
            "the reorder buffer was full ("
                + limits.maxBuffered()
                + " events):"
                + " events were processed early, and "
                + e.type()
                + " at "
                + e.time()
                + ", within"
                + " the maximum delay, came after them; it was dropped (raise the buffer bound or"
                + " lower the maximum delay). Further such events are only counted.",
            null);
      }
      return;
    }
    if (time.isLate(e)) {
      late++;
      try {
        lateHandler.accept(e);
      } catch (Throwable ex) {
        Subscribers.survive(errorHandler, ex, "the late-event handler failed: " + ex);
      }
      return;
    }
    if (ids.idField != null && ids.isDuplicate(e, time.maxSeen)) {
      duplicates++;
      return;
    }
    eventsIn++;
    time.admit(e);
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
    timeStep(() -> time.maxDelay(millis), "maxDelay");
  }

  /** Moves the watermark without an event. */
  public void advanceTime(long time) {
    timeStep(() -> this.time.release(time), "advanceTime");
  }

  /** End of input: buffered events are processed as the watermark reaches the largest time seen. */
  public void drain() {
    timeStep(time::drain, "drain");
  }

  /** The end of time: every buffered event is processed and every open window closes. */
  public void finish() {
    timeStep(
        () -> {
          time.drain();
          fireTimers(Long.MAX_VALUE);
          for (PatternRuntime p : patterns) {
            liveRuns -= p.partialMatches();
            p.clear();
          }
        },
        "finish");
  }

  @Override
  public long watermark() {
    return time.watermark;
  }

  /**
   * Closes every window whose deadline is strictly before {@code w}: attempts in order of deadline,
   * then pattern, then first event (LANGUAGE.md §8), each one's derived events processed in full
   * before the next.
   */
  @Override
  public void fireTimers(long w) {
    if (keyed != null) {
      keyed.loadDue(patterns, w);
    }
    fireDue(w);
    recycle();
  }

  private void fireDue(long w) {
    while (nextDeadline < w) {
      PatternRuntime due = null;
      for (int i = 0; i < patterns.size(); i++) {
        PatternRuntime p = patterns.get(i);
        if (!p.windows.deadlines.isEmpty()
            && (due == null
                || p.windows.deadlines.headDeadline() < due.windows.deadlines.headDeadline())) {
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
  public void bytesAdded(long added) {
    bytes.added(added);
  }

  @Override
  public FunctionFailures functionFailures() {
    return functionFailures;
  }

  /** See {@link #orderRowsFrom(int)}. */
  private int orderRowsFrom = DEFAULT_ORDER_ROWS_FROM;

  /** Below this many waiting rows, passing over each costs less than keeping them in order. */
  public static final int DEFAULT_ORDER_ROWS_FROM = 32;

  /** Steps that visited only the rows their partition's order gave, over every pattern (tests). */
  public long orderedSteps() {
    return sum(PatternRuntime::orderedSteps);
  }

  /** Packed rows made one event deeper, over every pattern (tests). */
  public long laterRows() {
    return sum(PatternRuntime::laterRows);
  }

  /**
   * Packed rows made one event deeper by a repeated binding's event, over every pattern (tests).
   */
  public long repeatedRows() {
    return sum(PatternRuntime::repeatedRows);
  }

  /** Runs passed over, or steps indexed, by a negation's column, over every pattern (tests). */
  public long negationColumnSkips() {
    return sum(PatternRuntime::negationColumnSkips);
  }

  /** Runs made from rows whose aggregates were worked out from their events, over every pattern. */
  public long aggregateRows() {
    return sum(p -> p.aggregateRows);
  }

  /** Ordered steps that looked rows up at a position after the start, over every pattern. */
  public long laterIndexSteps() {
    return sum(PatternRuntime::laterIndexSteps);
  }

  /** Packed rows started under {@code within N events}, over every pattern (tests). */
  public long countedRows() {
    return sum(PatternRuntime::countedRows);
  }

  /** Packed rows an event followed along a {@code =>} edge, over every pattern (tests). */
  public long contiguousRowSteps() {
    return sum(PatternRuntime::contiguousRowSteps);
  }

  /** Packed rows made one event deeper where they stood, over every pattern (tests). */
  public long deepenedInPlace() {
    return sum(PatternRuntime::deepenedInPlace);
  }

  /** Matches emitted from packed rows of more than one event, over every pattern (tests). */
  public long laterRowMatches() {
    return sum(PatternRuntime::laterRowMatches);
  }

  private long sum(ToLongFunction<PatternRuntime> count) {
    long n = 0;
    for (PatternRuntime p : patterns) {
      n += count.applyAsLong(p);
    }
    return n;
  }

  @Override
  public int orderRowsFrom() {
    return orderRowsFrom;
  }

  /**
   * From how many partial matches waiting at a comparison with an earlier event a partition keeps
   * them ordered by the compared value: set before anything is deployed.
   */
  public void orderRowsFrom(int rows) {
    this.orderRowsFrom = rows;
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

  // ---- state kept per key ----

  /** With a partition store: the keys touched and the partitions loaded; else null. */
  private KeyedPartitions keyed;

  /** Keeps state per (pattern, key) in {@code store}: set before anything is deployed. */
  public void partitionStore(PartitionStore store) {
    this.keyed = new KeyedPartitions(store, this);
    for (PatternRuntime p : patterns) {
      p.keyed = keyed;
    }
  }

  private KeyedPartitions keyed(String what) {
    if (keyed == null) {
      throw new IllegalStateException(what + " needs an engine built with a partition store");
    }
    if (busy && owner.isCurrent()) {
      throw new IllegalStateException(what + " cannot be called from a subscriber or handler");
    }
    return keyed;
  }

  /** Hands over every partition touched since the last call (see {@link KeyedPartitions}). */
  public void changedPartitions(Consumer<PartitionState> sink) {
    KeyedPartitions k = keyed("changedPartitions");
    owner.enter();
    try {
      k.drain(patterns, sink);
    } finally {
      owner.leave();
    }
  }

  /**
   * Brings a partition the store keeps into memory, with its deadlines; false when no pattern has
   * that name (a pattern since removed).
   */
  public boolean loadPartition(String pattern, byte[] key) throws SnapshotException {
    KeyedPartitions k = keyed("loadPartition");
    for (PatternRuntime p : patterns) {
      if (p.automaton.name().equals(pattern)) {
        Object decoded = Snapshots.readKey(key);
        owner.enter();
        try {
          k.ensureLoaded(p, decoded);
        } finally {
          owner.leave();
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Drops every partition held in memory (the store keeps them): their deadlines go too, so the
   * application loads again those it moves time past. Only once the changes were taken.
   */
  public void releasePartitions() {
    KeyedPartitions k = keyed("releasePartitions");
    for (PatternRuntime p : patterns) {
      if (p.touched != null && !p.touched.isEmpty()) {
        throw new IllegalStateException(
            "releasePartitions: take the changed partitions first (changedPartitions)");
      }
    }
    owner.enter();
    try {
      for (PatternRuntime p : patterns) {
        liveRuns -= p.partialMatches();
        p.clear();
      }
      k.forget(patterns);
      recomputeNextDeadline();
    } finally {
      owner.leave();
    }
  }

  /** Partitions held in memory, over every pattern: cheap, unlike {@link #stats}. */
  public long heldPartitions() {
    long n = 0;
    for (PatternRuntime p : patterns) {
      n += p.partitions.size();
    }
    return n;
  }

  /** Partial matches held in memory, over every pattern. */
  public long heldPartialMatches() {
    return liveRuns;
  }

  // ---- processing ----

  @Override
  public void process(Event e) {
    router.route(e, ++seq);
    drainCascade();
    bytes.check();
    recycle();
  }

  /**
   * Between events, when no step is under way: partitions emptied since the last call become spares
   * for new keys (see {@link PartitionTable#recycle}).
   */
  private void recycle() {
    if (!retired) {
      return; // (the usual event: one test, no loop over the patterns)
    }
    retired = false;
    for (int i = 0; i < patterns.size(); i++) {
      PatternRuntime p = patterns.get(i);
      if (p.partitions.hasRetired() && p.tracer == null) {
        p.partitions.recycle();
      }
    }
  }

  /**
   * Whether an event with {@linkplain Event#origins origins} was ever sent: until then, matches
   * spend nothing on provenance.
   */
  boolean originsSeen;

  /**
   * Called by patterns for every match: deliver now, feed back after the current event. An internal
   * pattern's events go to the subscribers of their type and of internal events only.
   */
  @Override
  public void derive(Event d, boolean internal) {
    derivedOut++;
    subscribers.deliver(d, internal);
    if (currentDepth >= limits.cascadeDepth()) {
      cascadeDropped++;
    } else if (cascade.isEmpty() && !router.routes(d.type())) {
      seq++; // no pattern reads it: it only takes the place in the order routing would give it
    } else {
      cascade.add(d);
      cascadeDepths.addLast(currentDepth + 1);
    }
  }

  /** Whether a pattern retired a partition since the last {@link #recycle}. */
  private boolean retired;

  @Override
  public void partitionRetired() {
    retired = true;
  }

  @Override
  public void drainCascade() {
    while (!cascade.isEmpty()) {
      Event next = cascade.poll();
      int saved = currentDepth;
      currentDepth = cascadeDepths.removeFirst();
      router.route(next, ++seq);
      currentDepth = saved;
    }
  }

  public EngineStats stats() {
    long partials = 0;
    long parts = 0;
    long dropped = 0;
    long evicted = 0;
    long held = bytes.measure(); // each step and event once, however many patterns share it
    List<PatternStats> per = new ArrayList<>();
    for (PatternRuntime p : patterns) {
      PatternStats s = p.stats();
      per.add(s);
      partials += s.partialMatches();
      parts += s.partitions();
      dropped += s.dropped();
      evicted += s.evicted();
    }
    return new EngineStats(
        eventsIn,
        derivedOut,
        late,
        partials,
        parts,
        cascadeDropped,
        dropped,
        evicted,
        duplicates,
        time.buffer.size(),
        time.forced,
        time.overtaken,
        held,
        per,
        functionFailures.counts());
  }
}
