package io.motif.engine.check;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.engine.plan.Aggregation;
import io.motif.engine.plan.BindingDecl;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.engine.plan.FieldType;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.AggregateFunction;
import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Types one expression in a {@link Scope}: resolves names (binding, else constant, else field of
 * the current event), function calls and aggregates, applies the {@link TypeRules} and reports what
 * breaks them. Where it reports an error it returns {@link TypedExpr.Error}, and an expression with
 * an erroneous operand is itself an error, reported once.
 */
final class ExprChecker {
  private final Env env;
  private final Problems problems;
  private final Scope scope;

  /**
   * The pattern's aggregates, which this expression may add to; null in constants, which have no
   * bindings to aggregate.
   */
  private final List<Aggregation> aggs;

  private final Map<String, Integer> aggIndex;

  /** The binding slots the expression reads, as a bit set (slots past 63 share bit 63). */
  private long bindingsRead;

  /** A checker for a place where aggregates may not stand. */
  ExprChecker(Env env, Scope scope) {
    this(env, scope, null, null);
  }

  ExprChecker(Env env, Scope scope, List<Aggregation> aggs, Map<String, Integer> aggIndex) {
    this.env = env;
    this.problems = env.problems;
    this.scope = scope;
    this.aggs = aggs;
    this.aggIndex = aggIndex;
  }

  /** The bindings read by the expressions checked so far, as a bit set of slots. */
  long bindingsRead() {
    return bindingsRead;
  }

  /** The typed expression; {@link TypedExpr.Error} after reporting an error. */
  TypedExpr check(Expr e) {
    if (e instanceof Expr.Literal l) {
      return new TypedExpr.Const(l.value(), l.value() == null ? Type.NULL : Type.of(l.value()));
    }
    if (e instanceof Expr.Duration d) {
      return new TypedExpr.Const(d.millis(), Type.LONG);
    }
    if (e instanceof Expr.Name n) {
      return name(n);
    }
    if (e instanceof Expr.Field f) {
      return field(f);
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.Unary u) {
      return unary(u);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.IsNull n) {
      TypedExpr operand = check(n.operand());
      return operand.isError()
          ? TypedExpr.Error.INSTANCE
          : new TypedExpr.IsNull(operand, n.negated());
    }
    if (e instanceof Expr.In in) {
      return in(in);
    }
    if (e instanceof Expr.Between b) {
      return between(b);
    }
    if (e instanceof Expr.Like l) {
      TypedExpr operand = check(l.operand());
      TypedExpr pattern = check(l.pattern());
      if (operand.isError() || pattern.isError()) {
        return TypedExpr.Error.INSTANCE;
      }
      expectString(operand, l.operand(), "like");
      expectString(pattern, l.pattern(), "like");
      return new TypedExpr.Like(operand, pattern, l.negated());
    }
    if (e instanceof Expr.Matches m) {
      TypedExpr operand = check(m.operand());
      TypedExpr regex = check(m.regex());
      if (operand.isError() || regex.isError()) {
        return TypedExpr.Error.INSTANCE;
      }
      expectString(operand, m.operand(), "matches");
      expectString(regex, m.regex(), "matches");
      return new TypedExpr.Matches(operand, regex, m.negated());
    }
    throw new IllegalStateException("no rule for " + e.getClass().getSimpleName());
  }

  private TypedExpr unary(Expr.Unary u) {
    TypedExpr operand = check(u.operand());
    if (operand.isError()) {
      return operand;
    }
    if (u.op() == Expr.UnaryOp.NOT) {
      expectBoolean(operand, u.operand(), "not");
      return new TypedExpr.Unary(SyntaxToPlan.op(u.op()), operand, Type.BOOLEAN);
    }
    if (!TypeRules.numericOrUnknown(operand.type())) {
      problems.minusNeedsNumber(operand.type(), u.operand().span());
      return TypedExpr.Error.INSTANCE;
    }
    return new TypedExpr.Unary(
        SyntaxToPlan.op(u.op()), operand, TypeRules.negation(operand.type()));
  }

  private TypedExpr in(Expr.In in) {
    TypedExpr operand = check(in.operand());
    List<TypedExpr> values = new ArrayList<>();
    boolean ok = !operand.isError();
    for (Expr v : in.values()) {
      TypedExpr pv = check(v);
      if (pv.isError()) {
        ok = false;
        continue;
      }
      if (!TypeRules.comparable(operand.type(), pv.type())) {
        problems.cannotCompareInList(operand.type(), pv.type(), v.span());
        ok = false;
      }
      values.add(pv);
    }
    return ok ? new TypedExpr.In(operand, values, in.negated()) : TypedExpr.Error.INSTANCE;
  }

