package io.motif.bench.peers;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import io.motif.bench.EngineAdapter;
import io.motif.bench.Workload;

/**
 * Esper 9 (compiler + runtime) with an external clock: the internal timer is off and the adapter
 * advances the runtime's time to each event's timestamp before sending it. Events are object-array
 * events (Esper's cheapest representation), one event type per type name, built once in setup.
 *
 * <p>Semantics: an EPL pattern {@code every a=A -> ...}: {@code every} starts a new sub-expression
 * at each A, and a filter without {@code every} takes the first event that satisfies it
 * (skip-till-next-match); partitioning is the key equality in each filter, which Esper indexes.
 * {@code timer:within(W)} ends the sub-expression when the clock reaches start + W, before an event
 * at that time is seen; Motif's {@code within W} includes its end, so the adapter gives Esper
 * {@code W + 1 ms} (times are whole milliseconds). The absence uses {@code timer:interval(W + 1 ms)
 * and not B}, which completes when the clock passes the window's end, as Motif's does. W1, W2, W4
 * and W5 have Motif's semantics. W3 is not expressed: an EPL pattern cannot compare a repeated
 * element with the one before it ({@code [1:] b=B(...) until C} has no {@code prev}), and
 * MATCH_RECOGNIZE is strictly contiguous. W8 neither: EPL patterns have no skip-till-any-match.
 */
public final class EsperAdapter implements EngineAdapter {
  private Configuration config;
  private EPCompiled compiled;
  private Object[][] data;
  private String[] typeNames;
  private long[] times;
  private EPRuntime runtime;
  private EPEventService events;
  private long now;
  private long matches;
  private int runtimes;
  private long offset;
  private long span;

  static String epl(Workload w) {
    long within = w.windowMillis + 1;
    String body =
        switch (w.shape) {
          case SEQ2 -> "every a=A -> b=B(key=a.key, x>a.x) where timer:within(" + within + " msec)";
          case SEQ4 ->
              "every a=A -> (B(key=a.key) -> C(key=a.key) -> D(key=a.key))"
                  + " where timer:within("
                  + within
                  + " msec)";
          case NEGATION ->
              "every a=A -> (C(key=a.key) and not B(key=a.key))"
                  + " where timer:within("
                  + within
                  + " msec)";
          case ABSENCE -> "every a=A -> (timer:interval(" + within + " msec) and not B(key=a.key))";
          default -> throw new IllegalArgumentException("Esper: not expressed: " + w.shape);
        };
    return "@name('P') select a.key as key from pattern [" + body + "]";
  }

  @Override
  public boolean supports(Workload w) {
    return w.shape != Workload.Shape.RISING && w.shape != Workload.Shape.ANY_REPEAT;
  }

  @Override
  public boolean sameSemanticsAsMotif(Workload w) {
    return supports(w);
  }

  @Override
  public String semantics(Workload w) {
    return supports(w)
        ? epl(w) + "  -- skip-till-next-match per A; Motif's semantics"
        : "not expressed";
  }

  @Override
  public void setup(Workload w) throws Exception {
    config = new Configuration();
    config.getRuntime().getThreading().setInternalTimerEnabled(false);
    config.getRuntime().getLogging().setEnableExecutionDebug(false);
    config.getCommon().getLogging().setEnableQueryPlan(false);
    for (String t : Workload.TYPE_NAMES) {
      config
          .getCommon()
          .addEventType(
              t,
              new String[] {"key", "x", "price"},
              new Object[] {long.class, long.class, double.class});
    }
    compiled = EPCompilerProvider.getCompiler().compile(epl(w), new CompilerArguments(config));
    data = new Object[w.size][];
    typeNames = new String[w.size];
    times = w.time;
    span = w.time[w.size - 1] - Workload.T0 + 2 * w.windowMillis + 10;
    for (int i = 0; i < w.size; i++) {
      data[i] = new Object[] {w.key[i], w.x[i], w.price[i]};
      typeNames[i] = Workload.TYPE_NAMES[w.type[i]];
    }
  }

  /**
   * One runtime and one deployment per workload: Esper loads a deployment's generated classes
   * afresh, so a new deployment per run would measure the JIT compiling them again. Instead each
   * run is an epoch of its own: its times are shifted past the previous run's end plus the window,
   * and moving the clock there (untimed, here) fires every timer of the previous run, which ends
   * all its sub-expressions, so the run starts with no partial matches as a fresh runtime would.
   */
  @Override
  public void reset() throws Exception {
    if (runtime == null) {
      runtime = EPRuntimeProvider.getRuntime("motif-bench-" + runtimes++, config);
      events = runtime.getEventService();
      now = Workload.T0 - 1;
      events.advanceTime(now);
      EPDeployment d = runtime.getDeploymentService().deploy(compiled);
      d.getStatements()[0].addListener(
          (newEvents, oldEvents, statement, rt) -> {
            if (newEvents != null) {
              matches += newEvents.length;
            }
          });
    } else {
      offset += span;
      now = Workload.T0 - 1 + offset;
      events.advanceTime(now);
    }
    matches = 0;
  }

  @Override
  public void send(int i) {
    long t = times[i] + offset;
    if (t != now) {
      events.advanceTime(t);
      now = t;
    }
    events.sendEventObjectArray(data[i], typeNames[i]);
  }

  @Override
  public long matches() {
    return matches;
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.destroy();
      runtime = null;
    }
    offset = 0;
  }
}
