package io.motif.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declared event type ({@code event Login(user string, ok boolean)}): input events of this type
 * have their fields brought to these types.
 *
 * @param name the type's name
 * @param fields the declared fields with their types, in declaration order
 */
public record EventType(String name, Map<String, FieldType> fields) {
  /** Copies the fields, keeping their order. */
  public EventType {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The declared type of {@code field}, or null when the type does not declare it. */
  public FieldType fieldType(String field) {
    return fields.get(field);
  }
}
