package io.motif.reference;

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
import java.util.List;
import java.util.Map;

/**
 * Generates {@link GeneratedCase}s from a {@link Rnd}: programs over every construct of LANGUAGE.md
 * §4, and small event streams (several partitions, ties in time, nulls and missing fields, values
 * of every kind) that make them match about half the time. Weights are written as {@code
 * weighted(w0, w1, ...)}: choice {@code i} is taken {@code wi} times in the sum.
 */
final class CaseGenerator {
  private Rnd r;

  private CaseGenerator(Rnd r) {
    this.r = r;
  }

  /**
   * A case: its program generated from {@code program}, its input and how the engine is run from
   * {@code input} (so that one program can be run over several inputs).
   */
  static GeneratedCase generate(Rnd program, Rnd input) {
    CaseGenerator g = new CaseGenerator(program);
    GeneratedProgram p = g.program();
    g.r = input;
    return g.generateCase(p);
  }

  /**
   * A case as {@link #generate} makes, whose pattern is a chain of three to five atoms joined by
   * {@code ->} or {@code ->>}, seldom repeated, seldom with a negation, mostly without a skip
   * policy, {@code where} or {@code on timeout}: the shape whose partial matches the engine keeps
   * as packed rows of several events, which the general programs seldom have.
   */
  static GeneratedCase generateChain(Rnd program, Rnd input) {
    CaseGenerator g = new CaseGenerator(program);
    GeneratedProgram p = g.chainProgram();
    g.r = input;
    return g.generateCase(p);
  }

  private GeneratedProgram chainProgram() {
    boolean rows = r.weighted(2, 1) == 1;
    Node match = rows ? repeatingChain() : plainChain();
    List<Spec> where = r.weighted(5, 1) == 0 ? List.of() : specs(1, 2);
    // (a repeating chain's emit mostly reads single bindings: an aggregate of its list would keep
    // its partial matches runs, and those are what the other programs test)
    List<Spec> emit =
        rows ? singleFieldSpecs(r.between(1, 3)) : r.weighted(1, 1) == 0 ? List.of() : specs(1, 4);
    int partition = r.pick(6, 0, 3, 1, 2, 2, 1, 3, 1, 4);
    int window = r.pick(7, 0, 2, 1, 2, 2, 2, 3, 2, 4, 2, 5);
    int skip = r.pick(12, 0, 1, 1, 1, 2, 1, 3, 1, 4);
    int options = r.pick(5, 0, 2, 1, 2, 2, 1, 3);
    Chain chain = r.weighted(2, 1) == 0 ? null : chain();
    return new GeneratedProgram(
        match, where, emit, partition, window, skip, options, chain, null, null);
  }

