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
}
