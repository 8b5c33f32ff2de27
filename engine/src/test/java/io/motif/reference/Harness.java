package io.motif.reference;

import io.motif.ast.Script;
import io.motif.ast.Statement;
import io.motif.engine.Compilation;
import io.motif.engine.Engine;
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

  /** What the engine did: its output, and its live partial matches once every window closed. */
  record EngineRun(List<Event> output, long partialsAfterWindows, long partitionsAfterWindows,
      boolean allWindowsTimed) {}

  /**
   * Compiles with {@link Motif#compile} and runs the engine: send every event, then (when every
   * pattern has a time window) move time past the last window and read the partial-match count,
   * then {@code finish()}. Output is everything subscribers saw, in order.
   */
  static EngineRun engine(String source, List<Event> input) {
    return engine(source, input, 0);
  }

  static EngineRun engine(String source, List<Event> input, long maxDelay) {
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
    long window = largestTimeWindow(parse(source));
    long partials = -1;
    long partitions = -1;
    if (window >= 0) {
      long last = 0;
      for (Event e : input) {
        last = Math.max(last, e.time());
      }
      engine.advanceTime(last + window + 1);
      partials = engine.stats().partialMatches();
      partitions = engine.stats().partitions();
    }
    engine.finish();
    return new EngineRun(out, partials, partitions, window >= 0);
  }

  /** The reference evaluator's output. */
  static List<Event> reference(String source, List<Event> input) {
    return reference(source, input, 0);
  }

  /** The reference evaluator's output for events as they arrive at an engine with this delay. */
  static List<Event> reference(String source, List<Event> arrivals, long maxDelay) {
    return ReferenceEvaluator.evaluate(parse(source),
        ReferenceEvaluator.processingOrder(arrivals, maxDelay));
  }

  static Script parse(String source) {
    ParseResult p = SourceParser.parse(new Source("case.motif", source));
    if (p.hasErrors()) {
      throw new IllegalArgumentException("does not parse: " + p.diagnostics() + "\n" + source);
    }
    return p.script();
  }

  /** The largest {@code within} duration, or -1 when some pattern has no time window. */
  static long largestTimeWindow(Script script) {
    long largest = -1;
    boolean any = false;
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        any = true;
        if (!(p.within() instanceof Statement.TimeWindow t)) {
          return -1;
        }
        largest = Math.max(largest, t.millis());
      }
    }
    return any ? largest : -1;
  }
}
