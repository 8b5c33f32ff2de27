package io.motif.engine;

import io.motif.function.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event: a type name, an event time in epoch milliseconds, and named fields in order. Field
 * values are {@link Long}, {@link Double}, {@link String}, {@link Boolean}, null, nested {@link
 * Map}s and {@link List}s, and (in derived events without {@code emit}) {@link Event}s and lists of
 * them. Events are immutable.
 */
public final class Event {
  /**
   * How deep maps and lists may nest in a field value: a value inside at most this many of them can
   * be saved in a snapshot and restored, and event readers refuse deeper input.
   */
  public static final int MAX_NESTING = 64;

  /**
   * The largest event time, and the negation of the smallest, in epoch milliseconds: 2^53, about
   * 285,000 years either side of 1970. Times, windows and delays within it never overflow when
   * added; the engine refuses an event outside it.
   */
  public static final long MAX_TIME = 1L << 53;

  private final String type;
  private final long time;
  private final EventShape shape;

  /**
   * The first four values sit in the event itself and the rest in an array: reading a field of an
   * event that is no longer in the cache (a binding taken long ago) then costs one miss, not two.
   */
  private final Object v0;

  private final Object v1;
  private final Object v2;
  private final Object v3;
  private final Object[] rest;

  /**
   * {@link #estimatedBytes} once computed (0 before) in the low 31 bits, and in the top bit whether
   * an {@link EventSchema} built the event, its fields converted, so that it needs no conforming:
   * one int, so that an event keeps to 56 bytes.
   */
  private int bytes;

  private static final int CONFORMED = Integer.MIN_VALUE;

  /** Where the event came from ({@link #origins}): sorted, distinct; null for none. */
  private final long[] origins;

  /** Copies {@code values} (normalised already, or now when {@code normalize}). */
  private Event(String type, long time, EventShape shape, Object[] values, boolean normalize) {
    this(type, time, shape, values, normalize, false);
  }

  private Event(
      String type,
      long time,
      EventShape shape,
      Object[] values,
      boolean normalize,
      boolean conformed) {
    this.origins = null;
    this.type = Objects.requireNonNull(type, "type");
    this.time = time;
    this.shape = shape;
    this.bytes = conformed ? CONFORMED : 0;
    int n = shape.size();
    this.v0 = n > 0 ? normalized(values[0], normalize) : null;
    this.v1 = n > 1 ? normalized(values[1], normalize) : null;
    this.v2 = n > 2 ? normalized(values[2], normalize) : null;
    this.v3 = n > 3 ? normalized(values[3], normalize) : null;
    Object[] more = null;
    if (n > 4) {
      more = new Object[n - 4];
      for (int i = 4; i < n; i++) {
        more[i - 4] = normalized(values[i], normalize);
      }
    }
    this.rest = more;
  }

  /** A copy of {@code e} with other origins: the values are shared, being immutable. */
  private Event(Event e, long[] origins) {
    this.type = e.type;
    this.time = e.time;
    this.shape = e.shape;
    this.v0 = e.v0;
    this.v1 = e.v1;
    this.v2 = e.v2;
    this.v3 = e.v3;
    this.rest = e.rest;
    this.bytes = e.bytes & CONFORMED;
    this.origins = origins;
  }

  private static final long[] NO_ORIGINS = new long[0];

  /**
   * Where this event came from, as numbers the application gave its input events with {@link
   * #withOrigins}: {@code motif run --provenance} numbers each input event by its file and line, a
   * Kafka application may use partition and offset. A derived event's origins are those of the
   * events its match was made from, through chains of patterns: their union, sorted ascending,
   * without repeats. Empty when no event it was made from had any. Origins are not fields: {@link
   * #equals} and {@link #fields} ignore them.
   */
  public long[] origins() {
    return origins == null ? NO_ORIGINS : origins.clone();
  }

  /** Whether {@link #origins} is not empty (without copying them). */
  public boolean hasOrigins() {
    return origins != null;
  }

  /** This event with the given origins (sorted, repeats dropped) in place of its own. */
  public Event withOrigins(long... origins) {
    long[] sorted = origins.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return new Event(this, n == 0 ? null : Arrays.copyOf(sorted, n));
  }

  private static Object normalized(Object v, boolean normalize) {
    return normalize ? accepted(v) : v;
  }

