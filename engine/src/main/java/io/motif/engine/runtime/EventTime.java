package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.Limits;
import java.util.PriorityQueue;

/**
 * Event time (LANGUAGE.md §4.4): the reorder buffer that holds input events for the maximum delay,
 * the watermark, and which events it makes late. Events it releases, and the moves of time that
 * close windows, go to the core through {@link Processor}.
 */
final class EventTime {
  /** Where released events and moves of time go: the engine's core. */
  interface Processor {
    /** Processes one input event, in full. */
    void process(Event e);

    /** Closes every window whose deadline is before {@code w}. */
    void fireTimers(long w);

    /** About {@code bytes} more are held (an upper bound until measured). */
    void bytesAdded(long bytes);
  }

  private final Processor processor;
  private final Limits limits;
  long maxDelay;

  /** Input events waiting for the watermark, ordered by time then arrival. */
  final PriorityQueue<Pending> buffer = new PriorityQueue<>();

  long arrivals;
  long maxSeen = Long.MIN_VALUE;

  /**
   * How far time has been processed. It is the watermark of LANGUAGE.md §4.4 (the largest time seen
   * less the delay, or where {@link #release} moved it) except when a full reorder buffer forced
   * events through early: then it runs ahead, and {@link #lateBefore} keeps the watermark.
   */
  long watermark = Long.MIN_VALUE;

  /**
   * The watermark proper: an event older than it is late; one older than {@link #watermark} only is
   * a casualty of the full buffer.
   */
  long lateBefore = Long.MIN_VALUE;

  /** On-time events that came after the full buffer forced later events through: dropped. */
  long overtaken;

  /** Events the full buffer forced through before the watermark reached them. */
  long forced;

  EventTime(long maxDelay, Limits limits, Processor processor) {
    this.maxDelay = maxDelay;
    this.limits = limits;
    this.processor = processor;
  }

  /** An input event and its arrival number, ordered by time then arrival. */
  record Pending(Event event, long arrival) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(event.time(), o.event.time());
      return c != 0 ? c : Long.compare(arrival, o.arrival);
    }
  }

  /** Within the delay, but the full buffer already forced later events through. */
  boolean overtakenBy(Event e) {
    return e.time() < watermark && e.time() >= lateBefore;
  }

  /** Older than the time processed: late. */
  boolean isLate(Event e) {
    return e.time() < watermark;
  }

  /**
   * An on-time input event: processed now without a delay, else buffered until the watermark passes
   * it (a full buffer forces its oldest events through).
   */
  void admit(Event e) {
    if (maxDelay == 0) {
      maxSeen = Math.max(maxSeen, e.time());
      advanceTo(e.time());
      processor.process(e);
      return;
    }
    buffer.add(new Pending(e, arrivals++));
    processor.bytesAdded(48 + e.estimatedBytes());
    if (e.time() > maxSeen) {
      maxSeen = e.time();
      release(maxSeen - maxDelay);
    }
    while (buffer.size() > limits.maxBuffered()) {
      forced++;
      Event early = buffer.poll().event();
      advanceFrontier(early.time()); // ahead of the watermark proper, which stays where it is
      processor.process(early);
    }
  }

  /** A new maximum delay: a shorter one raises the watermark at once. */
  void maxDelay(long millis) {
    maxDelay = millis;
    if (maxSeen != Long.MIN_VALUE) {
      release(maxSeen - millis);
    }
  }

  /** End of input: buffered events are processed as the watermark reaches the largest time. */
  void drain() {
    if (maxSeen != Long.MIN_VALUE) {
      release(maxSeen);
    }
  }

  /** Processes buffered events up to {@code w}, firing due timers before each. */
  void release(long w) {
    while (!buffer.isEmpty() && buffer.peek().event().time() <= w) {
      Event e = buffer.poll().event();
      advanceTo(e.time());
      processor.process(e);
    }
    advanceTo(w);
  }

  /** Raises the watermark to {@code w}, completing windows that end before it. */
  private void advanceTo(long w) {
    if (w > lateBefore) {
      lateBefore = w;
    }
    advanceFrontier(w);
  }

  /** Raises the time processed so far to {@code w}, completing windows that end before it. */
  private void advanceFrontier(long w) {
    if (w <= watermark) {
      return;
    }
    watermark = w;
    processor.fireTimers(w);
  }
}
