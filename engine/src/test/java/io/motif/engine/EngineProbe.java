package io.motif.engine;

/** For tests outside this package: what an engine did that its API does not say. */
public final class EngineProbe {
  private EngineProbe() {}

  /**
   * Steps that visited only the rows their partition's order gave (Engine.Builder#orderRowsFrom).
   */
  public static long orderedSteps(Engine engine) {
    return engine.orderedSteps();
  }

  /** Packed rows that took an event and stayed packed rows, one event deeper. */
  public static long laterRows(Engine engine) {
    return engine.laterRows();
  }

  /** Of {@link #laterRows}, those that took a repeated binding's event. */
  public static long repeatedRows(Engine engine) {
    return engine.repeatedRows();
  }

  /** Runs an event left as they were by their negation's column, and steps indexed by one. */
  public static long negationColumnSkips(Engine engine) {
    return engine.negationColumnSkips();
  }

  /** Runs made from packed rows whose aggregates were worked out from the rows' events. */
  public static long aggregateRows(Engine engine) {
    return engine.aggregateRows();
  }

  /** Of {@link #orderedSteps}, those that looked rows up at a position after the start. */
  public static long laterIndexSteps(Engine engine) {
    return engine.laterIndexSteps();
  }

  /** Packed rows started under {@code within N events}, whose window counts events. */
  public static long countedRows(Engine engine) {
    return engine.countedRows();
  }

  /** Packed rows that an event of the type of a {@code =>} edge out of them followed at once. */
  public static long contiguousRowSteps(Engine engine) {
    return engine.contiguousRowSteps();
  }

  /** Of {@link #laterRows}, those made deeper where they stood, the partition not rewritten. */
  public static long deepenedInPlace(Engine engine) {
    return engine.deepenedInPlace();
  }

  /** Matches emitted from packed rows of more than one event, with no run made. */
  public static long laterRowMatches(Engine engine) {
    return engine.laterRowMatches();
  }
}
