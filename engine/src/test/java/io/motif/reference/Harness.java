package io.motif.reference;

import io.motif.ast.Script;
import io.motif.engine.Compilation;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;

/** Runs one Motif program over one input through the engine and through the reference. */
final class Harness {
  private Harness() {}

  /**
   * What the engine did: its output at the end of the input ({@code drain()}; null when the run
   * went straight to {@code finish()}), its output at the end of time ({@code finish()}), and its
   * counters once finished.
   */
  record EngineRun(List<Event> drained, List<Event> finished, EngineStats stats) {
    /** What is left in the engine after the end of time, or null when nothing is. */
    String leftovers() {
      if (stats.partialMatches() == 0 && stats.partitions() == 0 && stats.buffered() == 0) {
        return null;
      }
      return "after finish() the engine still holds " + stats.partialMatches()
          + " partial matches, " + stats.partitions() + " partitions, " + stats.buffered()
          + " buffered events";
    }
  }

  /**
   * Compiles with {@link Motif#compile} and runs the engine: sends every event, then, when
   * {@code drainFirst}, {@code drain()} (the output so far is {@link EngineRun#drained()}), then
   * {@code finish()}. Output is everything subscribers saw, in order.
   */
  static EngineRun engine(String source, List<Event> input, long maxDelay, boolean drainFirst) {
    Compilation c = Motif.compile("case.motif", source);
    if (c.hasErrors()) {
      throw new IllegalArgumentException("does not compile:\n" + c.render() + "\n" + source);
    }
    Engine engine = Engine.builder().maxDelay(maxDelay).build();
    engine.deploy(c.script());
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    for (Event e : input) {
      engine.send(e);
    }
    List<Event> drained = null;
    if (drainFirst) {
      engine.drain();
      drained = List.copyOf(out);
    }
    engine.finish();
    return new EngineRun(drained, List.copyOf(out), engine.stats());
  }

  /** The reference evaluator's outputs for events as they arrive at an engine with this delay. */
  static ReferenceEvaluator.Outcome reference(String source, List<Event> arrivals, long maxDelay) {
    return ReferenceEvaluator.evaluateBoth(parse(source),
        ReferenceEvaluator.processingOrder(arrivals, maxDelay));
  }

  /** The reference evaluator's output at the end of the input (in time order, no delay). */
  static List<Event> reference(String source, List<Event> input) {
    return reference(source, input, 0).drained();
  }

  static Script parse(String source) {
    ParseResult p = SourceParser.parse(new Source("case.motif", source));
    if (p.hasErrors()) {
      throw new IllegalArgumentException("does not parse: " + p.diagnostics() + "\n" + source);
    }
    return p.script();
  }
}
