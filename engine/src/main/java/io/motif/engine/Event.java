package io.motif.engine;

import io.motif.function.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event: a type name, an event time in epoch milliseconds, and named fields in order. Field
 * values are {@link Long}, {@link Double}, {@link String}, {@link Boolean}, null, nested
 * {@link Map}s and {@link List}s, and (in derived events without {@code emit}) {@link Event}s and
 * lists of them. Events are immutable.
 */
public final class Event {
  private final String type;
  private final long time;
  private final Map<String, Object> fields;

  private Event(String type, long time, Map<String, Object> fields) {
    this.type = Objects.requireNonNull(type, "type");
    this.time = time;
    this.fields = fields;
  }

  /** An event with a copy of the given fields (integers widened to long, floats to double). */
  public static Event of(String type, long time, Map<String, ?> fields) {
    int n = fields.size();
    String[] names = new String[n];
    Object[] values = new Object[n];
    int i = 0;
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (i == n) {
        break; // a map that grew while being copied; what was there at the start is enough
      }
      names[i] = java.util.Objects.requireNonNull(e.getKey(), "field name");
      values[i] = Values.normalize(e.getValue());
      i++;
    }
    if (i < n) {
      names = java.util.Arrays.copyOf(names, i);
      values = java.util.Arrays.copyOf(values, i);
    }
    return new Event(type, time, new FieldMap(names, values));
  }

  /**
   * An event over arrays of distinct field names and their values, which it takes over without
   * copying: the caller must not change either afterwards (the names array may be shared by many
   * events). Values are normalised as in {@link #of(String, long, Map)}. For the runtime, which
   * builds derived events this way without an intermediate map.
   */
  public static Event ofFields(String type, long time, String[] names, Object[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("names and values differ in length");
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = Values.normalize(values[i]);
    }
    return new Event(type, time, names.length == 0 ? FieldMap.EMPTY : new FieldMap(names, values));
  }

  /** An event with no fields. */
  public static Event of(String type, long time) {
    return new Event(type, time, FieldMap.EMPTY);
  }

  public String type() {
    return type;
  }

  public long time() {
    return time;
  }

  /** The fields in order; unmodifiable. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** A field's value, or null when absent. */
  public Object get(String field) {
    return fields.get(field);
  }

  /** Equal type, time and fields; numbers compare by value ({@code 3 == 3.0}). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Event e) || !type.equals(e.type) || time != e.time
        || fields.size() != e.fields.size()) {
      return false;
    }
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      if (!e.fields.containsKey(f.getKey())) {
        return false;
      }
      Object a = f.getValue();
      Object b = e.fields.get(f.getKey());
      if (a == null ? b != null : b == null || !Values.same(a, b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Long.hashCode(time);
  }

  /** {@code Type(field: value, ...) at time}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(type).append('(');
    boolean first = true;
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      sb.append(first ? "" : ", ").append(f.getKey()).append(": ").append(show(f.getValue()));
      first = false;
    }
    return sb.append(") at ").append(time).toString();
  }

  private static String show(Object v) {
    if (v instanceof String s) {
      return '"' + s + '"';
    }
    if (v instanceof Double d) {
      return Values.text(d);
    }
    return String.valueOf(v);
  }
}
