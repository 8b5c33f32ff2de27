package io.motif.kafka.internal;

import io.motif.engine.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of an event in the input log: exact for every value an event holds (a long stays
 * a long, {@code 3.0} stays a double, field order is kept), and independent of the serdes and JSON
 * field names the application reads its topics with. Not a wire format for users.
 */
public final class EventCodec {
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  private static final int MAP = 6;
  private static final int LIST = 7;
  private static final int EVENT = 8;

  private EventCodec() {}

  /** The event as bytes. */
  public static byte[] encode(Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** Writes an event to a stream. */
  public static void write(DataOutputStream out, Event event) throws IOException {
    out.writeUTF(event.type());
    out.writeLong(event.time());
    out.writeInt(event.fields().size());
    for (Map.Entry<String, Object> f : event.fields().entrySet()) {
      out.writeUTF(f.getKey());
      writeValue(out, f.getValue());
    }
  }

  /** Reads an event written by {@link #write}. */
  public static Event read(DataInputStream in) throws IOException {
    String type = in.readUTF();
    long time = in.readLong();
    int n = count(in);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      fields.put(name, readValue(in));
    }
    return Event.of(type, time, fields);
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Double || v instanceof Float) {
      out.writeByte(DOUBLE);
      out.writeDouble(((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      out.writeByte(LONG);
      out.writeLong(n.longValue());
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof Event e) {
      out.writeByte(EVENT);
      write(out, e);
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeUTF(String.valueOf(e.getKey()));
        writeValue(out, e.getValue());
      }
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object o : list) {
        writeValue(out, o);
      }
    } else {
      writeValue(out, v.toString());
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case LONG:
        return in.readLong();
      case DOUBLE:
        return in.readDouble();
      case STRING: {
        int n = count(in);
        byte[] utf8 = new byte[n];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
      }
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case EVENT:
        return read(in);
      case MAP: {
        int n = count(in);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String k = in.readUTF();
          map.put(k, readValue(in));
        }
        return map;
      }
      case LIST: {
        int n = count(in);
        List<Object> list = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
          list.add(readValue(in));
        }
        return list;
      }
      default:
        throw new IOException("corrupt input log entry: unknown value tag " + tag);
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("corrupt input log entry: count " + n + " with " + in.available()
          + " bytes left");
    }
    return n;
  }
}
