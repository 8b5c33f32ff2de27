package io.motif.engine.runtime;

import io.motif.engine.EngineErrorHandler;
import io.motif.engine.Event;
import io.motif.engine.Subscriber;
import io.motif.engine.Subscription;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The subscribers to derived events: by type, to every event ({@code "*"}), and to every event of
 * internal patterns. Kept in arrays copied on change, so that delivery iterates without copying; a
 * subscriber that fails is reported and the others still receive the event.
 */
final class Subscribers {
  private final EngineErrorHandler errorHandler;
  private final Map<String, Subscriber[]> byType = new HashMap<>();
  private Subscriber[] all = new Subscriber[0];

  /** Subscribers to every event of internal patterns (which "*" does not receive). */
  private Subscriber[] internal = new Subscriber[0];

  Subscribers(EngineErrorHandler errorHandler) {
    this.errorHandler = errorHandler;
  }

  /** Subscribes to {@code type}, to {@code "*"} or to {@code internalType}. */
  Subscription subscribe(String type, String internalType, Subscriber s) {
    Objects.requireNonNull(s, "subscriber");
    // A wrapper per subscription: the same subscriber subscribed twice is removed once per call.
    Subscriber entry =
        new Subscriber() {
          @Override
          public void onEvent(Event e) {
            s.onEvent(e);
          }
        };
    if (type.equals("*")) {
      all = with(all, entry);
      return () -> all = without(all, entry);
    }
    if (type.equals(internalType)) {
      internal = with(internal, entry);
      return () -> internal = without(internal, entry);
    }
    byType.merge(type, new Subscriber[] {entry}, (a, b) -> with(a, entry));
    return () ->
        byType.computeIfPresent(
            type,
            (k, a) -> {
              Subscriber[] left = without(a, entry);
              return left.length == 0 ? null : left;
            });
  }

  private static Subscriber[] with(Subscriber[] a, Subscriber s) {
    Subscriber[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }

  private static Subscriber[] without(Subscriber[] a, Subscriber s) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == s) {
        Subscriber[] b = new Subscriber[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
      }
    }
    return a;
  }

  /**
   * Delivers a derived event to the subscribers of its type and to those of every event (or, for an
   * internal pattern's event, of every internal event).
   */
  void deliver(Event d, boolean fromInternal) {
    Subscriber[] typed = byType.get(d.type());
    if (typed != null) {
      for (Subscriber s : typed) {
        call(s, d);
      }
    }
    for (Subscriber s : fromInternal ? internal : all) {
      call(s, d);
    }
  }

  private void call(Subscriber s, Event d) {
    try {
      s.onEvent(d);
    } catch (Throwable ex) {
      survive(errorHandler, ex, "a subscriber to " + d.type() + " failed: " + ex);
    }
  }

  /**
   * A callback failed: the engine goes on (the other subscribers, the rest of the event). Only a
   * failure of the JVM itself (out of memory, a stack overflow) is rethrown, once recorded, since
   * nothing can be trusted to run after it.
   */
  static void survive(EngineErrorHandler errorHandler, Throwable ex, String message) {
    try {
      errorHandler.onError(message, ex);
    } catch (RuntimeException handlerFailed) {
      // the error handler itself failed: nothing left to tell
    }
    if (ex instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }
}
