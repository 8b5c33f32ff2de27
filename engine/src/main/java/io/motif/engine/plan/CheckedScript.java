package io.motif.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checker's result for a whole script: declared types, constants, patterns and tests. */
public record CheckedScript(
    Map<String, EventTypeDecl> eventTypes,
    Map<String, Object> constants,
    List<PatternPlan> patterns,
    List<TestPlan> tests) {
  public CheckedScript {
    eventTypes = Map.copyOf(eventTypes);
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    patterns = List.copyOf(patterns);
    tests = List.copyOf(tests);
  }
}
