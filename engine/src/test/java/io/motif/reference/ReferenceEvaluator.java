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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A deliberately plain evaluator of Motif patterns, written from LANGUAGE.md §4 and §8, to judge
 * the engine by. It reads the AST, never the engine's plan or automaton, and favours obviousness
 * over speed: every partial match ("run") is a continuation over the AST (what is left to match),
 * every transition is found by unfolding that continuation, aggregates are recomputed from the
 * whole list each time, and a negation is checked by looking back over the partition's stream.
 *
 * <p>Per event, per pattern that names its type, in the partition of its key: every live run
 * branches once per transition the event fits (type, {@code =>} position, window, condition, the
 * negations crossed, and the {@code where} conjuncts that become checkable); it keeps its state
 * (skips the event) only when no fitting transition has {@code ->} or {@code =>}; a new attempt
 * starts if the event fits the pattern's start. A run whose rest can be empty is a match (open
 * conjuncts checked then); matches are deduplicated, ordered, emitted, and the skip policy drops
 * attempts. Derived events are fed back breadth-first.
 *
 * <p>Negation: a transition <em>crosses</em> the negations it passes on its way from the run's
 * position to the atom it takes (so in {@code a -> not B -> c? -> d}, taking d right after a
 * crosses B, and taking c does too). It fits only if no event of the partition's stream strictly
 * between the run's last event and the event taken is one that a crossed negation forbids (its
 * type, and its condition over the run's bindings, {@code prev} being the run's last event). A way
 * to the end of the pattern that crosses negations is an absence: it completes only when the window
 * closes, if no forbidden event came after the run's last event and at or before the end; its time
 * is the window's end.
 *
 * <p>{@code P & Q}: the run holds what is left of each side. The side that starts first is the
 * group's first event (governed like any first element, below); a side that starts later joins
 * under the arrow written before the group ({@code ->} when none is), measured from the run's last
 * event; its later atoms follow their own arrows, measured from the side's own last event. The
 * group ends when every side can.
 *
 * <p>Time: the watermark is the time of the input event being processed (the reference takes events
 * in processing order). Before an input event at time t, every attempt whose time window ends
 * strictly before t closes, one at a time, in order of end, then pattern order, then first event;
 * each derived event a closing makes is processed in full before the next closing. A closing
 * completes the absences that held and, with {@code on timeout emit}, makes the timeout event of an
 * attempt that never matched and still has a live run. An attempt with {@code within N events}
 * closes on its N-th event, after that event's matches. At the end of the input, {@link
 * Outcome#drained()} is the output so far (open windows stay open); closing every time window still
 * open, in the same order, gives {@link Outcome#finished()}.
 *
 * <p>The rules it implements, each with the sentence of LANGUAGE.md it comes from. Where the
 * sentence leaves a choice, the choice is named as such; the engine is never consulted.
 *
 * <ul>
 *   <li><b>The arrow after an element that matched nothing</b> ({@link Next}, {@link Loop}, {@code
 *       taken}): §8, "Arrows are left-associative; when the left side of an arrow matched no event
 *       (it is made only of {@code ?}, {@code *}, {@code {0,…}} elements that took nothing and of
 *       negations, which never take one), the arrow before it relates the right side to the
 *       previous matched event". So each element of a group carries the group's arrow until an
 *       event is taken in the group, and its own written arrow after.
 *   <li><b>Repetitions</b>: §4.1, "The arrow before a repeated element also governs its
 *       repetitions"; §8, "A repeated element with no arrow before it repeats with {@code ->}" and
 *       "(in {@code (x* -> not D ->> u)+} with no x, u follows the previous matched event by the
 *       repetition's own arrow)"; "A repeated group that can match nothing counts its empty
 *       iterations freely".
 *   <li><b>{@code =>} positions and count windows</b>: §8, "A pattern's stream holds the events of
 *       the types it names (in positive or negated atoms) that carry its partition key; ... {@code
 *       =>} and {@code within N events} are judged on it (other types never break {@code =>} nor
 *       count)". So {@code =>} means the next index in the partition's history, and {@code within N
 *       events} counts that history, the first event included (§4.4, "a match spans at most 100
 *       events of its partition").
 *   <li><b>Taking and skipping</b>: §8, "A run branches once per fitting transition. It may skip an
 *       event, keeping its state, only when no fitting transition has the arrow {@code ->} or
 *       {@code =>}".
 *   <li><b>When {@code where} conjuncts are checked</b>: §8, "A {@code where} conjunct is checked
 *       when the last binding it reads can no longer change ...; a failure means the event does not
 *       fit. Conjuncts still open at completion are checked then; if one fails, nothing is emitted
 *       and the run goes on". Choice: a conjunct reading no binding is checked on the first event.
 *   <li><b>Aggregates</b>: §8, "{@code count} of nothing is 0 (as SQL's {@code COUNT}); the other
 *       aggregates of nothing ... are null"; each element of the list is read with every other
 *       binding (the atom's own name in its condition, {@code prev}) as it is when the aggregate is
 *       read (the issue that settled it; the spec is silent).
 *   <li><b>Match identity</b>: §8, "Matches that bind the same events to the same names are one
 *       match (the events an unnamed atom took count too ...)": the list of (event, binding name or
 *       none).
 *   <li><b>Per-type keys</b>: §8, "{@code T.f} in {@code partition by} is a per-type key when
 *       {@code T} is an event type named in the rules, otherwise a nested field path; each event
 *       uses the key items of its type, in order. An event with a missing or null key neither joins
 *       nor prevents a match." Named in the rules: declared, read by any pattern's atom (negated
 *       ones too), or derived by a pattern. Choice: an event whose type has no key item has no key.
 *   <li><b>Skip policies</b>: §8, "{@code past last} drops every attempt of the same pattern and
 *       partition whose first event is not after the match's last matched event ...; {@code to
 *       next} drops the attempts that started at the match's first event"; "{@code to first x} /
 *       {@code to last x} drop every attempt ... whose first event is before the first / last event
 *       bound to {@code x}"; §4.5, "when {@code x} bound no event in the match, the policy acts as
 *       {@code to next}".
 *   <li><b>Internal patterns</b>: §4.5, "its derived events (and timeout events) are input to the
 *       other patterns ... but {@code motif run} does not write them".
 * </ul>
 *
 * Choices of this evaluator where the spec is silent, documented in docs/: input events of declared
 * types take their field types (long to double, whole double to long, ISO-8601 text to time), as
 * emitted fields do; with {@code on timeout emit}, an attempt's run is live when it could still
 * take an event or complete an absence (some transition that no skipped event made impossible under
 * {@code =>} and whose crossed negations no event violated); the end of time closes time windows
 * only: an event window stays open.
 *
 * <p>Input events must come in time order ({@link #processingOrder} turns an arrival order into the
 * order an engine with a maximum delay must process).
 */
public final class ReferenceEvaluator {
  /** The standard functions, loaded once (loading scans the class path through ServiceLoader). */
  private static final FunctionRegistry STANDARD_FUNCTIONS = FunctionRegistry.standard();

  /** The engine's default cascade depth: derived events of deeper levels are not fed back. */
  public static final int DEFAULT_CASCADE_DEPTH = 16;

  private final List<PatternRun> patterns = new ArrayList<>();

  /** Declared event types: type, then field, then the field type as written (lower case). */
  private final Map<String, Map<String, String>> declared = new HashMap<>();

  private final int cascadeDepth;
  private final List<Event> output = new ArrayList<>();
  private long nextSeq;

  /** The most partial matches allowed alive at once. */
  private long limit = Long.MAX_VALUE;

  private ReferenceEvaluator(Script script, int cascadeDepth) {
    this.cascadeDepth = cascadeDepth;
    FunctionRegistry functions = STANDARD_FUNCTIONS;
    Map<String, Object> constants = new LinkedHashMap<>();
    ReferenceExpr constExpr = new ReferenceExpr(functions, constants);
    Set<String> namedTypes = new HashSet<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl d) {
        Map<String, String> fields = new HashMap<>();
        d.fields()
            .forEach(f -> fields.put(f.name().name(), f.type().name().toLowerCase(Locale.ROOT)));
        declared.put(d.name().name(), fields);
        namedTypes.add(d.name().name());
      } else if (s instanceof Statement.PatternDecl p) {
        // §8: "`T.f` in `partition by` is a per-type key when `T` is an event type named in the
        // rules": in any pattern's atoms (negated ones too), or derived by a pattern.
        collectTypes(p.match(), namedTypes);
        namedTypes.add(p.emit() == null ? p.name().name() : p.emit().type().name());
        if (p.onTimeout() != null) {
          namedTypes.add(p.onTimeout().type().name());
        }
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        constants.put(
            c.name().name(), constExpr.eval(c.value(), ReferenceExpr.Scope.of(Map.of(), Set.of())));
      }
    }
    ReferenceExpr expr = new ReferenceExpr(functions, constants);
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        patterns.add(new PatternRun(p, expr, declared, namedTypes));
      }
    }
  }

  /**
   * What a script emits over an input: {@code drained} at the end of the input (the watermark rests
   * at the last event's time, as {@code Engine.drain()}), {@code finished} at the end of time
   * ({@code Engine.finish()}, {@code motif run --flush-at-end}); the first is a prefix of the
   * second.
   */
  public record Outcome(List<Event> drained, List<Event> finished) {}

  /** The derived events of a script over input events given in time order, at end of input. */
  public static List<Event> evaluate(Script script, List<Event> input) {
    return evaluate(script, input, DEFAULT_CASCADE_DEPTH);
  }

  public static List<Event> evaluate(Script script, List<Event> input, int cascadeDepth) {
    return new ReferenceEvaluator(script, cascadeDepth).run(input).drained();
  }

  /** Both outputs: at the end of the input and at the end of time. */
  public static Outcome evaluateBoth(Script script, List<Event> input) {
    return new ReferenceEvaluator(script, DEFAULT_CASCADE_DEPTH).run(input);
  }

  /**
   * Like {@link #evaluateBoth}, but gives up with {@link TooManyRuns} once more than {@code limit}
   * partial matches are alive at once (generated {@code ->>} programs can enumerate every subset of
   * the stream; such cases are discarded, not judged).
   */
  public static Outcome evaluateBounded(Script script, List<Event> input, long limit) {
    ReferenceEvaluator r = new ReferenceEvaluator(script, DEFAULT_CASCADE_DEPTH);
    r.limit = limit;
    return r.run(input);
  }

  /**
   * What the differential test measures of a reference run: the outputs, and how many absences
   * completed, timeout events were emitted, and partial matches were evicted or refused at the
   * bound.
   */
  public record Counted(
      Outcome outcome, long absences, long timeouts, long evicted, long refused) {}

  /**
   * Like {@link #evaluateBounded}, counting what happened; with {@code maxRunsPerPartition} above
   * 0, the engine's bound on the partial matches of a pattern in a partition applies (evicting the
   * oldest, or with {@code refuseNew} refusing the newest).
   */
  public static Counted evaluateCounted(
      Script script, List<Event> input, long limit, int maxRunsPerPartition, boolean refuseNew) {
    ReferenceEvaluator r = new ReferenceEvaluator(script, DEFAULT_CASCADE_DEPTH);
    r.limit = limit;
    for (PatternRun p : r.patterns) {
      p.bound = maxRunsPerPartition;
      p.refuseNew = refuseNew;
    }
    Outcome outcome = r.run(input);
    long absences = 0;
    long timeouts = 0;
    long evicted = 0;
    long refused = 0;
    for (PatternRun p : r.patterns) {
      absences += p.absences;
      timeouts += p.timeouts;
      evicted += p.evicted;
      refused += p.refused;
    }
    return new Counted(outcome, absences, timeouts, evicted, refused);
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

  private Outcome run(List<Event> input) {
    long lastTime = Long.MIN_VALUE;
    for (Event in : input) {
      if (in.time() < lastTime) {
        throw new IllegalArgumentException("the reference takes events in time order: " + in);
      }
      lastTime = in.time();
      // The event moves the watermark to its time: windows ending strictly before close first.
      closeTimeWindowsBefore(in.time(), false);
      processInFull(toDeclaredTypes(in, declared), 0);
    }
    List<Event> drained = List.copyOf(output);
    // The end of time: every time window still open closes, in the same order.
    closeTimeWindowsBefore(Long.MAX_VALUE, true);
    return new Outcome(drained, List.copyOf(output));
  }

  /**
   * Processes one event and, breadth-first, the derived events it leads to: a derived event enters
   * right after the event that completed its match, before any later one.
   */
  private void processInFull(Event event, int depth) {
    ArrayDeque<Object[]> queue = new ArrayDeque<>();
    queue.add(new Object[] {event, depth});
    while (!queue.isEmpty()) {
      Object[] item = queue.poll();
      Event e = (Event) item[0];
      int level = (Integer) item[1];
      Ev ev = new Ev(nextSeq++, e);
      for (PatternRun p : patterns) {
        for (Event d : p.process(ev)) {
          if (!p.decl.internal()) { // §4.5: an internal pattern's events are input, not output
            output.add(d);
          }
          if (level + 1 <= cascadeDepth) {
            queue.add(new Object[] {d, level + 1});
          }
        }
      }
      checkLimit();
    }
  }

  private void checkLimit() {
    long live = 0;
    for (PatternRun p : patterns) {
      live += p.liveRuns();
    }
    if (live > limit) {
      throw new TooManyRuns(live);
    }
  }

  /**
   * Closes, one at a time, every attempt whose time window ends strictly before {@code time} (all
   * of them at the end of time), in order of end, then pattern order, then first event. Each
   * derived event is processed in full before the next closing is chosen (it may open windows that
   * close before {@code time} too).
   */
  private void closeTimeWindowsBefore(long time, boolean endOfTime) {
    while (true) {
      Closing first = null;
      for (int i = 0; i < patterns.size(); i++) {
        Closing c = patterns.get(i).firstTimeClosing(i);
        if (c != null
            && (endOfTime || c.end() < time)
            && (first == null || CLOSING_ORDER.compare(c, first) < 0)) {
          first = c;
        }
      }
      if (first == null) {
        return;
      }
      PatternRun p = patterns.get(first.pattern());
      p.closeAttempt(
          first.partition(),
          first.firstSeq(),
          first.end(),
          first.partition().lastIndex(),
          d -> {
            if (!p.decl.internal()) {
              output.add(d);
            }
            if (1 <= cascadeDepth) {
              processInFull(d, 1);
            }
          });
    }
  }

  /** An attempt whose time window is open: where and when it ends. */
  record Closing(long end, int pattern, long firstSeq, Partition partition) {}

  private static final Comparator<Closing> CLOSING_ORDER =
      Comparator.comparingLong(Closing::end)
          .thenComparingInt(Closing::pattern)
          .thenComparingLong(Closing::firstSeq);

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
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notDate) {
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

  /** One frame of what is left to match. */
  sealed interface Frame permits Next, Loop, Both {}

  /**
   * Match node {@code node} next, under {@code arrow} (null: nothing was matched before, the
   * pattern's start). While the elements before it in its group have matched nothing, the arrow is
   * the group's own; {@code written}, when not null, is the arrow written before the node, which
   * governs instead once an event has been taken (LANGUAGE.md §8: "Arrows are left-associative;
   * when the left side of an arrow matched no event ..., the arrow before it relates the right side
   * to the previous matched event").
   */
  record Next(int node, Arrow arrow, Arrow written) implements Frame {
    Next(int node, Arrow arrow) {
      this(node, arrow, null);
    }
  }

  /**
   * Inside repetition {@code node}, having done {@code done} iterations, entered under {@code
   * arrow}; {@code matched} once an iteration took an event. Then the next iteration is related to
   * the previous matched event by the repetition's own arrow (§8: "from one iteration ... by the
   * repetition's own arrow"); until then, by the arrow it was entered under.
   */
  record Loop(int node, int done, Arrow arrow, boolean matched) implements Frame {}

  /**
   * Inside the conjunction {@code node}, entered under {@code arrow}: what is left of each of its
   * sides.
   */
  record Both(int node, List<Side> sides, Arrow arrow) implements Frame {}

  /** One side of {@code &}: what is left of it (null: nothing), and whether it took an event. */
  record Side(Cont cont, boolean started) {}

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

  /**
   * A way to go on from a continuation: take an event for {@code atom} under {@code arrow}, having
   * crossed the negations {@code crossed} (node ids), then {@code rest}. The arrow is measured from
   * the run's last event, or, when {@code side} is not -1, from the last event of that side of a
   * conjunction (a node id).
   */
  record Transition(
      PatternExpr.Atom atom, Arrow arrow, int side, Set<Integer> crossed, Cont rest) {}

  /**
   * What a continuation allows: its transitions, and the ways to the end of the pattern, each as
   * the negations it crosses (an empty set: the pattern may end here; otherwise an absence).
   */
  record Closure(List<Transition> transitions, List<Set<Integer>> ends) {
    boolean canEndNow() {
      return ends.stream().anyMatch(Set::isEmpty);
    }
  }

  /** One pattern and its partitions. */
  private static final class PatternRun {
    final Statement.PatternDecl decl;
    final ReferenceExpr expr;
    final Map<String, Map<String, String>> declared;

    /** Every node of the match clause, numbered in source order (preorder). */
    final List<PatternExpr> nodes = new ArrayList<>();

    final Map<PatternExpr, Integer> nodeIds = new IdentityHashMap<>();
    final Map<PatternExpr.Atom, Integer> atomIds = new IdentityHashMap<>();

    /** The binding names under each node, and the atoms (ids) under each node. */
    final List<Set<String>> bindingsUnder = new ArrayList<>();

    final List<Set<Integer>> atomsUnder = new ArrayList<>();

    /** Per node, the arrow written before it (LANGUAGE.md §4.1: it governs repetitions too). */
    final List<Arrow> writtenArrows = new ArrayList<>();

    /** Binding names in order of first appearance, and which of them hold lists. */
    final Set<String> bindingNames = new LinkedHashSet<>();

    final Set<String> repeated = new HashSet<>();
    final Set<String> streamTypes = new HashSet<>();
    final List<Expr> conjuncts;
    final List<Set<String>> conjunctReads = new ArrayList<>();

    /** Key items: {type or null, path...}. */
    final List<KeyPath> keyItems = new ArrayList<>();

    final Map<Key, Partition> partitions = new LinkedHashMap<>();
    final Map<Cont, Closure> closures = new HashMap<>();
    final Cont start;

    PatternRun(
        Statement.PatternDecl decl,
        ReferenceExpr expr,
        Map<String, Map<String, String>> declared,
        Set<String> namedTypes) {
      this.decl = decl;
      this.expr = expr;
      this.declared = declared;
      number(decl.match(), false, null);
      this.start = new Cont(new Next(0, null), null);
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
          keyItems.add(new KeyPath(head, path));
        } else {
          path.add(0, head);
          keyItems.add(new KeyPath(null, path));
        }
      }
    }

    /**
     * Numbers nodes and atoms in source order and collects the bindings; {@code written} is the
     * arrow written before the node (an element first in its group takes the group's).
     */
    private void number(PatternExpr p, boolean underRepetition, Arrow written) {
      int id = nodes.size();
      nodes.add(p);
      nodeIds.put(p, id);
      writtenArrows.add(written);
      bindingsUnder.add(new HashSet<>());
      atomsUnder.add(new HashSet<>());
      List<PatternExpr> children = List.of();
      if (p instanceof PatternExpr.Atom a) {
        int atom = atomIds.size();
        atomIds.put(a, atom);
        atomsUnder.get(id).add(atom);
        streamTypes.add(a.type().name());
        if (a.binding() != null) {
          String b = a.binding().name();
          bindingNames.add(b);
          bindingsUnder.get(id).add(b);
          if (underRepetition) {
            repeated.add(b);
          }
        }
      } else if (p instanceof PatternExpr.Negation n) {
        // A negated atom is in the pattern's stream but binds nothing and fills no element.
        streamTypes.add(n.atom().type().name());
      } else if (p instanceof PatternExpr.Sequence s) {
        children = s.elements();
      } else if (p instanceof PatternExpr.Repetition r) {
        children = List.of(r.body());
        underRepetition |= r.max() != 1;
      } else if (p instanceof PatternExpr.Alternation a) {
        children = a.alternatives();
      } else if (p instanceof PatternExpr.Conjunction c) {
        children = c.parts();
      }
      for (int i = 0; i < children.size(); i++) {
        PatternExpr child = children.get(i);
        number(
            child,
            underRepetition,
            p instanceof PatternExpr.Sequence s && i > 0 ? s.arrows().get(i - 1) : written);
        bindingsUnder.get(id).addAll(bindingsUnder.get(nodeIds.get(child)));
        atomsUnder.get(id).addAll(atomsUnder.get(nodeIds.get(child)));
      }
    }

    long liveRuns() {
      long n = 0;
      for (Partition p : partitions.values()) {
        n += p.runs.size();
      }
      return n;
    }

    // ---- counters and the bounded mode (for the differential test; off by default) ----

    /** Absences completed and timeout events emitted. */
    long absences;

    long timeouts;

    /** {@code Limits.maxRunsPerPartition}, or 0 for none; whether the policy is REFUSE_NEW. */
    int bound;

    boolean refuseNew;

    /** Partial matches evicted (EVICT_OLDEST) or refused (REFUSE_NEW) at the bound. */
    long evicted;

    long refused;

    /** In bounded mode, every run the current step made, with the run it came from. */
    private List<Run[]> takenThisStep = new ArrayList<>();

    private void noteTaken(Run from, Run taken) {
      if (bound > 0) {
        takenThisStep.add(new Run[] {from, taken});
      }
    }

    /**
     * The engine's bound on the partial matches of one pattern in one partition, as
     * docs/embedding.md ("Bounds") and docs/architecture.md (step 4: "the bounds are applied;
     * completed runs are emitted ...") document it: once an event has stepped the partition's runs
     * and started its attempt, and before the matches it completed are emitted, the partition holds
     * the runs that can still do something and every run the step made (completed ones too), runs
     * at the same atom with the same future and the same events bound to the same names counting
     * once (as one match, LANGUAGE.md §8; the earliest in match order stays). Past the bound,
     * {@code EVICT_OLDEST} drops the runs of the oldest attempts (by first event), {@code
     * REFUSE_NEW} those of the newest; a completed run dropped is not emitted. Within one attempt
     * the runs go in the order they are held: each old run's new branches (in source order of the
     * atoms they took), then the run itself if it stays, then the new attempt's runs. In bounded
     * mode the partition keeps its runs in that order.
     */
    private void applyBound(Partition part, long index, Set<Run> next, List<Run> completed) {
      List<Run[]> taken = takenThisStep;
      takenThisStep = new ArrayList<>();
      if (bound <= 0) {
        return;
      }
      List<Run> held = new ArrayList<>();
      for (Run r : part.runs) {
        held.addAll(branches(taken, r));
        if (next.contains(r) && live(r, part, index, Long.MAX_VALUE)) {
          held.add(r);
        }
      }
      held.addAll(branches(taken, null));
      // Runs with the same future binding the same events to the same names: one stays.
      Map<List<Object>, Run> byFuture = new HashMap<>();
      for (Run r : held) {
        List<Object> key = List.of(future(r.cont()), identity(r), r.checked(), r.last().atom());
        Run other = byFuture.get(key);
        if (other == null || MATCH_ORDER.compare(r, other) < 0) {
          byFuture.put(key, r);
        }
      }
      List<Run> merged = new ArrayList<>();
      for (Run r : held) {
        List<Object> key = List.of(future(r.cont()), identity(r), r.checked(), r.last().atom());
        if (byFuture.get(key) == r) {
          merged.add(r);
        } else {
          next.remove(r);
          completed.remove(r);
        }
      }
      int excess = merged.size() - bound;
      if (excess > 0) {
        List<Run> byAge = new ArrayList<>(merged);
        byAge.sort(Comparator.comparingLong(r -> r.first().ev().seq)); // stable
        List<Run> gone =
            refuseNew
                ? byAge.subList(byAge.size() - excess, byAge.size())
                : byAge.subList(0, excess);
        for (Run r : List.copyOf(gone)) {
          merged.remove(r);
          next.remove(r);
          completed.removeIf(c -> c.equals(r));
        }
        if (refuseNew) {
          refused += excess;
        } else {
          evicted += excess;
        }
      }
      // The partition's runs in the order held (those that can do nothing more at the end).
      List<Run> order = new ArrayList<>();
      for (Run r : merged) {
        if (next.contains(r)) {
          order.add(r);
        }
      }
      for (Run r : next) {
        if (!order.contains(r)) {
          order.add(r);
        }
      }
      next.clear();
      next.addAll(order);
    }

    /**
     * What is left to match, as it decides the future: a repetition that has matched an event goes
     * on under its own arrow, so the arrow it was entered under no longer matters.
     */
    private static List<Object> future(Cont k) {
      List<Object> out = new ArrayList<>();
      for (Cont c = k; c != null; c = c.tail()) {
        out.add(
            c.head() instanceof Loop l && l.matched()
                ? List.of("loop", l.node(), l.done())
                : c.head());
      }
      return out;
    }

    /** The runs this step made from {@code from} (null: the new attempt), by atom taken. */
    private static List<Run> branches(List<Run[]> taken, Run from) {
      List<Run> out = new ArrayList<>();
      for (Run[] t : taken) {
        if (from == null ? t[0].steps().isEmpty() : t[0] == from) {
          out.add(t[1]);
        }
      }
      out.sort(Comparator.comparingInt(r -> r.last().atom())); // stable
      return out;
    }

    // ---- unfolding a continuation ----

    Closure closure(Cont k) {
      Closure c = closures.get(k);
      if (c == null) {
        List<Transition> out = new ArrayList<>();
        List<Set<Integer>> ends = new ArrayList<>();
        unfold(k, Set.of(), new HashSet<>(), out, ends);
        c =
            new Closure(
                List.copyOf(new LinkedHashSet<>(out)), List.copyOf(new LinkedHashSet<>(ends)));
        closures.put(k, c);
      }
      return c;
    }

    /**
     * Follows every way to the next atom without taking an event (an epsilon closure), collecting
     * the negations passed on the way.
     */
    private void unfold(
        Cont k,
        Set<Integer> crossed,
        Set<List<Object>> seen,
        List<Transition> out,
        List<Set<Integer>> ends) {
      if (k == null) {
        ends.add(crossed);
        return;
      }
      if (!seen.add(List.of(k, crossed))) {
        return;
      }
      Cont rest = k.tail();
      if (k.head() instanceof Next f) {
        PatternExpr node = nodes.get(f.node());
        if (node instanceof PatternExpr.Atom a) {
          // Taking the atom: every element left in the groups around it now follows a matched
          // event, so the arrows written before them govern.
          out.add(new Transition(a, f.arrow(), -1, crossed, taken(rest)));
        } else if (node instanceof PatternExpr.Negation) {
          unfold(rest, plus(crossed, f.node()), seen, out, ends);
        } else if (node instanceof PatternExpr.Sequence s) {
          // The first element takes the sequence's arrow; each other one too while the elements
          // before it match nothing, and the arrow written before it once they match an event.
          Cont c = rest;
          for (int i = s.elements().size() - 1; i >= 0; i--) {
            Arrow written = i == 0 ? null : s.arrows().get(i - 1);
            c = new Cont(new Next(nodeIds.get(s.elements().get(i)), f.arrow(), written), c);
          }
          unfold(c, crossed, seen, out, ends);
        } else if (node instanceof PatternExpr.Alternation a) {
          for (PatternExpr alt : a.alternatives()) {
            unfold(new Cont(new Next(nodeIds.get(alt), f.arrow()), rest), crossed, seen, out, ends);
          }
        } else if (node instanceof PatternExpr.Repetition) {
          unfold(new Cont(new Loop(f.node(), 0, f.arrow(), false), rest), crossed, seen, out, ends);
        } else if (node instanceof PatternExpr.Conjunction c) {
          // The side that starts first is the group's first event: it takes the group's arrow.
          List<Side> sides = new ArrayList<>();
          for (PatternExpr part : c.parts()) {
            sides.add(new Side(new Cont(new Next(nodeIds.get(part), f.arrow()), null), false));
          }
          unfold(
              new Cont(new Both(f.node(), List.copyOf(sides), f.arrow()), rest),
              crossed,
              seen,
              out,
              ends);
        }
      } else if (k.head() instanceof Loop f) {
        PatternExpr.Repetition r = (PatternExpr.Repetition) nodes.get(f.node());
        boolean unbounded = r.max() == PatternExpr.Repetition.UNBOUNDED;
        if (f.done() >= r.min()) {
          unfold(rest, crossed, seen, out, ends);
        }
        if (unbounded || f.done() < r.max()) {
          // The arrow before a repeated element governs its repetitions too (with none, `->`),
          // from the previous matched event; while no iteration matched an event, the arrow the
          // repetition was entered under.
          Arrow arrow = f.matched() ? ownArrow(f.node()) : f.arrow();
          // Past the minimum an unbounded count no longer matters (keeps empty iterations finite).
          int next = unbounded ? Math.min(f.done() + 1, Math.max(r.min(), 1)) : f.done() + 1;
          Cont again = new Cont(new Loop(f.node(), next, f.arrow(), f.matched()), rest);
          unfold(new Cont(new Next(nodeIds.get(r.body()), arrow), again), crossed, seen, out, ends);
        }
      } else if (k.head() instanceof Both b) {
        PatternExpr.Conjunction c = (PatternExpr.Conjunction) nodes.get(b.node());
        boolean everySideCanEnd = true;
        for (int i = 0; i < b.sides().size(); i++) {
          Side side = b.sides().get(i);
          if (side.cont() == null) {
            continue;
          }
          Closure sc = closure(side.cont());
          everySideCanEnd &= sc.canEndNow();
          // A started side measures its arrows from its own last event; a side not started yet
          // joins the match from the match's last event: the first to start under the arrow the
          // group was entered under, a later one under the arrow written before the group (§8:
          // "the side that starts second is joined to the match by the arrow before the `&`
          // group"; with none, `->`).
          int measuredFrom = side.started() ? nodeIds.get(c.parts().get(i)) : -1;
          for (Transition t : sc.transitions()) {
            List<Side> sides = new ArrayList<>(b.sides());
            sides.set(i, new Side(t.rest(), true));
            for (int j = 0; j < sides.size(); j++) {
              if (!sides.get(j).started()) {
                sides.set(
                    j,
                    new Side(
                        new Cont(new Next(nodeIds.get(c.parts().get(j)), ownArrow(b.node())), null),
                        false));
              }
            }
            out.add(
                new Transition(
                    t.atom(),
                    t.arrow(),
                    measuredFrom,
                    union(crossed, t.crossed()),
                    new Cont(new Both(b.node(), List.copyOf(sides), b.arrow()), taken(rest))));
          }
        }
        if (everySideCanEnd) {
          unfold(rest, crossed, seen, out, ends);
        }
      }
    }

    /** The arrow written before a node, or {@code ->} where none is written. */
    private Arrow ownArrow(int node) {
      Arrow written = writtenArrows.get(node);
      return written == null ? Arrow.NEXT : written;
    }

    /**
     * What is left after an event is taken: the elements still to come in the groups around the
     * taken atom now follow a matched event, so the arrows written before them govern, and the
     * repetitions around it have matched an event.
     */
    private static Cont taken(Cont k) {
      if (k == null) {
        return null;
      }
      Frame f = k.head();
      if (f instanceof Next n && n.written() != null) {
        f = new Next(n.node(), n.written(), null);
      } else if (f instanceof Loop l && !l.matched()) {
        f = new Loop(l.node(), l.done(), l.arrow(), true);
      }
      return new Cont(f, taken(k.tail()));
    }

    private static Set<Integer> plus(Set<Integer> set, int x) {
      Set<Integer> out = new TreeSet<>(set);
      out.add(x);
      return Set.copyOf(out);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
      Set<Integer> out = new TreeSet<>(a);
      out.addAll(b);
      return Set.copyOf(out);
    }

    /** The binding names some atom still reachable from {@code k} could bind. */
    Set<String> bindableFrom(Cont k) {
      Set<String> out = new HashSet<>();
      for (Cont c = k; c != null; c = c.tail()) {
        if (c.head() instanceof Next f) {
          out.addAll(bindingsUnder.get(f.node()));
        } else if (c.head() instanceof Loop f) {
          PatternExpr.Repetition r = (PatternExpr.Repetition) nodes.get(f.node());
          if (r.max() == PatternExpr.Repetition.UNBOUNDED || f.done() < r.max()) {
            out.addAll(bindingsUnder.get(nodeIds.get(r.body())));
          }
        } else if (c.head() instanceof Both b) {
          for (Side side : b.sides()) {
            out.addAll(bindableFrom(side.cont()));
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
      long index = part.history.size();
      part.history.add(ev);

      LinkedHashSet<Run> next = new LinkedHashSet<>();
      List<Run> completed = new ArrayList<>();
      for (Run r : part.runs) {
        if (windowClosed(r.first(), ev, index)) {
          continue; // can never take another event
        }
        boolean mustTake = advance(r, ev, index, part, next, completed);
        if (!mustTake) {
          next.add(r);
        }
      }
      // Every event that can start the pattern starts a new attempt.
      advance(new Run(start, List.of(), Set.of()), ev, index, part, next, completed);
      applyBound(part, index, next, completed); // (bounded mode only)

      List<Event> out = new ArrayList<>();
      Set<List<Object>> identities = new HashSet<>();
      completed.sort(MATCH_ORDER);
      Set<Long> droppedFirsts = new HashSet<>();
      boolean droppedAll = false;
      long droppedBefore = Long.MIN_VALUE;
      for (Run m : completed) {
        if (!identities.add(identity(m))) {
          continue; // the same events bound to the same names: one match
        }
        if (droppedAll
            || droppedFirsts.contains(m.first().ev().seq)
            || m.first().ev().seq < droppedBefore) {
          continue; // its attempt was dropped by an earlier match's skip
        }
        out.add(derive(m, decl.emit(), m.last().ev().event.time()));
        part.matched.add(m.first().ev().seq);
        if (decl.skip() == SkipPolicy.PAST_LAST) {
          // Every live attempt started at or before this event.
          droppedAll = true;
          next.clear();
        } else if (decl.skip() == SkipPolicy.KEEP_ALL) {
          continue;
        } else if (decl.skip() == SkipPolicy.TO_NEXT || skipTarget(m) == null) {
          // (`to first x` / `to last x` when x bound no event act as `to next`: §4.5)
          long first = m.first().ev().seq;
          droppedFirsts.add(first);
          next.removeIf(r -> r.first().ev().seq == first);
        } else {
          // §8: "`to first x` / `to last x` drop every attempt of the same pattern and partition
          // whose first event is before the first / last event bound to `x`".
          long target = skipTarget(m);
          droppedBefore = Math.max(droppedBefore, target);
          next.removeIf(r -> r.first().ev().seq < target);
        }
      }
      part.runs = new ArrayList<>(next);
      // `within N events`: the attempts whose N-th event this is close now, after its matches.
      if (decl.within() instanceof Statement.CountWindow w) {
        Set<Long> closing = new TreeSet<>();
        for (Run r : part.runs) {
          if (index - r.first().index() + 1 >= w.events()) {
            closing.add(r.first().ev().seq);
          }
        }
        for (long first : closing) {
          closeAttempt(part, first, e.time(), index, out::add);
        }
      }
      return out;
    }

    /**
     * Branches {@code r} once per transition {@code ev} fits, adding live branches to {@code next}
     * and completed ones to {@code completed}. Returns true when a fitting transition has {@code
     * ->} or {@code =>}, so that {@code r} may not skip the event.
     */
    private boolean advance(
        Run r, Ev ev, long index, Partition part, Set<Run> next, List<Run> completed) {
      boolean started = !r.steps().isEmpty();
      Map<String, Object> before = bindings(r.steps());
      Event prev = started ? r.last().ev().event : null;
      boolean mustTake = false;
      for (Transition t : closure(r.cont()).transitions()) {
        PatternExpr.Atom atom = t.atom();
        if (!atom.type().name().equals(ev.event.type())) {
          continue;
        }
        if (started && t.arrow() == Arrow.STRICT && index != measuredFrom(r, t) + 1) {
          continue;
        }
        if (started && windowClosed(r.first(), ev, index)) {
          continue;
        }
        if (started && violated(r, t.crossed(), part, index - 1, Long.MAX_VALUE)) {
          continue;
        }
        if (atom.condition() != null) {
          String own =
              atom.binding() == null || repeated.contains(atom.binding().name())
                  ? null
                  : atom.binding().name();
          ReferenceExpr.Scope scope =
              new ReferenceExpr.Scope(before, repeated, ev.event, own, true, prev);
          if (!Values.isTrue(expr.eval(atom.condition(), scope))) {
            continue;
          }
        }
        List<Step> steps = new ArrayList<>(r.steps());
        steps.add(
            new Step(
                ev,
                index,
                atom.binding() == null ? null : atom.binding().name(),
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
            ok =
                Values.isTrue(expr.eval(conjuncts.get(i), ReferenceExpr.Scope.of(after, repeated)));
          }
        }
        if (!ok) {
          continue;
        }
        if (t.arrow() != Arrow.ANY) {
          mustTake = true; // `->` and `=>` (and a start) take the event, never skip it
        }
        Run taken = new Run(t.rest(), steps, Set.copyOf(checked));
        noteTaken(r, taken); // (bounded mode: what the step made)
        Closure c = closure(t.rest());
        if (c.canEndNow() && openConjunctsHold(taken, after)) {
          completed.add(taken);
        }
        if (!c.transitions().isEmpty() || c.ends().stream().anyMatch(x -> !x.isEmpty())) {
          next.add(taken); // it can take more, or end in an absence
        }
      }
      return mustTake;
    }

    /** The position in the partition's stream a transition's arrow is measured from. */
    private long measuredFrom(Run r, Transition t) {
      if (t.side() < 0) {
        return r.last().index();
      }
      Set<Integer> atoms = atomsUnder.get(t.side());
      for (int i = r.steps().size() - 1; i >= 0; i--) {
        if (atoms.contains(r.steps().get(i).atom())) {
          return r.steps().get(i).index();
        }
      }
      throw new IllegalStateException("a started side has no event");
    }

    /**
     * Whether an event of the partition's stream after {@code r}'s last event, up to position
     * {@code upTo} and time {@code upToTime}, is one that one of the negations forbids: of its type
     * and satisfying its condition, read with {@code r}'s bindings and {@code prev} its last event.
     */
    private boolean violated(
        Run r, Set<Integer> negations, Partition part, long upTo, long upToTime) {
      if (negations.isEmpty()) {
        return false;
      }
      Map<String, Object> bindings = bindings(r.steps());
      Event prev = r.last().ev().event;
      for (long i = r.last().index() + 1; i <= upTo; i++) {
        Event between = part.history.get((int) i).event;
        if (between.time() > upToTime) {
          break;
        }
        for (int n : negations) {
          PatternExpr.Atom atom = ((PatternExpr.Negation) nodes.get(n)).atom();
          if (!atom.type().name().equals(between.type())) {
            continue;
          }
          if (atom.condition() == null) {
            return true;
          }
          // A name on a negated atom means the event tested, inside its own condition only.
          Map<String, Object> scopeBindings = bindings;
          String own = null;
          if (atom.binding() != null) {
            scopeBindings = new HashMap<>(bindings);
            scopeBindings.put(atom.binding().name(), null);
            own = atom.binding().name();
          }
          ReferenceExpr.Scope scope =
              new ReferenceExpr.Scope(scopeBindings, repeated, between, own, true, prev);
          if (Values.isTrue(expr.eval(atom.condition(), scope))) {
            return true;
          }
        }
      }
      return false;
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
        if (!r.checked().contains(i)
            && !Values.isTrue(
                expr.eval(conjuncts.get(i), ReferenceExpr.Scope.of(bindings, repeated)))) {
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

    // ---- closing windows ----

    /** This pattern's attempt whose time window ends first (null: none open, or no time window). */
    Closing firstTimeClosing(int patternIndex) {
      if (!(decl.within() instanceof Statement.TimeWindow w)) {
        return null;
      }
      Closing first = null;
      for (Partition part : partitions.values()) {
        for (Run r : part.runs) {
          Closing c =
              new Closing(
                  r.first().ev().event.time() + w.millis(), patternIndex, r.first().ev().seq, part);
          if (first == null || CLOSING_ORDER.compare(c, first) < 0) {
            first = c;
          }
        }
      }
      return first;
    }

    /**
     * Closes the window of the attempt started by event {@code firstSeq}, which ends at time {@code
     * end} with the partition's event {@code upTo} as its last: its runs leave; those whose absence
     * held complete, in match order, one at a time, the skip policy applied to each; then, with
     * {@code on timeout emit}, if the attempt never matched and a run was still live, it emits one
     * timeout event from its longest live run.
     */
    void closeAttempt(Partition part, long firstSeq, long end, long upTo, Consumer<Event> emit) {
      List<Run> runs = new ArrayList<>();
      for (Run r : part.runs) {
        if (r.first().ev().seq == firstSeq) {
          runs.add(r);
        }
      }
      part.runs.removeAll(runs);
      List<Run> complete = new ArrayList<>();
      for (Run r : runs) {
        if (absenceHolds(r, part, upTo, end) && openConjunctsHold(r, bindings(r.steps()))) {
          complete.add(r);
        }
      }
      complete.sort(MATCH_ORDER);
      Set<List<Object>> identities = new HashSet<>();
      for (Run m : complete) {
        if (!identities.add(identity(m))) {
          continue; // the same events bound to the same names: one match
        }
        part.matched.add(firstSeq);
        if (decl.skip() == SkipPolicy.PAST_LAST) {
          long last = m.last().ev().seq;
          part.runs.removeIf(r -> r.first().ev().seq <= last);
        }
        absences++;
        emit.accept(derive(m, decl.emit(), end));
        Long target = skipTarget(m);
        if (target != null) {
          part.runs.removeIf(r -> r.first().ev().seq < target);
          if (firstSeq < target) {
            break; // this attempt is dropped: its other matches are not emitted
          }
        } else if (decl.skip() != SkipPolicy.KEEP_ALL) {
          break; // this attempt is dropped: its other matches are not emitted
        }
      }
      if (decl.onTimeout() != null && !part.matched.contains(firstSeq)) {
        Run longest = null;
        for (Run r : runs) {
          if (live(r, part, upTo, end)
              && (longest == null
                  || r.steps().size() > longest.steps().size()
                  || r.steps().size() == longest.steps().size()
                      && MATCH_ORDER.compare(r, longest) < 0)) {
            longest = r;
          }
        }
        if (longest != null) {
          timeouts++;
          emit.accept(derive(longest, decl.onTimeout(), end));
        }
      }
      part.matched.remove(firstSeq);
    }

    /** Whether the run ends in an absence that no event up to the window's end prevented. */
    private boolean absenceHolds(Run r, Partition part, long upTo, long end) {
      for (Set<Integer> crossed : closure(r.cont()).ends()) {
        if (!crossed.isEmpty() && !violated(r, crossed, part, upTo, end)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the run could still do something had its window not closed: take an event (a
     * transition that no skipped event made impossible under {@code =>} and whose negations no
     * event violated) or complete an absence.
     */
    private boolean live(Run r, Partition part, long upTo, long end) {
      for (Transition t : closure(r.cont()).transitions()) {
        boolean strictBroken = t.arrow() == Arrow.STRICT && measuredFrom(r, t) < upTo;
        if (!strictBroken && !violated(r, t.crossed(), part, upTo, end)) {
          return true;
        }
      }
      return absenceHolds(r, part, upTo, end);
    }

    /**
     * With {@code after match skip to first x} / {@code to last x}: the first / last event the
     * match bound to {@code x} (its place in the processed stream), or null when it bound none or
     * the policy is another.
     */
    private Long skipTarget(Run m) {
      if (decl.skipTo() == null) {
        return null;
      }
      Long found = null;
      for (Step s : m.steps()) {
        if (decl.skipTo().name().equals(s.binding())) {
          found = s.ev().seq;
          if (decl.skip() == SkipPolicy.TO_FIRST) {
            break;
          }
        }
      }
      return found;
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
    private static final Comparator<Run> MATCH_ORDER =
        (a, b) -> {
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

    /**
     * The derived event of a run at {@code time}: {@code emit T(...)} (or {@code on timeout emit}),
     * or, with no constructor, the pattern's bindings.
     */
    private Event derive(Run m, Statement.EventConstructor constructor, long time) {
      Map<String, Object> bindings = bindings(m.steps());
      Map<String, Object> fields = new LinkedHashMap<>();
      if (constructor == null) {
        for (String b : bindingNames) {
          fields.put(b, bindings.get(b));
        }
        return Event.of(decl.name().name(), time, fields);
      }
      String type = constructor.type().name();
      Map<String, String> types = declared.getOrDefault(type, Map.of());
      for (Statement.FieldValue f : constructor.fields()) {
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
      for (KeyPath item : keyItems) {
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

  private record KeyPath(String type, List<String> path) {}

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
        h =
            31 * h
                + (v instanceof Number n ? Double.hashCode(n.doubleValue() + 0.0) : v.hashCode());
      }
      return h;
    }
  }

  /** A partition of a pattern: its stream so far, its runs, and its attempts that matched. */
  static final class Partition {
    final List<Ev> history = new ArrayList<>();
    List<Run> runs = new ArrayList<>();

    /** First events (seq) of attempts that emitted a match and whose window is still open. */
    final Set<Long> matched = new HashSet<>();

    long lastIndex() {
      return history.size() - 1;
    }
  }
}
