package io.motif.engine;

/** Receives derived events. A subscriber that throws is reported and harms nothing else. */
@FunctionalInterface
public interface Subscriber {
  /** Receives one derived event, on the thread that called the engine. */
  void onEvent(Event event);
}
