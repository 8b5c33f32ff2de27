package io.motif.engine.check;

import io.motif.ast.Arrow;
import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.Conjunct;
import io.motif.engine.plan.EmitPlan;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.engine.plan.FieldType;
import io.motif.engine.plan.KeyPath;
import io.motif.engine.plan.PatternNode;
import io.motif.engine.plan.PatternPlan;
import io.motif.engine.plan.TypedExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one pattern declaration (LANGUAGE.md §4) and builds its plan, in three passes over the
 * {@code match} clause: the bindings it makes (and the reuse rule), where {@code not} may stand,
 * and the plan tree with every condition typed in its scope; then the clauses ({@code partition
 * by}, {@code where}, {@code within}, {@code emit}, {@code after match skip}).
 */
final class PatternChecker {
  private final Env env;
  private final Problems problems;
  private final Statement.PatternDecl decl;
  private final String name;
  private final Map<String, BindingDecl> bindings = new LinkedHashMap<>();
  private final List<Aggregation> aggs = new ArrayList<>();
  private final Map<String, Integer> aggIndex = new HashMap<>();
  private final Set<String> streamTypes = new LinkedHashSet<>();

  /** Atom paths for the binding reuse rule: each atom's ancestors with child indexes. */
  private final Map<String, List<Path>> bindingPaths = new HashMap<>();

  private final Map<String, Set<String>> bindingTypes = new LinkedHashMap<>();
  private final Map<String, Boolean> bindingRepeated = new HashMap<>();
  private final Map<String, Boolean> bindingNegated = new HashMap<>();
  private int atomIds;

  /** False once the match clause has an error: the plan is then not built. */
  private boolean structureOk = true;

  /** Warnings for conditions and emitted fields that can only be null. */
  private NullCheck nulls;

  PatternChecker(Env env, Statement.PatternDecl decl) {
    this.env = env;
    this.problems = env.problems;
    this.decl = decl;
    this.name = decl.name().name();
  }

  /** The plan, or empty when the pattern has an error that leaves no plan to build. */
  Optional<PatternPlan> check() {
    collect(decl.match(), null, false, false);
    int slot = 0;
    for (String b : bindingTypes.keySet()) {
      Set<String> types = bindingTypes.get(b);
      bindings.put(
          b,
          new BindingDecl(
              slot++,
              b,
              bindingRepeated.get(b),
              bindingNegated.get(b),
              types.size() == 1 ? types.iterator().next() : null));
    }
    nulls = new NullCheck(problems, env.eventTypes, bindingTypes, bindings, aggs, decl.match());
    if (bindings.size() > 63) {
      problems.tooManyBindings(name, decl.name().span());
      return Optional.empty();
    }
    structure(decl.match(), true);
    long atoms = PatternShape.expandedAtoms(decl.match());
    if (atoms > Checker.MAX_ATOMS) {
      problems.tooManyAtoms(name, atoms, Checker.MAX_ATOMS, decl.match().span());
      structureOk = false;
    }
    if (PatternShape.nullable(decl.match())) {
      problems.matchesNothing(name, decl.match().span());
      structureOk = false;
    }
    if (PatternShape.endsWithNegation(decl.match()) && decl.within() == null) {
      problems.absenceNeedsWindow(name, decl.match().span());
    }
    if (decl.onTimeout() != null && decl.within() == null) {
      problems.timeoutNeedsWindow(name, decl.onTimeout().span());
    }
    if (decl.within() == null && PatternShape.repeatsUnderAnyArrow(decl.match(), false)) {
      problems.unboundedGrowth(name, decl.match().span());
    }
    PatternNode match = node(decl.match(), new HashSet<>());
    List<KeyPath> keys = partition();
    List<Conjunct> where = where();
    long windowMillis = -1;
    long windowEvents = -1;
    if (decl.within() instanceof Statement.TimeWindow t) {
      windowMillis = t.millis();
      if (windowMillis > Event.MAX_TIME) {
        problems.windowTooLong(t.span());
      }
    } else if (decl.within() instanceof Statement.CountWindow c) {
      windowEvents = c.events();
    }
    EmitPlan emit = decl.emit() == null ? null : emit(decl.emit(), "emit");
    EmitPlan timeout = decl.onTimeout() == null ? null : emit(decl.onTimeout(), "on timeout emit");
    if (!structureOk) {
      return Optional.empty();
    }
    int skipSlot = skipTarget();
    return Optional.of(
        new PatternPlan(
            name,
            keys,
            match,
            where,
            windowMillis,
            windowEvents,
            SyntaxToPlan.skip(decl.skip()),
            skipSlot,
            decl.internal(),
            emit,
            timeout,
            new ArrayList<>(bindings.values()),
            aggs,
            streamTypes,
            atomIds,
            decl.match().span()));
  }

