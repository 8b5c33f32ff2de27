package io.motif.engine;

import io.motif.engine.automaton.Automaton;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.TestPlan;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compiled script: immutable, shareable between engines and threads. */
public final class CompiledScript {
  private final Source source;
  private final CheckedScript checked;
  private final List<Automaton> automata;
  /** Per pattern, its fingerprint (see {@link #fingerprint}), in declaration order. */
  private final Map<String, String> fingerprints;
  private final EventSchema schema;

  CompiledScript(Source source, CheckedScript checked, List<Automaton> automata) {
    this.source = source;
    this.checked = checked;
    this.automata = List.copyOf(automata);
    Map<String, String> fp = new java.util.LinkedHashMap<>();
    for (Automaton a : this.automata) {
      fp.put(a.name(), io.motif.engine.plan.PlanFingerprint.of(a.plan(), checked.eventTypes()));
    }
    this.fingerprints = java.util.Collections.unmodifiableMap(fp);
    this.schema = schemaOf(checked.eventTypes());
  }

  private static EventSchema schemaOf(Map<String, EventTypeInfo> declared) {
    List<EventSchema.DeclaredType> types = new ArrayList<>();
    for (EventTypeInfo info : declared.values()) {
      Map<String, EventSchema.FieldType> fields = new LinkedHashMap<>();
      info.fields().forEach((f, t) -> fields.put(f, EventSchema.FieldType.valueOf(t.name())));
      types.add(new EventSchema.DeclaredType(info.name(), fields));
    }
    return EventSchema.of(types);
  }

  /**
   * The event types the script declares, with the conversion of input values to their fields'
   * types: what event readers build events through.
   */
  public EventSchema schema() {
    return schema;
  }

  /**
   * A pattern's fingerprint, or null when there is no such pattern: 64 hex digits (SHA-256) of a
   * canonical rendering of its checked plan and the declarations of the event types it reads and
   * emits. Comments, layout, the order of the patterns and the other patterns do not change it;
   * a change to what the pattern does (match, conditions, {@code where}, window, skip, partition,
   * emit, {@code internal}, a constant or a declared type it reads) does. A restore keeps the
   * partial matches of the patterns whose fingerprints are unchanged
   * ({@link Engine.Builder#restore(java.io.InputStream, CompiledScript)}).
   */
  public String fingerprint(String pattern) {
    return fingerprints.get(pattern);
  }

  /** Every pattern's fingerprint, by name, in declaration order. */
  public Map<String, String> fingerprints() {
    return fingerprints;
  }

  public Source source() {
    return source;
  }

  /** Pattern names in declaration order. */
  public List<String> patternNames() {
    List<String> names = new ArrayList<>();
    for (Automaton a : automata) {
      names.add(a.name());
    }
    return names;
  }

  /** Declared event types by name. */
  public Map<String, EventTypeInfo> eventTypes() {
    return checked.eventTypes();
  }

  /** The script's {@code test} blocks. */
  public List<TestPlan> tests() {
    return checked.tests();
  }

  /** The constants, by name, with their values. */
  public Map<String, Object> constants() {
    return checked.constants();
  }

  /** The compiled automaton of a pattern, or null. */
  public Automaton automaton(String pattern) {
    for (Automaton a : automata) {
      if (a.name().equals(pattern)) {
        return a;
      }
    }
    return null;
  }

  public List<Automaton> automata() {
    return automata;
  }
}
