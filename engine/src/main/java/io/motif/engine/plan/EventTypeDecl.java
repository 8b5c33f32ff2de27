package io.motif.engine.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A declared event type: its fields in declaration order. */
public record EventTypeDecl(String name, Map<String, FieldType> fields) {
  public EventTypeDecl {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
