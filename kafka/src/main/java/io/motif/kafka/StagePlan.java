package io.motif.kafka;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.PartitionKey;
import io.motif.engine.PatternInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A script split into stages by partition key. Each stage runs some of the patterns, in its own
 * engines, one per stream task; its events are keyed by the stage's routing key and reach it
 * through its own repartition topic, so each of its pattern partitions lies within one task.
 *
 * <ul>
 *   <li>Patterns whose keys agree (for each event type both read, the keys start with the same
 *       field paths) share a stage, routed by the longest such prefix (at least one item).
 *   <li>A derived event read by a pattern of another stage travels to it through a repartition
 *       topic, keyed by that stage's key. Read by a pattern of its own stage, it stays in the
 *       engine that derived it: that is right when the event carries its match's key in the fields
 *       the reader keys it by (as {@code emit Alert(user: s.user)} does for a reader partitioned by
 *       {@code user}).
 *   <li>Patterns without {@code partition by} run in one stage of one partition ("single"); so do
 *       patterns of stages that would feed each other in a cycle.
 * </ul>
 *
 * <p>Stages come in an order where every stage comes after the stages it reads derived events from.
 */
public final class StagePlan {
  /** The name of the stage of one partition. */
  public static final String SINGLE = "single";

  /**
   * One stage.
   *
   * @param name a name made of its routing key's fields ({@link #SINGLE} for the unkeyed stage)
   * @param patterns its patterns, in declaration order
   * @param keyed whether it is spread by key (false: one partition)
   * @param routing per event type, the field paths of the routing key (empty when unkeyed)
   * @param reads the event types its patterns read
   * @param emits the event types its patterns derive
   */
  public record Stage(
      String name,
      List<String> patterns,
      boolean keyed,
      Map<String, List<List<String>>> routing,
      Set<String> reads,
      Set<String> emits) {
    public Stage {
      patterns = List.copyOf(patterns);
      routing = Collections.unmodifiableMap(new TreeMap<>(routing));
      reads = Collections.unmodifiableSet(new TreeSet<>(reads));
      emits = Collections.unmodifiableSet(new TreeSet<>(emits));
    }

    /**
     * The record key of an event in this stage: the routing key's value as text ({@link
     * PartitionPlan#keyOf}); the empty key in the single stage; null when the event does not belong
     * here (a type the stage does not read, or a missing or null key field).
     */
    public String keyOf(Event e) {
      if (!reads.contains(e.type())) {
        return null;
      }
      if (!keyed) {
        return PartitionPlan.NO_KEY;
      }
      List<List<String>> paths = routing.get(e.type());
      return paths == null ? null : PartitionPlan.keyText(e, paths);
    }

    /** The types derived and read within the stage: they stay in the engine. */
    public Set<String> chained() {
      Set<String> out = new TreeSet<>(emits);
      out.retainAll(reads);
      return out;
    }

    String describe() {
      StringBuilder sb = new StringBuilder(name).append(" [").append(String.join(", ", patterns));
      sb.append("]: ");
      if (!keyed) {
        sb.append("one partition");
      } else {
        List<String> parts = new ArrayList<>();
        routing.forEach((t, p) -> parts.add(t + " by " + show(p)));
        sb.append(String.join(", ", parts));
      }
      return sb.toString();
    }
  }

  private final List<Stage> stages;
  private final List<String> notes;

  private StagePlan(List<Stage> stages, List<String> notes) {
    this.stages = List.copyOf(stages);
    this.notes = List.copyOf(notes);
  }

  /** The stages, each after those it reads derived events from. */
  public List<Stage> stages() {
    return stages;
  }

  /** Why patterns with a key run in the single stage (empty when none does). */
  public List<String> notes() {
    return notes;
  }

