package io.motif.engine.runtime;

import com.carrotsearch.hppc.LongArrayList;
import io.motif.engine.EngineErrorHandler;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound on the bytes the engine holds: an upper bound kept as steps are taken and events
 * buffered, and, once it passes the limit, an exact measure (each step and event once, however many
 * patterns share it) and drops until under it.
 */
final class ByteBound {
  private final List<PatternRuntime> patterns;
  private final EventTime time;
  private final Deduplicator ids;
  private final PatternHost host;
  private final EngineErrorHandler errorHandler;

  /** Bytes held at the last measurement, and an upper bound on what was added since. */
  private long measuredBytes;

  private long addedBytes;
  private boolean boundWarned;

  ByteBound(
      List<PatternRuntime> patterns,
      EventTime time,
      Deduplicator ids,
      PatternHost host,
      EngineErrorHandler errorHandler) {
    this.patterns = patterns;
    this.time = time;
    this.ids = ids;
    this.host = host;
    this.errorHandler = errorHandler;
  }

  /** About {@code bytes} more are held. */
  void added(long bytes) {
    addedBytes += bytes;
  }

  /** After an event: partial matches dropped if the bound may have been passed. */
  void check() {
    if (measuredBytes + addedBytes > host.limits().maxBytes()) {
      enforce();
    }
  }

  /**
   * The held bytes may have passed the bound: measured exactly, and, while over it, an eighth of
   * the partial matches dropped at a time, the oldest attempts first (or the newest, with
   * REFUSE_NEW), counted like the count bounds' drops.
   */
  private void enforce() {
    Limits limits = host.limits();
    long bytes = measure();
    while (bytes > limits.maxBytes() && host.liveRuns() > 0) {
      LongArrayList firsts = new LongArrayList();
      for (PatternRuntime p : patterns) {
        p.firstSeqs(firsts);
      }
      long[] sorted = Arrays.copyOf(firsts.buffer, firsts.size());
      if (sorted.length == 0) {
        break; // (nothing left to drop)
      }
      Arrays.sort(sorted);
      int k = Math.max(1, sorted.length / 8);
      boolean oldest = limits.policy() == OverflowPolicy.EVICT_OLDEST;
      // The k-th oldest (newest) partial match and every one of an attempt as old (new) or older
      // (newer): at least k go each time, also when many share their first event (a strict bound
      // there dropped none and looped for ever).
      long threshold = oldest ? sorted[k - 1] : sorted[sorted.length - k];
      for (PatternRuntime p : patterns) {
        p.dropForBytes(threshold, oldest);
      }
      bytes = measure();
    }
    if (bytes > limits.maxBytes() && !boundWarned) {
      boundWarned = true;
      errorHandler.onError(
          "the reorder buffer alone holds more than the byte bound ("
              + limits.maxBytes()
              + " bytes): lower the maximum delay or raise the bound",
          null);
    }
    measuredBytes = bytes;
    addedBytes = 0;
  }

  /** The bytes partial matches and buffered events hold, each step and event counted once. */
  long measure() {
    Map<Step, Boolean> steps = new IdentityHashMap<>();
    Map<Event, Boolean> events = new IdentityHashMap<>();
    long bytes = ids.bytes();
    for (PatternRuntime p : patterns) {
      bytes += p.measureBytes(steps, events);
    }
    for (EventTime.Pending pending : time.buffer) {
      bytes += 48;
      if (events.put(pending.event(), Boolean.TRUE) == null) {
        bytes += pending.event().estimatedBytes();
      }
    }
    return bytes;
  }
}
