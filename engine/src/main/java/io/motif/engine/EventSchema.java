package io.motif.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The event types a script declares and how input values become the values of their fields: the one
 * place where a number, a piece of text or an ISO-8601 time is converted to a declared field type.
 * Event readers ({@code motif-io}) convert each field strictly as they parse it ({@link #convert},
 * {@link #convertText}); {@link Engine#send} conforms what it is given leniently ({@link
 * #conform}). Fields of undeclared types, and undeclared fields, keep the value they were read
 * with. Obtained from {@link CompiledScript#schema()}; immutable.
 *
 * <p>About 500 lines on purpose: the conversions, the time parser and the messages that name what
 * did not fit are kept together so that every reader and {@code Engine.send} agree.
 */
public final class EventSchema {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** What {@link #lenient} gives for a value it cannot convert. */
  private static final Object UNCONVERTIBLE = new Object();

  private static final EventSchema NONE = new EventSchema(Map.of());

  private final Map<String, EventType> types;

  private EventSchema(Map<String, EventType> types) {
    this.types = types;
  }

  /** A schema of these types. */
  public static EventSchema of(List<EventType> types) {
    if (types.isEmpty()) {
      return NONE;
    }
    Map<String, EventType> byName = new LinkedHashMap<>();
    for (EventType t : types) {
      byName.put(t.name(), t);
    }
    return new EventSchema(Collections.unmodifiableMap(byName));
  }

  /** A schema that declares nothing. */
  public static EventSchema none() {
    return NONE;
  }

  /** This schema and {@code other}'s types; a type both declare is {@code other}'s. */
  public EventSchema with(EventSchema other) {
    if (other.types.isEmpty()) {
      return this;
    }
    if (types.isEmpty()) {
      return other;
    }
    Map<String, EventType> merged = new LinkedHashMap<>(types);
    merged.putAll(other.types);
    return new EventSchema(Collections.unmodifiableMap(merged));
  }

  /** The declared types by name, in declaration order. */
  public Map<String, EventType> types() {
    return types;
  }

  /** A declared type, or null. */
  public EventType type(String name) {
    return types.get(name);
  }

  /** The declared type of a field, or null when its event type or the field is undeclared. */
  public FieldType fieldType(String type, String field) {
    EventType t = types.get(type);
    return t == null ? null : t.fields().get(field);
  }

  // ---- time ----

  /**
   * Epoch milliseconds of an ISO-8601 instant ({@code 2024-01-01T10:00:00Z}), date-time with offset
   * ({@code 2024-01-01T12:00:00+02:00}), local date-time taken as UTC ({@code 2024-01-01T10:00}) or
   * date taken as midnight UTC ({@code 2024-01-01}); a space may stand for the {@code T}, and
   * spaces around are ignored. Null when the text is none of these. The one parser of event times
   * as text: test blocks, event readers and {@link Engine#send} all use it.
   */
  public static Long parseTime(String text) {
    String s = text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    // The form the text looks like first, so that a well-formed time costs one parse, not a
    // chain of failed ones; any form that fails goes on to all of them, so nothing is missed
    // (a text one of them reads means the same instant whichever reads it).
    Long likely = parseAsItLooks(s);
    if (likely != null) {
      return likely;
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static Long parseAsItLooks(String s) {
    int n = s.length();
    try {
      if (n == 10) {
        return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      char last = n == 0 ? ' ' : s.charAt(n - 1);
      if (last == 'Z' || last == 'z') {
        return Instant.parse(s).toEpochMilli();
      }
      if (s.indexOf('+', 10) > 0 || s.lastIndexOf('-') > 10) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  // ---- conversion ----

  /**
   * A value as a JSON parser reads it (String, Long, Double, Boolean, Map, List or null) converted
   * to the field's declared type: a whole double for a long, any number for a double, epoch
   * milliseconds or ISO-8601 text for a time.
   *
   * @throws BadEventException when the value does not fit the declared type
   */
  public Object convert(String type, String field, Object value) throws BadEventException {
    return convert(type, fieldType(type, field), field, value);
  }

  /**
   * {@link #convert(String, String, Object)} for a field whose declared type (null when undeclared)
   * the caller has looked up.
   */
  public static Object convert(String type, FieldType declared, String field, Object value)
      throws BadEventException {
    if (declared == null || value == null) {
      return value;
    }
    Object converted = strict(declared, value);
    if (converted != UNCONVERTIBLE) {
      return converted;
    }
    if ((declared == FieldType.LONG || declared == FieldType.TIME)
        && value instanceof Double d
        && beyondLong(d)) {
      throw beyondLong(type, field, declared, String.valueOf(d));
    }
    if (declared == FieldType.TIME && value instanceof String s) {
      throw new BadEventException(
          "field "
              + field
              + " of "
              + type
              + " is a time, but "
              + quoted(s)
              + " is not an ISO-8601 time such as 2024-01-01T10:00:00Z");
    }
    throw new BadEventException(
        "field "
            + field
            + " of "
            + type
            + " is "
            + declared.label()
            + ", not "
            + describe(value)
            + " ("
            + show(value)
            + ")");
  }

  /** The value in the declared type, or {@link #UNCONVERTIBLE}; {@code value} is not null. */
  private static Object strict(FieldType declared, Object value) {
    switch (declared) {
      case STRING:
        return value instanceof String ? value : UNCONVERTIBLE;
      case LONG:
      case TIME:
        if (value instanceof Long) {
          return value;
        }
        if (value instanceof Double d && isIntegral(d)) {
          return d.longValue();
        }
        if (declared == FieldType.TIME && value instanceof String s) {
          Long t = parseTime(s);
          return t == null ? UNCONVERTIBLE : t;
        }
        return UNCONVERTIBLE;
      case DOUBLE:
        if (value instanceof Double) {
          return value;
        }
        return value instanceof Number n ? (Object) n.doubleValue() : UNCONVERTIBLE;
      case BOOLEAN:
        return value instanceof Boolean ? value : UNCONVERTIBLE;
      default:
        return value;
    }
  }

  /**
   * A value read as text (a CSV cell) converted to the field's declared type, or, when undeclared,
   * to the type it looks like ({@link #infer}); an empty cell is null.
   *
   * @throws BadEventException when the text is not a value of the declared type, or a number is
   *     beyond the range of its type
   */
  public Object convertText(String type, String field, String text) throws BadEventException {
    return convertText(type, fieldType(type, field), field, text);
  }

  /**
   * {@link #convertText(String, String, String)} for a field whose declared type (null when
   * undeclared) the caller has looked up.
   */
  public static Object convertText(String type, FieldType declared, String field, String text)
      throws BadEventException {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (declared == null || declared == FieldType.ANY) {
      return inferFinite(type, field, text);
    }
    String t = text.trim();
    switch (declared) {
      case STRING:
        return text;
      case LONG:
        if (INTEGER.matcher(t).matches()) {
          try {
            return Long.parseLong(t);
          } catch (NumberFormatException e) {
            throw beyondLong(type, field, declared, t);
          }
        }
        if (DECIMAL.matcher(t).matches()) {
          double d = Double.parseDouble(t);
          if (isIntegral(d)) {
            return (long) d;
          }
          if (beyondLong(d)) {
            throw beyondLong(type, field, declared, t);
          }
        }
        break;
      case DOUBLE:
        if (DECIMAL.matcher(t).matches()) {
          double d = Double.parseDouble(t);
          if (Double.isInfinite(d)) {
            throw new BadEventException(
                "field "
                    + field
                    + " of "
                    + type
                    + " is double, but "
                    + abbreviate(t)
                    + " is beyond the range of double");
          }
          return d;
        }
        break;
      case BOOLEAN:
        if (t.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        break;
      case TIME:
        Long time = isInteger(t) ? parseLongOrNull(t) : parseTime(t);
        if (time != null) {
          return time;
        }
        throw new BadEventException(
            "field "
                + field
                + " of "
                + type
                + " is a time, but "
                + quoted(text)
                + " is neither epoch milliseconds nor an ISO-8601 time");
      default:
        return inferFinite(type, field, text);
    }
    throw new BadEventException(
        "field "
            + field
            + " of "
            + type
            + " is "
            + declared.label()
            + ", but "
            + quoted(text)
            + " is not a "
            + declared.label());
  }

  /**
   * The value a cell of an undeclared field stands for: integers become Long (Double beyond the
   * range of long), decimals Double, true/false (in lower, upper or title case) Boolean, an empty
   * cell null, and anything else the text itself.
   */
  public static Object infer(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t = text.trim();
    if (INTEGER.matcher(t).matches()) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        return Double.parseDouble(t);
      }
    }
    if (DECIMAL.matcher(t).matches()) {
      return Double.parseDouble(t);
    }
    if (t.equals("true") || t.equals("TRUE") || t.equals("True")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("FALSE") || t.equals("False")) {
      return Boolean.FALSE;
    }
    return text;
  }

  /** Whether text is an optionally signed run of digits. */
  public static boolean isInteger(String s) {
    int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Long parseLongOrNull(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * An event of a declared type with its fields in their declared types, as {@link #convert} would
   * give them; a value that does not convert is left as it is (the engine's conditions then see a
   * value of another type, as for an undeclared type). An event that a schema built (see {@link
   * #event}) or that needs no change is returned itself: events are conformed once.
   */
  public Event conform(Event e) {
    if (e.conformed() || types.isEmpty()) {
      return e;
    }
    EventType declared = types.get(e.type());
    if (declared == null) {
      return e;
    }
    EventShape shape = e.shape();
    Object[] values = null;
    for (int i = 0; i < shape.size(); i++) {
      FieldType t = declared.fields().get(shape.name(i));
      Object v = e.value(i);
      if (t == null || v == null) {
        continue;
      }
      Object c = strict(t, v);
      if (c != v && c != UNCONVERTIBLE && !c.equals(v)) {
        if (values == null) {
          values = new Object[shape.size()];
          for (int j = 0; j < values.length; j++) {
            values[j] = e.value(j);
          }
        }
        values[i] = c;
      }
    }
    return values == null ? e : Event.conformed(e.type(), e.time(), shape, values, false);
  }

  /**
   * An event whose values a reader has converted through this schema ({@link #convert}, {@link
   * #convertText}), in the order of {@code shape}: the engine does not conform it again. The first
   * {@code shape.size()} values are copied (the array may be longer: a reader's buffer).
   */
  public Event event(String type, long time, EventShape shape, Object[] values) {
    return Event.conformed(type, time, shape, values, true);
  }

  // ---- messages ----

  /** {@link #infer}, refusing a number too large for a double rather than making it infinite. */
  private static Object inferFinite(String type, String field, String text)
      throws BadEventException {
    Object value = infer(text);
    if (value instanceof Double d && Double.isInfinite(d)) {
      throw new BadEventException(
          "field "
              + field
              + " of "
              + type
              + ": "
              + abbreviate(text.trim())
              + " is beyond the range of double");
    }
    return value;
  }

  /** Whether a whole number is too large (or small) for a long. */
  private static boolean beyondLong(double d) {
    return d == Math.rint(d) && Math.abs(d) >= 0x1p63;
  }

  /** Whether a double is a whole number that a long holds exactly (below 2^53). */
  private static boolean isIntegral(double d) {
    return d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15;
  }

  /**
   * The error for a number (as written) that a long or time field cannot hold: {@code field f of T
   * is long, but 1e30 is beyond the range of long}.
   */
  public static BadEventException beyondLong(
      String type, String field, FieldType declared, String number) {
    return new BadEventException(
        "field "
            + field
            + " of "
            + type
            + " is "
            + declared.label()
            + ", but "
            + abbreviate(number)
            + " is beyond the range of long");
  }

  /** Long text cut short for a message: at most 40 characters. */
  public static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** What a value read from the input is, for a message: {@code a string}, {@code an array}. */
  public static String describe(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Long) {
      return "an integer";
    }
    if (v instanceof Double) {
      return "a decimal number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String show(Object v) {
    return v instanceof String str ? quoted(str) : abbreviate(String.valueOf(v));
  }

  /**
   * Text in double quotes for a message, escaped as a Motif string literal (a line break in the
   * input stays on the message's line) and cut to 40 characters.
   */
  public static String quoted(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return abbreviate(sb.append('"').toString());
  }
}
