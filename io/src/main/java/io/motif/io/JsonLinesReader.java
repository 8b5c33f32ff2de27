package io.motif.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.motif.engine.BadEventException;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads JSON Lines: one object per line, such as {@code
 * {"type":"Login","time":1700000000000,"user":"al","ok":false}}. The time is epoch milliseconds or
 * an ISO-8601 string (UTC when it has no offset). One streaming parser per line, over the line's
 * characters in a reused buffer: a broken line cannot disturb the next.
 *
 * <p>Strict where leniency would hide a mistake: a key twice in one object, a number beyond the
 * range of a double (never "Infinity"), a whole number beyond the range of long for a long or time
 * field, an empty type, a value nested deeper than {@link Event#MAX_NESTING} levels (more than a
 * snapshot can hold) and a line that is not UTF-8 each make the line bad.
 */
public final class JsonLinesReader implements EventReader {
  /** The longest string value or key, in characters. */
  static final int MAX_STRING_LENGTH = 20_000_000;

  /** The longest number, in characters. */
  static final int MAX_NUMBER_LENGTH = 1000;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNameLength(MAX_STRING_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();

  private final EventSchema schema;
  private final String typeField;
  private final String timeField;
  private final InputLimits limits;

  /** The time of an event without the time field (its arrival), or null: such a line is bad. */
  private LongSupplier arrivalTime;

  public JsonLinesReader(EventSchema schema, String typeField, String timeField) {
    this(schema, typeField, timeField, InputLimits.DEFAULT);
  }

  public JsonLinesReader(
      EventSchema schema, String typeField, String timeField, InputLimits limits) {
    this.schema = schema;
    this.typeField = typeField;
    this.timeField = timeField;
    this.limits = limits;
  }

  private TimeUnits timeUnit = TimeUnits.ms;

  /** The numeric time of the event just parsed when it looks like seconds, else null. */
  private String probablySeconds;

  private boolean warnedSeconds;

  /** Numeric times are in {@code unit} (default: milliseconds). */
  public JsonLinesReader timeUnit(TimeUnits unit) {
    this.timeUnit = unit;
    return this;
  }

  /**
   * Events without the time field take the time {@code clock} gives when they are read (their
   * arrival) instead of being malformed: {@code motif run --arrival-time}.
   */
  public JsonLinesReader arrivalTime(LongSupplier clock) {
    this.arrivalTime = clock;
    return this;
  }

  /**
   * Reads every line as UTF-8; blank lines are skipped, malformed ones (and lines that are not
   * UTF-8 or are longer than the limit) go to {@link EventSink#bad}.
   */
  @Override
  public void read(InputStream in, EventSink sink) throws IOException {
    LineSource src = new LineSource(in, limits.maxRecordBytes());
    current = src;
    if (startOffset > 0 && !src.skipTo(startOffset, startLine)) {
      throw new IOException(
          "it is shorter ("
              + src.position()
              + " bytes) than where the run"
              + " stopped (byte "
              + startOffset
              + ")");
    }
    Fields fields = new Fields();
    while (src.next()) {
      Event event = null;
      String problem = null;
      if (src.tooLong()) {
        problem = LineSource.tooLongMessage(limits.maxRecordBytes());
      } else if (src.badByte() >= 0) {
        problem = src.notUtf8();
      } else if (src.blank()) {
        continue;
      } else {
        try {
          event = parse(src.chars(), src.length(), fields);
        } catch (BadEventException e) {
          problem = e.getMessage();
          if (src.number() == 1 && looksLikeCsvHeader(src.chars(), src.length())) {
            problem = "this looks like a CSV header row, not JSON; for CSV input use --format csv";
          }
        }
        if (event != null && probablySeconds != null && !warnedSeconds) {
          warnedSeconds = true;
          sink.warning(src.number(), TimeUnits.secondsWarning(timeField, probablySeconds));
        }
      }
      if (problem != null ? !sink.bad(src.number(), problem) : !sink.event(event, src.number())) {
        return;
      }
    }
  }

  /**
   * Whether a line is a CSV header rather than JSON: no brace, at least one comma, and cells that
   * are all names (letters, digits, {@code _ - . space}, possibly quoted).
   */
  static boolean looksLikeCsvHeader(char[] c, int n) {
    boolean comma = false;
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      if (ch == ',' || ch == ';' || ch == '\t' || ch == '|') {
        comma = true;
      } else if (!(Character.isLetterOrDigit(ch)
          || ch == '_'
          || ch == '-'
          || ch == '.'
          || ch == ' '
          || ch == '"')) {
        return false;
      }
    }
    return comma;
  }

  private LineSource current;
  private long startOffset;
  private long startLine = 1;

  /**
   * The next {@link #read} starts at byte {@code offset}, the start of line {@code line}: where an
   * earlier reading of the same input stood ({@link #position()}), to resume it.
   */
  @Override
  public JsonLinesReader startAt(long offset, long line) {
    this.startOffset = offset;
    this.startLine = line;
    return this;
  }

  @Override
  public long position() {
    return current == null ? 0 : current.position();
  }

