package io.motif.reference;

import io.motif.ast.Script;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Derived events as {@code motif run} writes them (repl's {@code io.motif.cli.io.JsonEventWriter},
 * which the engine module cannot depend on), so that the differential test compares what a user
 * sees: {@code type}, {@code time}, then the fields in order; {@code null} written; a double always
 * with its decimal point or exponent ({@code Double.toString}), NaN and the infinities as strings;
 * a whole number in a field declared {@code double} (or {@code float}) written as a double; nested
 * events as objects (their fields typed by their own declaration), lists as arrays, maps as
 * objects; strings escaped as Jackson does (quote, backslash, {@code b t n f r} after a backslash,
 * other control characters as a backslash, {@code u00} and two upper-case hex digits, everything
 * else as it is); anything else as its {@code toString()} in quotes.
 */
final class JsonLines {
  /** Declared event types: type, then field, then whether it is declared double. */
  private final Map<String, Map<String, Boolean>> doubles = new HashMap<>();

  JsonLines(Script script) {
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl d) {
        Map<String, Boolean> fields = new HashMap<>();
        for (Statement.FieldDecl f : d.fields()) {
          String t = f.type().name().toLowerCase(Locale.ROOT);
          fields.put(f.name().name(), t.equals("double") || t.equals("float"));
        }
        doubles.put(d.name().name(), fields);
      }
    }
  }

  /** One line per event, each ending with a line break. */
  String render(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      event(e, sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  String render(Event e) {
    StringBuilder sb = new StringBuilder();
    event(e, sb);
    return sb.toString();
  }

  private void event(Event e, StringBuilder sb) {
    sb.append("{\"type\":");
    string(e.type(), sb);
    sb.append(",\"time\":").append(e.time());
    Map<String, Boolean> declared = doubles.getOrDefault(e.type(), Map.of());
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      sb.append(',');
      string(f.getKey(), sb);
      sb.append(':');
      value(f.getValue(), Boolean.TRUE.equals(declared.get(f.getKey())), sb);
    }
    sb.append('}');
  }

  private void value(Object v, boolean declaredDouble, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(s, sb);
    } else if (v instanceof Double || v instanceof Float) {
      number(((Number) v).doubleValue(), sb);
    } else if (v instanceof Number n) {
      if (declaredDouble) {
        number(n.doubleValue(), sb);
      } else {
        sb.append(n.longValue());
      }
    } else if (v instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (v instanceof Event e) {
      event(e, sb);
    } else if (v instanceof List<?> list) {
      sb.append('[');
      String sep = "";
      for (Object o : list) {
        sb.append(sep);
        value(o, false, sb);
        sep = ",";
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> x : map.entrySet()) {
        sb.append(sep);
        string(String.valueOf(x.getKey()), sb);
        sb.append(':');
        value(x.getValue(), false, sb);
        sep = ",";
      }
      sb.append('}');
    } else {
      string(v.toString(), sb);
    }
  }

  /** Jackson's {@code writeNumber(double)}: not-a-number and the infinities as strings. */
  private static void number(double d, StringBuilder sb) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      string(Double.toString(d), sb);
    } else {
      sb.append(Double.toString(d));
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
