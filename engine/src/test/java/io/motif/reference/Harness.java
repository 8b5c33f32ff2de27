package io.motif.reference;

import io.motif.ast.Script;
import io.motif.engine.Compilation;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.Motif;
import io.motif.engine.SnapshotException;
import io.motif.function.FunctionRegistry;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one Motif program over one input through the engine and through the reference. */
final class Harness {
  /** The standard functions, loaded once (loading them scans the class path). */
  static final FunctionRegistry FUNCTIONS = FunctionRegistry.standard();

  /**
   * The last programs compiled, by text: the differential test runs each program over several
   * inputs (a compiled script is immutable, and each engine deploys it anew).
   */
  private static final Map<String, Compilation> COMPILED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compilation> eldest) {
          return size() > 8;
        }
      };

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
      return "after finish() the engine still holds "
          + stats.partialMatches()
          + " partial matches, "
          + stats.partitions()
          + " partitions, "
          + stats.buffered()
          + " buffered events";
    }
  }

  /**
   * Compiles with {@link Motif#compile} and runs the engine: sends every event, then, when {@code
   * drainFirst}, {@code drain()} (the output so far is {@link EngineRun#drained()}), then {@code
   * finish()}. Output is everything subscribers saw, in order.
   */
  static EngineRun engine(String source, List<Event> input, long maxDelay, boolean drainFirst) {
    return engine(source, input, maxDelay, drainFirst, -1, Limits.DEFAULT);
  }

  /**
   * As {@link #engine(String, List, long, boolean)}, with these bounds, and, when {@code
   * snapshotAt} is not -1, a snapshot taken after that many events were sent and restored into a
   * new engine (built with the same settings, subscribed again) that receives the rest.
   */
  static EngineRun engine(
      String source,
      List<Event> input,
      long maxDelay,
      boolean drainFirst,
      int snapshotAt,
      Limits limits) {
    Compilation c =
        COMPILED.computeIfAbsent(source, text -> Motif.compile("case.motif", text, FUNCTIONS));
    if (c.hasErrors()) {
      throw new IllegalArgumentException("does not compile:\n" + c.render() + "\n" + source);
    }
    Engine.Builder builder =
        Engine.builder().maxDelay(maxDelay).limits(limits).functions(FUNCTIONS);
    Engine engine = builder.build();
    engine.deploy(c.script());
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    for (int i = 0; i < input.size(); i++) {
      if (i == snapshotAt) {
        engine = restored(builder, engine, out);
      }
      engine.send(input.get(i));
    }
    if (snapshotAt == input.size()) {
      engine = restored(builder, engine, out);
    }
    List<Event> drained = null;
    if (drainFirst) {
      engine.drain();
      drained = List.copyOf(out);
    }
    engine.finish();
    return new EngineRun(drained, List.copyOf(out), engine.stats());
  }

  /** A new engine restored from a snapshot of {@code engine}, its output going to {@code out}. */
  private static Engine restored(Engine.Builder builder, Engine engine, List<Event> out) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      engine.snapshot(bytes);
      Engine restored = builder.restore(new ByteArrayInputStream(bytes.toByteArray()));
      restored.subscribe("*", out::add);
      return restored;
    } catch (IOException | SnapshotException e) {
      throw new IllegalStateException("snapshot and restore failed: " + e, e);
    }
  }

  /** The reference evaluator's outputs for events as they arrive at an engine with this delay. */
  static ReferenceEvaluator.Outcome reference(String source, List<Event> arrivals, long maxDelay) {
    return ReferenceEvaluator.evaluateBoth(
        parse(source), ReferenceEvaluator.processingOrder(arrivals, maxDelay));
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
