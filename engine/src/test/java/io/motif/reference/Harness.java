package io.motif.reference;

import io.motif.ast.Script;
import io.motif.engine.Compilation;
import io.motif.engine.Engine;
import io.motif.engine.EngineProbe;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.Motif;
import io.motif.engine.OverflowPolicy;
import io.motif.engine.PartitionStore;
import io.motif.engine.SnapshotException;
import io.motif.function.FunctionRegistry;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/** Runs one Motif program over one input through the engine and through the reference. */
final class Harness {
  /** The standard functions, loaded once (loading them scans the class path). */
  static final FunctionRegistry FUNCTIONS = FunctionRegistry.standard();

  /**
   * The last programs compiled, by text: the differential test runs each program over several
   * inputs (a compiled script is immutable, and each engine deploys it anew).
   */
  private static final Map<String, Compilation> COMPILED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compilation> eldest) {
          return size() > 8;
        }
      };

  private Harness() {}

  /**
   * What the engine did: its output at the end of the input ({@code drain()}; null when the run
   * went straight to {@code finish()}), its output at the end of time ({@code finish()}), and its
   * counters once finished.
   */
  record EngineRun(List<Event> drained, List<Event> finished, EngineStats stats) {
    /** What is left in the engine after the end of time, or null when nothing is. */
    String leftovers() {
      if (stats.partialMatches() == 0 && stats.partitions() == 0 && stats.buffered() == 0) {
        return null;
      }
      return "after finish() the engine still holds "
          + stats.partialMatches()
          + " partial matches, "
          + stats.partitions()
          + " partitions, "
          + stats.buffered()
          + " buffered events";
    }
  }

  /**
   * Compiles with {@link Motif#compile} and runs the engine: sends every event, then, when {@code
   * drainFirst}, {@code drain()} (the output so far is {@link EngineRun#drained()}), then {@code
   * finish()}. Output is everything subscribers saw, in order.
   */
  /**
   * Runs {@code source} ({@code script} parsed) over {@code input} in the reference and in the
   * engine, with at most {@code bound} partial matches a partition (0: the defaults), evicting the
   * oldest or refusing the newest, a snapshot at {@code snapshotAt} (-1: none) and {@code
   * orderRowsFrom}; asserts that both finish with the same output, rendered; returns the engine's
   * run.
   */
  static EngineRun agreeing(
      String source,
      Script script,
      List<Event> input,
      int bound,
      boolean refuse,
      int snapshotAt,
      int orderRowsFrom) {
    ReferenceEvaluator.Counted expected =
        ReferenceEvaluator.evaluateCounted(script, input, 1_000_000, bound, refuse);
    Limits limits =
        bound == 0
            ? Limits.DEFAULT
            : Limits.DEFAULT
                .withMaxRunsPerPartition(bound)
                .withPolicy(refuse ? OverflowPolicy.REFUSE_NEW : OverflowPolicy.EVICT_OLDEST);
    EngineRun run = engine(source, input, 0, false, snapshotAt, limits, orderRowsFrom);
    JsonLines json = new JsonLines(script);
    org.junit.jupiter.api.Assertions.assertEquals(
        json.render(expected.outcome().finished()),
        json.render(run.finished()),
        source + " bound " + bound + " snapshot " + snapshotAt + "\n" + input);
    return run;
  }

  static EngineRun engine(String source, List<Event> input, long maxDelay, boolean drainFirst) {
    return engine(source, input, maxDelay, drainFirst, -1, Limits.DEFAULT);
  }

  /**
   * As {@link #engine(String, List, long, boolean)}, with these bounds, and, when {@code
   * snapshotAt} is not -1, a snapshot taken after that many events were sent and restored into a
   * new engine (built with the same settings, subscribed again) that receives the rest.
   */
  static EngineRun engine(
      String source,
      List<Event> input,
      long maxDelay,
      boolean drainFirst,
      int snapshotAt,
      Limits limits) {
    // Half the programs order every partition's waiting rows by their guard column (see
    // Engine.Builder#orderRowsFrom), the other half only large ones, as by default: the order must
    // change no output.
    int orderFrom = (source.hashCode() & 1) == 0 ? 0 : 32;
    return engine(source, input, maxDelay, drainFirst, snapshotAt, limits, orderFrom);
  }

  /** As above, ordering partitions of at least {@code orderFrom} waiting rows. */
  static EngineRun engine(
      String source,
      List<Event> input,
      long maxDelay,
      boolean drainFirst,
      int snapshotAt,
      Limits limits,
      int orderFrom) {
    Compilation c =
        COMPILED.computeIfAbsent(source, text -> Motif.compile("case.motif", text, FUNCTIONS));
    if (c.hasErrors()) {
      throw new IllegalArgumentException("does not compile:\n" + c.render() + "\n" + source);
    }
    Engine.Builder builder =
        Engine.builder()
            .maxDelay(maxDelay)
            .limits(limits)
            .functions(FUNCTIONS)
            .orderRowsFrom(orderFrom);
    KeyedStore store = keyed(snapshotAt) ? new KeyedStore() : null;
    if (store != null) {
      builder.partitionStore(store);
    }
    Engine engine = builder.build();
    engine.deploy(c.script());
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    for (int i = 0; i < input.size(); i++) {
      if (i == snapshotAt) {
        engine = restored(builder, engine, out, store);
      }
      engine.send(input.get(i));
      if (store != null) {
        store.take(engine);
        if (i % (snapshotAt % 5 + 2) == 0) {
          engine.releasePartitions(); // (every few events: most partitions come from the store)
        }
      }
    }
    if (snapshotAt == input.size()) {
      engine = restored(builder, engine, out, store);
    }
    List<Event> drained = null;
    if (store != null) {
      store.loadAll(engine); // (drain and finish close windows of every partition)
    }
    if (drainFirst) {
      engine.drain();
      drained = List.copyOf(out);
    }
    engine.finish();
    if (store != null) {
      KEYED_LOADS[0] += store.loads;
    }
    if (EngineProbe.orderedSteps(engine) > 0) {
      ORDERED_CASES[0]++;
    }
    if (EngineProbe.laterRows(engine) > 0) {
      LATER_ROW_CASES[0]++;
    }
    if (EngineProbe.laterRowMatches(engine) > 0) {
      LATER_ROW_MATCH_CASES[0]++;
    }
    if (EngineProbe.repeatedRows(engine) > 0) {
      REPEATED_ROW_CASES[0]++;
    }
    if (EngineProbe.deepenedInPlace(engine) > 0) {
      DEEPENED_IN_PLACE_CASES[0]++;
    }
    if (EngineProbe.contiguousRowSteps(engine) > 0) {
      CONTIGUOUS_ROW_CASES[0]++;
    }
    if (EngineProbe.aggregateRows(engine) > 0) {
      AGGREGATE_ROW_CASES[0]++;
    }
    if (EngineProbe.laterIndexSteps(engine) > 0) {
      LATER_INDEX_CASES[0]++;
    }
    if (EngineProbe.countedRows(engine) > 0) {
      COUNTED_ROW_CASES[0]++;
    }
    if (EngineProbe.negationColumnSkips(engine) > 0) {
      NEGATION_COLUMN_CASES[0]++;
    }
    return new EngineRun(drained, List.copyOf(out), engine.stats());
  }

  /**
   * Whether a case with a snapshot runs with its state kept per key (about half of them): its
   * partitions handed to a {@link KeyedStore} after every event, most of them dropped from memory
   * every few events and loaded back as events and deadlines need them, and its snapshot taken
   * without partitions (as the Kafka module keeps an engine's state).
   */
  static boolean keyed(int snapshotAt) {
    return snapshotAt >= 0 && snapshotAt % 2 == 0;
  }

  /** Partitions loaded from keyed stores, over every run (for the coverage report). */
  /**
   * Cases in which the engine stepped a partition by its order of waiting rows (a count over the
   * whole run, as {@link #KEYED_LOADS}; after a restore, the restored engine's steps only).
   */
  static final long[] ORDERED_CASES = new long[1];

  /**
   * Cases in which the engine kept a partial match of more than one event as a packed row, and in
   * which it emitted a match from such a row (counts as {@link #ORDERED_CASES}).
   */
  static final long[] LATER_ROW_CASES = new long[1];

  static final long[] LATER_ROW_MATCH_CASES = new long[1];

  /** Cases in which such a row took a repeated binding's event (counts as above). */
  static final long[] REPEATED_ROW_CASES = new long[1];

  /** Cases in which a row was made deeper where it stood (counts as above). */
  static final long[] DEEPENED_IN_PLACE_CASES = new long[1];

  /** Cases in which an event followed a packed row along a {@code =>} edge (counts as above). */
  static final long[] CONTIGUOUS_ROW_CASES = new long[1];

  /** Cases whose engine worked a row's aggregates out from its events (counts as above). */
  static final long[] AGGREGATE_ROW_CASES = new long[1];

  /** Cases whose engine looked rows up in the index of a position after the start (as above). */
  static final long[] LATER_INDEX_CASES = new long[1];

  /** Cases in which a packed row started under {@code within N events} (counts as above). */
  static final long[] COUNTED_ROW_CASES = new long[1];

  /** Cases in which a negation's column left a run as it was (counts as above). */
  static final long[] NEGATION_COLUMN_CASES = new long[1];

  static final long[] KEYED_LOADS = new long[1];

  /**
   * An application's store of partitions, as the Kafka module keeps them: each (pattern, key)'s
   * state, and an index of their earliest deadlines, from which it gives the engine the partitions
   * whose windows close before its time passes them.
   */
  static final class KeyedStore implements PartitionStore {
    private final Map<String, byte[]> states = new TreeMap<>();
    private final Map<String, Long> deadlines = new HashMap<>();
    private final TreeSet<String> timers = new TreeSet<>();
    long loads;

    private static String id(String pattern, byte[] key) {
      return pattern + "/" + Base64.getEncoder().encodeToString(key);
    }

    private static String timer(long deadline, String id) {
      // Deadlines are within ±2^53, so an offset of 2^60 keeps them positive and the same width.
      return String.format("%020d %s", deadline + (1L << 60), id);
    }

    @Override
    public byte[] load(String pattern, byte[] key) {
      byte[] state = states.get(id(pattern, key));
      if (state != null) {
        loads++;
      }
      return state;
    }

    void take(Engine engine) {
      engine.changedPartitions(
          s -> {
            String id = id(s.pattern(), s.key());
            Long old = deadlines.remove(id);
            if (old != null) {
              timers.remove(timer(old, id));
            }
            if (s.isEmpty()) {
              states.remove(id);
              return;
            }
            states.put(id, s.state());
            if (s.deadline() != Long.MAX_VALUE) {
              deadlines.put(id, s.deadline());
              timers.add(timer(s.deadline(), id));
            }
          });
    }

    /** Every partition whose earliest deadline is at or before {@code time}. */
    @Override
    public void due(long time, BiConsumer<String, byte[]> partition) {
      for (String t : timers.headSet(timer(time, "\uffff"), true)) {
        String id = t.substring(t.indexOf(' ') + 1);
        int slash = id.lastIndexOf('/');
        partition.accept(
            id.substring(0, slash), Base64.getDecoder().decode(id.substring(slash + 1)));
      }
    }

    void loadAll(Engine engine) {
      for (String id : states.keySet()) {
        load(engine, id);
      }
    }

    private static void load(Engine engine, String id) {
      int slash = id.lastIndexOf('/');
      try {
        engine.loadPartition(
            id.substring(0, slash), Base64.getDecoder().decode(id.substring(slash + 1)));
      } catch (SnapshotException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * A new engine restored from a snapshot of {@code engine}, its output going to {@code out}; with
   * a store, from the shared part, its partitions left in the store.
   */
  private static Engine restored(
      Engine.Builder builder, Engine engine, List<Event> out, KeyedStore store) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (store != null) {
        store.take(engine);
        engine.snapshotShared(bytes);
      } else {
        engine.snapshot(bytes);
      }
      Engine restored = builder.restore(new ByteArrayInputStream(bytes.toByteArray()));
      restored.subscribe("*", out::add);
      return restored;
    } catch (IOException | SnapshotException e) {
      throw new IllegalStateException("snapshot and restore failed: " + e, e);
    }
  }

  /** The reference evaluator's outputs for events as they arrive at an engine with this delay. */
  static ReferenceEvaluator.Outcome reference(String source, List<Event> arrivals, long maxDelay) {
    return ReferenceEvaluator.evaluateBoth(
        parse(source), ReferenceEvaluator.processingOrder(arrivals, maxDelay));
  }

  /** The reference evaluator's output at the end of the input (in time order, no delay). */
  static List<Event> reference(String source, List<Event> input) {
    return reference(source, input, 0).drained();
  }

  static Script parse(String source) {
    ParseResult p = SourceParser.parse(new Source("case.motif", source));
    if (p.hasErrors()) {
      throw new IllegalArgumentException("does not parse: " + p.diagnostics() + "\n" + source);
    }
    return p.script();
  }
}
