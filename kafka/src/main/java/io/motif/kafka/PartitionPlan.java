package io.motif.kafka;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.PartitionKey;
import io.motif.engine.PatternInfo;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a script's events are spread over Kafka partitions, and so over stream tasks, each of which
 * runs its own engine.
 *
 * <p>A pattern's partition (all events with one value of its {@code partition by} key) must live in
 * one task, or its matches would be split between engines. The plan is <em>partitioned</em> when
 * one routing key serves every pattern: for each event type, every pattern that reads it partitions
 * it by key items that start with the same field paths (the routing key is the longest such prefix
 * shared by all types, at least one item). Records are then keyed by the routing key's value and
 * Kafka's partitioner sends equal values to one partition: each pattern partition lies within one
 * task, whatever the number of partitions.
 *
 * <p>Otherwise the plan is <em>single</em>: every event goes to one partition and one task. That is
 * the case when a pattern has no {@code partition by}, when two patterns partition a type by
 * different fields, and when a pattern reads a derived event type: a derived event enters the
 * engine that derived it, never a Kafka topic, so it cannot be routed by its own key.
 */
public final class PartitionPlan {
  /** The record key of events without a routing key. */
  public static final String NO_KEY = "";

  private final boolean partitioned;
  private final List<String> reasons;

  /** Per event type, the field paths of its routing key. */
  private final Map<String, List<List<String>>> routing;

  private PartitionPlan(
      boolean partitioned, List<String> reasons, Map<String, List<List<String>>> routing) {
    this.partitioned = partitioned;
    this.reasons = List.copyOf(reasons);
    this.routing = Collections.unmodifiableMap(routing);
  }

  /** The plan for a compiled script. */
  public static PartitionPlan of(CompiledScript script) {
    List<PatternInfo> patterns = script.patterns();
    List<String> reasons = new ArrayList<>();
    if (patterns.isEmpty()) {
      reasons.add("the script has no patterns");
    }
    Map<String, String> derivedBy = new LinkedHashMap<>();
    for (PatternInfo p : patterns) {
      for (PatternInfo.Output o : p.outputs()) {
        derivedBy.putIfAbsent(o.type(), p.name());
      }
    }
    for (PatternInfo p : patterns) {
      if (!p.partitioned()) {
        reasons.add("pattern " + p.name() + " has no `partition by`");
      }
      for (String t : sorted(p.reads())) {
        if (derivedBy.containsKey(t)) {
          reasons.add(
              "pattern "
                  + p.name()
                  + " reads "
                  + t
                  + " events, which pattern "
                  + derivedBy.get(t)
                  + " derives (a derived event stays in the engine that derived"
                  + " it)");
        }
      }
    }
    if (!reasons.isEmpty()) {
      return new PartitionPlan(false, reasons, new TreeMap<>());
    }
    // Per type: the key paths each pattern that reads it uses, and their longest common prefix.
    Map<String, List<List<String>>> first = new TreeMap<>();
    Map<String, String> firstPattern = new TreeMap<>();
    Map<String, Integer> common = new TreeMap<>();
    for (PatternInfo a : patterns) {
      for (String t : sorted(a.reads())) {
        List<List<String>> paths = paths(a, t);
        if (paths.isEmpty()) {
          continue; // with per-type keys and none for t, t never joins this pattern
        }
        List<List<String>> seen = first.get(t);
        if (seen == null) {
          first.put(t, paths);
          firstPattern.put(t, a.name());
          common.put(t, paths.size());
          continue;
        }
        int n = 0;
        while (n < Math.min(seen.size(), paths.size()) && seen.get(n).equals(paths.get(n))) {
          n++;
        }
        if (n == 0) {
          reasons.add(
              "patterns "
                  + firstPattern.get(t)
                  + " and "
                  + a.name()
                  + " partition "
                  + t
                  + " events by different fields ("
                  + show(seen)
                  + "; "
                  + show(paths)
                  + ")");
        }
        common.put(t, Math.min(common.get(t), n));
      }
    }
    if (!reasons.isEmpty()) {
      return new PartitionPlan(false, reasons, new TreeMap<>());
    }
    int n = Integer.MAX_VALUE;
    for (int c : common.values()) {
      n = Math.min(n, c);
    }
    Map<String, List<List<String>>> routing = new TreeMap<>();
    for (Map.Entry<String, List<List<String>>> e : first.entrySet()) {
      routing.put(e.getKey(), List.copyOf(e.getValue().subList(0, n)));
    }
    return new PartitionPlan(true, List.of(), routing);
  }

