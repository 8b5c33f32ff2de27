package io.motif.engine.automaton;

import io.motif.engine.EventSchema;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.engine.plan.PlanFingerprint;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled source as the runtime reads it: the checked script, one automaton per pattern in
 * declaration order, and each pattern's fingerprint. The API's {@code CompiledScript} wraps it and
 * hands out only API types; it is public only for the runtime package.
 */
public final class CompiledRules {
  private final Source source;
  private final CheckedScript checked;
  private final List<Automaton> automata;
  private final Map<String, Automaton> byName;
  private final Map<String, String> fingerprints;
  private final EventSchema schema;

  /** Fingerprints every automaton's plan against the script's declared types. */
  public CompiledRules(Source source, CheckedScript checked, List<Automaton> automata) {
    this.source = source;
    this.checked = checked;
    this.automata = List.copyOf(automata);
    Map<String, Automaton> names = new LinkedHashMap<>();
    Map<String, String> fp = new LinkedHashMap<>();
    for (Automaton a : this.automata) {
      names.put(a.name(), a);
      fp.put(a.name(), PlanFingerprint.of(a.plan(), checked.eventTypes()));
    }
    this.byName = Collections.unmodifiableMap(names);
    this.fingerprints = Collections.unmodifiableMap(fp);
    List<EventType> types = new ArrayList<>();
    for (EventTypeDecl info : checked.eventTypes().values()) {
      Map<String, FieldType> fields = new LinkedHashMap<>();
      info.fields().forEach((name, type) -> fields.put(name, FieldType.valueOf(type.name())));
      types.add(new EventType(info.name(), fields));
    }
    this.schema = EventSchema.of(types);
  }

  /** The declared event types in declaration order, with the conversion of values to them. */
  public EventSchema schema() {
    return schema;
  }

  /** The source the rules were compiled from. */
  public Source source() {
    return source;
  }

  /** The checker's result: types, constants, patterns and tests. */
  public CheckedScript checked() {
    return checked;
  }

  /** The declared event types by name. */
  public Map<String, EventTypeDecl> eventTypes() {
    return checked.eventTypes();
  }

  /** The automata, in declaration order. */
  public List<Automaton> automata() {
    return automata;
  }

  /** The automaton of a pattern, or null. */
  public Automaton automaton(String pattern) {
    return byName.get(pattern);
  }

  /** A pattern's fingerprint, or null when there is no such pattern. */
  public String fingerprint(String pattern) {
    return fingerprints.get(pattern);
  }

  /** Every pattern's fingerprint, by name, in declaration order. */
  public Map<String, String> fingerprints() {
    return fingerprints;
  }
}