  private TypedExpr between(Expr.Between b) {
    TypedExpr operand = check(b.operand());
    TypedExpr low = check(b.low());
    TypedExpr high = check(b.high());
    if (operand.isError() || low.isError() || high.isError()) {
      return TypedExpr.Error.INSTANCE;
    }
    boolean lowOk = TypeRules.comparable(operand.type(), low.type());
    if (!lowOk || !TypeRules.comparable(operand.type(), high.type())) {
      problems.cannotCompareBetween(operand.type(), lowOk ? high.type() : low.type(), b.span());
      return TypedExpr.Error.INSTANCE;
    }
    return new TypedExpr.Between(operand, low, high, b.negated());
  }

  private TypedExpr name(Expr.Name n) {
    String name = n.name().name();
    if (scope.constantsOnly) {
      if (env.constants.containsKey(name)) {
        return new TypedExpr.Const(env.constants.get(name), env.constantTypes.get(name));
      }
      if (env.laterConstants.contains(name)) {
        problems.constantDeclaredLater(name, scope.where, n.span());
      } else if (!env.brokenNames.contains(name)) {
        problems.notAConstant(name, scope.where, n.span());
      }
      return TypedExpr.Error.INSTANCE;
    }
    BindingDecl b = scope.bindings.get(name);
    if (b != null) {
      return binding(b, n.span());
    }
    if (env.constants.containsKey(name)) {
      return new TypedExpr.Const(env.constants.get(name), env.constantTypes.get(name));
    }
    if (name.equals("prev")) {
      if (!scope.prevAllowed) {
        problems.prevOutsideCondition(n.span());
        return TypedExpr.Error.INSTANCE;
      }
      return new TypedExpr.Prev(Type.EVENT);
    }
    if (scope.hasCurrent) {
      EventTypeDecl info = scope.currentType == null ? null : env.eventTypes.get(scope.currentType);
      if (info == null) {
        return new TypedExpr.CurrentField(name, Type.ANY);
      }
      FieldType ft = info.fields().get(name);
      if (ft == null) {
        problems.unknownCurrentField(info, name, scope.bindings.keySet(), n.span());
        return TypedExpr.Error.INSTANCE;
      }
      return new TypedExpr.CurrentField(name, ft.valueType());
    }
    if (!env.brokenNames.contains(name)) {
      problems.unknownName(name, scope.where, scope.bindings.keySet(), n.span());
    }
    return TypedExpr.Error.INSTANCE;
  }

  /** A binding's name read as a value (not as an aggregate's argument). */
  private TypedExpr binding(BindingDecl b, Span at) {
    if (scope.laterBindings.contains(b.name())) {
      problems.boundLater(b.name(), at);
      return TypedExpr.Error.INSTANCE;
    }
    markRead(b.slot());
    if (b.negated()) {
      problems.negatedBindingRead(b.name(), at);
      return TypedExpr.Error.INSTANCE;
    }
    if (b.slot() == scope.elementBinding) {
      return new TypedExpr.Element(Type.EVENT);
    }
    if (b.repeated()) {
      listAsSingle(at, b.name(), null);
      return TypedExpr.Error.INSTANCE;
    }
    if (b.slot() == scope.ownBinding) {
      return new TypedExpr.Current(Type.EVENT);
    }
    return new TypedExpr.Binding(b.slot(), b.name(), Type.EVENT);
  }

  private void markRead(int slot) {
    bindingsRead |= 1L << Math.min(slot, 63);
  }

  /** A repeated binding read as one event: the message offers the aggregates that fit. */
  private void listAsSingle(Span at, String name, String field) {
    // Only the aggregates the field's declared type allows (no sum of a string).
    Type fieldType = null;
    BindingDecl b = scope.bindings.get(name);
    if (field != null
        && b != null
        && b.eventType() != null
        && env.eventTypes.get(b.eventType()) != null) {
      FieldType ft = env.eventTypes.get(b.eventType()).fields().get(field);
      fieldType = ft == null ? null : ft.valueType();
    }
    List<String> fitting = new ArrayList<>();
    for (String a : List.of("sum", "avg", "min", "max")) {
      AggregateFunction agg = env.functions.aggregate(a);
      if (fieldType == null
          || fieldType == Type.ANY
          || agg != null && agg.resultType(fieldType) != null) {
        fitting.add(a);
      }
    }
    problems.listAsSingle(name, field, fitting, at);
  }

