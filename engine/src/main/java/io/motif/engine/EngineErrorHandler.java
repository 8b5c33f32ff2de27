package io.motif.engine;

/** Told about failures that the engine survives: a subscriber or a function that threw. */
@FunctionalInterface
public interface EngineErrorHandler {
  void onError(String message, Throwable cause);
}
