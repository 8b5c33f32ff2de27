package io.motif.reference;

import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A generated program and its input, and how the engine is run over it.
 *
 * @param events the input in time order, as generated
 * @param jitter per event, how late it may arrive (0 to 2500, scaled by the delay): with a maximum
 *     delay the engine receives the events in {@link #arrivals()} order
 * @param maxDelay the engine's maximum delay (0: events arrive in time order)
 * @param drain whether the engine is drained (end of input, compared) before it is finished
 * @param snapshotAt -1, or the number of arrivals sent before the engine is snapshotted and
 *     restored into a new engine that receives the rest
 * @param bound 0, or the engine's {@code maxRunsPerPartition} (the reference models it)
 * @param refuseNew with a bound, {@code REFUSE_NEW} instead of {@code EVICT_OLDEST}
 */
record GeneratedCase(
    GeneratedProgram program,
    List<Event> events,
    List<Long> jitter,
    long maxDelay,
    boolean drain,
    int snapshotAt,
    int bound,
    boolean refuseNew) {

  /**
   * The order events arrive in: in time order, or, with a maximum delay, each one late by up to a
   * little more than the delay (so that some are late and dropped).
   */
  List<Event> arrivals() {
    if (maxDelay == 0) {
      return events;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingLong(i -> events.get(i).time() + jitter.get(i) * maxDelay / 2000));
    List<Event> out = new ArrayList<>();
    order.forEach(i -> out.add(events.get(i)));
    return out;
  }

  /** What the reference sees: the events an engine with this delay must process, in order. */
  List<Event> processed() {
    return ReferenceEvaluator.processingOrder(arrivals(), maxDelay);
  }

  GeneratedCase withProgram(GeneratedProgram p) {
    return new GeneratedCase(p, events, jitter, maxDelay, drain, snapshotAt, bound, refuseNew);
  }

  GeneratedCase withEvents(List<Event> e, List<Long> j) {
    int snap = snapshotAt > e.size() ? e.size() : snapshotAt;
    return new GeneratedCase(program, e, j, maxDelay, drain, snap, bound, refuseNew);
  }

  GeneratedCase withRun(long delay, boolean drainFirst, int snapshot, int bound, boolean refuse) {
    return new GeneratedCase(program, events, jitter, delay, drainFirst, snapshot, bound, refuse);
  }

  /** The case as the failure report shows it: options, program, events as they arrive. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    if (maxDelay != 0) {
      sb.append("--! max delay ").append(maxDelay).append(" ms; events below as they arrive\n");
    }
    if (!drain) {
      sb.append("--! flush at end (finish() without drain())\n");
    }
    if (snapshotAt >= 0) {
      sb.append("--! engine snapshotted and restored after ")
          .append(snapshotAt)
          .append(" arrivals\n");
    }
    if (bound > 0) {
      sb.append("--! Limits.maxRunsPerPartition ")
          .append(bound)
          .append(refuseNew ? ", REFUSE_NEW\n" : ", EVICT_OLDEST\n");
    }
    sb.append(program.render()).append("given\n");
    for (Event e : arrivals()) {
      sb.append("  ").append(EventTable.render(e)).append('\n');
    }
    return sb.toString();
  }
}