  /** The stage by name, or null. */
  public Stage stage(String name) {
    for (Stage s : stages) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Every event type some pattern reads: input events of other types are dropped at once. */
  public Set<String> reads() {
    Set<String> out = new TreeSet<>();
    stages.forEach(s -> out.addAll(s.reads()));
    return out;
  }

  /** The derived types stage {@code from} sends to stage {@code to} (empty when none). */
  public Set<String> edge(Stage from, Stage to) {
    if (from.equals(to)) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>(from.emits());
    out.retainAll(to.reads());
    return out;
  }

  /** A summary for logs: each stage with its patterns and routing key. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Stage s : stages) {
      List<String> from = new ArrayList<>();
      for (Stage u : stages) {
        Set<String> e = edge(u, s);
        if (!e.isEmpty()) {
          from.add(String.join(", ", e) + " from " + u.name());
        }
      }
      parts.add(s.describe() + (from.isEmpty() ? "" : " (" + String.join("; ", from) + ")"));
    }
    String out = stages.size() + (stages.size() == 1 ? " stage: " : " stages: ");
    out += String.join("; ", parts);
    if (!notes.isEmpty()) {
      out += " (" + String.join("; ", notes) + ")";
    }
    return out;
  }

  /** The stages of a compiled script. */
  public static StagePlan of(CompiledScript script) {
    List<PatternInfo> patterns = script.patterns();
    Set<String> single = new LinkedHashSet<>();
    for (PatternInfo p : patterns) {
      if (!p.partitioned()) {
        single.add(p.name());
      }
    }
    List<String> notes = new ArrayList<>();
    while (true) {
      List<Stage> stages = group(patterns, single);
      List<Set<Stage>> cycles = cycles(stages);
      if (cycles.isEmpty()) {
        return new StagePlan(order(stages), notes);
      }
      for (Set<Stage> cycle : cycles) {
        List<String> names = new ArrayList<>();
        for (Stage s : cycle) {
          names.add(s.name());
          single.addAll(s.patterns());
        }
        notes.add(
            "stages " + String.join(", ", names) + " read each other's derived events: one stage");
      }
    }
  }

  /** Per type a pattern reads with a key, the key's field paths; every type for no key. */
  private static Map<String, List<List<String>>> keys(PatternInfo p) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    for (String t : p.reads()) {
      List<List<String>> paths = new ArrayList<>();
      for (PartitionKey k : p.keysFor(t)) {
        paths.add(k.path());
      }
      // With per-type keys and none for t, t never joins the pattern.
      if (!p.partitioned() || !paths.isEmpty()) {
        out.put(t, paths);
      }
    }
    return out;
  }

  private static int common(List<List<String>> a, List<List<String>> b) {
    int n = 0;
    while (n < Math.min(a.size(), b.size()) && a.get(n).equals(b.get(n))) {
      n++;
    }
    return n;
  }

