package io.motif.engine.runtime;

import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each event to the patterns that read its type, in declaration order, with the type's
 * number in each (so that patterns test types by comparing ints).
 */
final class Router {
  /** Per event type, the patterns that read it and the type's number in each. */
  private final Map<String, Route> byType = new HashMap<>();

  private record Route(PatternRuntime[] targets, int[] localTypes) {}

  /** After a deployment changed: the routes of the deployed patterns, in their order. */
  void reindex(List<PatternRuntime> patterns) {
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
    lists.forEach(
        (t, list) -> {
          PatternRuntime[] targets = list.toArray(new PatternRuntime[0]);
          int[] local = new int[targets.length];
          for (int i = 0; i < targets.length; i++) {
            local[i] = targets[i].localType(t);
          }
          byType.put(t.intern(), new Route(targets, local)); // input types are mostly interned
        });
  }

  /** Whether some pattern reads events of {@code type}. */
  boolean routes(String type) {
    return byType.containsKey(type);
  }

  /** Hands event {@code e}, number {@code seq} in the engine's order, to its patterns. */
  void route(Event e, long seq) {
    Route r = byType.get(e.type());
    if (r == null) {
      return;
    }
    PatternRuntime[] targets = r.targets();
    int[] local = r.localTypes();
    for (int i = 0; i < targets.length; i++) {
      targets[i].onEvent(e, seq, local[i]);
    }
  }
}
