package io.motif.io;

import io.motif.engine.Event;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Events as Motif writes them in test blocks: {@code Alert(user: "al", attempts: 3) at 30s}. Used
 * by {@code motif test} and the shell, so what a user reads can be pasted back.
 */
public final class EventText {
  private EventText() {}

  /** The event with all its fields. */
  public static String render(Event e) {
    return render(e, e.fields().keySet());
  }

  /** The event with only the named fields, in that order (a missing one shows as null). */
  public static String render(Event e, Collection<String> fields) {
    StringBuilder sb = new StringBuilder(e.type()).append('(');
    boolean first = true;
    for (String name : fields) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(name).append(": ");
      value(sb, e.get(name));
    }
    return sb.append(") at ").append(Times.literal(e.time())).toString();
  }

  /** A value as a Motif literal where one exists. */
  public static String value(Object v) {
    StringBuilder sb = new StringBuilder();
    value(sb, v);
    return sb.toString();
  }

  private static void value(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        sb.append(d.longValue()).append(".0");
      } else {
        sb.append(d);
      }
    } else if (v instanceof Event e) {
      sb.append(render(e));
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        value(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> en : map.entrySet()) {
        sb.append(first ? "" : ", ").append(en.getKey()).append(": ");
        first = false;
        value(sb, en.getValue());
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
