package io.motif.engine.automaton;

import io.motif.engine.check.Checker;
import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.Conjunct;
import io.motif.engine.plan.Contiguity;
import io.motif.engine.plan.EmitPlan;
import io.motif.engine.plan.PatternNode;
import io.motif.engine.plan.PatternPlan;
import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a checked pattern into a position automaton, after Glushkov: every atom occurrence
 * (counted repetitions written out) is a state; {@code first}, {@code last} and {@code follow} sets
 * give the edges. Negations are zero-width: they mark the edges that cross their gap.
 *
 * <p>Arrows belong to edges, not to positions (LANGUAGE.md §8: arrows are left-associative, and
 * when the left side of an arrow matched no event, the arrow before it relates the right side to
 * the previous matched event). So a fragment's {@code first} entries carry no arrow: whoever joins
 * the fragment to what precedes it (a sequence's arrow, a repetition's own arrow) gives the edge
 * its arrow. Within {@code a -> (b? => c)}, the edge a to c is therefore {@code ->}.
 *
 * <p>One class of some 650 lines: the construction's fragments and the tables it ends with share
 * the per-pattern lists (positions, negations, edges), which a split would pass around.
 */
public final class AutomatonCompiler {
  /** The most transitions a pattern may compile to: beyond it, compiling would take too long. */
  static final int MAX_EDGES = 500_000;

  private final PatternPlan plan;
  private final List<Integer> atomIds = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final List<Integer> bindings = new ArrayList<>();
  private final List<Evaluator> conditions = new ArrayList<>();
  private final List<Guard> guards = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final Map<Integer, Evaluator> conditionByAtom = new HashMap<>();
  private final List<String> negationTypes = new ArrayList<>();
  private final List<Evaluator> negationConditions = new ArrayList<>();
  private final List<Guard> negationGuards = new ArrayList<>();
  private final List<Integer> negationBindings = new ArrayList<>();
  private final Map<Integer, Integer> negationByAtom = new HashMap<>();

  /** Edges to the masks of negations they may cross (start edges are kept apart). */
  private final Map<EdgeKey, List<Long>> edges = new LinkedHashMap<>();

  private final Map<Integer, List<Long>> startEdges = new LinkedHashMap<>();

  /** For edges of a conjunction's product: which side's last event `=>` is measured from. */
  private final Map<EdgeKey, Integer> strictFrom = new HashMap<>();

  private final List<Integer> sideOf = new ArrayList<>();
  private int sides;

  private AutomatonCompiler(PatternPlan plan) {
    this.plan = plan;
  }

  /** The automaton, or null after reporting why the pattern cannot be compiled. */
  public static Automaton compile(PatternPlan plan, Diagnostics diagnostics) {
    AutomatonCompiler compiler = new AutomatonCompiler(plan);
    try {
      return compiler.build();
    } catch (Unsupported e) {
      diagnostics.error(
          Codes.UNSUPPORTED,
          "pattern " + plan.name() + ": " + e.getMessage(),
          plan.span() == null ? Span.NONE : plan.span());
      return null;
    }
  }

  /** The automaton's arrow for the plan's (the enums mirror each other, in the same order). */
  private static Arrow arrow(Contiguity c) {
    return switch (c) {
      case NEXT -> Arrow.NEXT;
      case ANY -> Arrow.ANY;
      case STRICT -> Arrow.STRICT;
    };
  }

  /** An emit clause compiled, or null for none. */
  static Emission emission(EmitPlan emit) {
    if (emit == null) {
      return null;
    }
    int n = emit.fields().size();
    String[] names = new String[n];
    Evaluator[] fields = new Evaluator[n];
    Emission.Conversion[] conversions = new Emission.Conversion[n];
    for (int i = 0; i < n; i++) {
      EmitPlan.EmitField f = emit.fields().get(i);
      names[i] = f.name();
      fields[i] = ExprCompiler.compile(f.value());
      conversions[i] =
          f.declared() == null
              ? Emission.Conversion.NONE
              : switch (f.declared()) {
                case DOUBLE -> Emission.Conversion.TO_DOUBLE;
                case LONG, TIME -> Emission.Conversion.TO_WHOLE;
                default -> Emission.Conversion.NONE;
              };
    }
    return new Emission(emit.type(), names, fields, conversions);
  }

