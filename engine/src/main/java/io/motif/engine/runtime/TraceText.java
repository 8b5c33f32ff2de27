package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.ConditionText;
import io.motif.engine.eval.EvalContext;
import io.motif.function.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values, times and durations as a trace writes them, and the values a condition reads. */
final class TraceText {
  private TraceText() {}

  /** The values a part reads, evaluated in {@code ctx}, by their text. */
  static Map<String, Object> values(ConditionText.Part part, EvalContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < part.reads().size(); i++) {
      Object v;
      try {
        v = part.reads().get(i).eval(ctx);
      } catch (RuntimeException e) {
        v = null;
      }
      out.put(part.readTexts().get(i), v);
    }
    return out;
  }

  /** The values as {@code name = value, ...}. */
  static String show(Map<String, Object> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (k, v) -> {
          sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(value(v));
        });
    return sb.toString();
  }

  /** A value as Motif writes it: strings quoted, events with their fields. */
  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return ConditionText.quote(s);
    }
    if (v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(x -> items.add(value(x)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Event e) {
      StringBuilder sb = new StringBuilder(e.type()).append('(');
      boolean first = true;
      for (Map.Entry<String, Object> f : e.fields().entrySet()) {
        sb.append(first ? "" : ", ").append(f.getKey()).append(": ").append(value(f.getValue()));
        first = false;
      }
      return sb.append(") at ").append(time(e.time())).toString();
    }
    return Values.text(v);
  }

  /** An event time as test blocks write it: {@code 30s} for small offsets, else ISO-8601. */
  static String time(long t) {
    if (t >= 0 && t < 10_000_000_000L) {
      return duration(t);
    }
    return Instant.ofEpochMilli(t).toString();
  }

  /** A duration in the largest unit that divides it: {@code 5min}, {@code 250ms}. */
  static String duration(long millis) {
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "min", "s"};
    if (millis == 0) {
      return "0s";
    }
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