  private List<Conjunct> where() {
    List<Conjunct> where = new ArrayList<>();
    if (decl.where() == null) {
      return where;
    }
    for (Expr c : conjuncts(decl.where())) {
      ExprChecker ec =
          new ExprChecker(env, Scope.clause(Problems.inWhere(name), bindings), aggs, aggIndex);
      TypedExpr p = ec.check(c);
      if (p.isError()) {
        continue;
      }
      if (!TypeRules.booleanOrUnknown(p.type())) {
        problems.whereNotBoolean(p.type(), c.span());
      }
      where.add(new Conjunct(p, ec.bindingsRead(), AstPrinter.print(c), c.span()));
      nulls.condition(c, p, Problems.whereNeverTrue(name));
    }
    return where;
  }

  /**
   * The binding slot of {@code x} in {@code after match skip to first/last x} (-1 for the other
   * policies): a binding of the pattern that takes events (§4.5). Where it can only do what {@code
   * past last} does, a warning says so.
   */
  private int skipTarget() {
    if (decl.skipTo() == null) {
      return -1;
    }
    String x = decl.skipTo().name();
    String clause = Problems.skipClause(decl.skip().text(), x);
    BindingDecl b = bindings.get(x);
    if (b == null) {
      problems.skipToUnknown(clause, name, bindings.keySet(), decl.skipTo().span());
      return -1;
    }
    if (b.negated()) {
      problems.skipToNegated(clause, decl.skipTo().span());
      return -1;
    }
    if (decl.match() instanceof PatternExpr.Sequence s
        && s.elements().get(s.elements().size() - 1) instanceof PatternExpr.Atom last
        && last.binding() != null
        && last.binding().name().equals(x)
        && s.elements().get(0) instanceof PatternExpr.Atom first
        && !first.type().name().equals(last.type().name())) {
      // x always binds the match's last event, at which no attempt can start.
      problems.skipToLastEvent(clause, decl.skipTo().span());
    }
    return b.slot();
  }