  /** The field paths of the key items that apply to events of {@code type}, in order. */
  private static List<List<String>> paths(PatternInfo p, String type) {
    List<List<String>> out = new ArrayList<>();
    for (PartitionKey k : p.keysFor(type)) {
      out.add(k.path());
    }
    return out;
  }

  private static List<String> sorted(Set<String> types) {
    List<String> list = new ArrayList<>(types);
    Collections.sort(list);
    return list;
  }

  private static String show(List<List<String>> paths) {
    List<String> parts = new ArrayList<>();
    paths.forEach(p -> parts.add(String.join(".", p)));
    return String.join(", ", parts);
  }

  /** True when events are spread over partitions by key; false when one task takes them all. */
  public boolean partitioned() {
    return partitioned;
  }

  /** Why the plan is single (empty when partitioned). */
  public List<String> reasons() {
    return reasons;
  }

  /** Per event type, the field paths of its routing key (empty when single). */
  public Map<String, List<List<String>>> routing() {
    return routing;
  }

  /**
   * The record key for an event: the routing key's value as text, equal for values the engine takes
   * as equal keys ({@code 1} and {@code 1.0}; but {@code "1"}, {@code 1} and {@code true} differ).
   * An event without the key (a type no pattern reads, or a missing or null key field) joins no
   * match and only moves the clock of the task it lands in; it gets the empty key, as every event
   * does in a single plan (Kafka Streams drops records with a null key when it repartitions).
   */
  public String keyOf(Event e) {
    if (!partitioned) {
      return NO_KEY;
    }
    List<List<String>> paths = routing.get(e.type());
    if (paths == null) {
      return NO_KEY;
    }
    String key = keyText(e, paths);
    return key == null ? NO_KEY : key;
  }

  /**
   * The text of the values at {@code paths} in {@code e}, joined by commas; null when one is
   * missing or null.
   */
  static String keyText(Event e, List<List<String>> paths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < paths.size(); i++) {
      List<String> path = paths.get(i);
      Object v = e.get(path.get(0));
      for (int j = 1; j < path.size() && v != null; j++) {
        v = field(v, path.get(j));
      }
      if (v == null) {
        return null;
      }
      if (i > 0) {
        sb.append(',');
      }
      render(sb, v);
    }
    return sb.toString();
  }

  /** A summary for logs: the mode, and the routing key per type or the reasons for one task. */
  public String describe() {
    if (!partitioned) {
      return "one partition (" + String.join("; ", reasons) + ")";
    }
    Set<String> parts = new LinkedHashSet<>();
    routing.forEach((t, p) -> parts.add(t + " by " + show(p)));
    return "partitioned: " + String.join(", ", parts);
  }

  private static Object field(Object target, String name) {
    if (target instanceof Event ev) {
      return ev.get(name);
    }
    if (target instanceof Map<?, ?> m) {
      return Values.normalize(m.get(name));
    }
    return null;
  }

  /** A canonical text for a key value: numbers by value, strings quoted, maps sorted by key. */
  private static void render(StringBuilder sb, Object v) {
    v = Values.normalize(v);
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e18) {
        sb.append(d.longValue());
      } else {
        sb.append(d.doubleValue() == 0 ? "0" : d.toString());
      }
    } else if (v instanceof Long l) {
      sb.append(l.longValue());
    } else if (v instanceof String s) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    } else if (v instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> byKey = new TreeMap<>();
      m.forEach((k, x) -> byKey.put(String.valueOf(k), x));
      sb.append('{');
      boolean firstEntry = true;
      for (Map.Entry<String, Object> en : byKey.entrySet()) {
        sb.append(firstEntry ? "" : ",");
        firstEntry = false;
        render(sb, en.getKey());
        sb.append(':');
        render(sb, en.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        render(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof Event ev) {
      sb.append(ev.type()).append('@').append(ev.time());
      render(sb, ev.fields());
    } else {
      render(sb, v.toString());
    }
  }
}
