package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.reference.GeneratedProgram.Alt;
import io.motif.reference.GeneratedProgram.Atom;
import io.motif.reference.GeneratedProgram.Both;
import io.motif.reference.GeneratedProgram.Chain;
import io.motif.reference.GeneratedProgram.Node;
import io.motif.reference.GeneratedProgram.Not;
import io.motif.reference.GeneratedProgram.Rep;
import io.motif.reference.GeneratedProgram.Seq;
import io.motif.reference.GeneratedProgram.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential testing: generated programs over every construct of LANGUAGE.md §4 ({@code not}
 * between elements, absences with both kinds of window, {@code &} and {@code on timeout emit}
 * included), run through the engine and through the {@link ReferenceEvaluator}; their outputs must
 * be exactly equal (types, fields and their order, values, times, order of events). Most cases end
 * with {@code drain()} (the end of input, compared) and then {@code finish()} (the end of time,
 * compared too); the others go straight to {@code finish()}. After {@code finish()} the engine must
 * hold nothing: no partial match, partition or buffered event.
 *
 * <p>Cases per run: {@code -Dmotif.tries=N}; by default 10,000, or the {@code jqwik.tries.default}
 * of the {@code big} Maven profile when that is larger.
 */
class DifferentialProperties {
  /** Generated cases needing more live partial matches than this in the reference are skipped. */
  static final long RUN_LIMIT = 4000;

  @Property(tries = 10_000, maxDiscardRatio = 20, edgeCases = EdgeCasesMode.NONE)
  @AddLifecycleHook(TriesFromSystemProperty.class)
  void engineAgreesWithReference(@ForAll("cases") GeneratedCase c) {
    String source = c.program().render();
    Script script = Harness.parse(source);
    ReferenceEvaluator.Outcome expected;
    try {
      expected = ReferenceEvaluator.evaluateBounded(script, c.events(), RUN_LIMIT);
    } catch (ReferenceEvaluator.TooManyRuns tooMany) {
      Statistics.label("discarded: too many partial matches").collect(true);
      Assume.that(false);
      return;
    }
    collectStatistics(script, c, expected);
    Harness.EngineRun run = Harness.engine(source, c.arrivals(), c.maxDelay(), c.drain());
    String report = "\n---- program\n" + source + (c.maxDelay() == 0 ? ""
        : "---- max delay " + c.maxDelay() + " ms; events as they arrive\n")
        + "---- events\n" + EventText.render(c.arrivals())
        + (c.drain() ? "---- reference at drain()\n" + EventText.render(expected.drained())
            + "---- engine at drain()\n" + EventText.render(run.drained()) : "")
        + "---- reference at finish()\n" + EventText.render(expected.finished())
        + "---- engine at finish()" + (c.drain() ? " (after drain())" : "") + "\n"
        + EventText.render(run.finished());
    if (c.drain()) {
      assertSameOutput(expected.drained(), run.drained(), "\nat drain()" + report);
    }
    assertSameOutput(expected.finished(), run.finished(), "\nat finish()" + report);
    if (run.leftovers() != null) {
      fail(run.leftovers() + report);
    }
    Statistics.label("output size").collect(bucket(expected.finished().size()));
  }

  /** Equal events in the same order, with fields in the same order. */
  static void assertSameOutput(List<Event> expected, List<Event> actual, String report) {
    if (expected.size() != actual.size()) {
      fail("the engine emitted " + actual.size() + " events, the reference " + expected.size()
          + report);
    }
    for (int i = 0; i < expected.size(); i++) {
      Event e = expected.get(i);
      Event a = actual.get(i);
      if (!e.equals(a) || !new ArrayList<>(e.fields().keySet()).equals(
          new ArrayList<>(a.fields().keySet()))) {
        fail("output event " + (i + 1) + " differs:\n  reference: " + EventText.render(e)
            + "\n  engine:    " + EventText.render(a) + report);
      }
    }
  }

  private static String bucket(int n) {
    return n == 0 ? "0" : n <= 2 ? "1-2" : n <= 10 ? "3-10" : "more than 10";
  }

  // ---- what the cases cover ----

