package io.motif.engine;

/** Told about failures that the engine survives: a subscriber or a function that threw. */
@FunctionalInterface
public interface EngineErrorHandler {
  /** Told of one failure: what failed, in a sentence, and the exception (or null). */
  void onError(String message, Throwable cause);
}
