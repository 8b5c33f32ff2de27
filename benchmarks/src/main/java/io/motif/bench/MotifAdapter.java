package io.motif.bench;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.Motif;

/**
 * Motif through its embedding API: one compiled script, a fresh {@link Engine} per run, events
 * built once as {@link Event}s. Semantics: the reference semantics of LANGUAGE.md — {@code ->}
 * skip-till-next-match, {@code ->>} skip-till-any-match, every event that can start the pattern
 * starts an attempt, no skip policy (all matches), {@code within} inclusive of its end.
 */
public final class MotifAdapter implements EngineAdapter {
  private CompiledScript script;
  private Event[] events;
  private Engine engine;
  private long matches;

  /** The Motif source of a workload's pattern. */
  public static String source(Workload w) {
    String within = " within " + w.windowMillis + " ms";
    String match =
        switch (w.shape) {
          case SEQ2 -> "a: A -> b: B(x > a.x)";
          case SEQ4 -> "a: A -> B -> C -> D";
          case RISING -> "a: A -> b: B(price > prev.price)+ -> C";
          case NEGATION -> "a: A -> not B -> C";
          case ABSENCE -> "a: A -> not B";
          case ANY_REPEAT -> "a: A ->> b: B+ ->> C";
        };
    return "pattern P partition by key match " + match + within + " emit M(key: a.key)";
  }

  @Override
  public boolean supports(Workload w) {
    return true;
  }

  @Override
  public boolean sameSemanticsAsMotif(Workload w) {
    return true;
  }

  @Override
  public String semantics(Workload w) {
    return source(w) + "  -- the reference semantics (LANGUAGE.md §4, §8)";
  }

  @Override
  public void setup(Workload w) {
    Compilation c = Motif.compile("bench.motif", source(w));
    if (c.hasErrors()) {
      throw new IllegalStateException(c.render());
    }
    script = c.script();
    events = new Event[w.size];
    EventShape shape = EventShape.of("key", "x", "price");
    for (int i = 0; i < w.size; i++) {
      events[i] =
          Event.of(Workload.TYPE_NAMES[w.type[i]], w.time[i], shape, w.key[i], w.x[i], w.price[i]);
    }
  }

  @Override
  public void reset() {
    engine = Engine.builder().build();
    engine.deploy(script);
    matches = 0;
    engine.subscribe("M", e -> matches++);
  }

  @Override
  public void send(int i) {
    engine.send(events[i]);
  }

  @Override
  public long matches() {
    return matches;
  }

  @Override
  public long partialMatches() {
    return engine.stats().partialMatches();
  }
}