  private TypedExpr field(Expr.Field f) {
    // A repeated binding's field outside an aggregate.
    if (f.target() instanceof Expr.Name n) {
      BindingDecl b = scope.bindings.get(n.name().name());
      if (b != null && b.repeated() && b.slot() != scope.elementBinding) {
        listAsSingle(f.span(), n.name().name(), f.field().name());
        return TypedExpr.Error.INSTANCE;
      }
    }
    TypedExpr target = check(f.target());
    if (target.isError()) {
      return target;
    }
    String field = f.field().name();
    Type t = target.type();
    if (t == Type.EVENT) {
      String eventType = eventTypeOf(target);
      EventTypeDecl info = eventType == null ? null : env.eventTypes.get(eventType);
      if (info == null) {
        return new TypedExpr.Field(target, field, Type.ANY);
      }
      FieldType ft = info.fields().get(field);
      if (ft == null) {
        problems.unknownField(info, field, f.field().span());
        return TypedExpr.Error.INSTANCE;
      }
      return new TypedExpr.Field(target, field, ft.valueType());
    }
    if (t == Type.ANY || t == Type.NULL) {
      return new TypedExpr.Field(target, field, Type.ANY);
    }
    problems.fieldOfNonEvent(field, t, f.target().span());
    return TypedExpr.Error.INSTANCE;
  }

  /** The event type an event-valued expression holds, when known. */
  private String eventTypeOf(TypedExpr p) {
    if (p instanceof TypedExpr.Current) {
      return scope.currentType;
    }
    if (p instanceof TypedExpr.Binding b) {
      return eventTypeOfSlot(b.slot());
    }
    if (p instanceof TypedExpr.Element) {
      return eventTypeOfSlot(scope.elementBinding);
    }
    if (p instanceof TypedExpr.Aggregate a && aggs != null) {
      Aggregation spec = aggs.get(a.slot());
      if (spec.argument() instanceof TypedExpr.Element) {
        return eventTypeOfSlot(spec.binding());
      }
    }
    return null;
  }

  private String eventTypeOfSlot(int slot) {
    BindingDecl info = scope.bindingBySlot(slot);
    return info == null ? null : info.eventType();
  }

  private TypedExpr call(Expr.Call c) {
    String fname = c.function().name().toLowerCase(Locale.ROOT);
    if (fname.equals("time") && env.functions.scalar("time") == null) {
      return eventTime(c);
    }
    AggregateFunction agg = env.functions.aggregate(fname);
    // Only a pattern's scopes have bindings, and they always collect aggregates.
    if (agg != null && c.args().size() == 1 && repeatedBindingIn(c.args().get(0)) != null) {
      return aggregate(c, agg);
    }
    ScalarFunction fn = env.functions.scalar(fname);
    if (fn == null) {
      if (agg != null) {
        problems.aggregateNeedsRepeated(c.function().name(), fname, c.span());
        return TypedExpr.Error.INSTANCE;
      }
      problems.unknownFunction(
          c.function().name(), Near.function(fname, env.functions), c.function().span());
      for (Expr a : c.args()) {
        check(a); // for the problems of the arguments
      }
      return TypedExpr.Error.INSTANCE;
    }
    List<TypedExpr> args = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    boolean ok = true;
    for (Expr a : c.args()) {
      TypedExpr p = check(a);
      if (p.isError()) {
        ok = false;
        continue;
      }
      args.add(p);
      types.add(p.type());
    }
    if (!ok) {
      return TypedExpr.Error.INSTANCE;
    }
    Type result = fn.resultType(types);
    if (result == null) {
      List<String> forms = new ArrayList<>();
      fn.signatures().forEach(s -> forms.add(s.render(fn.name())));
      problems.noSuchForm(fn.name(), types, forms, c.span());
      return TypedExpr.Error.INSTANCE;
    }
    return new TypedExpr.Call(fn, args, result);
  }

  /** {@code time(x)}, built in unless a registered function takes the name. */
  private TypedExpr eventTime(Expr.Call c) {
    if (c.args().size() != 1) {
      problems.timeArity(c.span());
      return TypedExpr.Error.INSTANCE;
    }
    TypedExpr arg = check(c.args().get(0));
    if (arg.isError()) {
      return arg;
    }
    if (arg.type() != Type.EVENT && arg.type() != Type.ANY) {
      problems.timeOfNonEvent(arg.type(), c.args().get(0).span());
      return TypedExpr.Error.INSTANCE;
    }
    return new TypedExpr.EventTime(arg);
  }

  /** Whether an expression reads {@code prev}. */
  private static boolean readsPrev(TypedExpr p) {
    if (p instanceof TypedExpr.Prev) {
      return true;
    }
    for (TypedExpr child : p.children()) {
      if (readsPrev(child)) {
        return true;
      }
    }
    return false;
  }

