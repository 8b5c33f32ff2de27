package io.motif.engine.automaton;

import io.motif.engine.eval.Evaluator;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.Conjunct;
import io.motif.engine.plan.KeyPath;
import io.motif.engine.plan.PatternNode;
import io.motif.engine.plan.PatternPlan;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.Accumulator;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled pattern: a position automaton (one state per atom occurrence once counted repetitions
 * are written out, after Glushkov), immutable and int-indexed, shared by every partition. A run's
 * state is the position of the last event it took.
 *
 * <p>Edges carry the arrow that governs taking their target, the negations they cross (as bit
 * masks: the edge may be taken while none of one mask's negations has occurred in the gap) and the
 * {@code where} conjuncts that become checkable when they are taken.
 *
 * <p>It carries everything the runtime needs of its pattern, compiled: the partition keys, the
 * window, the skip policy, the binding table, the accumulators' empty states and the emit clauses'
 * evaluators, so that the runtime reads no plan. (It keeps its {@link #plan} for the compiler's
 * side: fingerprints, and the tables tracing builds on first use.)
 */
public final class Automaton {
  /**
   * One way to take an event: into position {@code to}, under {@code arrow} (LANGUAGE.md §8: the
   * arrow of an edge depends on the path, so it lives here, not on the position). {@code
   * strictFrom} says which event a {@code =>} is measured from: -1 for the run's last event, k for
   * the last event of side k of a conjunction (arrows inside a side of {@code &} are measured from
   * that side's own last event).
   */
  public record Edge(int to, Arrow arrow, long[] negationMasks, int[] conjuncts, int strictFrom) {}

  private final PatternPlan plan;
  final int[] atomId;
  final String[] type;
  final int[] binding;
  final boolean[] bindingRepeated;
  final Evaluator[] condition;

  /** Per position, the guard of its condition, or null. */
  private final Guard[] guard;

  final String[] text;
  final Edge[][] out;
  final Edge[] start;

  /** Per position: null when not accepting, else the masks of negations a completion must await. */
  final long[][] accept;

  final int[][] openAtCompletion;
  final String[] negationType;
  final Evaluator[] negationCondition;

  /**
   * Per negation, a conjunct of its condition that a waiting run can keep a column for, or null.
   */
  final Guard[] negationGuard;

  /** Per negation, the slot of the name on its atom ({@code not z: D}), or -1. */
  final int[] negationBinding;

  final Evaluator[] conjunct;

  /** Per aggregate slot: its binding, and the argument evaluated on each accepted event. */
  final int[] aggBinding;

  final Evaluator[] aggArgument;

  /** Per aggregate slot: kept as events are accepted, or recomputed when read. */
  final boolean[] aggIncremental;

  final boolean hasAbsence;

  /** Per position: the conjunction side whose last event it is, or -1. */
  final int[] side;

  final int sides;
  private final List<String> streamTypes;

  /** Per partition key item: the event type it applies to (null: every type) and its path. */
  private final String[] keyTypes;

  private final String[][] keyPaths;
  private final SkipPolicy skip;
  private final Binding[] bindings;
  private final Accumulator[] emptyAccumulators;
  private final Emission emit;
  private final Emission onTimeout;

  /** What tracing reads, made on first use: most patterns are never traced. */
  private volatile TraceTables traceTables;

  Automaton(
      PatternPlan plan,
      int[] atomId,
      String[] type,
      int[] binding,
      boolean[] bindingRepeated,
      Evaluator[] condition,
      Guard[] guard,
      String[] text,
      Edge[][] out,
      Edge[] start,
      long[][] accept,
      int[][] openAtCompletion,
      String[] negationType,
      Evaluator[] negationCondition,
      Guard[] negationGuard,
      int[] negationBinding,
      Evaluator[] conjunct,
      int[] aggBinding,
      Evaluator[] aggArgument,
      int[] side,
      int sides) {
    this.plan = plan;
    this.side = side;
    this.sides = sides;
    this.atomId = atomId;
    this.type = type;
    this.binding = binding;
    this.bindingRepeated = bindingRepeated;
    this.condition = condition;
    this.guard = guard;
    this.text = text;
    this.out = out;
    this.start = start;
    this.accept = accept;
    this.openAtCompletion = openAtCompletion;
    this.negationType = negationType;
    this.negationCondition = negationCondition;
    this.negationGuard = negationGuard;
    this.negationBinding = negationBinding;
    this.conjunct = conjunct;
    this.aggBinding = aggBinding;
    this.aggArgument = aggArgument;
    this.aggIncremental = new boolean[aggBinding.length];
    for (int a = 0; a < aggBinding.length; a++) {
      aggIncremental[a] = plan.aggregates().get(a).incremental();
    }
    // Interned, as event types mostly are: the runtime's type tests then succeed on ==.
    for (int i = 0; i < type.length; i++) {
      type[i] = type[i] == null ? null : type[i].intern();
    }
    for (int i = 0; i < negationType.length; i++) {
      negationType[i] = negationType[i] == null ? null : negationType[i].intern();
    }
    boolean absence = false;
    for (long[] a : accept) {
      if (a != null && a.length > 0 && a[0] != 0) {
        absence = true;
      }
    }
    this.hasAbsence = absence;
    this.streamTypes = List.copyOf(plan.streamTypes());
    this.keyTypes = new String[plan.partitionBy().size()];
    this.keyPaths = new String[keyTypes.length][];
    for (int i = 0; i < keyTypes.length; i++) {
      KeyPath k = plan.partitionBy().get(i);
      keyTypes[i] = k.eventType() == null ? null : k.eventType().intern();
      keyPaths[i] = k.path().toArray(new String[0]);
      for (int j = 0; j < keyPaths[i].length; j++) {
        keyPaths[i][j] = keyPaths[i][j].intern(); // fields are looked up by identity first
      }
    }
    this.skip = SkipPolicy.valueOf(plan.skip().name());
    this.bindings = new Binding[plan.bindings().size()];
    for (BindingDecl b : plan.bindings()) {
      bindings[b.slot()] = new Binding(b.slot(), b.name(), b.repeated(), b.negated());
    }
    this.emptyAccumulators = new Accumulator[plan.aggregates().size()];
    for (Aggregation a : plan.aggregates()) {
      emptyAccumulators[a.slot()] = a.function().empty();
    }
    this.emit = AutomatonCompiler.emission(plan.emit());
    this.onTimeout = AutomatonCompiler.emission(plan.onTimeout());
  }

  /** The pattern's name. */
  public String name() {
    return plan.name();
  }

  /** The checked plan it was compiled from: for the compiler's side, never the runtime's. */
  public PatternPlan plan() {
    return plan;
  }

  public int positions() {
    return type.length;
  }

  /** The skip policy; {@link #skipSlot} names the binding of {@code to first/last x}. */
  public SkipPolicy skip() {
    return skip;
  }

  /** The binding slot of {@code x} in {@code after match skip to first/last x}, else -1. */
  public int skipSlot() {
    return plan.skipSlot();
  }

  /** An {@code internal pattern}: its derived events are not output (LANGUAGE.md §4.5). */
  public boolean internal() {
    return plan.internal();
  }

  /** The event types the pattern names, positive or negated: its stream. */
  public List<String> streamTypes() {
    return streamTypes;
  }

  /** How many items {@code partition by} has. */
  public int keyItems() {
    return keyTypes.length;
  }

  /** The event type key item {@code i} applies to (interned), or null for every type. */
  public String keyType(int i) {
    return keyTypes[i];
  }

  /** The field path of key item {@code i}, its names interned (a copy). */
  public String[] keyPath(int i) {
    return keyPaths[i].clone();
  }

  /** The {@code within} duration in milliseconds, or -1. */
  public long windowMillis() {
    return plan.windowMillis();
  }

  /** The {@code within N events} count, or -1. */
  public long windowEvents() {
    return plan.windowEvents();
  }

  /** Where the pattern's {@code match} clause is written, or null. */
  public Span span() {
    return plan.span();
  }

  /** How many binding slots the pattern has. */
  public int bindings() {
    return bindings.length;
  }

  /** The binding in slot {@code slot}. */
  public Binding bindingInfo(int slot) {
    return bindings[slot];
  }

  /** The empty state of every aggregate slot's accumulator (a copy; accumulators are immutable). */
  public Accumulator[] emptyAccumulators() {
    return emptyAccumulators.clone();
  }

  /** The {@code emit} clause, or null for the default output (one field per binding). */
  public Emission emit() {
    return emit;
  }

  /** The {@code on timeout emit} clause, or null. */
  public Emission onTimeout() {
    return onTimeout;
  }

  /** What tracing reads: the atoms as written and their conditions' parts, made on first use. */
  public TraceTables traceTables() {
    TraceTables t = traceTables;
    if (t == null) {
      t = new TraceTables(plan, this);
      traceTables = t;
    }
    return t;
  }

  // Accessors for the runtime, which lives in another package.
  public int atomId(int p) {
    return atomId[p];
  }

  public String type(int p) {
    return type[p];
  }

  public int binding(int p) {
    return binding[p];
  }

  public boolean bindingRepeated(int p) {
    return bindingRepeated[p];
  }

  /**
   * The conjunct of position {@code p}'s condition that a waiting run can test as a column, or null
   * (see {@link Guard}).
   */
  public Guard guard(int p) {
    return guard[p];
  }

  public Evaluator condition(int p) {
    return condition[p];
  }

  public Edge[] out(int p) {
    return out[p];
  }

  public Edge[] start() {
    return start;
  }

  public long[] accept(int p) {
    return accept[p];
  }

  public int[] openAtCompletion(int p) {
    return openAtCompletion[p];
  }

  public int negations() {
    return negationType.length;
  }

  public String negationType(int n) {
    return negationType[n];
  }

  public Evaluator negationCondition(int n) {
    return negationCondition[n];
  }

  /**
   * A conjunct of negation {@code n}'s condition that compares the negated event with an earlier
   * one ({@code not Shipment(order == o.id)}), or null: see {@link Guard#ofNegation}.
   */
  public Guard negationGuard(int n) {
    return negationGuard[n];
  }

  /** The negations (a bit each) that an edge or the acceptance of position {@code p} may cross. */
  public long negationsFrom(int p) {
    long m = 0;
    for (Edge e : out[p]) {
      for (long x : e.negationMasks()) {
        m |= x;
      }
    }
    if (accept[p] != null) {
      for (long x : accept[p]) {
        m |= x;
      }
    }
    return m;
  }

  /** The binding slot of the name on negation {@code n}'s atom, or -1. */
  public int negationBinding(int n) {
    return negationBinding[n];
  }

  public Evaluator conjunct(int c) {
    return conjunct[c];
  }

  public int aggregates() {
    return aggBinding.length;
  }

  public int aggBinding(int a) {
    return aggBinding[a];
  }

  public Evaluator aggArgument(int a) {
    return aggArgument[a];
  }

  /** False for an aggregate whose argument reads other bindings: recomputed when read. */
  public boolean aggIncremental(int a) {
    return aggIncremental[a];
  }

  public int side(int p) {
    return side[p];
  }

  /** How many conjunction sides the runs must track their last event for. */
  public int sides() {
    return sides;
  }

  public boolean hasAbsence() {
    return hasAbsence;
  }

  /**
   * Whether the pattern's aggregates are read only where a derived event is made (its {@code emit}
   * or {@code on timeout} clause): no atom's condition (a negated one's included) and no {@code
   * where} conjunct reads one, so that nothing tests an aggregate while a match is under way.
   */
  public boolean aggregatesReadAtEmitOnly() {
    for (Conjunct c : plan.where()) {
      if (readsAggregate(c.condition())) {
        return false;
      }
    }
    return !conditionReadsAggregate(plan.match());
  }

  private static boolean conditionReadsAggregate(PatternNode n) {
    if (n instanceof PatternNode.Atom a) {
      return a.condition() != null && readsAggregate(a.condition());
    }
    List<PatternNode> inner;
    if (n instanceof PatternNode.Negation g) {
      inner = List.of(g.atom());
    } else if (n instanceof PatternNode.Sequence q) {
      inner = q.elements();
    } else if (n instanceof PatternNode.Repetition r) {
      inner = List.of(r.body());
    } else if (n instanceof PatternNode.Alternation a) {
      inner = a.alternatives();
    } else {
      inner = ((PatternNode.Conjunction) n).parts();
    }
    return inner.stream().anyMatch(Automaton::conditionReadsAggregate);
  }

  private static boolean readsAggregate(TypedExpr e) {
    if (e instanceof TypedExpr.Aggregate) {
      return true;
    }
    for (TypedExpr child : e.children()) {
      if (readsAggregate(child)) {
        return true;
      }
    }
    return false;
  }

  /** The automaton as text: positions, their edges, accepting states. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append("pattern ")
        .append(name())
        .append(": ")
        .append(positions())
        .append(positions() == 1 ? " position" : " positions");
    if (plan.windowMillis() >= 0) {
      sb.append(", within ").append(duration(plan.windowMillis()));
    } else if (plan.windowEvents() >= 0) {
      sb.append(", within ").append(plan.windowEvents()).append(" events");
    }
    if (skip != SkipPolicy.KEEP_ALL) {
      sb.append(", after match skip ").append(skip.text());
      if (plan.skipSlot() >= 0) {
        sb.append(' ').append(plan.bindings().get(plan.skipSlot()).name());
      }
    }
    if (plan.internal()) {
      sb.append(", internal");
    }
    sb.append('\n');
    if (!plan.partitionBy().isEmpty()) {
      List<String> keys = new ArrayList<>();
      plan.partitionBy()
          .forEach(
              k ->
                  keys.add(
                      (k.eventType() == null ? "" : k.eventType() + ".")
                          + String.join(".", k.path())));
      sb.append("  partition by ").append(String.join(", ", keys)).append('\n');
    }
    sb.append("  start");
    edges(sb, start);
    for (int p = 0; p < positions(); p++) {
      sb.append("  ").append(p).append(": ").append(text[p]);
      if (accept[p] != null) {
        sb.append(accept[p][0] == 0 ? "  [accept]" : "  [accept when " + negs(accept[p]) + "]");
      }
      edges(sb, out[p]);
    }
    for (int i = 0; i < plan.where().size(); i++) {
      sb.append("  where#").append(i).append(": ").append(plan.where().get(i).text()).append('\n');
    }
    return sb.toString();
  }

  private void edges(StringBuilder sb, Edge[] edges) {
    sb.append('\n');
    for (Edge e : edges) {
      sb.append("      ").append(e.arrow().symbol()).append(' ').append(e.to());
      if (e.negationMasks()[0] != 0) {
        sb.append("  unless ").append(negs(e.negationMasks()));
      }
      if (e.strictFrom() >= 0 && e.arrow() == Arrow.STRICT) {
        sb.append("  (from side ").append(e.strictFrom()).append("'s last event)");
      }
      if (e.conjuncts().length > 0) {
        sb.append("  check");
        for (int c : e.conjuncts()) {
          sb.append(" where#").append(c);
        }
      }
      sb.append('\n');
    }
  }

  private String negs(long[] masks) {
    List<String> parts = new ArrayList<>();
    for (long m : masks) {
      List<String> names = new ArrayList<>();
      for (int n = 0; n < negationType.length; n++) {
        if ((m & (1L << n)) != 0) {
          names.add("not " + negationType[n]);
        }
      }
      parts.add(String.join(" and ", names));
    }
    return String.join(" or ", parts);
  }

  /** The automaton as a Graphviz digraph. */
  public String toDot() {
    StringBuilder sb = new StringBuilder("digraph \"").append(name()).append("\" {\n");
    sb.append("  rankdir=LR;\n  start [shape=point];\n");
    for (int p = 0; p < positions(); p++) {
      sb.append("  p")
          .append(p)
          .append(" [label=\"")
          .append(dotEscape(text[p]))
          .append("\"")
          .append(accept[p] != null ? ", shape=doublecircle" : ", shape=circle")
          .append("];\n");
    }
    for (Edge e : start) {
      sb.append("  start -> p").append(e.to()).append(";\n");
    }
    for (int p = 0; p < positions(); p++) {
      for (Edge e : out[p]) {
        sb.append("  p")
            .append(p)
            .append(" -> p")
            .append(e.to())
            .append(" [label=\"")
            .append(
                dotEscape(
                    e.arrow().symbol()
                        + (e.negationMasks()[0] != 0 ? " unless " + negs(e.negationMasks()) : "")))
            .append("\"];\n");
      }
    }
    return sb.append("}\n").toString();
  }

  private static String dotEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return explain();
  }

  /** A duration in the largest unit that divides it. */
  static String duration(long millis) {
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "min", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return millis / sizes[i] + " " + units[i];
      }
    }
    return millis + " ms";
  }
}
