package io.motif.reference;

import io.motif.ast.Arrow;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the differential test's cases cover, counted per case and checked at the end: the
 * <em>outcomes</em> (what the runs did, read from the reference's outputs and counters), each with
 * a minimum share of cases, and the <em>constructs</em> (what the programs and runs contain), most
 * with a minimum too, the rest only counted.
 */
final class Coverage {

  /** An outcome or construct and the share of judged cases it needs (0: counted only). */
  private record Goal(String name, double minPercent) {}

  private static final List<Goal> OUTCOMES =
      List.of(
          new Goal("non-empty output", 50), new Goal("absence completed", 5),
          new Goal("timeout emitted", 5), new Goal("chained pattern fired", 5),
          new Goal("late event dropped", 5), new Goal("eviction by a bound", 5),
          new Goal("refused at a bound", 0), new Goal("three-deep cascade fired", 0),
          new Goal("output at finish beyond drain", 0), new Goal("more than 10 events out", 0));

  /** Constructs of LANGUAGE.md §4 and of the runs, each in at least 5% of cases unless 0. */
  private static final List<Goal> CONSTRUCTS =
      List.of(
          new Goal("->", 5),
          new Goal("->>", 5),
          new Goal("=>", 5),
          new Goal("+", 5),
          new Goal("*", 5),
          new Goal("?", 5),
          new Goal("{n}", 5),
          new Goal("{n,}", 5),
          new Goal("{n,m}", 5),
          new Goal("repeated group", 5),
          new Goal("|", 5),
          new Goal("binding", 5),
          new Goal("atom condition", 5),
          new Goal("prev", 5),
          new Goal("count", 5),
          new Goal("sum", 5),
          new Goal("avg", 5),
          new Goal("min", 5),
          new Goal("max", 5),
          new Goal("first", 5),
          new Goal("last", 5),
          new Goal("where", 5),
          new Goal("partition by one key", 5),
          new Goal("partition by composite key", 5),
          new Goal("partition by per-type keys", 5),
          new Goal("within duration", 5),
          new Goal("within events", 5),
          new Goal("skip past last", 5),
          new Goal("skip to next", 5),
          new Goal("skip to first x", 3),
          new Goal("skip to last x", 3),
          new Goal("internal", 2),
          new Goal("emit", 5),
          new Goal("default output", 5),
          new Goal("chaining", 5),
          new Goal("declared types", 5),
          new Goal("constants", 5),
          new Goal("out of order within the delay", 5),
          new Goal("not between elements", 5),
          new Goal("absence within duration", 5),
          new Goal("absence within events", 5),
          new Goal("&", 5),
          new Goal("on timeout", 5),
          new Goal("finish without drain", 5),
          // added with the seeded generator
          new Goal("string field", 5),
          new Goal("like", 5),
          new Goal("matches", 5),
          new Goal("||", 5),
          new Goal("string function", 5),
          new Goal("time function", 5),
          new Goal("ISO time in input", 5),
          new Goal("aggregate reads another binding", 5),
          new Goal("per-type key outside the pattern", 5),
          new Goal("optional first in a group", 5),
          new Goal("optional first in a repeated group", 5),
          new Goal("not inside a group", 5),
          new Goal("nested &", 4),
          new Goal("cascade three deep", 5),
          new Goal("snapshot mid-stream", 5),
          new Goal("bound on partial matches", 5),
          new Goal("guard column", 3),
          new Goal("state kept per key", 3),
          new Goal("two-event match emitted from a waiting row", 0.5),
          // counted only
          new Goal("binding reused in |", 0),
          new Goal("=> inside a side of &", 0),
          new Goal("negation reads a binding or prev", 0),
          new Goal("named negated atom", 0),
          new Goal("consecutive negations", 0));

  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private int judged;
  private int discarded;

  void discard() {
    discarded++;
  }

  int judged() {
    return judged;
  }

  /** Counts one judged case: what it contains and what its reference run did. */
  void count(GeneratedCase c, Script script, ReferenceEvaluator.Counted counted) {
    judged++;
    Set<String> seen = new LinkedHashSet<>();
    outcomes(c, counted, seen);
    constructs(c, script, seen);
    pairMatches(script, counted, seen);
    for (String s : seen) {
      counts.merge(s, 1, Integer::sum);
    }
  }

  /**
   * Whether a pattern of two single atoms ({@code a: A -> b: B(...)}, no {@code where}, no skip
   * policy, no {@code on timeout}, no {@code =>}, no window in events) had a match in the
   * reference's output: the engine emits those straight from the waiting attempt's packed row,
   * without making a run (unless the match must be ordered among runs' matches or a bound may drop
   * it).
   */
  private static void pairMatches(
      Script script, ReferenceEvaluator.Counted counted, Set<String> seen) {
    Set<String> outTypes = new HashSet<>();
    for (Event e : counted.outcome().finished()) {
      outTypes.add(e.type());
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p
          && !p.internal()
          && p.where() == null
          && p.onTimeout() == null
          && p.skip() == io.motif.ast.SkipPolicy.KEEP_ALL
          && !(p.within() instanceof Statement.CountWindow)
          && p.match() instanceof PatternExpr.Sequence seq
          && seq.elements().size() == 2
          && seq.elements().stream().allMatch(x -> x instanceof PatternExpr.Atom)
          && !seq.arrows().contains(io.motif.ast.Arrow.STRICT)
          && outTypes.contains(p.emit() == null ? p.name().name() : p.emit().type().name())) {
        seen.add("two-event match emitted from a waiting row");
      }
    }
  }

  private static void outcomes(
      GeneratedCase c, ReferenceEvaluator.Counted counted, Set<String> seen) {
    List<Event> out = counted.outcome().finished();
    if (!out.isEmpty()) {
      seen.add("non-empty output");
    }
    if (out.size() > 10) {
      seen.add("more than 10 events out");
    }
    if (counted.absences() > 0) {
      seen.add("absence completed");
    }
    if (counted.timeouts() > 0) {
      seen.add("timeout emitted");
    }
    for (Event e : out) {
      // Q and R match derived events only: their output means a chain fired.
      switch (e.type()) {
        case "Out2", "Q" -> seen.add("chained pattern fired");
        case "Out3", "R" -> {
          seen.add("chained pattern fired");
          seen.add("three-deep cascade fired");
        }
        default -> {}
      }
    }
    if (c.processed().size() < c.arrivals().size()) {
      seen.add("late event dropped");
    }
    if (counted.evicted() > 0) {
      seen.add("eviction by a bound");
    }
    if (counted.refused() > 0) {
      seen.add("refused at a bound");
    }
    if (out.size() > counted.outcome().drained().size()) {
      seen.add("output at finish beyond drain");
    }
  }

  private static void constructs(GeneratedCase c, Script script, Set<String> used) {
    if (!c.arrivals().equals(c.events()) && c.maxDelay() > 0) {
      used.add("out of order within the delay");
    }
    if (!c.drain()) {
      used.add("finish without drain");
    }
    if (c.snapshotAt() > 0 && c.snapshotAt() < c.events().size()) {
      used.add("snapshot mid-stream");
    }
    if (c.bound() > 0) {
      used.add("bound on partial matches");
    }
    if (Harness.keyed(c.snapshotAt())) {
      used.add("state kept per key");
    }
    Set<String> namedTypes = new HashSet<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl d) {
        namedTypes.add(d.name().name());
        used.add("declared types");
      } else if (s instanceof Statement.PatternDecl p) {
        types(p.match(), namedTypes);
        namedTypes.add(p.emit() == null ? p.name().name() : p.emit().type().name());
        if (p.onTimeout() != null) {
          namedTypes.add(p.onTimeout().type().name());
        }
      } else if (s instanceof Statement.ConstDecl) {
        used.add("constants");
      }
    }
    int patterns = 0;
    for (Statement s : script.statements()) {
      if (!(s instanceof Statement.PatternDecl p)) {
        continue;
      }
      patterns++;
      pattern(p.match(), 0, false, used);
      if (used.remove("compares a field with an earlier one")
          && !(p.within() instanceof Statement.CountWindow)) {
        used.add("guard column");
      }
      if (p.match() instanceof PatternExpr.Sequence seq) {
        negations(p, seq, used);
      }
      if (p.onTimeout() != null) {
        used.add("on timeout");
        p.onTimeout().fields().forEach(f -> expr(f.value(), used));
      }
      if (p.where() != null) {
        used.add("where");
        expr(p.where(), used);
      }
      if (!p.partitionBy().isEmpty()) {
        boolean perType = p.partitionBy().get(0) instanceof Expr.Field;
        used.add(
            perType
                ? "partition by per-type keys"
                : p.partitionBy().size() == 1
                    ? "partition by one key"
                    : "partition by composite key");
        Set<String> own = new HashSet<>();
        types(p.match(), own);
        for (Expr k : p.partitionBy()) {
          if (k instanceof Expr.Field f
              && f.target() instanceof Expr.Name n
              && namedTypes.contains(n.name().name())
              && !own.contains(n.name().name())) {
            used.add("per-type key outside the pattern");
          }
        }
      }
      if (p.within() instanceof Statement.TimeWindow) {
        used.add("within duration");
      } else if (p.within() instanceof Statement.CountWindow) {
        used.add("within events");
      }
      if (p.skip() == SkipPolicy.PAST_LAST) {
        used.add("skip past last");
      } else if (p.skip() == SkipPolicy.TO_FIRST) {
        used.add("skip to first x");
      } else if (p.skip() == SkipPolicy.TO_LAST) {
        used.add("skip to last x");
      } else if (p.skip() == SkipPolicy.TO_NEXT) {
        used.add("skip to next");
      }
      if (p.emit() == null) {
        used.add("default output");
      } else {
        used.add("emit");
        p.emit().fields().forEach(f -> expr(f.value(), used));
      }
      if (p.internal()) {
        used.add("internal");
      }
    }
    if (patterns > 1) {
      used.add("chaining");
    }
    if (patterns > 2) {
      used.add("cascade three deep");
    }
    if (used.contains("reads ts")) {
      used.remove("reads ts");
      for (Event e : c.events()) {
        if (e.get("ts") instanceof String) {
          used.add("ISO time in input");
          break;
        }
      }
    }
  }

  private static void negations(
      Statement.PatternDecl p, PatternExpr.Sequence seq, Set<String> used) {
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
        used.add(
            p.within() instanceof Statement.CountWindow
                ? "absence within events"
                : "absence within duration");
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

  private static void types(PatternExpr p, Set<String> out) {
    if (p instanceof PatternExpr.Atom a) {
      out.add(a.type().name());
    } else if (p instanceof PatternExpr.Negation n) {
      out.add(n.atom().type().name());
    } else if (p instanceof PatternExpr.Sequence s) {
      s.elements().forEach(e -> types(e, out));
    } else if (p instanceof PatternExpr.Repetition r) {
      types(r.body(), out);
    } else if (p instanceof PatternExpr.Alternation a) {
      a.alternatives().forEach(e -> types(e, out));
    } else if (p instanceof PatternExpr.Conjunction c) {
      c.parts().forEach(e -> types(e, out));
    }
  }

  /**
   * Counts a pattern expression; {@code depth} 0 is the match clause itself, and {@code
   * repeatedBody} says that {@code p} is the body of a repetition.
   */
  private static void pattern(PatternExpr p, int depth, boolean repeatedBody, Set<String> used) {
    if (p instanceof PatternExpr.Atom a) {
      if (a.binding() != null) {
        used.add("binding");
      }
      if (a.condition() != null) {
        used.add("atom condition");
        if (guardLike(a.condition())) {
          used.add("compares a field with an earlier one");
        }
        expr(a.condition(), used);
      }
    } else if (p instanceof PatternExpr.Negation n) {
      if (depth > 1) {
        used.add("not inside a group");
      }
      if (n.atom().condition() != null) {
        expr(n.atom().condition(), used);
      }
    } else if (p instanceof PatternExpr.Sequence s) {
      for (Arrow a : s.arrows()) {
        used.add(a.symbol());
      }
      if (depth > 0 && s.elements().get(0) instanceof PatternExpr.Repetition r && r.min() == 0) {
        used.add(repeatedBody ? "optional first in a repeated group" : "optional first in a group");
        if (repeatedBody) {
          used.add("optional first in a group");
        }
      }
      s.elements().forEach(e -> pattern(e, depth + 1, false, used));
    } else if (p instanceof PatternExpr.Alternation a) {
      used.add("|");
      Set<String> names = new HashSet<>();
      for (PatternExpr e : a.alternatives()) {
        if (e instanceof PatternExpr.Atom x
            && x.binding() != null
            && !names.add(x.binding().name())) {
          used.add("binding reused in |");
        }
      }
      a.alternatives().forEach(e -> pattern(e, depth + 1, false, used));
    } else if (p instanceof PatternExpr.Conjunction both) {
      used.add("&");
      if (depth > 1 || depth == 1 && repeatedBody) {
        used.add("nested &");
      }
      for (PatternExpr side : both.parts()) {
        if (side instanceof PatternExpr.Sequence s && s.arrows().contains(Arrow.STRICT)) {
          used.add("=> inside a side of &");
        }
      }
      both.parts().forEach(e -> pattern(e, depth + 1, false, used));
    } else if (p instanceof PatternExpr.Repetition r) {
      if (r.max() == PatternExpr.Repetition.UNBOUNDED) {
        used.add(r.min() == 0 ? "*" : r.min() == 1 ? "+" : "{n,}");
      } else {
        used.add(r.min() == 0 && r.max() == 1 ? "?" : r.min() == r.max() ? "{n}" : "{n,m}");
      }
      if (!(r.body() instanceof PatternExpr.Atom)) {
        used.add("repeated group");
      }
      // A repetition's body stands where the repetition does.
      pattern(r.body(), depth, true, used);
    }
  }

  /**
   * Whether a top-level conjunct compares a field of the tested event with a field of an earlier
   * binding or prev, or arithmetic over one ({@code x > a.x}, {@code y <= prev.x * 2 - 1}, {@code w
   * == a.w}): the engine keeps such a value as a guard column of the waiting run (a string under
   * {@code ==} only).
   */
  private static boolean guardLike(Expr e) {
    if (!(e instanceof Expr.Binary b)) {
      return false;
    }
    if (b.op() == Expr.BinaryOp.AND) {
      return guardLike(b.left()) || guardLike(b.right());
    }
    if (b.op() == Expr.BinaryOp.NE || b.op().precedence != 4) {
      return false;
    }
    boolean eq = b.op() == Expr.BinaryOp.EQ;
    return columnPair(b.left(), b.right(), eq) || columnPair(b.right(), b.left(), eq);
  }

  private static boolean columnPair(Expr current, Expr earlier, boolean eq) {
    if (!(current instanceof Expr.Name n)) {
      return false;
    }
    if (n.name().name().equals("w")) {
      return eq && earlier instanceof Expr.Field f && f.target() instanceof Expr.Name;
    }
    return earlierSide(earlier);
  }

  /** A field of a binding or prev, or arithmetic over one and literals. */
  private static boolean earlierSide(Expr e) {
    if (e instanceof Expr.Field f) {
      return f.target() instanceof Expr.Name;
    }
    if (e instanceof Expr.Binary b && b.op().precedence >= 5 && b.op() != Expr.BinaryOp.CONCAT) {
      boolean l = earlierSide(b.left());
      boolean r = earlierSide(b.right());
      return (l && (r || b.right() instanceof Expr.Literal))
          || (r && b.left() instanceof Expr.Literal);
    }
    return false;
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
      return c.args().stream().anyMatch(Coverage::reads);
    }
    return false;
  }

  private static final Set<String> STRING_FUNCTIONS =
      Set.of(
          "lower",
          "upper",
          "length",
          "trim",
          "substring",
          "concat",
          "contains",
          "starts_with",
          "ends_with",
          "replace",
          "split_part",
          "regexp_matches",
          "regexp_extract");
  private static final Set<String> TIME_FUNCTIONS =
      Set.of("hour_of_day", "day_of_week", "format_time", "parse_time");
  private static final Set<String> AGGREGATES =
      Set.of(
          "count",
          "sum",
          "avg",
          "min",
          "max",
          "first",
          "last",
          "count_distinct",
          "stddev",
          "variance");

  private static void expr(Expr e, Set<String> used) {
    if (e instanceof Expr.Name n) {
      String name = n.name().name();
      if (name.equals("prev")) {
        used.add("prev");
      } else if (name.equals("w")) {
        used.add("string field");
      } else if (name.equals("ts")) {
        used.add("reads ts");
      }
    } else if (e instanceof Expr.Call c) {
      String f = c.function().name().toLowerCase(Locale.ROOT);
      used.add(f);
      if (STRING_FUNCTIONS.contains(f)) {
        used.add("string function");
      }
      if (TIME_FUNCTIONS.contains(f)) {
        used.add("time function");
      }
      if (AGGREGATES.contains(f) && c.args().size() == 1) {
        Set<String> heads = new HashSet<>();
        heads(c.args().get(0), heads);
        if (heads.size() > 1) {
          used.add("aggregate reads another binding");
        }
      }
      c.args().forEach(a -> expr(a, used));
    } else if (e instanceof Expr.Field f) {
      if (f.field().name().equals("w")) {
        used.add("string field");
      } else if (f.field().name().equals("ts")) {
        used.add("reads ts");
      }
      expr(f.target(), used);
    } else if (e instanceof Expr.Unary u) {
      expr(u.operand(), used);
    } else if (e instanceof Expr.Binary b) {
      if (b.op() == Expr.BinaryOp.CONCAT) {
        used.add("||");
      }
      expr(b.left(), used);
      expr(b.right(), used);
    } else if (e instanceof Expr.IsNull n) {
      expr(n.operand(), used);
    } else if (e instanceof Expr.Between b) {
      expr(b.operand(), used);
      expr(b.low(), used);
      expr(b.high(), used);
    } else if (e instanceof Expr.In in) {
      expr(in.operand(), used);
    } else if (e instanceof Expr.Like l) {
      used.add("like");
      expr(l.operand(), used);
    } else if (e instanceof Expr.Matches m) {
      used.add("matches");
      expr(m.operand(), used);
    }
  }

  /** The names a path starts from (binding names, in a generated program) inside {@code e}. */
  private static void heads(Expr e, Set<String> out) {
    if (e instanceof Expr.Field f) {
      Expr t = f.target();
      while (t instanceof Expr.Field g) {
        t = g.target();
      }
      if (t instanceof Expr.Name n) {
        out.add(n.name().name());
      } else {
        heads(t, out);
      }
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> heads(a, out));
    } else if (e instanceof Expr.Binary b) {
      heads(b.left(), out);
      heads(b.right(), out);
    } else if (e instanceof Expr.Unary u) {
      heads(u.operand(), out);
    }
  }

  // ---- the report ----

  /** The table printed after every run, one line per outcome and construct. */
  String table(long seed, int tries, long cpuMillis, long wallMillis, int failures) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Differential run: seed %d, %d cases, %d judged, %d "
                + "discarded (too many partial matches), %d failing; %.1f s CPU (%.2f ms a case), "
                + "%.1f s wall%n",
            seed,
            tries,
            judged,
            discarded,
            failures,
            cpuMillis / 1000.0,
            tries == 0 ? 0.0 : cpuMillis / (double) tries,
            wallMillis / 1000.0));
    sb.append("outcomes (what the runs did)                 cases      %    needs\n");
    row(sb, OUTCOMES);
    sb.append("constructs (what the cases contain)          cases      %    needs\n");
    row(sb, CONSTRUCTS);
    return sb.toString();
  }

  private void row(StringBuilder sb, List<Goal> goals) {
    for (Goal g : goals) {
      int n = counts.getOrDefault(g.name(), 0);
      double pct = judged == 0 ? 0 : 100.0 * n / judged;
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-42s %6d %6.1f %s%n",
              g.name(),
              n,
              pct,
              g.minPercent() == 0
                  ? "      -"
                  : String.format(
                      Locale.ROOT,
                      "  >= %2.0f%s",
                      g.minPercent(),
                      pct < g.minPercent() ? "  BELOW" : "")));
    }
  }

  /** The outcomes and constructs below their minimum, or an empty list. */
  List<String> shortfalls() {
    List<String> out = new ArrayList<>();
    for (List<Goal> goals : List.of(OUTCOMES, CONSTRUCTS)) {
      for (Goal g : goals) {
        double pct = judged == 0 ? 0 : 100.0 * counts.getOrDefault(g.name(), 0) / judged;
        if (pct < g.minPercent()) {
          out.add(
              String.format(
                  Locale.ROOT, "%s: %.1f%% of cases, needs %.0f%%", g.name(), pct, g.minPercent()));
        }
      }
    }
    return out;
  }
}