  /** The repeated binding an aggregate argument reads, or null. */
  private String repeatedBindingIn(Expr e) {
    if (e instanceof Expr.Name n) {
      BindingDecl b = scope.bindings.get(n.name().name());
      return b != null && b.repeated() && b.slot() != scope.elementBinding ? b.name() : null;
    }
    if (e instanceof Expr.Field f) {
      return repeatedBindingIn(f.target());
    }
    if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) {
        String r = repeatedBindingIn(a);
        if (r != null) {
          return r;
        }
      }
      return null;
    }
    if (e instanceof Expr.Unary u) {
      return repeatedBindingIn(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      String l = repeatedBindingIn(b.left());
      return l != null ? l : repeatedBindingIn(b.right());
    }
    return null;
  }

  private TypedExpr aggregate(Expr.Call c, AggregateFunction agg) {
    Expr argExpr = c.args().get(0);
    BindingDecl b = scope.bindings.get(repeatedBindingIn(argExpr));
    markRead(b.slot());
    ExprChecker element = new ExprChecker(env, scope.element(b.slot()), aggs, aggIndex);
    TypedExpr arg = element.check(argExpr);
    bindingsRead |= element.bindingsRead;
    if (arg.isError()) {
      return arg;
    }
    Type result = agg.resultType(arg.type() == Type.NULL ? Type.ANY : arg.type());
    if (result == null) {
      List<String> forms = new ArrayList<>();
      agg.signatures().forEach(s -> forms.add(s.render(agg.name())));
      problems.cannotAggregate(agg.name(), arg.type(), forms, argExpr.span());
      return TypedExpr.Error.INSTANCE;
    }
    String text = agg.name().toLowerCase(Locale.ROOT) + "(" + AstPrinter.print(argExpr) + ")";
    Integer slot = aggIndex.get(text);
    if (slot == null) {
      slot = aggs.size();
      boolean incremental =
          (element.bindingsRead & ~(1L << Math.min(b.slot(), 63))) == 0 && !readsPrev(arg);
      aggs.add(new Aggregation(slot, agg, b.slot(), arg, text, incremental));
      aggIndex.put(text, slot);
    }
    return new TypedExpr.Aggregate(slot, result);
  }

  private TypedExpr binary(Expr.Binary b) {
    TypedExpr l = check(b.left());
    TypedExpr r = check(b.right());
    if (l.isError() || r.isError()) {
      return TypedExpr.Error.INSTANCE;
    }
    Expr.BinaryOp op = b.op();
    switch (op) {
      case AND, OR -> {
        expectBoolean(l, b.left(), op.symbol);
        expectBoolean(r, b.right(), op.symbol);
        return new TypedExpr.Binary(SyntaxToPlan.op(op), l, r, Type.BOOLEAN);
      }
      case CONCAT -> {
        if (l.type() == Type.BOOLEAN && r.type() == Type.BOOLEAN) {
          // `a.ok || b.ok`: the `||` of other languages, where Motif's joins strings.
          problems.concatOfBooleans(b.span());
          return TypedExpr.Error.INSTANCE;
        }
        return new TypedExpr.Binary(SyntaxToPlan.op(op), l, r, Type.STRING);
      }
      case ADD, SUB, MUL, DIV, MOD -> {
        boolean leftOk = TypeRules.numericOrUnknown(l.type());
        if (!leftOk || !TypeRules.numericOrUnknown(r.type())) {
          problems.arithmeticNeedsNumbers(
              op.symbol, leftOk ? r.type() : l.type(), (leftOk ? b.right() : b.left()).span());
          return TypedExpr.Error.INSTANCE;
        }
        return new TypedExpr.Binary(
            SyntaxToPlan.op(op), l, r, TypeRules.arithmetic(l.type(), r.type()));
      }
      default -> {
        if (!TypeRules.comparable(l.type(), r.type())) {
          problems.cannotCompare(l.type(), r.type(), b.span());
          return TypedExpr.Error.INSTANCE;
        }
        if (!TypeRules.ordered(l.type()) && op != Expr.BinaryOp.EQ && op != Expr.BinaryOp.NE) {
          problems.eventsUnordered(b.span());
          return TypedExpr.Error.INSTANCE;
        }
        return new TypedExpr.Binary(SyntaxToPlan.op(op), l, r, Type.BOOLEAN);
      }
    }
  }

  private void expectBoolean(TypedExpr p, Expr e, String operator) {
    if (!TypeRules.booleanOrUnknown(p.type())) {
      problems.needsBoolean(operator, p.type(), e.span());
    }
  }

  private void expectString(TypedExpr p, Expr e, String operator) {
    if (!TypeRules.stringOrUnknown(p.type())) {
      problems.needsString(operator, p.type(), e.span());
    }
  }
}