  /** Keyed patterns into stages by agreeing keys, first fit; the single stage last. */
  private static List<Stage> group(List<PatternInfo> patterns, Set<String> single) {
    List<List<PatternInfo>> groups = new ArrayList<>();
    List<Map<String, List<List<String>>>> groupKeys = new ArrayList<>();
    for (PatternInfo p : patterns) {
      if (single.contains(p.name())) {
        continue;
      }
      Map<String, List<List<String>>> k = keys(p);
      int fit = -1;
      for (int g = 0; g < groups.size() && fit < 0; g++) {
        boolean agrees = true;
        for (Map.Entry<String, List<List<String>>> e : k.entrySet()) {
          List<List<String>> seen = groupKeys.get(g).get(e.getKey());
          if (seen != null && common(seen, e.getValue()) == 0) {
            agrees = false;
            break;
          }
        }
        List<PatternInfo> with = new ArrayList<>(groups.get(g));
        with.add(p);
        if (agrees && chainLength(with) > 0 && !closesCycle(groups.get(g), p, patterns)) {
          fit = g;
        }
      }
      if (fit < 0) {
        groups.add(new ArrayList<>());
        groupKeys.add(new TreeMap<>());
        fit = groups.size() - 1;
      }
      groups.get(fit).add(p);
      Map<String, List<List<String>>> gk = groupKeys.get(fit);
      for (Map.Entry<String, List<List<String>>> e : k.entrySet()) {
        List<List<String>> seen = gk.get(e.getKey());
        gk.put(
            e.getKey(), seen == null ? e.getValue() : seen.subList(0, common(seen, e.getValue())));
      }
    }
    List<Stage> stages = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      Map<String, List<List<String>>> gk = groupKeys.get(g);
      int n = chainLength(groups.get(g));
      for (List<List<String>> paths : gk.values()) {
        n = Math.min(n, paths.size());
      }
      Map<String, List<List<String>>> routing = new TreeMap<>();
      for (Map.Entry<String, List<List<String>>> e : gk.entrySet()) {
        routing.put(e.getKey(), List.copyOf(e.getValue().subList(0, n)));
      }
      stages.add(stage(name(routing, names), groups.get(g), true, routing));
    }
    List<PatternInfo> rest = new ArrayList<>();
    for (PatternInfo p : patterns) {
      if (single.contains(p.name())) {
        rest.add(p);
      }
    }
    if (!rest.isEmpty()) {
      stages.add(stage(SINGLE, rest, false, Map.of()));
    }
    return stages;
  }

  private static Stage stage(
      String name, List<PatternInfo> ps, boolean keyed, Map<String, List<List<String>>> routing) {
    List<String> names = new ArrayList<>();
    Set<String> reads = new TreeSet<>();
    Set<String> emits = new TreeSet<>();
    for (PatternInfo p : ps) {
      names.add(p.name());
      reads.addAll(keyed ? keys(p).keySet() : p.reads());
      p.outputs().forEach(o -> emits.add(o.type()));
    }
    return new Stage(name, names, keyed, routing, reads, emits);
  }

  /**
   * How many leading key items a derived event read within {@code group} shares with the input of
   * the match that derived it: for each pattern X of the group that derives a type D, and each
   * pattern Y of the group that reads D, the common prefix of Y's key for D and X's key for each
   * type X reads; the least over all (MAX_VALUE when nothing is chained). Zero: D is keyed by other
   * fields than its match, so it must travel to a stage of its own.
   */
  private static int chainLength(List<PatternInfo> group) {
    int n = Integer.MAX_VALUE;
    for (PatternInfo x : group) {
      Map<String, List<List<String>>> in = keys(x);
      for (PatternInfo.Output o : x.outputs()) {
        for (PatternInfo y : group) {
          List<List<String>> d = keys(y).get(o.type());
          if (d == null) {
            continue;
          }
          for (List<List<String>> k : in.values()) {
            n = Math.min(n, common(k, d));
          }
        }
      }
    }
    return n;
  }

  /**
   * Whether {@code p} joining {@code group} would make a stage that feeds itself through another
   * stage: a pattern of the group derives events that reach, through patterns outside it, a pattern
   * of the group.
   */
  private static boolean closesCycle(
      List<PatternInfo> group, PatternInfo p, List<PatternInfo> patterns) {
    Set<String> members = new HashSet<>();
    group.forEach(g -> members.add(g.name()));
    members.add(p.name());
    Set<String> outside = new HashSet<>();
    List<PatternInfo> todo = new ArrayList<>();
    for (PatternInfo x : patterns) {
      if (members.contains(x.name())) {
        for (PatternInfo y : readers(x, patterns)) {
          if (!members.contains(y.name()) && outside.add(y.name())) {
            todo.add(y);
          }
        }
      }
    }
    while (!todo.isEmpty()) {
      PatternInfo z = todo.remove(todo.size() - 1);
      for (PatternInfo y : readers(z, patterns)) {
        if (members.contains(y.name())) {
          return true;
        }
        if (outside.add(y.name())) {
          todo.add(y);
        }
      }
    }
    return false;
  }

  /** The other patterns that read what {@code x} derives. */
  private static List<PatternInfo> readers(PatternInfo x, List<PatternInfo> patterns) {
    List<PatternInfo> out = new ArrayList<>();
    for (PatternInfo y : patterns) {
      if (y.name().equals(x.name())) {
        continue;
      }
      for (PatternInfo.Output o : x.outputs()) {
        if (y.reads().contains(o.type())) {
          out.add(y);
          break;
        }
      }
    }
    return out;
  }

  /** A stage's name from its routing key's fields, usable in topic names, unique. */
  private static String name(Map<String, List<List<String>>> routing, Set<String> taken) {
    Set<String> fields = new TreeSet<>();
    routing.values().forEach(paths -> fields.add(show(paths)));
    fields.remove(""); // a derived event keyed apart from its match leaves no key to route by
    String base =
        fields.isEmpty() ? "keyed" : String.join("+", fields).replaceAll("[^A-Za-z0-9._+-]", "_");
    base = base.replace('+', '-').replace(",", "_");
    String name = base;
    for (int i = 2; name.equals(SINGLE) || !taken.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String show(List<List<String>> paths) {
    List<String> parts = new ArrayList<>();
    paths.forEach(p -> parts.add(String.join(".", p)));
    return String.join(",", parts);
  }

  /** The groups of stages that feed each other in a cycle (strongly connected, two or more). */
  private static List<Set<Stage>> cycles(List<Stage> stages) {
    Map<Stage, Set<Stage>> reach = new LinkedHashMap<>();
    for (Stage s : stages) {
      Set<Stage> seen = new HashSet<>();
      List<Stage> todo = new ArrayList<>(List.of(s));
      while (!todo.isEmpty()) {
        Stage x = todo.remove(todo.size() - 1);
        for (Stage y : stages) {
          if (!y.equals(x) && feeds(x, y) && seen.add(y)) {
            todo.add(y);
          }
        }
      }
      reach.put(s, seen);
    }
    List<Set<Stage>> out = new ArrayList<>();
    Set<Stage> done = new HashSet<>();
    for (Stage s : stages) {
      if (done.contains(s) || !reach.get(s).contains(s)) {
        continue;
      }
      Set<Stage> cycle = new LinkedHashSet<>();
      for (Stage t : stages) {
        if (reach.get(s).contains(t) && reach.get(t).contains(s)) {
          cycle.add(t);
        }
      }
      done.addAll(cycle);
      out.add(cycle);
    }
    return out;
  }

  private static boolean feeds(Stage from, Stage to) {
    for (String t : from.emits()) {
      if (to.reads().contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** Each stage after those that feed it, otherwise in the order found. */
  private static List<Stage> order(List<Stage> stages) {
    List<Stage> out = new ArrayList<>();
    Map<Stage, Boolean> placed = new HashMap<>();
    while (out.size() < stages.size()) {
      for (Stage s : stages) {
        if (placed.containsKey(s)) {
          continue;
        }
        boolean ready = true;
        for (Stage u : stages) {
          if (!u.equals(s) && !placed.containsKey(u) && feeds(u, s)) {
            ready = false;
            break;
          }
        }
        if (ready) {
          out.add(s);
          placed.put(s, true);
          break;
        }
      }
    }
    return out;
  }
}
