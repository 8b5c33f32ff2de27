package io.motif.engine.runtime;

import io.motif.engine.Event;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drops input events whose id was seen within the horizon (ids compare as partition keys do). */
final class Deduplicator {
  /** The field holding an event's id, or null: no deduplication. */
  final String idField;

  final long idHorizon;

  /** Ids seen within the horizon, oldest first, with the time each was seen at. */
  final LinkedHashMap<Object, Long> seenIds = new LinkedHashMap<>();

  Deduplicator(String idField, long idHorizon) {
    this.idField = idField;
    this.idHorizon = idHorizon;
  }

  /**
   * True when the event's id was seen within the horizon, which ends {@code maxSeen} (the largest
   * time seen) less the horizon; otherwise remembers it.
   */
  boolean isDuplicate(Event e, long maxSeen) {
    Object id = e.get(idField);
    if (id == null) {
      return false;
    }
    long horizonStart = Math.max(maxSeen, e.time()) - idHorizon;
    for (Iterator<Map.Entry<Object, Long>> it = seenIds.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < horizonStart) {
        it.remove();
      } else {
        break;
      }
    }
    Object key = PartitionKeys.normalizeKey(id);
    Long seen = seenIds.get(key);
    if (seen != null && seen >= e.time() - idHorizon) {
      return true;
    }
    seenIds.remove(key);
    seenIds.put(key, e.time());
    return false;
  }

  /** What the remembered ids cost, roughly. */
  long bytes() {
    return seenIds.size() * 64L;
  }
}
