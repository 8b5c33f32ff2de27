package io.motif.engine.runtime;

import io.motif.engine.EngineErrorHandler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One engine's count of function calls that threw, by function name (a call that throws gives
 * null), each failure also told to the engine's error handler. Single-threaded, as the engine is.
 */
final class FunctionFailures {
  private final EngineErrorHandler handler;
  private final Map<String, long[]> counts = new LinkedHashMap<>();

  FunctionFailures(EngineErrorHandler handler) {
    this.handler = handler;
  }

  void failed(String function, RuntimeException cause) {
    long n = ++counts.computeIfAbsent(function, k -> new long[1])[0];
    try {
      handler.onError(
          "function "
              + function
              + " failed ("
              + cause
              + "); the call gives null"
              + (n == 1 ? "" : " (failure " + n + " of " + function + ")"),
          cause);
    } catch (RuntimeException handlerFailed) {
      // the error handler itself failed: nothing left to tell
    }
  }

  /** The failures so far, by function, in the order the functions first failed. */
  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((name, n) -> out.put(name, n[0]));
    return Collections.unmodifiableMap(out);
  }
}
