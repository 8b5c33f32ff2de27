package io.motif.bench.peers;

import io.motif.bench.EngineAdapter;
import io.motif.bench.Workload;
import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.stream.output.StreamCallback;
import java.util.List;

/**
 * Siddhi 5.1 in playback mode ({@code @app:playback}: time is the events' timestamps, no wall
 * clock), one input stream per type, the pattern inside {@code partition with (key of ...)}, events
 * sent synchronously through each stream's input handler with their timestamp. Matches are counted
 * by a callback on the output stream. A fresh app runtime per run.
 *
 * <p>Semantics: {@code every a=A -> b=B[...]}: each A starts a partial match that takes the first
 * following B that satisfies the filter (skip-till-next-match); {@code within} is checked against
 * the first event of the match. See {@link #semantics} per workload.
 */
public final class SiddhiAdapter implements EngineAdapter {
  private SiddhiManager manager;
  private String app;
  private Object[][] data;
  private byte[] types;
  private long[] times;
  private SiddhiAppRuntime runtime;
  private InputHandler[] inputs;
  private long matches;
  private int apps;

  static String query(Workload w) {
    String within = " within " + w.windowMillis + " milliseconds";
    return switch (w.shape) {
      case SEQ2 -> "from every a=A -> b=B[x > a.x]" + within;
      case SEQ4 -> "from every a=A -> b=B -> c=C -> d=D" + within;
      case RISING ->
          "from every a=A -> b=B[price > a.price and (b[last].price is null or price > b[last].price)]<1:>"
              + " -> c=C"
              + within;
      case NEGATION -> "from every a=A -> not B and c=C" + within;
      case ABSENCE -> "from every a=A -> not B for " + (w.windowMillis + 1) + " milliseconds";
      default -> throw new IllegalArgumentException("Siddhi: not expressed: " + w.shape);
    };
  }

  static String app(Workload w) {
    StringBuilder sb = new StringBuilder("@app:name('bench') @app:playback\n");
    for (String t : Workload.TYPE_NAMES) {
      sb.append("define stream ").append(t).append(" (key long, x long, price double);\n");
    }
    List<String> used = w.patternTypes();
    sb.append("partition with (");
    for (int i = 0; i < used.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("key of ").append(used.get(i));
    }
    sb.append(")\nbegin\n  ")
        .append(query(w))
        .append("\n  select a.key as key insert into Out;\nend;\n");
    return sb.toString();
  }

  @Override
  public boolean supports(Workload w) {
    return w.shape != Workload.Shape.ANY_REPEAT;
  }

  @Override
  public boolean sameSemanticsAsMotif(Workload w) {
    return supports(w);
  }

  @Override
  public String semantics(Workload w) {
    return supports(w) ? query(w).replace('\n', ' ') : "not expressed";
  }

  @Override
  public void setup(Workload w) {
    manager = new SiddhiManager();
    app = app(w);
    data = new Object[w.size][];
    types = w.type;
    times = w.time;
    for (int i = 0; i < w.size; i++) {
      data[i] = new Object[] {w.key[i], w.x[i], w.price[i]};
    }
  }

  @Override
  public void reset() {
    if (runtime != null) {
      runtime.shutdown();
    }
    runtime = manager.createSiddhiAppRuntime(app.replace("'bench'", "'bench" + apps++ + "'"));
    matches = 0;
    runtime.addCallback(
        "Out",
        new StreamCallback() {
          @Override
          public void receive(Event[] events) {
            matches += events.length;
          }
        });
    runtime.start();
    inputs = new InputHandler[Workload.TYPE_NAMES.length];
    for (int t = 0; t < inputs.length; t++) {
      inputs[t] = runtime.getInputHandler(Workload.TYPE_NAMES[t]);
    }
  }

  @Override
  public void send(int i) throws InterruptedException {
    inputs[types[i]].send(times[i], data[i]);
  }

  @Override
  public long matches() {
    return matches;
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.shutdown();
      runtime = null;
    }
    if (manager != null) {
      manager.shutdown();
    }
  }
}
