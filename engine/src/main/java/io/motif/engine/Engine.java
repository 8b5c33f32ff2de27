package io.motif.engine;

import io.motif.engine.automaton.CompiledRules;
import io.motif.engine.runtime.EngineCore;
import io.motif.engine.runtime.Snapshots;
import io.motif.function.FunctionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A running Motif engine: deployed patterns, their partial matches, and subscribers.
 *
 * <p><b>Threading.</b> An engine is single-threaded: call it from one thread at a time (or guard it
 * with a lock). Subscribers run on the calling thread, synchronously, in output order. Compiled
 * scripts are immutable and may be shared by engines on different threads; run one engine per
 * thread (or per key range) to use more cores.
 *
 * <p><b>Time.</b> Events carry event time. With a maximum delay of 0 (the default), each event is
 * processed as it is sent; an event older than the watermark is late: counted, handed to the late
 * handler, and not processed. {@link #advanceTime} moves the watermark without an event and {@link
 * #finish} treats the end of input as the end of time.
 */
public final class Engine {
  private final EngineCore runtime;

  private Engine(Builder b) {
    this.runtime =
        new EngineCore(
            b.maxDelay,
            b.limits.withCascadeDepth(b.cascadeDepth),
            b.lateHandler,
            b.errorHandler,
            b.idField,
            b.idHorizon);
    if (b.partitionStore != null) {
      runtime.partitionStore(b.partitionStore);
    }
    runtime.orderRowsFrom(b.orderRowsFrom);
  }

  /** Steps that visited only the rows their partition's order gave (for tests). */
  long orderedSteps() {
    return runtime.orderedSteps();
  }

  /** Packed rows made one event deeper (for tests). */
  long laterRows() {
    return runtime.laterRows();
  }

  /** Packed rows made one event deeper by a repeated binding's event (for tests). */
  long repeatedRows() {
    return runtime.repeatedRows();
  }

  /** Runs passed over, or steps indexed, by a negation's column (for tests). */
  long negationColumnSkips() {
    return runtime.negationColumnSkips();
  }

  /** Runs made from rows whose aggregates were worked out from their events (for tests). */
  long aggregateRows() {
    return runtime.aggregateRows();
  }

  /** Ordered steps that looked rows up at a position after the start (for tests). */
  long laterIndexSteps() {
    return runtime.laterIndexSteps();
  }

  /** Packed rows started under {@code within N events} (for tests). */
  long countedRows() {
    return runtime.countedRows();
  }

  /** Packed rows an event followed along a {@code =>} edge (for tests). */
  long contiguousRowSteps() {
    return runtime.contiguousRowSteps();
  }

  /** Packed rows made one event deeper where they stood (for tests). */
  long deepenedInPlace() {
    return runtime.deepenedInPlace();
  }

  /** Matches emitted from packed rows of more than one event (for tests). */
  long laterRowMatches() {
    return runtime.laterRowMatches();
  }

  /** A builder of an engine with the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for a new engine. */
  public static final class Builder {
    private long maxDelay;
    private int cascadeDepth = 16;
    private Consumer<Event> lateHandler = e -> {};
    private EngineErrorHandler errorHandler = (m, t) -> System.err.println("motif: " + m);
    private Limits limits = Limits.DEFAULT;
    private FunctionRegistry functions;
    private String idField;
    private long idHorizon;
    private PartitionStore partitionStore;
    private int orderRowsFrom = EngineCore.DEFAULT_ORDER_ROWS_FROM;

    /** The largest out-of-order delay accepted, in milliseconds (default 0). */
    public Builder maxDelay(long millis) {
      if (millis < 0 || millis > Event.MAX_TIME) {
        throw new IllegalArgumentException("maxDelay must be between 0 and 2^53 ms");
      }
      this.maxDelay = millis;
      return this;
    }

    /** How many levels of derived events may derive further events (default 16). */
    public Builder cascadeDepth(int depth) {
      this.cascadeDepth = depth;
      return this;
    }

    /** Receives events older than the watermark, which are not processed. */
    public Builder lateHandler(Consumer<Event> handler) {
      this.lateHandler = handler;
      return this;
    }

    /** Receives failures the engine survives (a throwing subscriber or function). */
    public Builder errorHandler(EngineErrorHandler handler) {
      this.errorHandler = handler;
      return this;
    }

    /** The bounds on partial matches, partitions and buffered events (see {@link Limits}). */
    public Builder limits(Limits limits) {
      this.limits = limits;
      this.cascadeDepth = limits.cascadeDepth();
      return this;
    }

    /** The functions a restored snapshot's rules are compiled with (default: ServiceLoader). */
    public Builder functions(FunctionRegistry functions) {
      this.functions = functions;
      return this;
    }

    /**
     * Drops an event whose {@code field} holds an id already seen within {@code horizonMillis} of
     * event time, for sources that deliver at least once. Counted in {@link EngineStats}.
     */
    public Builder deduplicate(String field, long horizonMillis) {
      this.idField = field;
      this.idHorizon = horizonMillis;
      return this;
    }

    /**
     * Keeps the engine's state per (pattern, partition key): partitions an input changed are handed
     * over by {@link Engine#changedPartitions}, and partitions the engine does not hold are loaded
     * from {@code store} when first needed. With {@link Engine#snapshotShared} for the rest of the
     * state, an application saves what each input changed instead of the whole engine, and a
     * restored engine starts with no partition in memory.
     */
    public Builder partitionStore(PartitionStore store) {
      this.partitionStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * From how many partial matches waiting in one partition for a comparison with an event they
     * took ({@code a: A -> b: B(x > a.x)} waiting at {@code a}) the partition keeps them ordered by
     * the compared value ({@code a.x}), so that an event visits only those it can move instead of
     * passing over all of them (default 32). Below it, passing over each costs less than keeping
     * the order. It changes how fast a large partition is stepped, never what matches: 0 orders
     * every such partition, {@link Integer#MAX_VALUE} none.
     */
    public Builder orderRowsFrom(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("orderRowsFrom must be at least 0");
      }
      this.orderRowsFrom = rows;
      return this;
    }

    /** A new engine with these settings, nothing deployed. */
    public Engine build() {
      return new Engine(this);
    }

    /**
     * An engine restored from a snapshot taken by {@link Engine#snapshot}: the same rules, partial
     * matches, buffered events, clock and counters; it continues exactly as the engine that took
     * the snapshot would have. Subscribers are not part of a snapshot.
     */
    public Engine restore(InputStream in) throws SnapshotException {
      Engine engine = new Engine(this);
      Snapshots.read(engine.runtime, in, savedRulesCompiler(), null);
      return engine;
    }

    /**
     * An engine restored from a snapshot into {@code current}, rules that may differ from those the
     * snapshot was taken with: the patterns of {@code current} are deployed, in its order; each
     * whose {@linkplain CompiledScript#fingerprint fingerprint} is the one saved continues with its
     * partial matches, deadlines and counters; a changed or new pattern starts fresh; a saved
     * pattern {@code current} does not declare is dropped. The clock, the out-of-order buffer, the
     * engine's counters and the ids seen are kept as they are. A snapshot of format version 2 needs
     * its saved rules only as fingerprints; one of version 1 has its rules compiled to compute
     * them.
     */
    public Restored restore(InputStream in, CompiledScript current) throws SnapshotException {
      Objects.requireNonNull(
          current,
          "restore(in, current) needs the rules to restore into;"
              + " restore(in) restores the snapshot's own");
      Engine engine = new Engine(this);
      RestoreReport report =
          Snapshots.read(engine.runtime, in, savedRulesCompiler(), current.rules());
      return new Restored(engine, report);
    }

    /** Compiles the rules a snapshot saved, with this builder's functions. */
    private Snapshots.RulesCompiler savedRulesCompiler() {
      FunctionRegistry registry = functions == null ? FunctionRegistry.standard() : functions;
      return source -> {
        Compilation c = Motif.compile(source, registry);
        if (c.hasErrors()) {
          throw new SnapshotException(
              "the rules saved in the snapshot no longer compile:\n" + c.render());
        }
        return c.script().rules();
      };
    }
  }

  /** A restored engine, and which patterns kept their state. */
  public record Restored(Engine engine, RestoreReport report) {}

  /**
   * Deploys every pattern of a script, after the patterns already deployed; a pattern with the name
   * of a deployed one replaces it (its partial matches are dropped). A new pattern starts with the
   * next event.
   */
  public void deploy(CompiledScript script) {
    CompiledRules rules =
        Objects.requireNonNull(
                script,
                "deploy(null): no script to deploy (a"
                    + " Compilation with errors has a null script; use Compilation.scriptOrThrow())")
            .rules();
    runtime.deploy(rules);
  }

  /** Removes a pattern and drops its partial matches at once; false when none has that name. */
  public boolean undeploy(String pattern) {
    return runtime.undeploy(pattern);
  }

  /**
   * Calls {@code subscriber} for every derived event of {@code type}; {@code "*"}: every derived
   * event of the patterns that are not {@code internal} (the output, as {@code motif run} writes
   * it). An internal pattern's events reach the subscribers of their type, and {@link
   * #subscribeInternal}.
   */
  public Subscription subscribe(String type, Subscriber subscriber) {
    if (type.equals(EngineCore.INTERNAL)) {
      throw new IllegalArgumentException("use subscribeInternal for internal patterns' events");
    }
    return runtime.subscribe(type, subscriber);
  }

  /** Calls {@code subscriber} for every derived event of an {@code internal pattern}. */
  public Subscription subscribeInternal(Subscriber subscriber) {
    return runtime.subscribe(EngineCore.INTERNAL, subscriber);
  }

  /**
   * Sends one event.
   *
   * @throws IllegalArgumentException when its time is outside ±{@link Event#MAX_TIME}
   * @throws java.util.ConcurrentModificationException when another thread is using the engine
   */
  public void send(Event event) {
    runtime.send(event);
  }

  /** Sends an event given as a type, a time and fields. */
  public void send(String type, long time, Map<String, ?> fields) {
    runtime.send(Event.of(type, time, fields));
  }

  /**
   * Sends a Java record or bean as an event of the type named by its simple class name, its
   * properties as fields, at {@code time}.
   */
  public void sendObject(Object object, long time) {
    runtime.send(ObjectEvents.toEvent(object, time));
  }

  /**
   * Changes the maximum delay of a running engine, keeping its partial matches: a shorter delay
   * raises the watermark at once, a longer one applies from the next event.
   */
  public void maxDelay(long millis) {
    runtime.maxDelay(millis);
  }

  /** Moves the watermark to {@code time} without an event (never backwards). */
  public void advanceTime(long time) {
    runtime.advanceTime(time);
  }

  /**
   * The end of the input, not of time: buffered out-of-order events are processed as if the
   * watermark had reached the largest event time seen. Windows still open stay open.
   */
  public void drain() {
    runtime.drain();
  }

  /** The end of time: processes buffered events and completes every window still open. */
  public void finish() {
    runtime.finish();
  }

  /** The current watermark, or {@link Long#MIN_VALUE} before any event. */
  public long watermark() {
    return runtime.watermark();
  }

  /** Counters and sizes, for monitoring. */
  public EngineStats stats() {
    return runtime.stats();
  }

  /**
   * Writes the whole engine (rules, partial matches, buffered out-of-order events, watermark,
   * counters) in Motif's versioned, checksummed snapshot format. Take it between calls.
   */
  public void snapshot(OutputStream out) throws IOException {
    Snapshots.write(runtime, out);
  }

  /**
   * Writes what no partition owns (rules, buffered out-of-order events, watermark, counters, ids
   * seen) in the snapshot format, every pattern with no partial matches: for an engine built with a
   * {@link Builder#partitionStore}, whose partitions the store keeps. {@link Builder#restore} reads
   * it like any snapshot; the restored engine, built with the store, loads partitions as they are
   * needed.
   */
  public void snapshotShared(OutputStream out) throws IOException {
    Snapshots.write(runtime, out, false);
  }

  /**
   * Hands {@code sink} every partition that inputs changed since the last call (or since the engine
   * started), each pattern's in the order first changed, and forgets them: the application keeps
   * each {@link PartitionState} (replacing what it kept for that pattern and key, deleting it when
   * empty) so that its {@link PartitionStore} gives it back. Call it after the inputs whose effects
   * are to be saved together (a commit's worth), never from a subscriber.
   *
   * @throws IllegalStateException without a partition store
   */
  public void changedPartitions(Consumer<PartitionState> sink) {
    runtime.changedPartitions(sink);
  }

  /**
   * Brings one partition the store keeps into memory, with its windows' deadlines, unless the
   * engine holds it already: an application that restored lazily calls it, for each partition whose
   * {@linkplain PartitionState#deadline deadline} is due, before moving time past that deadline.
   * False when no pattern has that name.
   *
   * @throws SnapshotException when the key or the stored state is not one the engine wrote
   * @throws IllegalStateException without a partition store
   */
  public boolean loadPartition(String pattern, byte[] key) throws SnapshotException {
    return runtime.loadPartition(pattern, key);
  }

  /**
   * Drops every partition held in memory, which the store keeps (to bound memory): the engine loads
   * each again when an event needs it; deadlines go with them, so the application loads again, as
   * after a restore, those it moves time past.
   *
   * @throws IllegalStateException without a partition store, or when changes were not taken
   */
  public void releasePartitions() {
    runtime.releasePartitions();
  }

  /**
   * The partitions (keys) the engine holds in memory, over every pattern: without the walk of
   * {@link #stats}, for deciding when to {@link #releasePartitions}.
   */
  public long heldPartitions() {
    return runtime.heldPartitions();
  }

  /**
   * The partial matches the engine holds in memory, over every pattern (as {@link
   * #heldPartitions}).
   */
  public long heldPartialMatches() {
    return runtime.heldPartialMatches();
  }

  /** The texts of the sources the deployed patterns were compiled from, in deployment order. */
  public List<String> rulesText() {
    return runtime.rulesText();
  }

  /** Names of the deployed patterns, in order. */
  public List<String> patterns() {
    return runtime.patternNames();
  }

  /**
   * Traces one pattern, for finding out why it does or does not match ({@code motif why}): before
   * each event steps the pattern, {@code listener} hears what the event does to every partial match
   * and why, and afterwards every partial match that ends, with the reason (see {@link Trace}).
   * Tracing lasts until the returned subscription is cancelled or the pattern is undeployed or
   * replaced; one listener a pattern (tracing again replaces it). It is meant for a few events at a
   * time: each traced event looks at every partial match of the pattern. A pattern not traced pays
   * nothing for it.
   *
   * @throws IllegalArgumentException when no pattern has that name
   */
  public Subscription trace(String pattern, Trace.Listener listener) {
    return runtime.trace(pattern, listener);
  }

  /** The live partial matches of a pattern, by partition, as text (for the REPL). */
  public List<String> describePartials(String pattern) {
    return runtime.describePartials(pattern);
  }
}
