package io.motif.engine;

import io.motif.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracing a pattern reports ({@link Engine#trace}): for every event that reaches the pattern,
 * each of its partial matches ("attempts") and what the event does to it, with the reason when it
 * does not take it; and every attempt that ends, with why. This is what {@code motif why} prints.
 * Tracing is off unless asked for, and costs nothing then.
 *
 * <p>An attempt here is one partial match: the events it has taken and the position it has reached.
 * One starting event may lead to several (a {@code ->>} or an ambiguous pattern branches); each is
 * reported on its own.
 */
public final class Trace {
  private Trace() {}

  /** Receives a traced pattern's steps and ended attempts, on the thread sending events. */
  public interface Listener {
    /** An event is about to step the pattern: what it does to each attempt. */
    void onStep(Step step);

    /** An attempt ended, and why. */
    void onEnd(End end);

    /**
     * Whether to work out and report the step of this event (default: every one). When false, the
     * event's step is not reported, but the attempts it ends still are, at about the cost of the
     * step itself: trace a long stream this way to hear every attempt that ends, and ask for the
     * steps of the few events of interest.
     */
    default boolean wantsStep(Event event) {
      return true;
    }
  }

  /**
   * An event as the pattern saw it.
   *
   * @param seq the engine's sequence number for it: input and derived events, in the order they
   *     were processed
   */
  public record TracedEvent(Event event, long seq) {}

  /**
   * An atom of the pattern, as written.
   *
   * @param text the atom as the pattern writes it ({@code s: Login(ok == true)}; {@code not B} for
   *     a negation)
   * @param span where it is written in the rules' source, or null
   * @param arrow the arrow it is taken under next ({@code ->}, {@code ->>}, {@code =>}), or null
   */
  public record Atom(String text, Span span, String arrow) {}

  /**
   * One partial match.
   *
   * @param partition its partition key ({@code ""} without {@code partition by}; a list for a
   *     composite key)
   * @param events the events it has taken, first to last
   * @param position the position of the automaton it is at (as {@code motif explain} numbers them)
   * @param at the atom that took its last event
   * @param next the atoms it can take next (empty when it only waits for its window to close)
   */
  public record Attempt(
      Object partition, List<TracedEvent> events, int position, Atom at, List<Atom> next) {
    /** Copies the lists. */
    public Attempt {
      events = List.copyOf(events);
      next = List.copyOf(next);
    }
  }

  /** Why an event was not taken, or why an attempt ended. */
  public enum Kind {
    /** The event's type is not one the attempt can take next. */
    TYPE,
    /** The event is in another partition than the attempt. */
    PARTITION,
    /** The event has no partition key (it is missing or null): it joins no attempt. */
    NO_KEY,
    /** The attempt's window had closed. */
    WINDOW,
    /** {@code =>} is broken: the event is not the next one of the partition after the last. */
    STRICT,
    /** A {@code not} the attempt must cross was hit (by this event or an earlier one). */
    NEGATION,
    /** The atom's condition is false for the event. */
    CONDITION,
    /** A {@code where} conjunct that becomes checkable is false. */
    WHERE,
    /** The skip policy dropped the attempt after a match. */
    SKIP,
    /** A bound on partial matches or partitions dropped the attempt. */
    BOUND
  }

  /**
   * A reason.
   *
   * @param message one sentence saying it
   * @param text the source text concerned (an atom, a condition, a {@code where} conjunct), or null
   * @param span where that text is written, or null
   * @param values the values read, by the expression that read them ({@code ip}, {@code
   *     last(f).ip}), in order; empty when there are none
   */
  public record Reason(
      Kind kind, String message, String text, Span span, Map<String, Object> values) {
    /** Copies the values, keeping their order. */
    public Reason {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /** What an event does to an attempt (or, for {@link Step#start}, whether it starts one). */
  public enum Outcome {
    /** It takes the event and moves on. */
    TAKEN,
    /** It takes the event under {@code ->>} and also waits on without it. */
    TAKEN_AND_WAITS,
    /** It does not take the event and waits for a later one. */
    WAITS,
    /** It does not take the event and can take nothing more: it ends. */
    ENDS,
    /** The event starts a new attempt. */
    STARTS,
    /** The event starts no attempt. */
    STARTS_NONE
  }

  /**
   * One way the event is taken.
   *
   * @param into the atom that takes it
   * @param completes true when the match is then complete (and is emitted, the skip policy
   *     permitting)
   */
  public record Move(Atom into, boolean completes) {}

  /**
   * What the event does to one attempt.
   *
   * @param attempt the attempt; null in {@link Step#start}
   * @param moves the ways it takes the event (several when the pattern branches)
   * @param reasons why it does not take the event the other ways it might (empty when nothing else
   *     could)
   */
  public record Verdict(Attempt attempt, Outcome outcome, List<Move> moves, List<Reason> reasons) {
    /** Copies the lists. */
    public Verdict {
      moves = List.copyOf(moves);
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * One event reaching the pattern, seen before it is processed.
   *
   * @param partition the event's partition key, or null when it has none
   * @param attempts every attempt alive before the event, in its partition first, then in the
   *     others
   * @param start whether the event starts a new attempt, and why not
   * @param watermark the watermark as the event is processed
   */
  public record Step(
      String pattern,
      TracedEvent event,
      Object partition,
      List<Verdict> attempts,
      Verdict start,
      long watermark) {
    /** Copies the lists. */
    public Step {
      attempts = List.copyOf(attempts);
    }
  }

  /**
   * An attempt that ended without a match.
   *
   * @param time the event time at which it ended (a window's end, or the event that ended it)
   * @param cause the event whose processing ended it, or null when time did (a window closing as
   *     the watermark passed its end)
   */
  public record End(String pattern, Attempt attempt, Reason reason, long time, TracedEvent cause) {}
}
