package io.motif.engine;

import java.util.List;

/**
 * One item of a pattern's {@code partition by}: a field path read from every event ({@code
 * partition by user}) or from the events of one type ({@code Order.id}).
 *
 * @param eventType the type whose events the item applies to, or null for every event
 * @param path the field path, outermost field first
 */
public record PartitionKey(String eventType, List<String> path) {
  /** Copies the path. */
  public PartitionKey {
    path = List.copyOf(path);
  }

  /** Whether events of {@code type} are keyed by this item. */
  public boolean appliesTo(String type) {
    return eventType == null || eventType.equals(type);
  }
}
