package io.motif.engine;

import io.motif.function.Values;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of events and their field values, exact for every value an event holds (a long
 * stays a long, {@code 3.0} a double, field and key order is kept, and a string with a lone
 * surrogate comes back as it was): snapshots and the Kafka application's logs both write it. A
 * value is a tag byte and its payload: 0 null, 1 long (8 bytes), 2 double (8 bytes), 3 string, 4
 * true, 5 false, 6 map (count, then key string and value each), 7 list (count, then values), 8
 * event (as {@link EventRefs} writes it). A string is its length and its bytes (UTF-8, with lone
 * surrogates as WTF-8 writes them); counts and lengths are 4-byte big-endian ints. An event is its
 * type, time (8 bytes), field count, and each field's name and value; a whole event ({@link
 * #encode}) is followed by its {@linkplain Event#origins origins}: a count and 8 bytes each (nested
 * events keep no origins: only the event a match derived, or an input event, has any).
 *
 * <p>Reading is for untrusted bytes: a count beyond the bytes left, an unknown tag, a malformed
 * string, a nesting deeper than {@link Event#MAX_NESTING} or bytes that end too soon is a {@link
 * StreamCorruptedException}, never another exception.
 */
public final class ValueCodec {
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  private static final int MAP = 6;
  private static final int LIST = 7;
  private static final int EVENT = 8;

  /** How an event inside a field value is written: inline, or as a reference into a table. */
  public interface EventRefs {
    /** Writes the event after its tag. */
    void write(DataOutput out, Event event) throws IOException;

    /** Reads what {@link #write} wrote. */
    Event read(ByteBuffer in) throws StreamCorruptedException;
  }

  /** Nested events written in full where they occur. */
  public static final EventRefs INLINE =
      new EventRefs() {
        @Override
        public void write(DataOutput out, Event event) throws IOException {
          writeEvent(out, event, this);
        }

        @Override
        public Event read(ByteBuffer in) throws StreamCorruptedException {
          return readEvent(in, this);
        }
      };

  private ValueCodec() {}

  // ---- writing ----

  /** An event, nested events inline, and its origins, as bytes. */
  public static byte[] encode(Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeEvent(out, event, INLINE);
      writeOrigins(out, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** Writes an event's origins: their count, then each. */
  public static void writeOrigins(DataOutput out, Event event) throws IOException {
    long[] origins = event.origins();
    out.writeInt(origins.length);
    for (long o : origins) {
      out.writeLong(o);
    }
  }

  /** Writes an event: type, time, and its fields in order. */
  public static void writeEvent(DataOutput out, Event event, EventRefs refs) throws IOException {
    writeString(out, event.type());
    out.writeLong(event.time());
    EventShape shape = event.shape();
    out.writeInt(shape.size());
    for (int i = 0; i < shape.size(); i++) {
      writeString(out, shape.name(i));
      writeValue(out, event.value(i), refs);
    }
  }

  /** Writes a string: its length in bytes, then its WTF-8 bytes. */
  public static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = Wtf8.encode(s);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Writes a field value; anything but the types an event holds is written as its text. */
  public static void writeValue(DataOutput out, Object v, EventRefs refs) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte(MAP);
      out.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        writeString(out, String.valueOf(e.getKey()));
        writeValue(out, e.getValue(), refs);
      }
    } else if (v instanceof List<?> l) {
      out.writeByte(LIST);
      out.writeInt(l.size());
      for (Object x : l) {
        writeValue(out, x, refs);
      }
    } else if (v instanceof Event e) {
      out.writeByte(EVENT);
      refs.write(out, e);
    } else if (v instanceof Number n) {
      writeValue(out, Values.normalize(n), refs);
    } else {
      out.writeByte(STRING);
      writeString(out, v.toString());
    }
  }

  // ---- reading ----

  /** The event {@link #encode} wrote, from {@code length} bytes at {@code offset}. */
  public static Event decode(byte[] bytes, int offset, int length) throws StreamCorruptedException {
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    Event e = readOrigins(in, readEvent(in, INLINE));
    if (in.hasRemaining()) {
      throw new StreamCorruptedException(in.remaining() + " bytes follow the event");
    }
    return e;
  }

  /** {@code e} with the origins {@link #writeOrigins} wrote (as it is, when there are none). */
  public static Event readOrigins(ByteBuffer in, Event e) throws StreamCorruptedException {
    try {
      int n = in.getInt();
      if (n < 0 || n > in.remaining() / 8) {
        throw new StreamCorruptedException("a count of " + n + " origins exceeds what is left");
      }
      if (n == 0) {
        return e;
      }
      long[] origins = new long[n];
      for (int i = 0; i < n; i++) {
        origins[i] = in.getLong();
      }
      return e.withOrigins(origins);
    } catch (BufferUnderflowException ex) {
      throw truncated();
    }
  }

  /** Reads an event written by {@link #writeEvent}. */
  public static Event readEvent(ByteBuffer in, EventRefs refs) throws StreamCorruptedException {
    return readEvent(in, refs, 0);
  }

  private static Event readEvent(ByteBuffer in, EventRefs refs, int depth)
      throws StreamCorruptedException {
    try {
      String type = readString(in);
      long time = in.getLong();
      int n = count(in);
      String[] names = new String[n];
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        names[i] = readString(in);
        values[i] = readValue(in, depth, refs);
      }
      return Event.of(type, time, EventShape.of(names), values);
    } catch (BufferUnderflowException e) {
      throw truncated();
    } catch (IllegalArgumentException e) {
      throw new StreamCorruptedException(e.getMessage()); // field names repeat
    }
  }

  /** Reads a string written by {@link #writeString}. */
  public static String readString(ByteBuffer in) throws StreamCorruptedException {
    try {
      int n = count(in);
      byte[] b = new byte[n];
      in.get(b);
      String s = Wtf8.decode(b);
      if (s == null) {
        throw new StreamCorruptedException("a string is not well encoded");
      }
      return s;
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  /**
   * Reads a value written by {@link #writeValue}; {@code depth} is how many maps and lists hold it.
   * Maps and lists come back unmodifiable.
   */
  public static Object readValue(ByteBuffer in, int depth, EventRefs refs)
      throws StreamCorruptedException {
    if (depth > Event.MAX_NESTING) {
      throw new StreamCorruptedException("values nest too deeply");
    }
    try {
      byte tag = in.get();
      switch (tag) {
        case NULL:
          return null;
        case LONG:
          return in.getLong();
        case DOUBLE:
          return in.getDouble();
        case STRING:
          return readString(in);
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case MAP:
          {
            int n = count(in);
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
              m.put(readString(in), readValue(in, depth + 1, refs));
            }
            return Collections.unmodifiableMap(m);
          }
        case LIST:
          {
            int n = count(in);
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              l.add(readValue(in, depth + 1, refs));
            }
            return Collections.unmodifiableList(l);
          }
        case EVENT:
          return refs == INLINE ? readEvent(in, refs, depth + 1) : refs.read(in);
        default:
          throw new StreamCorruptedException("unknown value tag " + tag);
      }
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  /** A count or length that cannot exceed the bytes left (each item takes at least one). */
  public static int count(ByteBuffer in) throws StreamCorruptedException {
    if (in.remaining() < 4) {
      throw truncated();
    }
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new StreamCorruptedException("a count of " + n + " exceeds what is left");
    }
    return n;
  }

  private static StreamCorruptedException truncated() {
    return new StreamCorruptedException("the bytes end too soon");
  }
}
