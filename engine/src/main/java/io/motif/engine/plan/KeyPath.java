package io.motif.engine.plan;

import java.util.List;

/**
 * One item of {@code partition by}: a field path, for every event ({@code eventType} null) or for
 * events of one type ({@code Order.id}).
 */
public record KeyPath(String eventType, List<String> path) {
  public KeyPath {
    path = List.copyOf(path);
  }
}
