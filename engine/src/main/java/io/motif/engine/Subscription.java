package io.motif.engine;

/** A subscription; {@link #cancel()} stops it. */
public interface Subscription {
  void cancel();
}
