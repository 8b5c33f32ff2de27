package io.motif.engine;

import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.CompiledRules;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.EmitPlan;
import io.motif.engine.plan.KeyPath;
import io.motif.engine.plan.PatternPlan;
import io.motif.engine.plan.TestPlan;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled script: immutable, shareable between engines and threads. It describes itself in API
 * types only ({@link EventType}, {@link PatternInfo}, {@link TestCase}); the automata it holds are
 * read by the engine it is deployed into.
 */
public final class CompiledScript {
  private final CompiledRules rules;
  private final Map<String, EventType> eventTypes;
  private final Map<String, PatternInfo> patterns;
  private final List<TestCase> tests;

  CompiledScript(CompiledRules rules) {
    this.rules = rules;
    Map<String, EventType> types = new HashMap<>();
    rules.schema().types().forEach(types::put);
    this.eventTypes = Map.copyOf(types);
    Map<String, PatternInfo> infos = new LinkedHashMap<>();
    for (Automaton a : rules.automata()) {
      infos.put(a.name(), patternInfo(a.plan()));
    }
    this.patterns = Collections.unmodifiableMap(infos);
    List<TestCase> cases = new ArrayList<>();
    for (TestPlan t : rules.checked().tests()) {
      cases.add(new TestCase(t.name(), rules.source().line(t.offset()), t.given(), t.expect()));
    }
    this.tests = List.copyOf(cases);
  }

  /**
   * The event types the script declares, with the conversion of input values to their fields'
   * types: what event readers build events through.
   */
  public EventSchema schema() {
    return rules.schema();
  }

  /** The compiled rules, for the engine this script is deployed into. */
  CompiledRules rules() {
    return rules;
  }

  /**
   * A pattern's fingerprint, or null when there is no such pattern: 64 hex digits (SHA-256) of a
   * canonical rendering of its checked plan and the declarations of the event types it reads and
   * emits. Comments, layout, the order of the patterns and the other patterns do not change it; a
   * change to what the pattern does (match, conditions, {@code where}, window, skip, partition,
   * emit, {@code internal}, a constant or a declared type it reads) does. A restore keeps the
   * partial matches of the patterns whose fingerprints are unchanged ({@link
   * Engine.Builder#restore(java.io.InputStream, CompiledScript)}).
   */
  public String fingerprint(String pattern) {
    return rules.fingerprint(pattern);
  }

  /** Every pattern's fingerprint, by name, in declaration order. */
  public Map<String, String> fingerprints() {
    return rules.fingerprints();
  }

  /** The source the script was compiled from. */
  public Source source() {
    return rules.source();
  }

  /** Pattern names in declaration order. */
  public List<String> patternNames() {
    return List.copyOf(patterns.keySet());
  }

  /** Every pattern, in declaration order. */
  public List<PatternInfo> patterns() {
    return List.copyOf(patterns.values());
  }

  /** A pattern by name, or null when the script declares none of that name. */
  public PatternInfo pattern(String name) {
    return patterns.get(name);
  }

  /** Declared event types by name. */
  public Map<String, EventType> eventTypes() {
    return eventTypes;
  }

  /** The script's {@code test} blocks, in order. */
  public List<TestCase> tests() {
    return tests;
  }

  /** The constants, by name, with their values. */
  public Map<String, Object> constants() {
    return rules.checked().constants();
  }

  /**
   * A pattern's compiled automaton as text ({@code motif explain}): its positions (one per atom
   * occurrence), the transitions between them with their conditions, and its accepting positions.
   *
   * @throws IllegalArgumentException when the script has no pattern of that name
   */
  public String explain(String pattern) {
    return automaton(pattern).explain();
  }

  /**
   * A pattern's compiled automaton as a Graphviz DOT graph ({@code motif explain --format dot}).
   *
   * @throws IllegalArgumentException when the script has no pattern of that name
   */
  public String explainDot(String pattern) {
    return automaton(pattern).toDot();
  }

  private Automaton automaton(String pattern) {
    Automaton a = rules.automaton(pattern);
    if (a == null) {
      throw new IllegalArgumentException(
          "no pattern named "
              + pattern
              + "; the patterns are "
              + String.join(", ", patterns.keySet()));
    }
    return a;
  }

  private static PatternInfo patternInfo(PatternPlan plan) {
    List<PartitionKey> keys = new ArrayList<>();
    for (KeyPath k : plan.partitionBy()) {
      keys.add(new PartitionKey(k.eventType(), k.path()));
    }
    List<PatternInfo.Output> outputs = new ArrayList<>();
    if (plan.emit() != null) {
      outputs.add(output(plan.emit(), false));
    } else {
      // the default output: an event named after the pattern, one field per positive binding
      List<String> fields = new ArrayList<>();
      for (BindingDecl b : plan.bindings()) {
        if (!b.negated() && !fields.contains(b.name())) {
          fields.add(b.name());
        }
      }
      outputs.add(new PatternInfo.Output(plan.name(), fields, false));
    }
    if (plan.onTimeout() != null) {
      outputs.add(output(plan.onTimeout(), true));
    }
    return new PatternInfo(
        plan.name(),
        plan.streamTypes(),
        keys,
        outputs,
        plan.windowMillis(),
        plan.windowEvents(),
        plan.internal());
  }

  private static PatternInfo.Output output(EmitPlan emit, boolean onTimeout) {
    List<String> fields = new ArrayList<>();
    for (EmitPlan.EmitField f : emit.fields()) {
      fields.add(f.name());
    }
    return new PatternInfo.Output(emit.type(), fields, onTimeout);
  }
}
