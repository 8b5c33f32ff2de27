package io.motif.engine.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/** A declared event type: its fields in declaration order. */
public record EventTypeInfo(String name, Map<String, FieldType> fields) {
  public EventTypeInfo {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