  private static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
      out.addAll(conjuncts(b.left()));
      out.addAll(conjuncts(b.right()));
    } else {
      out.add(e);
    }
    return out;
  }

  /**
   * Where an atom stands: the child {@code index} of {@code node}, below {@code parent} (null at
   * the top). Atoms share the cells of their common ancestors, so extending a path costs one cell,
   * however deep the pattern nests.
   */
  private record Path(Path parent, PatternExpr node, int index, int depth) {}

  /** First pass: bindings (with repetition and negation), types named, reuse rule. */
  private void collect(PatternExpr p, Path path, boolean repeated, boolean negated) {
    if (p instanceof PatternExpr.Atom a) {
      streamTypes.add(a.type().name());
      if (a.binding() != null) {
        bind(a, path, repeated, negated);
      }
    } else if (p instanceof PatternExpr.Negation n) {
      collect(n.atom(), path, repeated, true);
    } else {
      boolean under = repeated || p instanceof PatternExpr.Repetition r && r.max() != 1;
      List<PatternExpr> children = PatternShape.children(p);
      for (int i = 0; i < children.size(); i++) {
        collect(children.get(i), extend(path, p, i), under, negated);
      }
    }
  }

  private void bind(PatternExpr.Atom a, Path path, boolean repeated, boolean negated) {
    String b = a.binding().name();
    List<Path> paths = bindingPaths.computeIfAbsent(b, k -> new ArrayList<>());
    for (Path other : paths) {
      if (!differentBranches(other, path)) {
        problems.bindingReused(b, a.binding().span());
        structureOk = false;
        break;
      }
    }
    paths.add(path);
    bindingTypes.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a.type().name());
    bindingRepeated.merge(b, repeated, Boolean::logicalOr);
    bindingNegated.merge(b, negated, Boolean::logicalOr);
    if (env.constants.containsKey(b)) {
      problems.bindingHidesConstant(b, a.binding().span());
    }
  }

  private static Path extend(Path path, PatternExpr node, int index) {
    return new Path(path, node, index, path == null ? 1 : path.depth() + 1);
  }

  /** True when the two atoms' nearest common ancestor is an alternation they sit apart in. */
  private static boolean differentBranches(Path a, Path b) {
    while (a != null && b != null && a.depth() > b.depth()) {
      a = a.parent();
    }
    while (a != null && b != null && b.depth() > a.depth()) {
      b = b.parent();
    }
    // Up in step to the last cells below the common ancestor.
    while (a != null && b != null && a.parent() != b.parent()) {
      a = a.parent();
      b = b.parent();
    }
    if (a == null || b == null || a == b || a.node() != b.node() || a.index() == b.index()) {
      return false;
    }
    return a.node() instanceof PatternExpr.Alternation;
  }

  /** Second pass: where `not` may stand. */
  private void structure(PatternExpr p, boolean top) {
    if (p instanceof PatternExpr.Negation n) {
      if (top) {
        problems.patternStartsWithNot(n.span());
      } else {
        problems.negationOutsideSequence(n.atom().type().name(), n.span());
      }
      structureOk = false;
    } else if (p instanceof PatternExpr.Sequence s) {
      for (int i = 0; i < s.elements().size(); i++) {
        PatternExpr e = s.elements().get(i);
        if (e instanceof PatternExpr.Negation n) {
          negationInSequence(s, i, n, top);
        } else {
          structure(e, false);
        }
      }
    } else if (p instanceof PatternExpr.Conjunction c) {
      for (PatternExpr part : c.parts()) {
        PatternExpr inner = PatternShape.find(part, PatternExpr.Negation.class);
        if (inner != null) {
          problems.notInsideConjunction(inner.span());
          structureOk = false;
        }
        PatternExpr nested = PatternShape.find(part, PatternExpr.Conjunction.class);
        if (nested != null) {
          problems.nestedConjunction(nested.span());
          structureOk = false;
        }
        structure(part, false);
      }
    } else {
      PatternShape.children(p).forEach(x -> structure(x, false));
    }
  }

  /** Element {@code i} of {@code s}, a negation: it needs an element before it, not after `=>`. */
  private void negationInSequence(
      PatternExpr.Sequence s, int i, PatternExpr.Negation n, boolean top) {
    String type = n.atom().type().name();
    if (i == 0) {
      if (top) {
        problems.patternStartsWithNot(n.span());
      } else {
        problems.groupStartsWithNot(type, n.span());
      }
      structureOk = false;
    } else if (s.arrows().get(i - 1) == Arrow.STRICT) {
      problems.notAfterStrict(type, n.span());
      structureOk = false;
    } else if (i == s.elements().size() - 1 && !top) {
      problems.negationEndsGroup(type, n.span());
      structureOk = false;
    }
  }

  /** Third pass: the plan tree, with conditions typed in their scopes. */
  private PatternNode node(PatternExpr p, Set<String> boundBefore) {
    if (p instanceof PatternExpr.Atom a) {
      return atom(a, boundBefore, false);
    }
    if (p instanceof PatternExpr.Negation n) {
      return new PatternNode.Negation(atom(n.atom(), boundBefore, true));
    }
    if (p instanceof PatternExpr.Sequence s) {
      List<PatternNode> elements = new ArrayList<>();
      for (PatternExpr e : s.elements()) {
        elements.add(node(e, boundBefore));
      }
      return new PatternNode.Sequence(elements, SyntaxToPlan.arrows(s.arrows()));
    }
    if (p instanceof PatternExpr.Repetition r) {
      return new PatternNode.Repetition(node(r.body(), boundBefore), r.min(), r.max());
    }
    if (p instanceof PatternExpr.Alternation a) {
      List<PatternNode> alternatives = new ArrayList<>();
      Set<String> after = new HashSet<>(boundBefore);
      for (PatternExpr e : a.alternatives()) {
        Set<String> branch = new HashSet<>(boundBefore);
        alternatives.add(node(e, branch));
        after.addAll(branch);
      }
      boundBefore.addAll(after);
      return new PatternNode.Alternation(alternatives);
    }
    List<PatternNode> parts = new ArrayList<>();
    for (PatternExpr e : PatternShape.children(p)) {
      parts.add(node(e, boundBefore));
    }
    return new PatternNode.Conjunction(parts);
  }

  private PatternNode.Atom atom(PatternExpr.Atom a, Set<String> boundBefore, boolean negated) {
    int id = atomIds++;
    BindingDecl own = a.binding() == null ? null : bindings.get(a.binding().name());
    TypedExpr condition = null;
    if (a.condition() != null) {
      condition = condition(a, own, boundBefore, negated);
    }
    if (own != null) {
      boundBefore.add(own.name());
    }
    return new PatternNode.Atom(
        id,
        a.type().name(),
        own == null ? -1 : own.slot(),
        condition,
        AstPrinter.print(a),
        a.span());
  }

  /** An atom's condition, typed with the atom's event as the current one. */
  private TypedExpr condition(
      PatternExpr.Atom a, BindingDecl own, Set<String> boundBefore, boolean negated) {
    String type = a.type().name();
    Scope s = new Scope(Problems.inCondition(type, name));
    s.currentType = type;
    s.hasCurrent = true;
    s.prevAllowed = true;
    s.bindings = bindings;
    s.ownBinding = own != null && !own.repeated() ? own.slot() : -1;
    if (negated) {
      Set<String> later = new HashSet<>(bindings.keySet());
      later.removeAll(boundBefore);
      if (own != null) {
        later.remove(own.name());
        // A negated atom's own name reads the event being tested.
        s.ownBinding = own.slot();
        Map<String, BindingDecl> visible = new LinkedHashMap<>(bindings);
        visible.put(
            own.name(), new BindingDecl(own.slot(), own.name(), false, false, own.eventType()));
        s.bindings = visible;
      }
      s.laterBindings = later;
    }
    TypedExpr condition = new ExprChecker(env, s, aggs, aggIndex).check(a.condition());
    if (condition.isError()) {
      structureOk = false;
      return condition;
    }
    if (!TypeRules.booleanOrUnknown(condition.type())) {
      problems.conditionNotBoolean(type, condition.type(), a.condition().span());
      structureOk = false;
    }
    nulls.condition(
        a.condition(),
        condition,
        negated ? Problems.negationNeverExcludes(type) : Problems.atomNeverMatches(type));
    return condition;
  }

  private List<KeyPath> partition() {
    List<KeyPath> keys = new ArrayList<>();
    for (Expr k : decl.partitionBy()) {
      List<String> path = new ArrayList<>();
      Expr e = k;
      while (e instanceof Expr.Field f) {
        path.add(0, f.field().name());
        e = f.target();
      }
      if (!(e instanceof Expr.Name n)) {
        continue; // the grammar allows only a name or a field path here
      }
      String head = n.name().name();
      if (!path.isEmpty() && env.namedTypes.contains(head)) {
        if (!streamTypes.contains(head)) {
          problems.keyOfUnmatchedType(name, head, k.span());
        }
        EventTypeDecl info = env.eventTypes.get(head);
        if (info != null && !info.fields().containsKey(path.get(0))) {
          problems.unknownField(info, path.get(0), k.span());
        }
        keys.add(new KeyPath(head, path));
      } else {
        path.add(0, head);
        for (String t : streamTypes) {
          EventTypeDecl info = env.eventTypes.get(t);
          if (info != null && !info.fields().containsKey(path.get(0))) {
            problems.partitionByUnknownField(info, path.get(0), k.span());
            break;
          }
        }
        keys.add(new KeyPath(null, path));
      }
    }
    return keys;
  }

  private EmitPlan emit(Statement.EventConstructor c, String clause) {
    String type = c.type().name();
    EventTypeDecl info = env.eventTypes.get(type);
    List<EmitPlan.EmitField> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Statement.FieldValue f : c.fields()) {
      String field = f.name().name();
      if (!seen.add(field)) {
        problems.duplicateEmitField(field, f.name().span());
        continue;
      }
      FieldType declared = null;
      if (info != null) {
        declared = info.fields().get(field);
        if (declared == null) {
          problems.unknownField(info, field, f.name().span());
          continue;
        }
      }
      Scope s = Scope.clause(Problems.inEmit(clause, name), bindings);
      TypedExpr p = new ExprChecker(env, s, aggs, aggIndex).check(f.value());
      if (p.isError()) {
        continue;
      }
      if (declared != null && !p.type().fits(declared.valueType())) {
        problems.emitFieldMismatch(field, type, declared.label(), p.type(), f.value().span());
        continue;
      }
      fields.add(new EmitPlan.EmitField(field, p, declared));
      nulls.emitField(f.value(), p, field, Problems.emitClause(clause, type));
    }
    return new EmitPlan(type, fields);
  }
}