  @Override
  public long lastLine() {
    return current == null ? 0 : current.number();
  }

  /** One event from one JSON object. Safe to call from several threads at once. */
  public Event parse(String text) throws BadEventException {
    JsonParser p;
    try {
      p = JSON.createParser(text);
    } catch (IOException e) {
      throw new BadEventException("not valid JSON: " + e.getMessage());
    }
    return parse(p, new Fields());
  }

  private Event parse(char[] text, int length, Fields fields) throws BadEventException {
    JsonParser p;
    try {
      p = JSON.createParser(text, 0, length);
    } catch (IOException e) {
      throw new BadEventException("not valid JSON: " + e.getMessage());
    }
    return parse(p, fields);
  }

  /** The event from {@code p}, its fields collected in {@code f} (cleared first). */
  private Event parse(JsonParser p, Fields f) throws BadEventException {
    f.clear();
    probablySeconds = null;
    try (p) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadEventException(
            "expected a JSON object such as {\""
                + typeField
                + "\":\"Login\",\""
                + timeField
                + "\":1700000000000,\"user\":\"al\"}");
      }
      String type = null;
      Object rawTime = null;
      boolean hasTime = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        Object value = value(p, 0, name);
        if (name.equals(typeField)) {
          if (type != null) {
            throw duplicate(name, null);
          }
          if (!(value instanceof String s)) {
            throw new BadEventException(
                "\""
                    + typeField
                    + "\" must be a string naming the event"
                    + " type, not "
                    + (value == null ? "null" : EventSchema.describe(value)));
          }
          if (s.isBlank()) {
            throw new BadEventException(
                "empty type: \"" + typeField + "\" must name the event" + " type");
          }
          type = s;
        } else if (name.equals(timeField)) {
          if (hasTime) {
            throw duplicate(name, null);
          }
          rawTime = value;
          hasTime = true;
        } else if (!f.add(name, value)) {
          throw duplicate(name, null);
        }
      }
      if (p.nextToken() != null) {
        throw new BadEventException("unexpected text after the JSON object");
      }
      if (type == null) {
        throw new BadEventException("no \"" + typeField + "\" field naming the event type");
      }
      if (!hasTime && arrivalTime == null) {
        throw new BadEventException("no \"" + timeField + "\" field with the event time");
      }
      long time =
          hasTime ? Times.eventTime(time(rawTime), timeField, rawTime) : arrivalTime.getAsLong();
      EventType declared = schema.type(type);
      for (int i = 0; i < f.size; i++) {
        String name = f.names[i];
        Object value = f.values[i];
        FieldType fieldType = declared == null ? null : declared.fieldType(name);
        if (value instanceof WideInteger w) {
          if (fieldType == FieldType.LONG || fieldType == FieldType.TIME) {
            throw EventSchema.beyondLong(type, name, fieldType, w.text());
          }
          value = w.value();
        }
        Object converted = EventSchema.convert(type, fieldType, name, value);
        if (fieldType == FieldType.TIME && value instanceof Number) {
          converted = timeUnit.timeField(type, name, converted);
        }
        f.values[i] = converted;
      }
      return schema.event(type, time, f.shapes.shape(f.names, f.size), f.values);
    } catch (StreamConstraintsException e) {
      throw new BadEventException(pastALimit(e.getMessage()));
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int cut = message.indexOf(" (start marker at");
      message = cut < 0 ? message : message.substring(0, cut);
      String where =
          e.getLocation() == null || e.getLocation().getColumnNr() < 1
              ? ""
              : " at column " + e.getLocation().getColumnNr();
      throw new BadEventException("not valid JSON" + where + ": " + message);
    } catch (IOException e) {
      throw new BadEventException("not valid JSON: " + e.getMessage());
    }
  }

  /** A message for a value past one of the parser's bounds, in the words of the input. */
  private static String pastALimit(String parserMessage) {
    String m = parserMessage == null ? "" : parserMessage;
    if (m.startsWith("String value length")) {
      return "a string longer than " + MAX_STRING_LENGTH + " characters (the limit)";
    }
    if (m.startsWith("Name length")) {
      return "a key longer than " + MAX_STRING_LENGTH + " characters (the limit)";
    }
    if (m.startsWith("Number value length")) {
      return "a number longer than " + MAX_NUMBER_LENGTH + " characters (the limit)";
    }
    if (m.startsWith("Document nesting depth")) {
      return "nested deeper than " + Event.MAX_NESTING + " levels";
    }
    return "a value larger than the JSON reader allows";
  }

  private static BadEventException duplicate(String key, String field) {
    return new BadEventException(
        "duplicate key \""
            + EventSchema.abbreviate(key)
            + "\""
            + (field == null ? "" : " in field " + field));
  }

  private static BadEventException beyondDouble(String field, String number) {
    return new BadEventException(
        "field "
            + field
            + ": "
            + EventSchema.abbreviate(number)
            + " is beyond the range of double");
  }

  private long time(Object raw) throws BadEventException {
    if (raw instanceof Long l) {
      return numericTime(l, raw);
    }
    if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
      return numericTime(d.longValue(), raw);
    }
    if (raw instanceof WideInteger || raw instanceof Double d && d == Math.rint(d)) {
      throw new BadEventException(
          "\""
              + timeField
              + "\" is beyond the range of long: "
              + EventSchema.abbreviate(raw instanceof WideInteger w ? w.text() : raw.toString()));
    }
    if (raw instanceof Double d && timeUnit == TimeUnits.s) {
      Long t = timeUnit.toMillis(new BigDecimal(Double.toString(d)));
      if (t == null) {
        throw beyondMillis(raw);
      }
      return t;
    }
    if (raw instanceof String s) {
      String digits = s.trim();
      if (EventSchema.isInteger(digits)) {
        try {
          return numericTime(Long.parseLong(digits), s);
        } catch (NumberFormatException e) {
          throw new BadEventException(
              "\""
                  + timeField
                  + "\" is beyond the range of long: "
                  + EventSchema.abbreviate(digits));
        }
      }
      Long t = EventSchema.parseTime(s);
      if (t != null) {
        return t;
      }
      throw new BadEventException(
          "\""
              + timeField
              + "\" is neither epoch milliseconds nor an"
              + " ISO-8601 time such as \"2024-01-01T10:00:00Z\": "
              + EventSchema.quoted(s));
    }
    throw new BadEventException(
        "\""
            + timeField
            + "\" must be epoch milliseconds or an ISO-8601"
            + " string, not "
            + (raw == null ? "null" : EventSchema.describe(raw)));
  }

  /** A whole number of {@link #timeUnit}s in milliseconds, noting one that looks like seconds. */
  private long numericTime(long value, Object written) throws BadEventException {
    Long t = timeUnit.toMillis(value);
    if (t == null) {
      throw beyondMillis(written);
    }
    if (timeUnit.probablySeconds(t)) {
      probablySeconds = String.valueOf(written);
    }
    return t;
  }

  private BadEventException beyondMillis(Object written) {
    return new BadEventException(
        "\""
            + timeField
            + "\" in "
            + timeUnit
            + " is beyond the range"
            + " of long in milliseconds: "
            + EventSchema.abbreviate(String.valueOf(written)));
  }

  /**
   * The value at the current token: String, Long, Double, Boolean, null, Map or List; a whole
   * number beyond the range of long is a {@link WideInteger} at the top ({@code depth} 0) and a
   * Double inside. {@code field} is the event field the value is in, for messages.
   */
  private static Object value(JsonParser p, int depth, String field)
      throws IOException, BadEventException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonParseFailure("unexpected end of input");
    }
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          double d = p.getDoubleValue();
          if (Double.isInfinite(d)) {
            throw beyondDouble(field, p.getText());
          }
          return depth == 0 ? new WideInteger(p.getText(), d) : d;
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        {
          double d = p.getDoubleValue();
          if (Double.isInfinite(d)) {
            throw beyondDouble(field, p.getText());
          }
          return d;
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT:
        {
          nest(depth, field);
          Map<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            Object value = value(p, depth + 1, field);
            int size = map.size();
            map.put(name, value);
            if (map.size() == size) {
              throw duplicate(name, field);
            }
          }
          return map;
        }
      case START_ARRAY:
        {
          nest(depth, field);
          List<Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(p, depth + 1, field));
          }
          return list;
        }
      default:
        throw new JsonParseFailure("unexpected " + t);
    }
  }

  /** A map or list at {@code depth} (within a field value) must leave its values readable. */
  private static void nest(int depth, String field) throws BadEventException {
    if (depth >= Event.MAX_NESTING) {
      throw new BadEventException(
          "field " + field + " is nested deeper than " + Event.MAX_NESTING + " levels");
    }
  }

  /**
   * The fields of the event being read, in input order, in arrays reused from line to line: the
   * event is built from them directly, with no map in between.
   */
  private static final class Fields {
    /** Past this many fields, repeated names are found through a set rather than by scanning. */
    private static final int SCANNED = 16;

    String[] names = new String[8];
    Object[] values = new Object[8];
    int size;
    final ShapeCache shapes = new ShapeCache();
    private final Set<String> seen = new HashSet<>();

    void clear() {
      Arrays.fill(values, 0, size, null); // let the last event's values go
      size = 0;
      seen.clear();
    }

    /** Adds a field; false when the name is there already. */
    boolean add(String name, Object value) {
      if (size < SCANNED) {
        for (int i = 0; i < size; i++) {
          if (names[i].equals(name)) {
            return false;
          }
        }
      } else {
        if (size == SCANNED) {
          seen.addAll(Arrays.asList(names).subList(0, size));
        }
        if (!seen.add(name)) {
          return false;
        }
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      size++;
      return true;
    }
  }

  /** A whole number beyond the range of long, as written and as the nearest double. */
  private record WideInteger(String text, double value) {}

  /** A structural surprise, reported like any other JSON error. */
  private static final class JsonParseFailure extends IOException {
    private static final long serialVersionUID = 1L;

    JsonParseFailure(String message) {
      super(message);
    }
  }
}
