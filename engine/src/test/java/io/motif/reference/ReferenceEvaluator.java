package io.motif.reference;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.function.FunctionRegistry;
import io.motif.function.Values;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately plain evaluator of Motif patterns, written from LANGUAGE.md §4 and §8, to judge
 * the engine by. It reads the AST, never the engine's plan or automaton, and favours obviousness
 * over speed: every partial match ("run") is a continuation over the AST (what is left to match),
 * every transition is found by unfolding that continuation, and aggregates are recomputed from the
 * whole list each time.
 *
 * <p>Per event, per pattern that names its type, in the partition of its key: every live run
 * branches once per transition the event fits (type, {@code =>} position, window, condition, and
 * the {@code where} conjuncts that become checkable); it keeps its state (skips the event) only when
 * no fitting transition has {@code ->} or {@code =>}; a new attempt starts if the event fits the
 * pattern's start. A run whose rest can be empty is a match (open conjuncts checked then); matches
 * are deduplicated, ordered, emitted, and the skip policy drops attempts. Derived events are fed
 * back breadth-first.
 *
 * <p>Interpretations where LANGUAGE.md can be read two ways (shared with the engine): the arrow
 * that governs taking an atom is the one written before the smallest element it starts (an element
 * at the very start repeats with {@code ->}); {@code =>} means the next index in the partition's
 * stream; a conjunct is checked on the transition after which no binding it reads can be bound
 * again (one reading no binding on the first event); {@code within N events} counts the partition's
 * stream; match identity is the list of (event, binding name or none). Per-type partition keys: an
 * event whose type has no key item has no key. Input events of declared types take their field
 * types (long to double, whole double to long, ISO-8601 text to time), as emitted fields do.
 *
 * <p>Not covered (a later issue): {@code not}, absence, {@code &} and {@code on timeout}; a script
 * using them is rejected. Input events must come in time order ({@link #processingOrder} turns an
 * arrival order into the order an engine with a maximum delay must process).
 */
public final class ReferenceEvaluator {
  /** The engine's default cascade depth: derived events of deeper levels are not fed back. */
  public static final int DEFAULT_CASCADE_DEPTH = 16;

  private final List<PatternRun> patterns = new ArrayList<>();
  /** Declared event types: type, then field, then the field type as written (lower case). */
  private final Map<String, Map<String, String>> declared = new HashMap<>();
  private final int cascadeDepth;
  private long nextSeq;
  /** The most partial matches allowed alive at once. */
  private long limit = Long.MAX_VALUE;

  private ReferenceEvaluator(Script script, int cascadeDepth) {
    this.cascadeDepth = cascadeDepth;
    FunctionRegistry functions = FunctionRegistry.standard();
    Map<String, Object> constants = new LinkedHashMap<>();
    ReferenceExpr constExpr = new ReferenceExpr(functions, constants);
    Set<String> namedTypes = new HashSet<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl d) {
        Map<String, String> fields = new HashMap<>();
        d.fields().forEach(f -> fields.put(f.name().name(), f.type().name().toLowerCase(Locale.ROOT)));
        declared.put(d.name().name(), fields);
        namedTypes.add(d.name().name());
      } else if (s instanceof Statement.PatternDecl p) {
        collectTypes(p.match(), namedTypes);
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        constants.put(c.name().name(),
            constExpr.eval(c.value(), ReferenceExpr.Scope.of(Map.of(), Set.of())));
      }
    }
    ReferenceExpr expr = new ReferenceExpr(functions, constants);
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        patterns.add(new PatternRun(p, expr, declared, namedTypes));
      }
    }
  }

  /** The derived events of a script over input events given in time order, in output order. */
  public static List<Event> evaluate(Script script, List<Event> input) {
    return evaluate(script, input, DEFAULT_CASCADE_DEPTH);
  }

  public static List<Event> evaluate(Script script, List<Event> input, int cascadeDepth) {
    return new ReferenceEvaluator(script, cascadeDepth).run(input);
  }

  /**
   * Like {@link #evaluate}, but gives up with {@link TooManyRuns} once more than {@code limit}
   * partial matches are alive at once (generated {@code ->>} programs can enumerate every subset
   * of the stream; such cases are discarded, not judged).
   */
  public static List<Event> evaluateBounded(Script script, List<Event> input, long limit) {
    ReferenceEvaluator r = new ReferenceEvaluator(script, DEFAULT_CASCADE_DEPTH);
    r.limit = limit;
    return r.run(input);
  }

  /** Thrown when a case needs more partial matches than the caller allowed. */
  public static final class TooManyRuns extends RuntimeException {
    TooManyRuns(long runs) {
      super(runs + " partial matches alive at once");
    }
  }

  /**
   * The input events an engine with this maximum delay must process, in the order it must process
   * them (LANGUAGE.md §4.4): an event older than the watermark (the largest time seen so far minus
   * the delay) is late and dropped; the others go in time order, equal times in arrival order.
   */
  public static List<Event> processingOrder(List<Event> arrivals, long maxDelay) {
    List<Event> kept = new ArrayList<>();
    long largest = Long.MIN_VALUE;
    for (Event e : arrivals) {
      if (largest != Long.MIN_VALUE && e.time() < largest - maxDelay) {
        continue; // late
      }
      largest = Math.max(largest, e.time());
      kept.add(e);
    }
    kept.sort(Comparator.comparingLong(Event::time)); // stable: ties keep arrival order
    return kept;
  }


  private List<Event> run(List<Event> input) {
    List<Event> output = new ArrayList<>();
    long lastTime = Long.MIN_VALUE;
    for (Event in : input) {
      if (in.time() < lastTime) {
        throw new IllegalArgumentException("the reference takes events in time order: " + in);
      }
      lastTime = in.time();
      // Breadth-first: a derived event enters right after the event that completed its match.
      ArrayDeque<Object[]> queue = new ArrayDeque<>();
      queue.add(new Object[] {toDeclaredTypes(in, declared), 0});
      while (!queue.isEmpty()) {
        Object[] item = queue.poll();
        Event event = (Event) item[0];
        int depth = (Integer) item[1];
        Ev ev = new Ev(nextSeq++, event);
        for (PatternRun p : patterns) {
          for (Event d : p.process(ev)) {
            output.add(d);
            if (depth + 1 <= cascadeDepth) {
              queue.add(new Object[] {d, depth + 1});
            }
          }
        }
        long live = 0;
        for (PatternRun p : patterns) {
          live += p.liveRuns();
        }
        if (live > limit) {
          throw new TooManyRuns(live);
        }
      }
    }
    return output;
  }

  /**
   * An event of a declared type with its fields brought to their declared types, as the engine
   * takes it in: long to double, a whole double to long, ISO-8601 text to time.
   */
  static Event toDeclaredTypes(Event e, Map<String, Map<String, String>> declared) {
    Map<String, String> types = declared.get(e.type());
    if (types == null) {
      return e;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      fields.put(f.getKey(), toDeclaredType(f.getValue(), types.get(f.getKey())));
    }
    return Event.of(e.type(), e.time(), fields);
  }

  /** One value brought to a declared field type; a value that does not convert stays as it is. */
  static Object toDeclaredType(Object v, String type) {
    if (type == null) {
      return v;
    }
    switch (type) {
      case "double", "float":
        return v instanceof Number n ? (Object) n.doubleValue() : v;
      case "long", "int":
        return isWhole(v) ? (Object) ((Double) v).longValue() : v;
      case "time":
        if (isWhole(v)) {
          return ((Double) v).longValue();
        }
        return v instanceof String text ? isoMillis(text, v) : v;
      default:
        return v;
    }
  }

  private static boolean isWhole(Object v) {
    return v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63;
  }

  /** An ISO-8601 instant (UTC when it has no offset) in epoch milliseconds, else {@code orElse}. */
  private static Object isoMillis(String text, Object orElse) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException notOffset) {
      try {
        return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC)
            .toEpochMilli();
      } catch (java.time.format.DateTimeParseException notLocal) {
        try {
          return java.time.LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
              .toEpochMilli();
        } catch (java.time.format.DateTimeParseException notDate) {
          return orElse;
        }
      }
    }
  }

  private static void collectTypes(PatternExpr p, Set<String> out) {
    if (p instanceof PatternExpr.Atom a) {
      out.add(a.type().name());
    } else if (p instanceof PatternExpr.Negation n) {
      out.add(n.atom().type().name());
    } else if (p instanceof PatternExpr.Sequence s) {
      s.elements().forEach(e -> collectTypes(e, out));
    } else if (p instanceof PatternExpr.Repetition r) {
      collectTypes(r.body(), out);
    } else if (p instanceof PatternExpr.Alternation a) {
      a.alternatives().forEach(e -> collectTypes(e, out));
    } else if (p instanceof PatternExpr.Conjunction c) {
      c.parts().forEach(e -> collectTypes(e, out));
    }
  }

  // ---- runs ----

  /** An event as the reference tracks it: its place in the whole processed stream, and itself. */
  static final class Ev {
    final long seq;
    final Event event;

    Ev(long seq, Event event) {
      this.seq = seq;
      this.event = event;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ev e && e.seq == seq;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(seq);
    }

    @Override
    public String toString() {
      return "#" + seq + " " + event;
    }
  }

  /**
   * What is left to match, as a stack of frames: match node {@code node} next, with {@code arrow}
   * the arrow written before it (null at the start of the pattern); or, inside a repetition, having
   * done {@code done} iterations of node {@code node}.
   */
  record Frame(boolean loop, int node, int done, Arrow arrow) {}

  /** An immutable list of frames; null is the empty continuation (the pattern is done). */
  record Cont(Frame head, Cont tail) {}

  /** One matched event: where it stands in its partition's stream, its binding and atom. */
  record Step(Ev ev, long index, String binding, int atom) {}

  /** A partial match: what is left, what was matched, which where-conjuncts are checked. */
  record Run(Cont cont, List<Step> steps, Set<Integer> checked) {
    Step first() {
      return steps.get(0);
    }

    Step last() {
      return steps.get(steps.size() - 1);
    }
  }

  /** A way to go on from a continuation: take an event for {@code atom}, then {@code rest}. */
  record Transition(PatternExpr.Atom atom, Arrow arrow, Cont rest) {}

  /** What a continuation allows: its transitions, and whether the pattern may end here. */
  record Closure(List<Transition> transitions, boolean canEnd) {}

  /** One pattern and its partitions. */
  private static final class PatternRun {
    final Statement.PatternDecl decl;
    final ReferenceExpr expr;
    final Map<String, Map<String, String>> declared;
    /** Every node of the match clause, numbered in source order (preorder). */
    final List<PatternExpr> nodes = new ArrayList<>();
    final Map<PatternExpr, Integer> nodeIds = new IdentityHashMap<>();
    final Map<PatternExpr.Atom, Integer> atomIds = new IdentityHashMap<>();
    /** The binding names under each node. */
    final List<Set<String>> bindingsUnder = new ArrayList<>();
    /** Binding names in order of first appearance, and which of them hold lists. */
    final Set<String> bindingNames = new LinkedHashSet<>();
    final Set<String> repeated = new HashSet<>();
    final Set<String> streamTypes = new HashSet<>();
    final List<Expr> conjuncts;
    final List<Set<String>> conjunctReads = new ArrayList<>();
    /** Key items: {type or null, path...}. */
    final List<KeyItem> keyItems = new ArrayList<>();
    final Map<Key, Partition> partitions = new HashMap<>();
    final Map<Cont, Closure> closures = new HashMap<>();
    final Cont start;

    PatternRun(Statement.PatternDecl decl, ReferenceExpr expr,
        Map<String, Map<String, String>> declared, Set<String> namedTypes) {
      this.decl = decl;
      this.expr = expr;
      this.declared = declared;
      number(decl.match(), false);
      this.start = new Cont(new Frame(false, 0, 0, null), null);
      this.conjuncts = ReferenceExpr.conjuncts(decl.where());
      for (Expr c : conjuncts) {
        Set<String> reads = new HashSet<>();
        ReferenceExpr.namesRead(c, bindingNames, reads);
        conjunctReads.add(reads);
      }
      for (Expr k : decl.partitionBy()) {
        List<String> path = new ArrayList<>();
        Expr e = k;
        while (e instanceof Expr.Field f) {
          path.add(0, f.field().name());
          e = f.target();
        }
        String head = ((Expr.Name) e).name().name();
        if (!path.isEmpty() && namedTypes.contains(head)) {
          keyItems.add(new KeyItem(head, path));
        } else {
          path.add(0, head);
          keyItems.add(new KeyItem(null, path));
        }
      }
    }

    /** Numbers nodes and atoms in source order and collects the bindings. */
    private Set<String> number(PatternExpr p, boolean underRepetition) {
      int id = nodes.size();
      nodes.add(p);
      nodeIds.put(p, id);
      bindingsUnder.add(null);
      Set<String> under = new HashSet<>();
      if (p instanceof PatternExpr.Atom a) {
        atomIds.put(a, atomIds.size());
        streamTypes.add(a.type().name());
        if (a.binding() != null) {
          String b = a.binding().name();
          bindingNames.add(b);
          under.add(b);
          if (underRepetition) {
            repeated.add(b);
          }
        }
      } else if (p instanceof PatternExpr.Sequence s) {
        s.elements().forEach(e -> under.addAll(number(e, underRepetition)));
      } else if (p instanceof PatternExpr.Repetition r) {
        under.addAll(number(r.body(), underRepetition || r.max() != 1));
      } else if (p instanceof PatternExpr.Alternation a) {
        a.alternatives().forEach(e -> under.addAll(number(e, underRepetition)));
      } else {
        throw new UnsupportedOperationException(
            "the reference evaluator does not handle `not` or `&` yet: " + p);
      }
      bindingsUnder.set(id, under);
      return under;
    }

    long liveRuns() {
      long n = 0;
      for (Partition p : partitions.values()) {
        n += p.runs.size();
      }
      return n;
    }

    // ---- unfolding a continuation ----

    Closure closure(Cont k) {
      Closure c = closures.get(k);
      if (c == null) {
        List<Transition> out = new ArrayList<>();
        boolean[] canEnd = {false};
        unfold(k, new HashSet<>(), out, canEnd);
        c = new Closure(List.copyOf(new LinkedHashSet<>(out)), canEnd[0]);
        closures.put(k, c);
      }
      return c;
    }

    /** Follows every way to the next atom without taking an event (an epsilon closure). */
    private void unfold(Cont k, Set<Cont> seen, List<Transition> out, boolean[] canEnd) {
      if (k == null) {
        canEnd[0] = true;
        return;
      }
      if (!seen.add(k)) {
        return;
      }
      Frame f = k.head();
      Cont rest = k.tail();
      PatternExpr node = nodes.get(f.node());
      if (!f.loop()) {
        if (node instanceof PatternExpr.Atom a) {
          out.add(new Transition(a, f.arrow(), rest));
        } else if (node instanceof PatternExpr.Sequence s) {
          // The first element takes the sequence's own arrow; the others the arrows written.
          Cont c = rest;
          for (int i = s.elements().size() - 1; i >= 0; i--) {
            Arrow arrow = i == 0 ? f.arrow() : s.arrows().get(i - 1);
            c = new Cont(new Frame(false, nodeIds.get(s.elements().get(i)), 0, arrow), c);
          }
          unfold(c, seen, out, canEnd);
        } else if (node instanceof PatternExpr.Alternation a) {
          for (PatternExpr alt : a.alternatives()) {
            unfold(new Cont(new Frame(false, nodeIds.get(alt), 0, f.arrow()), rest), seen, out,
                canEnd);
          }
        } else if (node instanceof PatternExpr.Repetition) {
          unfold(new Cont(new Frame(true, f.node(), 0, f.arrow()), rest), seen, out, canEnd);
        }
        return;
      }
      PatternExpr.Repetition r = (PatternExpr.Repetition) node;
      boolean unbounded = r.max() == PatternExpr.Repetition.UNBOUNDED;
      if (f.done() >= r.min()) {
        unfold(rest, seen, out, canEnd);
      }
      if (unbounded || f.done() < r.max()) {
        // The arrow before a repeated element governs its repetitions too; at the very start of
        // the pattern (no arrow) it repeats with `->`.
        Arrow arrow = f.done() == 0 ? f.arrow() : f.arrow() == null ? Arrow.NEXT : f.arrow();
        // Past the minimum an unbounded count no longer matters (keeps empty iterations finite).
        int next = unbounded ? Math.min(f.done() + 1, Math.max(r.min(), 1)) : f.done() + 1;
        Cont again = new Cont(new Frame(true, f.node(), next, f.arrow()), rest);
        unfold(new Cont(new Frame(false, nodeIds.get(r.body()), 0, arrow), again), seen, out,
            canEnd);
      }
    }

    /** The binding names some atom still reachable from {@code k} could bind. */
    Set<String> bindableFrom(Cont k) {
      Set<String> out = new HashSet<>();
      for (Cont c = k; c != null; c = c.tail()) {
        Frame f = c.head();
        if (!f.loop()) {
          out.addAll(bindingsUnder.get(f.node()));
        } else {
          PatternExpr.Repetition r = (PatternExpr.Repetition) nodes.get(f.node());
          if (r.max() == PatternExpr.Repetition.UNBOUNDED || f.done() < r.max()) {
            out.addAll(bindingsUnder.get(nodeIds.get(r.body())));
          }
        }
      }
      return out;
    }

    // ---- bindings ----

    /** Binding name to Event / null, or to List<Event> for a repeated binding. */
    Map<String, Object> bindings(List<Step> steps) {
      Map<String, Object> out = new HashMap<>();
      for (String b : bindingNames) {
        out.put(b, repeated.contains(b) ? new ArrayList<Event>() : null);
      }
      for (Step s : steps) {
        if (s.binding() != null) {
          if (repeated.contains(s.binding())) {
            @SuppressWarnings("unchecked")
            List<Event> list = (List<Event>) out.get(s.binding());
            list.add(s.ev().event);
          } else {
            out.put(s.binding(), s.ev().event);
          }
        }
      }
      return out;
    }

    // ---- processing one event ----

    List<Event> process(Ev ev) {
      Event e = ev.event;
      if (!streamTypes.contains(e.type())) {
        return List.of();
      }
      Key key = keyOf(e);
      if (key == null) {
        return List.of();
      }
      Partition part = partitions.computeIfAbsent(key, k -> new Partition());
      long index = part.nextIndex++;

      LinkedHashSet<Run> next = new LinkedHashSet<>();
      List<Run> completed = new ArrayList<>();
      for (Run r : part.runs) {
        if (windowClosed(r.first(), ev, index)) {
          continue; // can never take another event
        }
        boolean mustTake = advance(r, ev, index, next, completed);
        if (!mustTake) {
          next.add(r);
        }
      }
      // Every event that can start the pattern starts a new attempt.
      advance(new Run(start, List.of(), Set.of()), ev, index, next, completed);

      List<Event> out = new ArrayList<>();
      Set<List<Object>> identities = new HashSet<>();
      completed.sort(MATCH_ORDER);
      Set<Long> droppedFirsts = new HashSet<>();
      boolean droppedAll = false;
      for (Run m : completed) {
        if (!identities.add(identity(m))) {
          continue; // the same events bound to the same names: one match
        }
        if (droppedAll || droppedFirsts.contains(m.first().ev().seq)) {
          continue; // its attempt was dropped by an earlier match's skip
        }
        out.add(derive(m));
        if (decl.skip() == SkipPolicy.PAST_LAST) {
          // Every live attempt started at or before this event.
          droppedAll = true;
          next.clear();
        } else if (decl.skip() == SkipPolicy.TO_NEXT) {
          long first = m.first().ev().seq;
          droppedFirsts.add(first);
          next.removeIf(r -> r.first().ev().seq == first);
        }
      }
      part.runs = new ArrayList<>(next);
      return out;
    }

    /**
     * Branches {@code r} once per transition {@code ev} fits, adding live branches to {@code next}
     * and completed ones to {@code completed}. Returns true when a fitting transition has {@code ->}
     * or {@code =>}, so that {@code r} may not skip the event.
     */
    private boolean advance(Run r, Ev ev, long index, Set<Run> next, List<Run> completed) {
      boolean started = !r.steps().isEmpty();
      Map<String, Object> before = bindings(r.steps());
      Event prev = started ? r.last().ev().event : null;
      boolean mustTake = false;
      for (Transition t : closure(r.cont()).transitions()) {
        PatternExpr.Atom atom = t.atom();
        if (!atom.type().name().equals(ev.event.type())) {
          continue;
        }
        if (started && t.arrow() == Arrow.STRICT && index != r.last().index() + 1) {
          continue;
        }
        if (started && windowClosed(r.first(), ev, index)) {
          continue;
        }
        if (atom.condition() != null) {
          String own = atom.binding() == null || repeated.contains(atom.binding().name()) ? null
              : atom.binding().name();
          ReferenceExpr.Scope scope = new ReferenceExpr.Scope(before, repeated, ev.event, own,
              true, prev);
          if (!Values.isTrue(expr.eval(atom.condition(), scope))) {
            continue;
          }
        }
        List<Step> steps = new ArrayList<>(r.steps());
        steps.add(new Step(ev, index, atom.binding() == null ? null : atom.binding().name(),
            atomIds.get(atom)));
        steps = List.copyOf(steps);
        Map<String, Object> after = bindings(steps);
        // Where-conjuncts that become checkable with this transition must hold for it to fit.
        Set<String> bindable = bindableFrom(t.rest());
        Set<Integer> checked = new HashSet<>(r.checked());
        boolean ok = true;
        for (int i = 0; i < conjuncts.size() && ok; i++) {
          if (!checked.contains(i) && disjoint(conjunctReads.get(i), bindable)) {
            checked.add(i);
            ok = Values.isTrue(expr.eval(conjuncts.get(i), ReferenceExpr.Scope.of(after,
                repeated)));
          }
        }
        if (!ok) {
          continue;
        }
        if (t.arrow() != Arrow.ANY) {
          mustTake = true; // `->` and `=>` (and a start) take the event, never skip it
        }
        Run taken = new Run(t.rest(), steps, Set.copyOf(checked));
        Closure c = closure(t.rest());
        if (c.canEnd() && openConjunctsHold(taken, after)) {
          completed.add(taken);
        }
        if (!c.transitions().isEmpty()) {
          next.add(taken);
        }
      }
      return mustTake;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
      for (String x : a) {
        if (b.contains(x)) {
          return false;
        }
      }
      return true;
    }

    /** Conjuncts still open at completion are checked then. */
    private boolean openConjunctsHold(Run r, Map<String, Object> bindings) {
      for (int i = 0; i < conjuncts.size(); i++) {
        if (!r.checked().contains(i) && !Values.isTrue(expr.eval(conjuncts.get(i),
            ReferenceExpr.Scope.of(bindings, repeated)))) {
          return false;
        }
      }
      return true;
    }

    /** {@code within 5 s}: last - first <= 5000; {@code within N events}: span <= N. */
    private boolean windowClosed(Step first, Ev ev, long index) {
      Statement.Window w = decl.within();
      if (w instanceof Statement.TimeWindow t) {
        return ev.event.time() - first.ev().event.time() > t.millis();
      }
      if (w instanceof Statement.CountWindow c) {
        return index - first.index() + 1 > c.events();
      }
      return false;
    }

    /** The match's events with their binding names, in match order: what makes it one match. */
    private static List<Object> identity(Run r) {
      List<Object> id = new ArrayList<>();
      for (Step s : r.steps()) {
        id.add(s.ev().seq);
        id.add(s.binding());
      }
      return id;
    }

    /** First event, then the other events (earlier first), then atoms in source order. */
    private static final Comparator<Run> MATCH_ORDER = (a, b) -> {
      int n = Math.min(a.steps().size(), b.steps().size());
      for (int i = 0; i < n; i++) {
        int c = Long.compare(a.steps().get(i).ev().seq, b.steps().get(i).ev().seq);
        if (c != 0) {
          return c;
        }
      }
      if (a.steps().size() != b.steps().size()) {
        return Integer.compare(a.steps().size(), b.steps().size());
      }
      for (int i = 0; i < n; i++) {
        int c = Integer.compare(a.steps().get(i).atom(), b.steps().get(i).atom());
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };

    /** The derived event of a match: {@code emit T(...)}, or the pattern's bindings. */
    private Event derive(Run m) {
      Map<String, Object> bindings = bindings(m.steps());
      long time = m.last().ev().event.time();
      Map<String, Object> fields = new LinkedHashMap<>();
      if (decl.emit() == null) {
        for (String b : bindingNames) {
          fields.put(b, bindings.get(b));
        }
        return Event.of(decl.name().name(), time, fields);
      }
      String type = decl.emit().type().name();
      Map<String, String> types = declared.getOrDefault(type, Map.of());
      for (Statement.FieldValue f : decl.emit().fields()) {
        Object v = expr.eval(f.value(), ReferenceExpr.Scope.of(bindings, repeated));
        fields.put(f.name().name(), toDeclaredType(v, types.get(f.name().name())));
      }
      return Event.of(type, time, fields);
    }

    // ---- partitions ----

    /** The event's partition key, or null when it lacks one (it then never joins a match). */
    private Key keyOf(Event e) {
      if (keyItems.isEmpty()) {
        return new Key(List.of());
      }
      List<Object> values = new ArrayList<>();
      for (KeyItem item : keyItems) {
        if (item.type() != null && !item.type().equals(e.type())) {
          continue;
        }
        Object v = e;
        for (String step : item.path()) {
          v = ReferenceExpr.field(v, step);
        }
        if (v == null) {
          return null;
        }
        values.add(v);
      }
      return values.isEmpty() ? null : new Key(values);
    }
  }

  private record KeyItem(String type, List<String> path) {}

  /** A partition key: values compared as typed values ({@code 1} equals {@code 1.0}). */
  private static final class Key {
    final List<Object> values;

    Key(List<Object> values) {
      this.values = values;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k) || k.values.size() != values.size()) {
        return false;
      }
      for (int i = 0; i < values.size(); i++) {
        if (!Values.same(values.get(i), k.values.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (Object v : values) {
        h = 31 * h + (v instanceof Number n ? Double.hashCode(n.doubleValue() + 0.0)
            : v.hashCode());
      }
      return h;
    }
  }

  private static final class Partition {
    List<Run> runs = new ArrayList<>();
    long nextIndex;
  }
}
