package io.motif.cli.why;

import io.motif.engine.Event;
import io.motif.engine.Trace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@code motif why} and the shell's {@code :why} keep of a traced pattern: the step of the one
 * event asked about, the attempts that ended before that step (the latest {@value #KEPT}), and
 * those that ended while it was processed (up to the next input event the pattern sees). Trace from
 * the first event, so that attempts that ended long before are known, and arm it right before
 * sending the event asked about: only that event's step is worked out. With a maximum delay the
 * event may be processed later, during another call.
 */
public final class WhyTrace implements Trace.Listener {
  /** Attempts that ended before the event, kept: the latest so many. */
  public static final int KEPT = 10_000;

  private final Predicate<Event> isInput;
  private Event target;
  private Trace.Step step;
  private boolean closed;
  private final ArrayDeque<Trace.End> endedBefore = new ArrayDeque<>();
  private final List<Trace.End> endedWith = new ArrayList<>();

  /** {@code isInput} tells input events from derived ones (a step of the next input ends it). */
  public WhyTrace(Predicate<Event> isInput) {
    this.isInput = isInput;
  }

  /** The event about to be sent is the one to explain. */
  public void arm(Event event) {
    this.target = event;
  }

  @Override
  public void onStep(Trace.Step s) {
    if (target == null || closed) {
      return;
    }
    Event e = s.event().event();
    if (step == null) {
      // (The engine may have brought the event's fields to their declared types: equal then.)
      if (e == target || e.equals(target)) {
        step = s;
      }
    } else if (e != target && isInput.test(e)) {
      closed = true;
    }
  }

  @Override
  public void onEnd(Trace.End end) {
    if (closed) {
      return;
    }
    if (step != null) {
      endedWith.add(end);
      return;
    }
    if (endedBefore.size() == KEPT) {
      endedBefore.removeFirst();
    }
    endedBefore.addLast(end);
  }

  /** Only the step of the event asked about is worked out. */
  @Override
  public boolean wantsStep(Event event) {
    return target != null && step == null && (event == target || event.equals(target));
  }

  /** True once the event's step was seen. */
  public boolean seen() {
    return step != null;
  }

  /** The event asked about. */
  public Event target() {
    return target;
  }

  /** Its step, or null when it never reached the pattern. */
  public Trace.Step step() {
    return step;
  }

  /**
   * Attempts that ended before the event was processed, oldest first (the latest {@value #KEPT}).
   */
  public List<Trace.End> endedBefore() {
    return List.copyOf(endedBefore);
  }

  /** Attempts that ended while the event was processed. */
  public List<Trace.End> endedWith() {
    return endedWith;
  }
}
