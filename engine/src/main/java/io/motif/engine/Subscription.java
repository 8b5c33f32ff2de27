package io.motif.engine;

/** A subscription; {@link #cancel()} stops it. */
public interface Subscription {
  /** Stops the subscription (or the tracing); calling it again does nothing. */
  void cancel();
}
