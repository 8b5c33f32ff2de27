package io.motif.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A declared event type ({@code event Login(user string, ok boolean)}): input events of this type
 * have their fields brought to these types ({@link EventSchema}).
 */
public final class EventType {
  private final String name;
  private final Map<String, FieldType> fields;
  private final EventShape shape;

  /**
   * A type with these fields, in this order.
   *
   * @param name the type's name
   * @param fields the declared fields with their types, in declaration order (copied)
   */
  public EventType(String name, Map<String, FieldType> fields) {
    this.name = Objects.requireNonNull(name, "name");
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.shape = EventShape.of(this.fields.keySet().toArray(new String[0]));
  }

  /** The type's name. */
  public String name() {
    return name;
  }

  /** The declared fields with their types, in declaration order. */
  public Map<String, FieldType> fields() {
    return fields;
  }

  /** The shape of an event with exactly the declared fields, in declaration order. */
  public EventShape shape() {
    return shape;
  }

  /** The declared type of {@code field}, or null when the type does not declare it. */
  public FieldType fieldType(String field) {
    return fields.get(field);
  }

  /** Same name and the same fields with the same types, in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EventType t
        && name.equals(t.name)
        && fields.entrySet().stream().toList().equals(t.fields.entrySet().stream().toList());
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + fields.hashCode();
  }

  /** As a declaration writes it: {@code Login(user string, ok boolean)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    String sep = "";
    for (Map.Entry<String, FieldType> f : fields.entrySet()) {
      sb.append(sep).append(f.getKey()).append(' ').append(f.getValue().label());
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