  /** A construct this compiler cannot run, reported as a compile error. */
  private static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private static boolean contains(PatternNode n, Class<?> kind) {
    if (kind.isInstance(n)) {
      return true;
    }
    if (n instanceof PatternNode.Sequence s) {
      return s.elements().stream().anyMatch(e -> contains(e, kind));
    }
    if (n instanceof PatternNode.Repetition r) {
      return contains(r.body(), kind);
    }
    if (n instanceof PatternNode.Alternation a) {
      return a.alternatives().stream().anyMatch(e -> contains(e, kind));
    }
    if (n instanceof PatternNode.Conjunction c) {
      return c.parts().stream().anyMatch(e -> contains(e, kind));
    }
    return false;
  }

  /** A position and the negations crossed between it and the fragment's boundary. */
  private record Entry(int pos, long mask) {}

  /**
   * One edge: the same two positions may be joined under two arrows (in {@code (a? -> b?)+}, b
   * follows a by {@code ->} in one iteration and by the repetition's arrow in the next).
   */
  private record EdgeKey(int from, int to, Contiguity arrow) {
    /** Spread: the record's own hash makes (f, t) and (f + 1, t - 31) collide. */
    @Override
    public int hashCode() {
      long h = (((long) from << 32) | (to & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) * 3 + arrow.ordinal();
    }
  }

  /** Glushkov sets of a fragment. */
  private record Frag(List<Entry> first, List<Entry> last, boolean nullable, long nullMask) {}

  private Automaton build() {
    Frag root = frag(plan.match(), null);
    int n = types.size();
    for (Entry e : root.first()) {
      addMask(startEdges.computeIfAbsent(e.pos(), k -> new ArrayList<>()), 0L);
    }
    long[][] accept = new long[n][];
    Map<Integer, List<Long>> acceptMasks = new LinkedHashMap<>();
    for (Entry e : root.last()) {
      addMask(acceptMasks.computeIfAbsent(e.pos(), k -> new ArrayList<>()), e.mask());
    }
    acceptMasks.forEach((p, masks) -> accept[p] = minimal(masks));

    // The bindings that can still change after each position: those of the positions reachable
    // by one or more edges, found in time linear in the automaton.
    long[] open = openBindings(n);
    List<Conjunct> where = plan.where();
    Evaluator[] conjunctEvals = new Evaluator[where.size()];
    for (int i = 0; i < where.size(); i++) {
      conjunctEvals[i] = ExprCompiler.compile(where.get(i).condition());
    }
    Automaton.Edge[][] out = new Automaton.Edge[n][];
    List<List<Automaton.Edge>> outLists = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outLists.add(new ArrayList<>());
    }
    for (Map.Entry<EdgeKey, List<Long>> e : edges.entrySet()) {
      int from = e.getKey().from();
      int to = e.getKey().to();
      outLists
          .get(from)
          .add(
              new Automaton.Edge(
                  to,
                  arrow(e.getKey().arrow()),
                  minimal(e.getValue()),
                  newlyCheckable(where, open[from], open[to], false),
                  strictFrom.getOrDefault(e.getKey(), -1)));
    }
    for (int i = 0; i < n; i++) {
      List<Automaton.Edge> list = outLists.get(i);
      list.sort(
          (a, b) ->
              a.to() != b.to() ? Integer.compare(a.to(), b.to()) : a.arrow().compareTo(b.arrow()));
      out[i] = list.toArray(new Automaton.Edge[0]);
    }
    // A start edge follows no event: its arrow is never read (shown as `->`).
    List<Automaton.Edge> start = new ArrayList<>();
    startEdges.forEach(
        (to, masks) ->
            start.add(
                new Automaton.Edge(
                    to,
                    Arrow.NEXT,
                    new long[] {0L},
                    newlyCheckable(where, -1L, open[to], true),
                    -1)));
    start.sort((a, b) -> Integer.compare(a.to(), b.to()));
    int[][] openAtCompletion = new int[n][];
    for (int p = 0; p < n; p++) {
      List<Integer> cs = new ArrayList<>();
      for (int c = 0; c < where.size(); c++) {
        if ((where.get(c).bindingsRead() & open[p]) != 0) {
          cs.add(c);
        }
      }
      openAtCompletion[p] = cs.stream().mapToInt(Integer::intValue).toArray();
    }
    boolean[] repeated = new boolean[n];
    for (int p = 0; p < n; p++) {
      int b = bindings.get(p);
      repeated[p] = b >= 0 && plan.bindings().get(b).repeated();
    }
    List<Aggregation> aggs = plan.aggregates();
    int[] aggBinding = new int[aggs.size()];
    Evaluator[] aggArgument = new Evaluator[aggs.size()];
    for (int i = 0; i < aggs.size(); i++) {
      aggBinding[i] = aggs.get(i).binding();
      aggArgument[i] = ExprCompiler.compile(aggs.get(i).argument());
    }
    return new Automaton(
        plan,
        toInts(atomIds),
        types.toArray(new String[0]),
        toInts(bindings),
        repeated,
        conditions.toArray(new Evaluator[0]),
        guards.toArray(new Guard[0]),
        texts.toArray(new String[0]),
        out,
        start.toArray(new Automaton.Edge[0]),
        accept,
        openAtCompletion,
        negationTypes.toArray(new String[0]),
        negationConditions.toArray(new Evaluator[0]),
        negationGuards.toArray(new Guard[0]),
        toInts(negationBindings),
        conjunctEvals,
        aggBinding,
        aggArgument,
        toInts(sideOf),
        sides);
  }

