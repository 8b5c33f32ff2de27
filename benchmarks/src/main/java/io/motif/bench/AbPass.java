package io.motif.bench;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.Motif;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One side of {@link AbHarness}: defined anew in the class loader of each build compared, so that
 * it runs that build's {@link MotifAdapter} (through the adapter's public methods only, which every
 * build since the benchmarks began has), or, given a match clause of its own, that build's engine
 * through the embedding API over the workload's events.
 */
public final class AbPass {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final MotifAdapter adapter;
  private final CompiledScript script;
  private final Event[] events;
  private final int size;
  private long matches;

  /** Compiles the workload's pattern and builds its events in this build. */
  public AbPass(String workload) throws Exception {
    this(workload, null);
  }

  /**
   * The workload's stream under {@code match} (its {@code match} clause, and a {@code within}
   * clause unless it has one: the workload's window then; and {@code emit M(key: a.key)} unless it
   * has an emit clause of its own, which must then emit {@code M}) when not null.
   */
  public AbPass(String workload, String match) throws Exception {
    Workload w = Workload.get(workload);
    size = w.size;
    if (match == null) {
      adapter = new MotifAdapter();
      adapter.setup(w);
      script = null;
      events = null;
      return;
    }
    adapter = null;
    String within = match.contains(" within ") ? "" : " within " + w.windowMillis + " ms";
    String source =
        "pattern P partition by key match "
            + match
            + (match.contains(" emit ") ? "\n" : within + " emit M(key: a.key)\n");
    Compilation c = Motif.compile("ab.motif", source);
    if (c.hasErrors()) {
      throw new IllegalArgumentException(c.render());
    }
    script = c.script();
    events = new Event[size];
    EventShape shape = EventShape.of("key", "x", "price");
    for (int i = 0; i < size; i++) {
      events[i] =
          Event.of(Workload.TYPE_NAMES[w.type[i]], w.time[i], shape, w.key[i], w.x[i], w.price[i]);
    }
  }

  /** Events per CPU-second of this thread over {@code passes} passes, each on a fresh engine. */
  public double run(int passes) throws Exception {
    long cpu = 0;
    for (int p = 0; p < passes; p++) {
      Engine engine = null;
      if (adapter != null) {
        adapter.reset();
      } else {
        engine = Engine.builder().build();
        engine.deploy(script);
        engine.subscribe("M", e -> matches++);
      }
      long t0 = CPU.getCurrentThreadCpuTime();
      if (adapter != null) {
        for (int i = 0; i < size; i++) {
          adapter.send(i);
        }
      } else {
        for (Event e : events) {
          engine.send(e);
        }
      }
      cpu += CPU.getCurrentThreadCpuTime() - t0;
    }
    return (double) size * passes / (cpu / 1e9);
  }
}
