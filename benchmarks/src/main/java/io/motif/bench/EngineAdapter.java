package io.motif.bench;

import java.util.List;

/**
 * One engine behind the benchmarks. The lifecycle is: {@link #setup} once per workload (compile the
 * pattern, convert the stream into the engine's own events), then any number of runs, each {@link
 * #reset} (a fresh engine with no state) followed by {@link #send} for every event in order.
 *
 * <p>Every adapter expresses the workload's pattern in its engine's own language and says, in
 * {@link #semantics}, which semantics that expression has. Where it has Motif's semantics ({@link
 * #sameSemanticsAsMotif}), the suite checks that it reports the same number of matches as Motif and
 * the hand-written loop, and fails otherwise.
 */
public interface EngineAdapter extends AutoCloseable {
  /** The engine names, as the {@code engine} parameter takes them. */
  List<String> ENGINES = List.of("motif", "esper", "flink", "siddhi", "limit");

  /** Whether this engine can express the workload's pattern at all. */
  boolean supports(Workload w);

  /**
   * Whether the engine's expression of the pattern has Motif's semantics (LANGUAGE.md §4, §8) on
   * this workload, so that the match counts must agree.
   */
  boolean sameSemanticsAsMotif(Workload w);

  /** The pattern as the engine is given it, and the semantics it has. */
  String semantics(Workload w);

  /** Compiles the pattern and converts the workload's events; not measured. */
  void setup(Workload w) throws Exception;

  /** Drops all state: the next event is the first the engine sees. Not measured. */
  void reset() throws Exception;

  /** Sends event number {@code i} of the workload (in the engine's own form, built by setup). */
  void send(int i) throws Exception;

  /** Matches reported since the last reset. */
  long matches();

  /** Live partial matches now, or -1 when the engine does not tell. */
  default long partialMatches() {
    return -1;
  }

  @Override
  default void close() throws Exception {}

  /**
   * The adapter for an engine name; peers load by name so the default build compiles without them.
   */
  static EngineAdapter create(String engine) {
    return switch (engine) {
      case "motif" -> new MotifAdapter();
      case "limit" -> new LimitAdapter();
      case "esper" -> load("io.motif.bench.peers.EsperAdapter");
      case "flink" -> load("io.motif.bench.peers.FlinkAdapter");
      case "siddhi" -> load("io.motif.bench.peers.SiddhiAdapter");
      default ->
          throw new IllegalArgumentException("unknown engine " + engine + "; one of " + ENGINES);
    };
  }

  /** Whether a peer's adapter is on the class path (built with {@code -Ppeers}). */
  static boolean available(String engine) {
    try {
      create(engine);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static EngineAdapter load(String className) {
    try {
      return (EngineAdapter) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new IllegalStateException(
          className + " is not built: build with -Ppeers (run.sh does)");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