  /**
   * Conjuncts whose bindings are all closed at the target but were not all closed at the source (at
   * the start, every conjunct closed at the target).
   */
  private static int[] newlyCheckable(
      List<Conjunct> where, long openFrom, long openTo, boolean fromStart) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < where.size(); c++) {
      long reads = where.get(c).bindingsRead();
      boolean closedAtTo = (reads & openTo) == 0;
      boolean closedAtFrom = !fromStart && (reads & openFrom) == 0;
      if (closedAtTo && !closedAtFrom) {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Per position, the bindings of every position reachable from it by one or more edges (a bit per
   * binding slot). Tarjan's strongly connected components, iteratively (a long chain must not
   * overflow the stack): components come out in reverse topological order, so each one's set is its
   * successors' sets, already known, with their own bindings.
   */
  private long[] openBindings(int n) {
    int[][] succ = new int[n][];
    int[] degree = new int[n];
    for (EdgeKey e : edges.keySet()) {
      degree[e.from()]++;
    }
    for (int p = 0; p < n; p++) {
      succ[p] = new int[degree[p]];
      degree[p] = 0;
    }
    for (EdgeKey e : edges.keySet()) {
      succ[e.from()][degree[e.from()]++] = e.to();
    }
    long[] own = new long[n];
    for (int p = 0; p < n; p++) {
      own[p] = bindings.get(p) >= 0 ? 1L << bindings.get(p) : 0;
    }
    int[] index = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int top = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int next = 0;
    int components = 0;
    List<long[]> reachOf = new ArrayList<>(); // per component: what its members reach
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      index[root] = low[root] = next++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callNode[depth];
        if (callEdge[depth] < succ[v].length) {
          int w = succ[v][callEdge[depth]++];
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            stack[top++] = w;
            onStack[w] = true;
            depth++;
            callNode[depth] = w;
            callEdge[depth] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          // v roots a component: its members reach each other if it has a cycle, and whatever
          // the components after it reach.
          int c = components++;
          long members = 0;
          long reached = 0;
          boolean cycle = false;
          int first = top;
          do {
            first--;
          } while (stack[first] != v);
          for (int i = first; i < top; i++) {
            component[stack[i]] = c;
          }
          for (int i = first; i < top; i++) {
            int x = stack[i];
            members |= own[x];
            for (int y : succ[x]) {
              if (component[y] == c && onStack[y]) {
                cycle = true;
              } else {
                long[] r = reachOf.get(component[y]);
                reached |= r[0] | r[1];
              }
            }
          }
          for (int i = first; i < top; i++) {
            onStack[stack[i]] = false;
          }
          top = first;
          // r[0]: what the members reach; r[1]: the members' own bindings.
          reachOf.add(new long[] {reached | (cycle ? members : 0), members});
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    long[] open = new long[n];
    for (int p = 0; p < n; p++) {
      open[p] = reachOf.get(component[p])[0];
    }
    return open;
  }

  /** The masks that matter: a mask containing another is never needed. */
  private static long[] minimal(List<Long> masks) {
    List<Long> keep = new ArrayList<>();
    for (long m : masks) {
      boolean redundant = false;
      for (long k : masks) {
        if (k != m && (k & m) == k) {
          redundant = true;
          break;
        }
      }
      if (!redundant && !keep.contains(m)) {
        keep.add(m);
      }
    }
    long[] out = new long[keep.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = keep.get(i);
    }
    Arrays.sort(out);
    return out;
  }

  private static int[] toInts(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private void edge(Entry from, Entry to, Contiguity arrow) {
    addMask(
        edges.computeIfAbsent(
            new EdgeKey(from.pos(), to.pos(), arrow),
            k -> {
              if (edges.size() >= MAX_EDGES) {
                throw new Unsupported(
                    "it compiles to more than "
                        + MAX_EDGES
                        + " transitions (optional"
                        + " elements side by side, repeated, multiply them); make some of them required");
              }
              return new ArrayList<>();
            }),
        from.mask() | to.mask());
  }

  /** Each mask once: nested repetitions ({@code A+++}) make the same edge many times over. */
  private static void addMask(List<Long> masks, long mask) {
    if (!masks.contains(mask)) {
      masks.add(mask);
    }
  }

  private static List<Entry> withMask(List<Entry> entries, long mask) {
    if (mask == 0) {
      return entries;
    }
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(new Entry(e.pos(), e.mask() | mask));
    }
    return out;
  }

  /**
   * Builds the fragment of a node. {@code written} is the arrow written before it (an element first
   * in its group takes the group's; null at the very start): a repetition repeats under it.
   */
  private Frag frag(PatternNode node, Contiguity written) {
    if (node instanceof PatternNode.Conjunction c) {
      return conjunction(c, written);
    }
    if (node instanceof PatternNode.Atom a) {
      int p = types.size();
      sideOf.add(-1);
      atomIds.add(a.id());
      types.add(a.type());
      bindings.add(a.binding());
      conditions.add(
          a.condition() == null
              ? null
              : conditionByAtom.computeIfAbsent(a.id(), k -> ExprCompiler.compile(a.condition())));
      guards.add(a.condition() == null ? null : Guard.of(a.condition(), a.binding()));
      texts.add(a.text());
      return new Frag(List.of(new Entry(p, 0)), List.of(new Entry(p, 0)), false, 0);
    }
    if (node instanceof PatternNode.Negation n) {
      int index =
          negationByAtom.computeIfAbsent(
              n.atom().id(),
              k -> {
                negationTypes.add(n.atom().type());
                negationBindings.add(n.atom().binding());
                negationConditions.add(
                    n.atom().condition() == null
                        ? null
                        : ExprCompiler.compile(n.atom().condition()));
                negationGuards.add(
                    n.atom().condition() == null
                        ? null
                        : Guard.ofNegation(n.atom().condition(), n.atom().binding()));
                return negationTypes.size() - 1;
              });
      if (index >= 63) {
        throw new IllegalStateException("more than 63 negations");
      }
      return new Frag(List.of(), List.of(), true, 1L << index);
    }
    if (node instanceof PatternNode.Sequence s) {
      Frag acc = frag(s.elements().get(0), written);
      for (int i = 1; i < s.elements().size(); i++) {
        Contiguity arrow = s.arrows().get(i - 1);
        acc = concat(acc, frag(s.elements().get(i), arrow), arrow);
      }
      return acc;
    }
    if (node instanceof PatternNode.Alternation alt) {
      List<Entry> first = new ArrayList<>();
      List<Entry> last = new ArrayList<>();
      boolean nullable = false;
      long nullMask = 0;
      for (PatternNode b : alt.alternatives()) {
        Frag f = frag(b, written);
        first.addAll(f.first());
        last.addAll(f.last());
        if (f.nullable()) {
          nullMask = nullable ? nullMask & f.nullMask() : f.nullMask();
          nullable = true;
        }
      }
      return new Frag(first, last, nullable, nullMask);
    }
    if (node instanceof PatternNode.Repetition r) {
      // The arrow before a repeated element governs its repetitions; with none, `->`.
      Contiguity arrow = written == null ? Contiguity.NEXT : written;
      int min = r.min();
      int max = r.max();
      Frag acc = null;
      // Required copies.
      for (int i = 0; i < min - (max < 0 ? 1 : 0); i++) {
        Frag f = frag(r.body(), arrow);
        acc = acc == null ? f : concat(acc, f, arrow);
      }
      if (max < 0) {
        // One looping copy: `+` on what remains (or `*` when min is 0).
        Frag loop = frag(r.body(), arrow);
        for (Entry l : loop.last()) {
          for (Entry f : loop.first()) {
            edge(l, f, arrow);
          }
        }
        if (min == 0) {
          loop = new Frag(loop.first(), loop.last(), true, 0); // no iteration crosses nothing
        }
        acc = acc == null ? loop : concat(acc, loop, arrow);
      } else {
        // Optional copies, nested so that copy k+1 needs copy k.
        Frag optional = null;
        for (int i = max - min - 1; i >= 0; i--) {
          Frag f = frag(r.body(), arrow);
          Frag chained = optional == null ? f : concat(f, optional, arrow);
          optional = new Frag(chained.first(), chained.last(), true, 0);
        }
        if (optional != null) {
          acc = acc == null ? optional : concat(acc, optional, arrow);
        }
      }
      return acc;
    }
    throw new IllegalStateException("unsupported node " + node);
  }

  /**
   * {@code P & Q}: the product of the sides' automata, built by exploring the tuples of side states
   * reachable from "no side started". A product position copies the atom last taken and remembers
   * which side took it. The side that starts first joins like any fragment's first atoms (the edge
   * into the group gives the arrow); the side that starts second joins under the arrow written
   * before the group ({@code ->} with none), measured from the match's last event; arrows inside a
   * side are measured from that side's own last event.
   */
  private Frag conjunction(PatternNode.Conjunction c, Contiguity written) {
    Contiguity join = written == null ? Contiguity.NEXT : written;
    int k = c.parts().size();
    AutomatonCompiler[] subs = new AutomatonCompiler[k];
    Frag[] frags = new Frag[k];
    for (int i = 0; i < k; i++) {
      PatternNode part = c.parts().get(i);
      if (contains(part, PatternNode.Negation.class)) {
        throw new Unsupported(
            "`not` inside a side of `&` is not supported; move it outside the" + " `&` group");
      }
      if (contains(part, PatternNode.Conjunction.class)) {
        throw new Unsupported(
            "`&` nested inside a side of `&` is not supported; write the sides"
                + " side by side: `a & b & c`");
      }
      subs[i] = new AutomatonCompiler(plan);
      frags[i] = subs[i].frag(part, written);
    }
    int sideBase = sides;
    sides += k;
    Map<List<Integer>, Integer> positions = new LinkedHashMap<>();
    ArrayDeque<List<Integer>> queue = new ArrayDeque<>();
    List<Integer> none = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      none.add(-1);
    }
    none.add(-1); // the side that took the last event
    List<Entry> first = new ArrayList<>();
    queue.add(none);
    Set<List<Integer>> seen = new HashSet<>();
    seen.add(none);
    while (!queue.isEmpty()) {
      List<Integer> state = queue.poll();
      boolean isStart = state.equals(none);
      for (int i = 0; i < k; i++) {
        int at = state.get(i);
        List<EdgeKey> successors = new ArrayList<>();
        if (at < 0) {
          frags[i].first().forEach(e -> successors.add(new EdgeKey(-1, e.pos(), join)));
        } else {
          subs[i].successors(at, successors);
        }
        for (EdgeKey sub : successors) {
          int q = sub.to();
          List<Integer> next = new ArrayList<>(state);
          next.set(i, q);
          next.set(k, i);
          int pos = productPosition(positions, next, subs[i], q, sideBase + i);
          if (types.size() > Checker.MAX_ATOMS) {
            throw new Unsupported(
                "its `&` group has too many combinations of states to compile"
                    + " (more than "
                    + Checker.MAX_ATOMS
                    + ")");
          }
          if (isStart) {
            first.add(new Entry(pos, 0));
          } else {
            EdgeKey key = new EdgeKey(positions.get(state), pos, sub.arrow());
            addMask(edges.computeIfAbsent(key, x -> new ArrayList<>()), 0L);
            strictFrom.put(key, at < 0 ? -1 : sideBase + i);
          }
          if (seen.add(next)) {
            queue.add(next);
          }
        }
      }
    }
    List<Entry> last = new ArrayList<>();
    for (Map.Entry<List<Integer>, Integer> e : positions.entrySet()) {
      boolean done = true;
      for (int i = 0; i < k && done; i++) {
        int at = e.getKey().get(i);
        done = at < 0 ? frags[i].nullable() : subs[i].isLast(frags[i], at);
      }
      if (done) {
        last.add(new Entry(e.getValue(), 0));
      }
    }
    boolean nullable = true;
    for (Frag f : frags) {
      nullable &= f.nullable();
    }
    return new Frag(first, last, nullable, 0);
  }

  private int productPosition(
      Map<List<Integer>, Integer> positions,
      List<Integer> state,
      AutomatonCompiler sub,
      int q,
      int side) {
    Integer existing = positions.get(state);
    if (existing != null) {
      return existing;
    }
    int p = types.size();
    atomIds.add(sub.atomIds.get(q));
    types.add(sub.types.get(q));
    bindings.add(sub.bindings.get(q));
    conditions.add(sub.conditions.get(q));
    guards.add(sub.guards.get(q));
    texts.add(sub.texts.get(q));
    sideOf.add(side);
    positions.put(state, p);
    return p;
  }

  /** The edges leaving {@code p}, in this (sub-)compiler. */
  private void successors(int p, List<EdgeKey> out) {
    for (EdgeKey key : edges.keySet()) {
      if (key.from() == p) {
        out.add(key);
      }
    }
  }

  private boolean isLast(Frag f, int p) {
    for (Entry e : f.last()) {
      if (e.pos() == p) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sequencing under {@code arrow}: edges from the left's last to the right's first. The right's
   * first atoms reached through an empty left stay first atoms of the whole, with no arrow of their
   * own: the arrow before the whole relates them to what came before.
   */
  private Frag concat(Frag left, Frag right, Contiguity arrow) {
    for (Entry l : left.last()) {
      for (Entry f : right.first()) {
        edge(l, f, arrow);
      }
    }
    List<Entry> first = new ArrayList<>(left.first());
    if (left.nullable()) {
      first.addAll(withMask(right.first(), left.nullMask()));
    }
    List<Entry> last = new ArrayList<>(right.last());
    if (right.nullable()) {
      last.addAll(withMask(left.last(), right.nullMask()));
    }
    return new Frag(
        first, last, left.nullable() && right.nullable(), left.nullMask() | right.nullMask());
  }
}
