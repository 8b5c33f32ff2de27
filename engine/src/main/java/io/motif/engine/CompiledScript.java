package io.motif.engine;

import io.motif.engine.automaton.Automaton;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.TestPlan;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A compiled script: immutable, shareable between engines and threads. */
public final class CompiledScript {
  private final Source source;
  private final CheckedScript checked;
  private final List<Automaton> automata;

  CompiledScript(Source source, CheckedScript checked, List<Automaton> automata) {
    this.source = source;
    this.checked = checked;
    this.automata = List.copyOf(automata);
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
