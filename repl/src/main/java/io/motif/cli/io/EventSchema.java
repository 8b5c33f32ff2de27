package io.motif.cli.io;

import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts input values to the declared field types of a script's event types. Fields of
 * undeclared types, and undeclared fields, keep the type they were read with.
 */
public final class EventSchema {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final Map<String, EventType> types;
  private final TimeUnits timeUnit;

  public EventSchema(Map<String, EventType> types) {
    this(types, TimeUnits.ms);
  }

  private EventSchema(Map<String, EventType> types, TimeUnits timeUnit) {
    this.types = Map.copyOf(types);
    this.timeUnit = timeUnit;
  }

  /** This schema, reading the numbers of declared {@code time} fields in {@code unit}. */
  public EventSchema withTimeUnit(TimeUnits unit) {
    return unit == timeUnit ? this : new EventSchema(types, unit);
  }

  /** A whole number of {@link #timeUnit}s in a declared time field, in milliseconds. */
  private long millis(String type, String field, long value) throws BadEventException {
    Long t = timeUnit.toMillis(value);
    if (t == null) {
      throw new BadEventException("field " + field + " of " + type + " is a time, but " + value
          + " " + timeUnit + " is beyond the range of long in milliseconds");
    }
    return t;
  }

  /** A schema that declares nothing. */
  public static EventSchema none() {
    return new EventSchema(Map.of());
  }

  /** The declared type of a field, or null when its event type or the field is undeclared. */
  public FieldType fieldType(String type, String field) {
    EventType info = types.get(type);
    return info == null ? null : info.fields().get(field);
  }

  public Map<String, EventType> types() {
    return types;
  }

  /**
   * A value read from JSON (String, Long, Double, Boolean, Map, List or null) converted to the
   * field's declared type.
   */
  public Object convert(String type, String field, Object value) throws BadEventException {
    FieldType declared = fieldType(type, field);
    if (declared == null || value == null || declared == FieldType.ANY) {
      return value;
    }
    switch (declared) {
      case STRING:
        if (value instanceof String) {
          return value;
        }
        break;
      case LONG:
        if (value instanceof Long) {
          return value;
        }
        if (value instanceof Double d && isIntegral(d)) {
          return d.longValue();
        }
        if (value instanceof Double d && beyondLong(d)) {
          throw beyondLong(type, field, declared, String.valueOf(d));
        }
        break;
      case DOUBLE:
        if (value instanceof Number n) {
          return n.doubleValue();
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        break;
      case TIME:
        if (value instanceof Long l) {
          return millis(type, field, l);
        }
        if (value instanceof Double d && isIntegral(d)) {
          return millis(type, field, d.longValue());
        }
        if (value instanceof Double d && beyondLong(d)) {
          throw beyondLong(type, field, declared, String.valueOf(d));
        }
        if (value instanceof String s) {
          Long t = Times.parseIso(s);
          if (t != null) {
            return t;
          }
          throw new BadEventException("field " + field + " of " + type + " is a time, but "
              + quoted(s) + " is not an ISO-8601 time such as 2024-01-01T10:00:00Z");
        }
        break;
      default:
        return value;
    }
    throw mismatch(type, field, declared, value);
  }

  /**
   * A value read as text (a CSV cell) converted to the field's declared type, or, when undeclared,
   * to the type it looks like: integers become Long, decimals Double, true/false Boolean, and an
   * empty cell null.
   */
  public Object convertText(String type, String field, String text) throws BadEventException {
    if (text == null || text.isEmpty()) {
      return null;
    }
    FieldType declared = fieldType(type, field);
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
            throw new BadEventException("field " + field + " of " + type + " is double, but "
                + abbreviate(t) + " is beyond the range of double");
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
        Long time = Times.parse(t);
        if (time != null) {
          return Times.isInteger(t) ? millis(type, field, time) : time;
        }
        throw new BadEventException("field " + field + " of " + type + " is a time, but "
            + quoted(text) + " is neither epoch milliseconds nor an ISO-8601 time");
      default:
        return inferFinite(type, field, text);
    }
    throw new BadEventException("field " + field + " of " + type + " is " + declared.label()
        + ", but " + quoted(text) + " is not a " + declared.label());
  }

  /** The value a CSV cell of an undeclared field stands for. */
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

  /** {@link #infer}, refusing a number too large for a double rather than making it infinite. */
  private static Object inferFinite(String type, String field, String text)
      throws BadEventException {
    Object value = infer(text);
    if (value instanceof Double d && Double.isInfinite(d)) {
      throw new BadEventException("field " + field + " of " + type + ": " + abbreviate(text.trim())
          + " is beyond the range of double");
    }
    return value;
  }

  /** Whether a whole number is too large (or small) for a long. */
  private static boolean beyondLong(double d) {
    return d == Math.rint(d) && Math.abs(d) >= 0x1p63;
  }

  /** A number (as written) that a long or time field cannot hold. */
  static BadEventException beyondLong(String type, String field, FieldType declared,
      String number) {
    return new BadEventException("field " + field + " of " + type + " is " + declared.label()
        + ", but " + abbreviate(number) + " is beyond the range of long");
  }

  /** Long text cut short for a message. */
  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  private static boolean isIntegral(double d) {
    return d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15;
  }

  private static BadEventException mismatch(String type, String field, FieldType declared,
      Object value) {
    return new BadEventException("field " + field + " of " + type + " is "
        + declared.label() + ", not " + kind(value) + " (" + show(value) + ")");
  }

  static String kind(Object v) {
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
    if (v instanceof java.util.List) {
      return "an array";
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String show(Object v) {
    return v instanceof String str ? quoted(str) : abbreviate(String.valueOf(v));
  }

  /** Text in quotes for a message, escaped (a line break in a cell stays on the line) and cut. */
  static String quoted(String text) {
    return abbreviate(EventText.value(text));
  }
}