  /** The constructs whose coverage is checked: each must appear in at least 5% of cases. */
  static final List<String> CONSTRUCTS = List.of("->", "->>", "=>", "+", "*", "?", "{n}",
      "{n,}", "{n,m}", "repeated group", "|", "binding", "atom condition", "prev", "count", "sum",
      "avg", "min", "max", "first", "last", "where", "partition by one key",
      "partition by composite key", "partition by per-type keys", "within duration",
      "within events", "skip past last", "skip to next", "emit", "default output", "chaining",
      "declared types", "constants", "out of order within the delay", "not between elements",
      "absence within duration", "absence within events", "&", "on timeout",
      "finish without drain");

  /** Counted too, without a coverage bound. */
  static final List<String> EXTRAS = List.of("binding reused in |", "=> inside a side of &",
      "negation reads a binding or prev", "named negated atom", "consecutive negations",
      "absence completed", "timeout emitted", "output at finish beyond drain");

  private static void collectStatistics(Script script, GeneratedCase c,
      ReferenceEvaluator.Outcome outcome) {
    Set<String> used = new LinkedHashSet<>();
    if (!c.arrivals().equals(c.events())) {
      used.add("out of order within the delay");
    }
    if (!c.drain()) {
      used.add("finish without drain");
    }
    if (outcome.finished().size() > outcome.drained().size()) {
      used.add("output at finish beyond drain");
    }
    for (Event e : outcome.finished()) {
      if (e.type().equals("TO")) {
        used.add("timeout emitted");
      }
    }
    int patterns = 0;
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl) {
        used.add("declared types");
      }
      if (s instanceof Statement.ConstDecl) {
        used.add("constants");
      }
      if (!(s instanceof Statement.PatternDecl p)) {
        continue;
      }
      patterns++;
      pattern(p.match(), used);
      if (p.match() instanceof PatternExpr.Sequence seq) {
        List<PatternExpr> elements = seq.elements();
        int trailing = elements.size(); // the negations from here on end the pattern: an absence
        while (trailing > 0 && elements.get(trailing - 1) instanceof PatternExpr.Negation) {
          trailing--;
        }
        for (int i = 0; i < elements.size(); i++) {
          if (!(elements.get(i) instanceof PatternExpr.Negation n)) {
            continue;
          }
          if (i >= trailing) {
            used.add(p.within() instanceof Statement.CountWindow ? "absence within events"
                : "absence within duration");
            String type = p.emit() == null ? p.name().name() : p.emit().type().name();
            if (outcome.finished().stream().anyMatch(e -> e.type().equals(type))) {
              used.add("absence completed");
            }
          } else {
            used.add("not between elements");
          }
          if (i > 0 && elements.get(i - 1) instanceof PatternExpr.Negation) {
            used.add("consecutive negations");
          }
          if (n.atom().binding() != null) {
            used.add("named negated atom");
          }
          if (n.atom().condition() != null && reads(n.atom().condition())) {
            used.add("negation reads a binding or prev");
          }
        }
      }
      if (p.onTimeout() != null) {
        used.add("on timeout");
      }
      if (p.where() != null) {
        used.add("where");
        expr(p.where(), used);
      }
      if (!p.partitionBy().isEmpty()) {
        boolean perType = p.partitionBy().get(0) instanceof Expr.Field;
        used.add(perType ? "partition by per-type keys" : p.partitionBy().size() == 1
            ? "partition by one key" : "partition by composite key");
      }
      if (p.within() instanceof Statement.TimeWindow) {
        used.add("within duration");
      } else if (p.within() instanceof Statement.CountWindow) {
        used.add("within events");
      }
      if (p.skip() == SkipPolicy.PAST_LAST) {
        used.add("skip past last");
      } else if (p.skip() == SkipPolicy.TO_NEXT) {
        used.add("skip to next");
      }
      if (p.emit() == null) {
        used.add("default output");
      } else {
        used.add("emit");
        p.emit().fields().forEach(f -> expr(f.value(), used));
      }
    }
    if (patterns > 1) {
      used.add("chaining");
    }
    for (String construct : CONSTRUCTS) {
      Statistics.label(construct).collect(used.contains(construct));
      Statistics.label(construct).coverage(cov -> cov.check(true).percentage(p -> p >= 5.0));
    }
    for (String extra : EXTRAS) {
      Statistics.label(extra).collect(used.contains(extra));
    }
  }

  private static void pattern(PatternExpr p, Set<String> used) {
    if (p instanceof PatternExpr.Atom a) {
      if (a.binding() != null) {
        used.add("binding");
      }
      if (a.condition() != null) {
        used.add("atom condition");
        expr(a.condition(), used);
      }
    } else if (p instanceof PatternExpr.Sequence s) {
      for (Arrow a : s.arrows()) {
        used.add(a.symbol());
      }
      s.elements().forEach(e -> pattern(e, used));
    } else if (p instanceof PatternExpr.Alternation a) {
      used.add("|");
      Set<String> names = new java.util.HashSet<>();
      for (PatternExpr e : a.alternatives()) {
        if (e instanceof PatternExpr.Atom x && x.binding() != null
            && !names.add(x.binding().name())) {
          used.add("binding reused in |");
        }
      }
      a.alternatives().forEach(e -> pattern(e, used));
    } else if (p instanceof PatternExpr.Conjunction both) {
      used.add("&");
      for (PatternExpr side : both.parts()) {
        if (side instanceof PatternExpr.Sequence s && s.arrows().contains(Arrow.STRICT)) {
          used.add("=> inside a side of &");
        }
      }
      both.parts().forEach(e -> pattern(e, used));
    } else if (p instanceof PatternExpr.Repetition r) {
      if (r.max() == PatternExpr.Repetition.UNBOUNDED) {
        used.add(r.min() == 0 ? "*" : r.min() == 1 ? "+" : "{n,}");
      } else {
        used.add(r.min() == 0 && r.max() == 1 ? "?" : r.min() == r.max() ? "{n}" : "{n,m}");
      }
      if (!(r.body() instanceof PatternExpr.Atom)) {
        used.add("repeated group");
      }
      pattern(r.body(), used);
    }
  }

  /** Whether a negation's condition reads a binding (a field path) or prev. */
  private static boolean reads(Expr e) {
    if (e instanceof Expr.Field f) {
      return f.target() instanceof Expr.Name || reads(f.target());
    }
    if (e instanceof Expr.Name n) {
      return n.name().name().equals("prev");
    }
    if (e instanceof Expr.Unary u) {
      return reads(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return reads(b.left()) || reads(b.right());
    }
    if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(DifferentialProperties::reads);
    }
    return false;
  }

  private static void expr(Expr e, Set<String> used) {
    if (e instanceof Expr.Name n && n.name().name().equals("prev")) {
      used.add("prev");
    } else if (e instanceof Expr.Call c) {
      used.add(c.function().name().toLowerCase(Locale.ROOT));
      c.args().forEach(a -> expr(a, used));
    } else if (e instanceof Expr.Field f) {
      expr(f.target(), used);
    } else if (e instanceof Expr.Unary u) {
      expr(u.operand(), used);
    } else if (e instanceof Expr.Binary b) {
      expr(b.left(), used);
      expr(b.right(), used);
    } else if (e instanceof Expr.IsNull n) {
      expr(n.operand(), used);
    } else if (e instanceof Expr.Between b) {
      expr(b.operand(), used);
    } else if (e instanceof Expr.In in) {
      expr(in.operand(), used);
    }
  }

  // ---- generators ----

  /**
   * A generated program and its input: {@code arrivals} is the order the engine receives the
   * events in, with maximum delay {@code maxDelay}; the reference sees them as the engine must
   * process them ({@link ReferenceEvaluator#processingOrder}).
   */
  record GeneratedCase(GeneratedProgram program, List<Event> arrivals, long maxDelay,
      boolean drain) {
    List<Event> events() {
      return ReferenceEvaluator.processingOrder(arrivals, maxDelay);
    }

    @Override
    public String toString() {
      return "\n" + program.render() + (maxDelay == 0 ? "" : "--! max delay " + maxDelay + "\n")
          + (drain ? "" : "--! flush at end\n") + "given\n" + EventText.render(arrivals);
    }
  }

  @Provide
  Arbitrary<GeneratedCase> cases() {
    Arbitrary<GeneratedProgram> programs = Combinators.combine(
        topSequence(),
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Spec>of())),
            Tuple.of(1, spec().list().ofMinSize(1).ofMaxSize(2))),
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Spec>of())),
            Tuple.of(1, spec().list().ofMinSize(1).ofMaxSize(4))),
        Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(3, 1), Tuple.of(2, 2), Tuple.of(2, 3)),
        Arbitraries.frequency(Tuple.of(7, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(2, 3),
            Tuple.of(2, 4), Tuple.of(2, 5)),
        Arbitraries.frequency(Tuple.of(2, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
        Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(1, 3)),
        Combinators.combine(chain(), timeout()).as(Tuple::of)).as((match, where, emit, partition,
            window, skip, options, chainAndTimeout) -> new GeneratedProgram(match, where, emit,
                partition, window, skip, options, chainAndTimeout.get1(), chainAndTimeout.get2()));
    Arbitrary<Long> delay = Arbitraries.frequency(Tuple.of(8, 0L), Tuple.of(1, 500L),
        Tuple.of(1, 2000L));
    return programs.flatMap(p -> Combinators.combine(events(p.declared()), delay,
        Arbitraries.longs().between(0, 2500).list().ofSize(25),
        Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false))).as((events, d, jitter,
            drain) -> new GeneratedCase(p, arrivals(events, d, jitter), d, drain)));
  }

  /**
   * The order events arrive in: in time order, or, with a maximum delay, each one late by up to
   * a little more than the delay (so that some are late and dropped).
   */
  private static List<Event> arrivals(List<Event> events, long delay, List<Long> jitter) {
    if (delay == 0) {
      return events;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingLong(i -> events.get(i).time()
        + jitter.get(i) * delay / 2000));
    List<Event> out = new ArrayList<>();
    order.forEach(i -> out.add(events.get(i)));
    return out;
  }

  /**
   * The top-level sequence: 1 to 4 elements (some of them {@code &} groups), at most 5 atoms,
   * able to match something; sometimes a {@code not} between two elements, and sometimes one at
   * the end (an absence).
   */
  private Arbitrary<Node> topSequence() {
    Arbitrary<Integer> length = Arbitraries.frequency(Tuple.of(2, 1), Tuple.of(4, 2),
        Tuple.of(3, 3), Tuple.of(1, 4));
    Arbitrary<Node> element = Arbitraries.frequencyOf(Tuple.of(9, node(2)), Tuple.of(1, both()));
    Arbitrary<Node> seq = length.flatMap(n ->
        Combinators.combine(element.list().ofSize(n), arrow().list().ofSize(n - 1),
            negations(false, 16, 3, 1).list().ofSize(n - 1), negations(true, 31, 7, 2))
            .as(DifferentialProperties::sequence));
    return seq.filter(n -> atoms(n) <= 5 && !nullable(n));
  }

  /**
   * Joins elements with arrows, with the negations {@code between.get(i)} between elements i and
   * i + 1, and {@code absence} at the end (an absence, when there is one). Negations between are
   * left out where only optional elements follow them and no absence ends the pattern: that would
   * end the pattern on a negation with no window to close.
   */
  private static Node sequence(List<Node> elements, List<Integer> arrows, List<List<Not>> between,
      List<Not> absence) {
    List<Node> out = new ArrayList<>(List.of(elements.get(0)));
    List<Integer> outArrows = new ArrayList<>();
    for (int i = 1; i < elements.size(); i++) {
      boolean requiredAfter = elements.subList(i, elements.size()).stream()
          .anyMatch(e -> !nullable(e));
      if (!absence.isEmpty() || requiredAfter) {
        for (Not x : between.get(i - 1)) {
          outArrows.add(arrows.get(i - 1) == 2 ? 0 : arrows.get(i - 1)); // never `=> not`
          out.add(x);
        }
      }
      outArrows.add(arrows.get(i - 1));
      out.add(elements.get(i));
    }
    for (Not x : absence) {
      outArrows.add(0);
      out.add(x);
    }
    return out.size() == 1 ? out.get(0) : new Seq(out, outArrows);
  }

  /**
   * None, one or two consecutive negations, with these weights; at the end of the pattern (an
   * absence) mostly of the rarer type D, so that absences complete often enough.
   */
  private Arbitrary<List<Not>> negations(boolean atEnd, int none, int one, int two) {
    Arbitrary<Integer> type = atEnd
        ? Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(4, 3))
        : Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(3, 2), Tuple.of(2, 3));
    Arbitrary<Not> not = Combinators.combine(type,
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((Spec) null)), Tuple.of(2, spec())),
        Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true))).as(Not::new);
    return Arbitraries.frequencyOf(Tuple.of(none, Arbitraries.just(List.<Not>of())),
        Tuple.of(one, not.list().ofSize(1)), Tuple.of(two, not.list().ofSize(2)));
  }

  /** {@code (P & Q)} or {@code (P & Q & R)}, each side an atom (maybe repeated) or two in a row. */
  private Arbitrary<Node> both() {
    Arbitrary<Node> side = Arbitraries.frequencyOf(
        Tuple.of(3, quantified(atom())),
        Tuple.of(1, Combinators.combine(atom().list().ofSize(2), arrow())
            .as((atoms, arrow) -> new Seq(new ArrayList<>(atoms), List.of(arrow)))));
    Arbitrary<Node> sides = Arbitraries.frequencyOf(
        Tuple.of(4, side.list().ofSize(2).map(Both::new)),
        Tuple.of(1, side.list().ofSize(3).map(Both::new)));
    return quantified(sides);
  }

  /** {@code on timeout emit TO(...)} fields, or null for none. */
  private Arbitrary<List<Spec>> timeout() {
    return spec().list().ofMaxSize(3).injectNull(0.82);
  }

  private Arbitrary<Node> node(int depth) {
    Arbitrary<Node> atom = atom();
    if (depth <= 0) {
      return quantified(atom);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(8, quantified(atom)),
        Tuple.of(2, quantified(Combinators.combine(node(depth - 1).list().ofMinSize(2)
            .ofMaxSize(3), arrow().list().ofSize(2)).as((elements, arrows) ->
                new Seq(elements, arrows.subList(0, elements.size() - 1))))),
        Tuple.of(2, quantified(Combinators.combine(node(depth - 1).list().ofSize(2),
            Arbitraries.frequency(Tuple.of(1, false), Tuple.of(1, true))).as(Alt::new))));
  }

  private Arbitrary<Node> quantified(Arbitrary<? extends Node> body) {
    Arbitrary<int[]> quantifier = Arbitraries.frequencyOf(
        Tuple.of(24, Arbitraries.just(new int[0])),
        Tuple.of(3, Arbitraries.just(new int[] {1, -1})),
        Tuple.of(2, Arbitraries.just(new int[] {0, -1})),
        Tuple.of(3, Arbitraries.just(new int[] {0, 1})),
        Tuple.of(2, Arbitraries.of(new int[] {2, 2}, new int[] {3, 3}, new int[] {1, 1})),
        Tuple.of(2, Arbitraries.of(new int[] {2, -1}, new int[] {3, -1})),
        Tuple.of(2, Arbitraries.of(new int[] {0, 2}, new int[] {1, 2}, new int[] {1, 3},
            new int[] {2, 3})));
    return Combinators.combine(body, quantifier).as((b, q) ->
        q.length == 0 ? b : new Rep(b, q[0], q[1]));
  }

  private Arbitrary<Node> atom() {
    return Combinators.combine(
        Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(3, 1), Tuple.of(2, 2), Tuple.of(1, 3)),
        Arbitraries.frequency(Tuple.of(7, true), Tuple.of(3, false)),
        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just((Spec) null)), Tuple.of(2, spec())))
        .as(Atom::new);
  }

  private Arbitrary<Integer> arrow() {
    return Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 1), Tuple.of(3, 2));
  }

  private Arbitrary<Spec> spec() {
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 20);
    return Combinators.combine(small, small, small, small).as(Spec::new);
  }

  private Arbitrary<Chain> chain() {
    Arbitrary<Chain> chain = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just((Spec) null)), Tuple.of(2, spec())),
        Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
        Arbitraries.of(true, false), Arbitraries.integers().between(0, 5),
        Arbitraries.of(true, false)).as(Chain::new);
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just((Chain) null)),
        Tuple.of(1, chain));
  }

  /** 0 to 25 events of types A-D (D rare), small values, several partitions, ties in time. */
  private Arbitrary<List<Event>> events(boolean declared) {
    Arbitrary<Integer> type = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(3, 1),
        Tuple.of(2, 2), Tuple.of(1, 3));
    Arbitrary<Long> gap = Arbitraries.of(0L, 0L, 0L, 250L, 500L, 500L, 1000L, 2000L);
    Arbitrary<Object> k = values(12, 1L, 6, 2L, 1, 1.0, 1, "1", 1, true, 1, NULL, 1, MISSING);
    Arbitrary<Object> j = values(5, 1L, 4, 2L, 1, MISSING);
    // Declared types (x long, y double) also get the other kind of number, which the engine
    // brings to the declared type.
    Arbitrary<Object> x = declared
        ? values(18, 0L, 18, 1L, 18, 2L, 18, 3L, 6, 2.0, 2, NULL, 2, MISSING)
        : values(18, 0L, 18, 1L, 18, 2L, 18, 3L, 2, NULL, 2, MISSING);
    Arbitrary<Object> y = declared
        ? values(6, 0.0, 6, 1.0, 6, 2.5, 3, 1L, 3, 2L, 1, NULL)
        : values(6, 0L, 6, 1L, 6, 2L, 3, 1.5, 2, 2.0, 1, NULL, 1, MISSING);
    Arbitrary<Object[]> one = Combinators.combine(type, gap, k, j, x, y)
        .as((t, g, kv, jv, xv, yv) -> new Object[] {t, g, kv, jv, xv, yv});
    return one.list().ofMaxSize(25).withSizeDistribution(RandomDistribution.uniform()).map(specs -> {
      List<Event> out = new ArrayList<>();
      long time = 0;
      for (Object[] s : specs) {
        time += (Long) s[1];
        Map<String, Object> fields = new LinkedHashMap<>();
        String[] names = {"k", "j", "x", "y"};
        for (int i = 0; i < 4; i++) {
          Object v = s[2 + i];
          if (v == NULL) {
            fields.put(names[i], null);
          } else if (v != MISSING) {
            fields.put(names[i], v);
          }
        }
        out.add(Event.of(GeneratedProgram.TYPES[(Integer) s[0]], time, fields));
      }
      return out;
    });
  }

  /** Values with weights: {@code values(3, "a", 1, "b")}. */
  @SuppressWarnings("unchecked")
  private static Arbitrary<Object> values(Object... weightsAndValues) {
    List<Tuple.Tuple2<Integer, Object>> choices = new ArrayList<>();
    for (int i = 0; i < weightsAndValues.length; i += 2) {
      choices.add(Tuple.of((Integer) weightsAndValues[i], weightsAndValues[i + 1]));
    }
    return Arbitraries.frequency(choices.toArray(new Tuple.Tuple2[0]));
  }

  private static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };
  private static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "missing";
    }
  };

  static int atoms(Node n) {
    if (n instanceof Atom) {
      return 1;
    }
    if (n instanceof Not) {
      return 0;
    }
    if (n instanceof Both b) {
      return b.sides().stream().mapToInt(DifferentialProperties::atoms).sum();
    }
    if (n instanceof Seq s) {
      return s.elements().stream().mapToInt(DifferentialProperties::atoms).sum();
    }
    if (n instanceof Alt a) {
      return a.alternatives().stream().mapToInt(DifferentialProperties::atoms).sum();
    }
    return atoms(((Rep) n).body());
  }

  static boolean nullable(Node n) {
    if (n instanceof Atom) {
      return false;
    }
    if (n instanceof Not) {
      return true; // it matches no event
    }
    if (n instanceof Both b) {
      return b.sides().stream().allMatch(DifferentialProperties::nullable);
    }
    if (n instanceof Seq s) {
      return s.elements().stream().allMatch(DifferentialProperties::nullable);
    }
    if (n instanceof Alt a) {
      return a.alternatives().stream().anyMatch(DifferentialProperties::nullable);
    }
    Rep r = (Rep) n;
    return r.min() == 0 || nullable(r.body());
  }

  /** Sets a property's tries from {@code -Dmotif.tries}, else the larger of 10,000 and jqwik's. */
  public static final class TriesFromSystemProperty implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context,
        PropertyExecutor property) {
      int tries = Math.max(10_000, Integer.getInteger("jqwik.tries.default", 0));
      String given = System.getProperty("motif.tries");
      if (given != null && !given.isBlank()) {
        tries = Integer.parseInt(given.trim());
      }
      context.attributes().setTries(tries);
      return property.execute();
    }
  }
}
