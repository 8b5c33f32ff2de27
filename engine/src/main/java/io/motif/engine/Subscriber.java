package io.motif.engine;

/** Receives derived events. A subscriber that throws is reported and harms nothing else. */
@FunctionalInterface
public interface Subscriber {
  void onEvent(Event event);
}