  /**
   * A field value as the engine keeps it: integers widened to long, floats to double, nested maps
   * and lists copied (so an event stays immutable). Anything else is refused here, where it enters,
   * rather than changed later: a snapshot must restore every value exactly.
   *
   * @throws IllegalArgumentException for a value of another class (BigDecimal, Instant, an array,
   *     ...), a map key that is not a string, or maps and lists nested deeper than {@link
   *     #MAX_NESTING} (a map that contains itself)
   */
  static Object accepted(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Double
        || v instanceof Boolean
        || v instanceof Event) {
      return v;
    }
    return acceptedNested(v, 0);
  }

  private static Object acceptedNested(Object v, int depth) {
    if (v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Double
        || v instanceof Boolean
        || v instanceof Event) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float) {
      return Values.normalize(v);
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      if (depth >= MAX_NESTING) {
        throw new IllegalArgumentException(
            "a field value nests maps and lists more than "
                + MAX_NESTING
                + " deep (does a map or list contain itself?)");
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new IllegalArgumentException(
                "a map in a field value has the key "
                    + e.getKey()
                    + " of "
                    + (e.getKey() == null ? "null" : e.getKey().getClass())
                    + "; map keys must be strings");
          }
          copy.put(key, acceptedNested(e.getValue(), depth + 1));
        }
        return Collections.unmodifiableMap(copy);
      }
      List<Object> copy = new ArrayList<>();
      for (Object x : (List<?>) v) {
        copy.add(acceptedNested(x, depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "a field value of "
            + v.getClass().getName()
            + " cannot be kept exactly; give a Long, Double, String, Boolean, Map, List or null"
            + (v instanceof Number ? " (convert the number to Long or Double)" : ""));
  }

  /**
   * Roughly how many bytes this event holds, its values included (a string counts 40 bytes and a
   * byte a character, two for text beyond Latin-1; within a factor of 2 of what the JVM keeps).
   * Computed once, on first use.
   */
  public long estimatedBytes() {
    int b = bytes & ~CONFORMED;
    if (b == 0) {
      long n = 32 + 8L * shape.size() + (origins == null ? 0 : 16 + 8L * origins.length);
      for (int i = 0; i < shape.size(); i++) {
        n += bytesOf(value(i), 0);
      }
      b = (int) Math.min(Integer.MAX_VALUE, n);
      bytes |= b;
    }
    return b;
  }

  private static long bytesOf(Object v, int depth) {
    if (v == null || v instanceof Boolean) {
      return 0;
    }
    if (v instanceof String s) {
      long n = 40 + s.length();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) > 0xFF) {
          return 40 + 2L * s.length();
        }
      }
      return n;
    }
    if (v instanceof Long || v instanceof Double) {
      return 16;
    }
    if (v instanceof Event e) {
      return depth > MAX_NESTING ? 0 : e.estimatedBytes();
    }
    if (depth > MAX_NESTING) {
      return 0;
    }
    if (v instanceof Map<?, ?> m) {
      long n = 48;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        n += 40 + bytesOf(e.getKey(), depth + 1) + bytesOf(e.getValue(), depth + 1);
      }
      return n;
    }
    if (v instanceof List<?> l) {
      long n = 24 + 8L * l.size();
      for (Object x : l) {
        n += bytesOf(x, depth + 1);
      }
      return n;
    }
    return 16;
  }

  /** The value of the field at {@code i} in the shape's order. */
  Object value(int i) {
    switch (i) {
      case 0:
        return v0;
      case 1:
        return v1;
      case 2:
        return v2;
      case 3:
        return v3;
      default:
        return rest[i - 4];
    }
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
      names[i] = Objects.requireNonNull(e.getKey(), "field name");
      values[i] = accepted(e.getValue());
      i++;
    }
    if (i < n) {
      names = Arrays.copyOf(names, i);
      values = Arrays.copyOf(values, i);
    }
    return new Event(type, time, EventShape.of(names), values, false);
  }

  /**
   * An event of a given shape, with its field values in the shape's order (copied, and normalised
   * as in {@link #of(String, long, Map)}). The cheapest way to build many events of one type.
   */
  public static Event of(String type, long time, EventShape shape, Object... values) {
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          "the shape "
              + shape
              + " has "
              + shape.size()
              + " fields; "
              + values.length
              + " values were given");
    }
    return new Event(type, time, shape, values, true);
  }

  /**
   * An event whose values an {@link EventSchema} converted to their declared types, so that the
   * engine does not conform it again; the first {@code shape.size()} values are copied (and
   * normalised when {@code normalize}).
   */
  static Event conformed(
      String type, long time, EventShape shape, Object[] values, boolean normalize) {
    if (values.length < shape.size()) {
      throw new IllegalArgumentException(
          "the shape "
              + shape
              + " has "
              + shape.size()
              + " fields; "
              + values.length
              + " values were given");
    }
    return new Event(type, time, shape, values, normalize, true);
  }

  /** Whether an {@link EventSchema} built this event from converted values. */
  boolean conformed() {
    return (bytes & CONFORMED) != 0;
  }

  /** An event with no fields. */
  public static Event of(String type, long time) {
    return new Event(type, time, EventShape.EMPTY, NO_VALUES, false);
  }

  private static final Object[] NO_VALUES = new Object[0];

  /** The event's type name. */
  public String type() {
    return type;
  }

  /** The event time, in epoch milliseconds. */
  public long time() {
    return time;
  }

  /** The fields in order; an unmodifiable view. */
  public Map<String, Object> fields() {
    return new FieldMap(this);
  }

  /** The names of the fields, in order. */
  public EventShape shape() {
    return shape;
  }

  /** A field's value, or null when absent. */
  public Object get(String field) {
    int i = shape.indexOf(field);
    return i < 0 ? null : value(i);
  }

  /** Equal type, time and fields; numbers compare by value ({@code 3 == 3.0}). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Event e)
        || !type.equals(e.type)
        || time != e.time
        || shape.size() != e.shape.size()) {
      return false;
    }
    for (int i = 0; i < shape.size(); i++) {
      int j = e.shape == shape ? i : e.shape.indexOf(shape.name(i));
      if (j < 0) {
        return false;
      }
      Object a = value(i);
      Object b = e.value(j);
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
    for (int i = 0; i < shape.size(); i++) {
      sb.append(first ? "" : ", ").append(shape.name(i)).append(": ").append(show(value(i)));
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
