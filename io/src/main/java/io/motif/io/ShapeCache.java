package io.motif.io;

import io.motif.engine.EventShape;
import java.util.List;

/**
 * The shapes a reader built its last events with, so that an input that interleaves a few event
 * types finds each one's shape without copying its names: {@link EventShape#of(String[], int)}
 * remembers only the last shape of the whole JVM. Not shared between threads.
 */
final class ShapeCache {
  private static final int SIZE = 8;
  private final EventShape[] shapes = new EventShape[SIZE];
  private int next;

  /** The shape of the first {@code length} names. */
  EventShape shape(String[] names, int length) {
    for (EventShape s : shapes) {
      if (s != null && s.size() == length && sameNames(s.names(), names)) {
        return s;
      }
    }
    EventShape s = EventShape.of(names, length);
    shapes[next] = s;
    next = (next + 1) % SIZE;
    return s;
  }

  private static boolean sameNames(List<String> known, String[] names) {
    for (int i = 0; i < known.size(); i++) {
      String a = known.get(i);
      if (a != names[i] && !a.equals(names[i])) {
        return false;
      }
    }
    return true;
  }
}