  private Node plainChain() {
    while (true) {
      int n = r.between(3, 5);
      List<Node> elements = new ArrayList<>();
      List<Integer> arrows = new ArrayList<>();
      List<List<Not>> between = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        elements.add(r.weighted(9, 1) == 0 ? atom() : quantified(atom()));
      }
      for (int i = 0; i < n - 1; i++) {
        arrows.add(r.weighted(3, 1)); // `->` or `->>`, never `=>`
        between.add(negations(false, 14, 1, 0));
      }
      Node seq = sequence(elements, arrows, between, negations(true, 9, 1, 0));
      if (atoms(seq) <= 5 && !nullable(seq)) {
        return seq;
      }
    }
  }

  /**
   * A chain of three or four atoms of distinct types (so deterministic) with one named repeated
   * atom neither first nor last: the shape whose packed rows hold a repeated binding's events, when
   * its program emits and no emitted field aggregates.
   */
  private Node repeatingChain() {
    while (true) {
      int n = r.between(3, 4);
      int[] types = {0, 1, 2, 3};
      for (int i = types.length - 1; i > 0; i--) {
        int j = r.between(0, i);
        int t = types[i];
        types[i] = types[j];
        types[j] = t;
      }
      int repeated = r.between(1, n - 2);
      List<Node> elements = new ArrayList<>();
      List<Integer> arrows = new ArrayList<>();
      List<List<Not>> between = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i == repeated) {
          Atom atom = new Atom(types[i], true, maybeSpec(1, 1));
          elements.add(r.weighted(3, 1) == 0 ? new Rep(atom, 1, -1) : quantified(atom));
        } else {
          elements.add(new Atom(types[i], r.weighted(1, 3) == 1, maybeSpec(3, 1)));
        }
      }
      for (int i = 0; i < n - 1; i++) {
        arrows.add(r.weighted(3, 1));
        between.add(negations(false, 14, 1, 0));
      }
      Node seq = sequence(elements, arrows, between, negations(true, 9, 1, 0));
      if (!nullable(seq)) {
        return seq;
      }
    }
  }

  private GeneratedCase generateCase(GeneratedProgram p) {
    boolean declared = p.declared();
    long delay = r.pick(6, 0L, 2, 500L, 2, 2000L);
    long base = r.pick(3, 0L, 1, 1709294397000L); // 2024-03-01T11:59:57Z: hours turn mid-stream
    List<Event> events = events(declared, base);
    List<Long> jitter = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      jitter.add(r.between(0L, 4000L));
    }
    boolean drain = r.weighted(4, 1) == 0;
    int snapshot = r.chance(0.12) ? r.between(0, events.size()) : -1;
    int bound = 0;
    boolean refuse = false;
    if (r.chance(0.45)
        && boundSimple(p.match())
        && (p.chain() == null || Math.floorMod(p.chain().shape(), 6) != 4)) {
      bound = r.pick(2, 1, 4, 2, 2, 3);
      refuse = r.chance(0.2);
    }
    return new GeneratedCase(p, events, jitter, delay, drain, snapshot, bound, refuse);
  }

  private GeneratedProgram program() {
    Node match = topSequence();
    List<Spec> where = r.weighted(3, 1) == 0 ? List.of() : specs(1, r.weighted(3, 1) + 1);
    List<Spec> emit = r.weighted(1, 1) == 0 ? List.of() : specs(1, 4);
    int partition = r.pick(6, 0, 3, 1, 2, 2, 1, 3, 1, 4);
    int window = r.pick(7, 0, 2, 1, 2, 2, 2, 3, 2, 4, 2, 5);
    int skip = r.pick(3, 0, 1, 1, 1, 2, 1, 3, 1, 4);
    int options = r.pick(5, 0, 2, 1, 2, 2, 1, 3);
    Chain chain = r.weighted(2, 1) == 0 ? null : chain();
    List<Spec> timeout = r.chance(0.82) ? null : specs(0, 3);
    Chain chain2 = chain != null && r.chance(0.3) ? chain() : null;
    return new GeneratedProgram(
        match, where, emit, partition, window, skip, options, chain, timeout, chain2);
  }

  private List<Spec> specs(int min, int max) {
    int n = r.between(min, max);
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(spec());
    }
    return out;
  }

  /** Emit fields that read single bindings (see GeneratedProgram's emitValue), one in four any. */
  private List<Spec> singleFieldSpecs(int n) {
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          r.weighted(3, 1) == 0
              ? new Spec(r.oneOf(2, 3, 5, 6, 7), r.between(0, 20), r.between(0, 20), 1)
              : spec());
    }
    return out;
  }

  private Spec spec() {
    return new Spec(r.between(0, 20), r.between(0, 20), r.between(0, 20), r.between(0, 20));
  }

  /** A condition, two times in three none. */
  private Spec maybeSpec(int none, int some) {
    return r.weighted(none, some) == 0 ? null : spec();
  }

  /**
   * The top-level sequence: 1 to 4 elements (some of them {@code &} groups), at most 5 atoms, able
   * to match something; sometimes a {@code not} between two elements, and sometimes one at the end
   * (an absence).
   */
  private Node topSequence() {
    while (true) {
      int n = r.pick(3, 1, 4, 2, 2, 3, 1, 4);
      List<Node> elements = new ArrayList<>();
      List<Integer> arrows = new ArrayList<>();
      List<List<Not>> between = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        elements.add(r.weighted(9, 1) == 0 ? node(2) : both());
      }
      for (int i = 0; i < n - 1; i++) {
        arrows.add(arrow());
      }
      for (int i = 0; i < n - 1; i++) {
        between.add(negations(false, 16, 3, 1));
      }
      List<Not> absence = negations(true, 22, 8, 2);
      Node seq = sequence(elements, arrows, between, absence);
      if (atoms(seq) <= 5 && !nullable(seq)) {
        return seq;
      }
    }
  }

  /**
   * Joins elements with arrows, with the negations {@code between.get(i)} between elements i and i
   * + 1, and {@code absence} at the end (an absence, when there is one). Negations between are left
   * out where only optional elements follow them and no absence ends the pattern: that would end
   * the pattern on a negation with no window to close.
   */
  private static Node sequence(
      List<Node> elements, List<Integer> arrows, List<List<Not>> between, List<Not> absence) {
    List<Node> out = new ArrayList<>(List.of(elements.get(0)));
    List<Integer> outArrows = new ArrayList<>();
    for (int i = 1; i < elements.size(); i++) {
      boolean requiredAfter =
          elements.subList(i, elements.size()).stream().anyMatch(e -> !nullable(e));
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
  private List<Not> negations(boolean atEnd, int none, int one, int two) {
    int count = r.weighted(none, one, two);
    List<Not> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(not(atEnd));
    }
    return out;
  }

  private Not not(boolean atEnd) {
    int type = atEnd ? r.weighted(1, 2, 2, 4) : r.weighted(1, 3, 3, 2);
    return new Not(type, maybeSpec(1, 2), r.weighted(5, 1) == 1);
  }

  /** {@code (P & Q)} or {@code (P & Q & R)}, each side an atom (maybe repeated) or two in a row. */
  private Node both() {
    int n = r.weighted(4, 1) == 0 ? 2 : 3;
    List<Node> sides = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (r.weighted(3, 1) == 0) {
        sides.add(quantified(atom()));
      } else {
        sides.add(new Seq(new ArrayList<>(List.of(atom(), atom())), List.of(arrow())));
      }
    }
    return quantified(new Both(sides));
  }

  /**
   * An element: an atom, a group (a sequence, an alternation), each maybe repeated; inside a group,
   * sometimes a group whose first element is optional ({@code (b? => c)}, {@code (x* -> not D ->>
   * u)+}) or an {@code &} group.
   */
  private Node node(int depth) {
    if (depth <= 0) {
      return quantified(atom());
    }
    int choice = r.weighted(8, 2, 2, 2, depth == 1 ? 1 : 0);
    switch (choice) {
      case 0:
        return quantified(atom());
      case 1:
        {
          int n = r.between(2, 3);
          List<Node> elements = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            elements.add(node(depth - 1));
          }
          List<Integer> arrows = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            arrows.add(arrow());
          }
          return quantified(new Seq(elements, arrows.subList(0, n - 1)));
        }
      case 2:
        {
          List<Node> alternatives = new ArrayList<>(List.of(node(depth - 1), node(depth - 1)));
          return quantified(new Alt(alternatives, r.weighted(1, 1) == 1));
        }
      case 3:
        return optionalFirst();
      default:
        return both();
    }
  }

  /**
   * A group whose first element is optional: {@code (b? ARROW c)}, or with a negation before its
   * last element, {@code (x* -> not D ->> u)}; often repeated.
   */
  private Node optionalFirst() {
    Node first = new Rep(atom(), 0, r.weighted(1, 1) == 0 ? 1 : -1);
    List<Node> elements = new ArrayList<>(List.of(first));
    List<Integer> arrows = new ArrayList<>();
    if (r.chance(0.35)) {
      elements.add(not(false));
      arrows.add(r.weighted(5, 2, 0));
    }
    elements.add(atom());
    arrows.add(arrow());
    Seq group = new Seq(elements, arrows);
    return switch (r.weighted(3, 2, 1)) {
      case 0 -> group;
      case 1 -> new Rep(group, 1, -1);
      default -> quantified(group);
    };
  }

  private Node quantified(Node body) {
    return switch (r.weighted(24, 3, 2, 3, 2, 2, 2)) {
      case 0 -> body;
      case 1 -> new Rep(body, 1, -1);
      case 2 -> new Rep(body, 0, -1);
      case 3 -> new Rep(body, 0, 1);
      case 4 -> {
        int n = r.oneOf(2, 3, 1);
        yield new Rep(body, n, n);
      }
      case 5 -> new Rep(body, r.oneOf(2, 3), -1);
      default -> {
        int[] q = r.oneOf(new int[] {0, 2}, new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 3});
        yield new Rep(body, q[0], q[1]);
      }
    };
  }

  private Atom atom() {
    return new Atom(r.weighted(4, 3, 2, 1), r.weighted(7, 3) == 0, maybeSpec(3, 1));
  }

  private int arrow() {
    return r.weighted(6, 2, 2);
  }

  private Chain chain() {
    return new Chain(
        r.between(0, 5),
        maybeSpec(1, 2),
        r.weighted(3, 1) == 1,
        r.chance(0.5),
        r.between(0, 5),
        r.chance(0.5));
  }

  // ---- events ----

  /**
   * 0 to 25 events of types A-D (D rare), small values, several partitions, ties in time; from time
   * {@code base}.
   */
  private List<Event> events(boolean declared, long base) {
    int n = r.pick(1, r.between(0, 6), 2, r.between(7, 18), 7, r.between(19, 30));
    List<Event> out = new ArrayList<>();
    long time = base;
    String[] names = {"k", "j", "x", "y", "w", "ts"};
    for (int e = 0; e < n; e++) {
      int type = r.weighted(4, 3, 2, 1);
      time += r.oneOf(0L, 0L, 0L, 100L, 250L, 250L, 500L, 1000L, 2000L);
      Object[] values = new Object[6];
      values[0] = r.pick(12, 1L, 6, 2L, 1, 1.0, 1, "1", 1, true, 1, NULL, 1, MISSING);
      values[1] = r.pick(5, 1L, 4, 2L, 1, MISSING);
      // Declared types (x long, y double) also get the other kind of number, which the engine
      // brings to the declared type.
      values[2] =
          declared
              ? r.pick(18, 0L, 18, 1L, 18, 2L, 18, 3L, 6, 2.0, 2, NULL, 2, MISSING)
              : r.pick(18, 0L, 18, 1L, 18, 2L, 18, 3L, 2, NULL, 2, MISSING);
      values[3] =
          declared
              ? r.pick(6, 0.0, 6, 1.0, 6, 2.5, 3, 1L, 3, 2L, 1, NULL)
              : r.pick(6, 0L, 6, 1L, 6, 2L, 3, 1.5, 2, 2.0, 1, NULL, 1, MISSING);
      values[4] =
          r.pick(
              4,
              "a",
              4,
              "ab",
              3,
              "b",
              3,
              "a-b",
              2,
              "AB",
              1,
              "",
              1,
              " a",
              1,
              "a%",
              1,
              "10",
              1,
              NULL,
              1,
              MISSING,
              declared ? 0 : 1,
              10L);
      values[5] =
          r.pick(
              4,
              "2024-03-01T12:00:00Z",
              2,
              "2024-03-01T11:59:59.500Z",
              2,
              "2024-03-01T13:00:00+01:00",
              2,
              "2024-03-01T12:30:00",
              1,
              "2024-03-01",
              1,
              "2024-03-01T12:00:00.123456Z",
              1,
              "2024-02-29T23:30:00-00:30",
              1,
              "noon",
              1,
              NULL,
              2,
              MISSING);
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        Object v = values[i];
        if (v == NULL) {
          fields.put(names[i], null);
        } else if (v != MISSING) {
          fields.put(names[i], v);
        }
      }
      out.add(Event.of(GeneratedProgram.TYPES[type], time, fields));
    }
    return out;
  }

  private static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };
  private static final Object MISSING =
      new Object() {
        @Override
        public String toString() {
          return "missing";
        }
      };

  // ---- shape ----

  /**
   * Whether the bound on partial matches is judged on this pattern: no {@code &} and no repeated
   * group (a {@code ?} aside). Past the bound the engine evicts single runs of the oldest attempt,
   * in an order of its own between runs of one attempt that such patterns make visible; the
   * documentation speaks of attempts (see DISAGREEMENTS.md).
   */
  static boolean boundSimple(Node n) {
    if (n instanceof Both) {
      return false;
    }
    if (n instanceof Rep rep) {
      return (rep.max() == 1 || rep.body() instanceof Atom) && boundSimple(rep.body());
    }
    if (n instanceof Seq s) {
      return s.elements().stream().allMatch(CaseGenerator::boundSimple);
    }
    if (n instanceof Alt a) {
      return a.alternatives().stream().allMatch(CaseGenerator::boundSimple);
    }
    return true;
  }

  static int atoms(Node n) {
    if (n instanceof Atom) {
      return 1;
    }
    if (n instanceof Not) {
      return 0;
    }
    if (n instanceof Both b) {
      return b.sides().stream().mapToInt(CaseGenerator::atoms).sum();
    }
    if (n instanceof Seq s) {
      return s.elements().stream().mapToInt(CaseGenerator::atoms).sum();
    }
    if (n instanceof Alt a) {
      return a.alternatives().stream().mapToInt(CaseGenerator::atoms).sum();
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
      return b.sides().stream().allMatch(CaseGenerator::nullable);
    }
    if (n instanceof Seq s) {
      return s.elements().stream().allMatch(CaseGenerator::nullable);
    }
    if (n instanceof Alt a) {
      return a.alternatives().stream().anyMatch(CaseGenerator::nullable);
    }
    Rep rep = (Rep) n;
    return rep.min() == 0 || nullable(rep.body());
  }
}
