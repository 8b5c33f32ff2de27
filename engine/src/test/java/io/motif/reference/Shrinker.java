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
import java.util.function.Predicate;

/**
 * Makes a failing case smaller while it keeps failing the same way: removes events (halves, then
 * quarters, ..., then one at a time) and their fields, removes pattern elements, chained patterns,
 * conditions, {@code where} conjuncts, emitted fields and options, and simplifies what is left (a
 * repetition to its body, an alternation to one branch, an arrow to {@code ->}), greedily, until no
 * single step keeps it failing. Every candidate is judged by {@code fails}, which runs it through
 * both sides (a candidate that no longer compiles fails differently, so it is not taken).
 */
final class Shrinker {
  private final Predicate<GeneratedCase> fails;
  private final int budget;
  private int tried;

  private Shrinker(Predicate<GeneratedCase> fails, int budget) {
    this.fails = fails;
    this.budget = budget;
  }

  /** The smallest case reached from {@code c} (which must fail) within {@code budget} tries. */
  static GeneratedCase shrink(GeneratedCase c, Predicate<GeneratedCase> fails, int budget) {
    return new Shrinker(fails, budget).run(c);
  }

  private GeneratedCase run(GeneratedCase c) {
    GeneratedCase current = c;
    boolean progress = true;
    while (progress && tried < budget) {
      progress = false;
      for (GeneratedCase candidate : candidates(current)) {
        if (tried++ >= budget) {
          break;
        }
        if (fails.test(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  /** Every case one step smaller than {@code c}, the biggest steps first. */
  private static List<GeneratedCase> candidates(GeneratedCase c) {
    List<GeneratedCase> out = new ArrayList<>();
    GeneratedProgram p = c.program();
    // Whole chained patterns, then chunks of events.
    if (p.chain2() != null) {
      out.add(
          c.withProgram(program(p, p.match(), p.where(), p.emit(), p.timeout(), p.chain(), null)));
    }
    if (p.chain() != null) {
      out.add(c.withProgram(program(p, p.match(), p.where(), p.emit(), p.timeout(), null, null)));
    }
    int n = c.events().size();
    for (int size = n; size >= 1; size /= 2) {
      for (int from = 0; from + size <= n; from += size) {
        List<Event> events = new ArrayList<>(c.events());
        List<Long> jitter = new ArrayList<>(c.jitter());
        events.subList(from, from + size).clear();
        jitter.subList(from, from + size).clear();
        out.add(c.withEvents(events, jitter));
      }
      if (size == 1) {
        break;
      }
    }
    // The pattern.
    for (Node m : mutations(p.match())) {
      out.add(
          c.withProgram(program(p, m, p.where(), p.emit(), p.timeout(), p.chain(), p.chain2())));
    }
    for (List<Spec> w : removals(p.where())) {
      out.add(
          c.withProgram(program(p, p.match(), w, p.emit(), p.timeout(), p.chain(), p.chain2())));
    }
    for (List<Spec> e : removals(p.emit())) {
      out.add(
          c.withProgram(program(p, p.match(), p.where(), e, p.timeout(), p.chain(), p.chain2())));
    }
    if (p.timeout() != null) {
      out.add(
          c.withProgram(program(p, p.match(), p.where(), p.emit(), null, p.chain(), p.chain2())));
      for (List<Spec> t : removals(p.timeout())) {
        out.add(
            c.withProgram(program(p, p.match(), p.where(), p.emit(), t, p.chain(), p.chain2())));
      }
    }
    for (Chain ch : simpler(p.chain())) {
      out.add(
          c.withProgram(program(p, p.match(), p.where(), p.emit(), p.timeout(), ch, p.chain2())));
    }
    for (Chain ch : simpler(p.chain2())) {
      out.add(
          c.withProgram(program(p, p.match(), p.where(), p.emit(), p.timeout(), p.chain(), ch)));
    }
    // Options of the program.
    int[] partitions =
        p.partition() == 4 ? new int[] {0, 1, 3} : p.partition() > 0 ? new int[] {0} : new int[0];
    for (int part : partitions) {
      out.add(
          c.withProgram(
              new GeneratedProgram(
                  p.match(),
                  p.where(),
                  p.emit(),
                  part,
                  p.window(),
                  p.skip(),
                  p.options(),
                  p.chain(),
                  p.timeout(),
                  p.chain2())));
    }
    if (p.window() != 0) {
      out.add(
          c.withProgram(
              new GeneratedProgram(
                  p.match(),
                  p.where(),
                  p.emit(),
                  p.partition(),
                  0,
                  p.skip(),
                  p.options(),
                  p.chain(),
                  p.timeout(),
                  p.chain2())));
    }
    if (p.skip() != 0) {
      out.add(
          c.withProgram(
              new GeneratedProgram(
                  p.match(),
                  p.where(),
                  p.emit(),
                  p.partition(),
                  p.window(),
                  0,
                  p.options(),
                  p.chain(),
                  p.timeout(),
                  p.chain2())));
    }
    for (int bit : new int[] {1, 2}) {
      if ((p.options() & bit) != 0) {
        out.add(
            c.withProgram(
                new GeneratedProgram(
                    p.match(),
                    p.where(),
                    p.emit(),
                    p.partition(),
                    p.window(),
                    p.skip(),
                    p.options() & ~bit,
                    p.chain(),
                    p.timeout(),
                    p.chain2())));
      }
    }
    // Options of the run.
    if (c.snapshotAt() >= 0) {
      out.add(c.withRun(c.maxDelay(), c.drain(), -1, c.bound(), c.refuseNew()));
    }
    if (c.maxDelay() != 0) {
      out.add(c.withRun(0, c.drain(), c.snapshotAt(), c.bound(), c.refuseNew()));
    }
    if (!c.drain()) {
      out.add(c.withRun(c.maxDelay(), true, c.snapshotAt(), c.bound(), c.refuseNew()));
    }
    if (c.bound() > 0) {
      out.add(c.withRun(c.maxDelay(), c.drain(), c.snapshotAt(), 0, false));
    }
    // Smaller events: one field fewer.
    for (int i = 0; i < n; i++) {
      Event e = c.events().get(i);
      for (String field : e.fields().keySet()) {
        Map<String, Object> fields = new LinkedHashMap<>(e.fields());
        fields.remove(field);
        List<Event> events = new ArrayList<>(c.events());
        events.set(i, Event.of(e.type(), e.time(), fields));
        out.add(c.withEvents(events, c.jitter()));
      }
    }
    // Simpler specs everywhere: the plainest condition.
    for (Node m : simplerSpecs(p.match())) {
      out.add(
          c.withProgram(program(p, m, p.where(), p.emit(), p.timeout(), p.chain(), p.chain2())));
    }
    return out;
  }

  private static GeneratedProgram program(
      GeneratedProgram p,
      Node match,
      List<Spec> where,
      List<Spec> emit,
      List<Spec> timeout,
      Chain chain,
      Chain chain2) {
    return new GeneratedProgram(
        match,
        where,
        emit,
        p.partition(),
        p.window(),
        p.skip(),
        p.options(),
        chain,
        timeout,
        chain == null ? null : chain2);
  }

  /** The list without one of its elements, for each element. */
  private static <T> List<List<T>> removals(List<T> list) {
    List<List<T>> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      List<T> smaller = new ArrayList<>(list);
      smaller.remove(i);
      out.add(smaller);
    }
    return out;
  }

  private static List<Chain> simpler(Chain ch) {
    List<Chain> out = new ArrayList<>();
    if (ch == null) {
      return out;
    }
    if (ch.cond() != null) {
      out.add(new Chain(ch.shape(), null, ch.first(), ch.emit(), ch.window(), ch.timeouts()));
    }
    if (Math.floorMod(ch.shape(), 6) != 0) {
      out.add(new Chain(0, ch.cond(), ch.first(), ch.emit(), ch.window(), ch.timeouts()));
    }
    if (ch.first()) {
      out.add(new Chain(ch.shape(), ch.cond(), false, ch.emit(), ch.window(), ch.timeouts()));
    }
    if (ch.window() != 0) {
      out.add(new Chain(ch.shape(), ch.cond(), ch.first(), ch.emit(), 0, ch.timeouts()));
    }
    if (ch.timeouts()) {
      out.add(new Chain(ch.shape(), ch.cond(), ch.first(), ch.emit(), ch.window(), false));
    }
    return out;
  }

  /** Every tree one step smaller or simpler than {@code n}. */
  static List<Node> mutations(Node n) {
    List<Node> out = new ArrayList<>();
    if (n instanceof Atom a) {
      if (a.cond() != null) {
        out.add(new Atom(a.type(), a.bind(), null));
      }
      if (a.bind()) {
        out.add(new Atom(a.type(), false, a.cond()));
      }
      if (a.type() != 0) {
        out.add(new Atom(0, a.bind(), a.cond()));
      }
    } else if (n instanceof Not x) {
      if (x.cond() != null) {
        out.add(new Not(x.type(), null, x.named()));
      }
      if (x.named()) {
        out.add(new Not(x.type(), x.cond(), false));
      }
    } else if (n instanceof Rep r) {
      out.add(r.body());
      if (r.min() > 1) {
        out.add(new Rep(r.body(), 1, r.max()));
      }
      if (r.max() > 1) {
        out.add(new Rep(r.body(), r.min(), -1));
      }
      for (Node b : mutations(r.body())) {
        out.add(new Rep(b, r.min(), r.max()));
      }
    } else if (n instanceof Alt alt) {
      out.addAll(alt.alternatives());
      if (alt.shareName()) {
        out.add(new Alt(alt.alternatives(), false));
      }
      for (int i = 0; i < alt.alternatives().size(); i++) {
        for (Node m : mutations(alt.alternatives().get(i))) {
          List<Node> parts = new ArrayList<>(alt.alternatives());
          parts.set(i, m);
          out.add(new Alt(parts, alt.shareName()));
        }
      }
    } else if (n instanceof Both b) {
      out.addAll(b.sides());
      if (b.sides().size() > 2) {
        for (int i = 0; i < b.sides().size(); i++) {
          List<Node> sides = new ArrayList<>(b.sides());
          sides.remove(i);
          out.add(new Both(sides));
        }
      }
      for (int i = 0; i < b.sides().size(); i++) {
        for (Node m : mutations(b.sides().get(i))) {
          List<Node> sides = new ArrayList<>(b.sides());
          sides.set(i, m);
          out.add(new Both(sides));
        }
      }
    } else if (n instanceof Seq s) {
      List<Node> elements = s.elements();
      List<Integer> arrows = s.arrows();
      for (int i = 0; i < elements.size(); i++) {
        List<Node> fewer = new ArrayList<>(elements);
        List<Integer> fewerArrows = new ArrayList<>(arrows);
        fewer.remove(i);
        fewerArrows.remove(i == 0 ? 0 : i - 1);
        out.add(fewer.size() == 1 ? fewer.get(0) : new Seq(fewer, fewerArrows));
      }
      for (int i = 0; i < arrows.size(); i++) {
        if (arrows.get(i) != 0) {
          List<Integer> plain = new ArrayList<>(arrows);
          plain.set(i, 0);
          out.add(new Seq(elements, plain));
        }
      }
      for (int i = 0; i < elements.size(); i++) {
        for (Node m : mutations(elements.get(i))) {
          List<Node> changed = new ArrayList<>(elements);
          changed.set(i, m);
          out.add(new Seq(changed, arrows));
        }
      }
    }
    return out;
  }

  private static final Spec PLAIN = new Spec(0, 0, 0, 0);

  /** The tree with one condition made the plainest one ({@code x > 1}), for each condition. */
  private static List<Node> simplerSpecs(Node root) {
    List<Node> out = new ArrayList<>();
    int count = countSpecs(root);
    for (int i = 0; i < count; i++) {
      Node changed = plainAt(root, new int[] {i});
      if (!changed.equals(root)) {
        out.add(changed);
      }
    }
    return out;
  }

  private static int countSpecs(Node n) {
    if (n instanceof Atom a) {
      return a.cond() == null ? 0 : 1;
    }
    if (n instanceof Not x) {
      return x.cond() == null ? 0 : 1;
    }
    if (n instanceof Rep r) {
      return countSpecs(r.body());
    }
    List<Node> children =
        n instanceof Seq s
            ? s.elements()
            : n instanceof Alt a ? a.alternatives() : ((Both) n).sides();
    int sum = 0;
    for (Node c : children) {
      sum += countSpecs(c);
    }
    return sum;
  }

  /** The tree with the {@code k[0]}-th condition (in source order) made plain. */
  private static Node plainAt(Node n, int[] k) {
    if (n instanceof Atom a) {
      if (a.cond() != null && k[0]-- == 0) {
        return new Atom(a.type(), a.bind(), PLAIN);
      }
      return a;
    }
    if (n instanceof Not x) {
      if (x.cond() != null && k[0]-- == 0) {
        return new Not(x.type(), PLAIN, x.named());
      }
      return x;
    }
    if (n instanceof Rep r) {
      return new Rep(plainAt(r.body(), k), r.min(), r.max());
    }
    if (n instanceof Seq s) {
      List<Node> out = new ArrayList<>();
      for (Node c : s.elements()) {
        out.add(plainAt(c, k));
      }
      return new Seq(out, s.arrows());
    }
    if (n instanceof Alt a) {
      List<Node> out = new ArrayList<>();
      for (Node c : a.alternatives()) {
        out.add(plainAt(c, k));
      }
      return new Alt(out, a.shareName());
    }
    List<Node> out = new ArrayList<>();
    for (Node c : ((Both) n).sides()) {
      out.add(plainAt(c, k));
    }
    return new Both(out);
  }
}
