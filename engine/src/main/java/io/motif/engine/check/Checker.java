package io.motif.engine.check;

import io.motif.ast.Arrow;
import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.Ident;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.plan.AggSpec;
import io.motif.engine.plan.BindingInfo;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.Conjunct;
import io.motif.engine.plan.EmitPlan;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.FieldType;
import io.motif.engine.plan.KeyItem;
import io.motif.engine.plan.PExpr;
import io.motif.engine.plan.PNode;
import io.motif.engine.plan.PatternPlan;
import io.motif.engine.plan.TestPlan;
import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed script and produces its typed plan: resolves names (binding, else constant, else
 * field of the current event), types every expression, resolves function calls, validates pattern
 * structure (LANGUAGE.md §4.1–§4.2) and reports every problem it finds.
 */
public final class Checker {
  /** The most atoms a pattern may have once counted repetitions are written out. */
  public static final int MAX_ATOMS = 10_000;

  private final FunctionRegistry functions;
  private final Diagnostics diagnostics;
  private final Set<String> brokenNames;
  private final Map<String, EventTypeInfo> eventTypes = new LinkedHashMap<>();
  private final Map<String, Object> constants = new LinkedHashMap<>();
  private final Map<String, Type> constantTypes = new HashMap<>();
  /** Constants declared after the one being checked: named in a clearer message. */
  private final Set<String> laterConstants = new HashSet<>();
  /**
   * Every event type named in the rules (LANGUAGE.md §8): declared, read by an atom of any pattern
   * (under `not` too), or derived by a pattern (its `emit` and `on timeout emit` types, or its
   * name when it has no `emit`). `T.f` in `partition by` is a per-type key when `T` is one.
   */
  private final Set<String> namedTypes = new HashSet<>();

  public Checker(FunctionRegistry functions, Diagnostics diagnostics, Set<String> brokenNames) {
    this.functions = functions;
    this.diagnostics = diagnostics;
    this.brokenNames = brokenNames;
  }

  public CheckedScript check(Script script) {
    Set<String> seenPatterns = new HashSet<>();
    // Declarations first, so order in the file does not matter for types.
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl e) {
        declareEvent(e);
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        laterConstants.add(c.name().name());
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        laterConstants.remove(c.name().name());
        declareConst(c);
      }
    }
    laterConstants.clear();
    TypeNameCheck typeNames = new TypeNameCheck(diagnostics);
    typeNames.check(script);
    namedTypes.addAll(typeNames.named());
    List<PatternPlan> patterns = new ArrayList<>();
    List<TestPlan> tests = new ArrayList<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        if (!seenPatterns.add(p.name().name())) {
          diagnostics.error(Codes.DUPLICATE, "a pattern named " + p.name().name()
              + " is already declared; give this one another name", p.name().span());
          continue;
        }
        PatternPlan plan = new PatternChecker(p).check();
        if (plan != null) {
          patterns.add(plan);
        }
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.TestDecl t) {
        TestPlan plan = checkTest(t);
        if (plan != null) {
          tests.add(plan);
        }
      }
    }
    return new CheckedScript(eventTypes, constants, patterns, tests);
  }

  // ---- declarations ----

  private void declareEvent(Statement.EventDecl e) {
    String name = e.name().name();
    if (eventTypes.containsKey(name)) {
      diagnostics.error(Codes.DUPLICATE, "event type " + name + " is already declared",
          e.name().span());
      return;
    }
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (Statement.FieldDecl f : e.fields()) {
      FieldType t = FieldType.named(f.type().name());
      if (t == null) {
        diagnostics.error(Codes.UNKNOWN_TYPE, "unknown field type `" + f.type().name()
            + "`; use string, long, int, double, float, boolean, time or any", f.type().span());
        t = FieldType.ANY;
      }
      if (fields.containsKey(f.name().name())) {
        diagnostics.error(Codes.DUPLICATE, "field " + f.name().name() + " is declared twice in "
            + name, f.name().span());
        continue;
      }
      if (f.name().name().equals("type")) {
        diagnostics.error(Codes.DUPLICATE, "`type` names the event type in input and output;"
            + " call the field something else", f.name().span());
      }
      fields.put(f.name().name(), t);
    }
    eventTypes.put(name, new EventTypeInfo(name, fields));
  }

  private void declareConst(Statement.ConstDecl c) {
    String name = c.name().name();
    if (constants.containsKey(name)) {
      diagnostics.error(Codes.DUPLICATE, "constant " + name + " is already declared",
          c.name().span());
      return;
    }
    Object value = constant(c.value(), "constant " + name);
    constants.put(name, value);
    constantTypes.put(name, Type.of(value) == Type.ANY ? Type.ANY : Type.of(value));
  }

  /** Evaluates a constant expression, reporting anything that is not one. */
  private Object constant(Expr e, String where) {
    ExprChecker ec = new ExprChecker(Scope.constants(where));
    PExpr p = ec.check(e);
    if (p == null) {
      return null;
    }
    try {
      return ConstantFolder.fold(p);
    } catch (ConstantFolder.NotConstant ex) {
      diagnostics.error(Codes.NOT_CONSTANT, "the value of " + where
          + " must be a constant expression", e.span());
      return null;
    }
  }

  // ---- tests ----

  private TestPlan checkTest(Statement.TestDecl t) {
    List<Event> given = new ArrayList<>();
    for (Statement.EventLiteral e : t.given()) {
      given.add(eventLiteral(e, true));
    }
    List<Event> expect = new ArrayList<>();
    for (Statement.EventLiteral e : t.expect()) {
      expect.add(eventLiteral(e, false));
    }
    return new TestPlan(t.name().name(), line(t.span()), given, expect);
  }

  private int line(Span span) {
    return span.start(); // an offset; the CLI turns it into a line with the source
  }

  private Event eventLiteral(Statement.EventLiteral e, boolean given) {
    String type = e.event().type().name();
    EventTypeInfo info = eventTypes.get(type);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Statement.FieldValue f : e.event().fields()) {
      Object v = constant(f.value(), "field " + f.name().name());
      if (info != null && given) {
        FieldType ft = info.fields().get(f.name().name());
        if (ft == null) {
          diagnostics.error(Codes.UNKNOWN_FIELD, unknownFieldMessage(info, f.name().name()),
              f.name().span());
        } else if (v != null && !Type.of(v).fits(ft.valueType())
            && !(ft == FieldType.TIME && v instanceof String)) {
          diagnostics.error(Codes.TYPE_MISMATCH, "field " + f.name().name() + " of " + type
              + " is " + ft.label() + ", not " + Type.of(v).label(), f.value().span());
        }
      }
      fields.put(f.name().name(), v);
    }
    long time = 0;
    Object t = constant(e.time(), "the event's time");
    if (e.time() instanceof Expr.Literal lit && lit.value() instanceof String iso) {
      Long parsed = parseIso(iso);
      if (parsed == null) {
        diagnostics.error(Codes.BAD_LITERAL, "`at` takes an offset such as `30s` or an ISO-8601"
            + " instant such as \"2024-01-01T00:00:00Z\"", e.time().span());
      } else {
        time = parsed;
      }
    } else if (t instanceof Long l) {
      time = l;
    } else if (t != null || !(e.time() instanceof Expr.Literal)) {
      diagnostics.error(Codes.BAD_LITERAL, "`at` takes an offset such as `30s` or an ISO-8601"
          + " instant such as \"2024-01-01T00:00:00Z\"", e.time().span());
    }
    return Event.of(type, time, fields);
  }

  /** An ISO-8601 time as {@link EventSchema#parseTime} reads it, or null. */
  public static Long parseIso(String s) {
    return EventSchema.parseTime(s);
  }

  private static String unknownFieldMessage(EventTypeInfo info, String field) {
    return "event type " + info.name() + " has no field `" + field + "`; its fields are "
        + String.join(", ", info.fields().keySet());
  }

  // ---- scopes ----

  /** What names mean where an expression stands. */
  private static final class Scope {
    final String where;
    /** The current event's type in an atom or negation condition, else null. */
    String currentType;
    boolean hasCurrent;
    /** The binding slot that means the current event (an atom's own single binding), or -1. */
    int ownBinding = -1;
    boolean prevAllowed;
    Map<String, BindingInfo> bindings = Map.of();
    /** Bindings that may not be read here (bound only later), for a warning. */
    Set<String> laterBindings = Set.of();
    /** Inside an aggregate's argument: the repeated binding whose element is being read. */
    int elementBinding = -1;
    boolean constantsOnly;

    Scope(String where) {
      this.where = where;
    }

    static Scope constants(String where) {
      Scope s = new Scope(where);
      s.constantsOnly = true;
      return s;
    }

    Scope copy() {
      Scope s = new Scope(where);
      s.currentType = currentType;
      s.hasCurrent = hasCurrent;
      s.ownBinding = ownBinding;
      s.prevAllowed = prevAllowed;
      s.bindings = bindings;
      s.laterBindings = laterBindings;
      s.elementBinding = elementBinding;
      s.constantsOnly = constantsOnly;
      return s;
    }
  }

  // ---- expressions ----

  /** Types one expression in a scope; collects aggregates into {@code aggs} when given. */
  private final class ExprChecker {
    final Scope scope;
    final List<AggSpec> aggs;
    final Map<String, Integer> aggIndex;
    long bindingsRead;

    ExprChecker(Scope scope) {
      this(scope, null, null);
    }

    ExprChecker(Scope scope, List<AggSpec> aggs, Map<String, Integer> aggIndex) {
      this.scope = scope;
      this.aggs = aggs;
      this.aggIndex = aggIndex;
    }

    ExprChecker with(Scope s) {
      ExprChecker c = new ExprChecker(s, aggs, aggIndex);
      return c;
    }

    /** The typed expression, or null after reporting an error. */
    PExpr check(Expr e) {
      if (e instanceof Expr.Literal l) {
        return new PExpr.Const(l.value(), l.value() == null ? Type.NULL : Type.of(l.value()));
      }
      if (e instanceof Expr.Duration d) {
        return new PExpr.Const(d.millis(), Type.LONG);
      }
      if (e instanceof Expr.Name n) {
        return name(n, false);
      }
      if (e instanceof Expr.Field f) {
        return field(f);
      }
      if (e instanceof Expr.Call c) {
        return call(c);
      }
      if (e instanceof Expr.Unary u) {
        PExpr operand = check(u.operand());
        if (operand == null) {
          return null;
        }
        if (u.op() == Expr.UnaryOp.NOT) {
          expectBoolean(operand, u.operand(), "`not`");
          return new PExpr.Unary(PlanEnums.op(u.op()), operand, Type.BOOLEAN);
        }
        if (!numericOrUnknown(operand.type())) {
          mismatch(u.operand(), "`-` needs a number, not " + describe(operand.type()));
          return null;
        }
        return new PExpr.Unary(PlanEnums.op(u.op()), operand, operand.type() == Type.NULL ? Type.ANY
            : operand.type());
      }
      if (e instanceof Expr.Binary b) {
        return binary(b);
      }
      if (e instanceof Expr.IsNull n) {
        PExpr operand = check(n.operand());
        return operand == null ? null : new PExpr.IsNull(operand, n.negated());
      }
      if (e instanceof Expr.In in) {
        PExpr operand = check(in.operand());
        List<PExpr> values = new ArrayList<>();
        boolean ok = operand != null;
        for (Expr v : in.values()) {
          PExpr pv = check(v);
          if (pv == null) {
            ok = false;
            continue;
          }
          if (operand != null && !comparable(operand.type(), pv.type())) {
            mismatch(v, "cannot compare " + describe(operand.type()) + " with "
                + describe(pv.type()) + " in `in`");
            ok = false;
          }
          values.add(pv);
        }
        return ok ? new PExpr.In(operand, values, in.negated()) : null;
      }
      if (e instanceof Expr.Between b) {
        PExpr operand = check(b.operand());
        PExpr low = check(b.low());
        PExpr high = check(b.high());
        if (operand == null || low == null || high == null) {
          return null;
        }
        if (!comparable(operand.type(), low.type()) || !comparable(operand.type(), high.type())) {
          mismatch(b, "`between` compares values of one kind; " + describe(operand.type())
              + " cannot be compared with " + describe(!comparable(operand.type(), low.type())
                  ? low.type() : high.type()));
          return null;
        }
        return new PExpr.Between(operand, low, high, b.negated());
      }
      if (e instanceof Expr.Like l) {
        PExpr operand = check(l.operand());
        PExpr pattern = check(l.pattern());
        if (operand == null || pattern == null) {
          return null;
        }
        expectString(operand, l.operand(), "`like`");
        expectString(pattern, l.pattern(), "`like`");
        return new PExpr.Like(operand, pattern, l.negated());
      }
      Expr.Matches m = (Expr.Matches) e;
      PExpr operand = check(m.operand());
      PExpr regex = check(m.regex());
      if (operand == null || regex == null) {
        return null;
      }
      expectString(operand, m.operand(), "`matches`");
      expectString(regex, m.regex(), "`matches`");
      return new PExpr.Matches(operand, regex, m.negated());
    }

    private PExpr name(Expr.Name n, boolean asAggregateArgument) {
      String name = n.name().name();
      if (scope.constantsOnly) {
        if (constants.containsKey(name)) {
          return new PExpr.Const(constants.get(name), constantTypes.get(name));
        }
        if (laterConstants.contains(name)) {
          diagnostics.error(Codes.UNKNOWN_NAME, "constant `" + name + "` is declared later;"
              + " declare it before " + scope.where, n.span());
        } else if (!brokenNames.contains(name)) {
          diagnostics.error(Codes.UNKNOWN_NAME, "unknown name `" + name + "`; " + scope.where
              + " can use only literals and constants", n.span());
        }
        return null;
      }
      BindingInfo b = scope.bindings.get(name);
      if (b != null && scope.laterBindings.contains(name)) {
        diagnostics.error(Codes.BOUND_LATER, "the condition of a `not` can read only the"
            + " bindings before it, and `" + name + "` is bound after it; compare in the later"
            + " element's condition instead", n.span());
        return null;
      }
      if (b != null) {
        bindingsRead |= 1L << Math.min(b.slot(), 63);
        if (b.negated()) {
          diagnostics.error(Codes.NEGATED_AS_SINGLE, "`" + name + "` names a negated event, which"
              + " never occurs in a match, so it cannot be read; drop the name from `not " + name
              + ": ...`, and read an event that does occur instead", n.span());
          return null;
        }
        if (b.slot() == scope.elementBinding) {
          return new PExpr.Element(Type.EVENT);
        }
        if (b.repeated()) {
          if (asAggregateArgument) {
            return new PExpr.Binding(b.slot(), name, Type.LIST);
          }
          listMisuse(n.span(), name, null);
          return null;
        }
        if (b.slot() == scope.ownBinding) {
          return new PExpr.Current(Type.EVENT);
        }
        return new PExpr.Binding(b.slot(), name, Type.EVENT);
      }
      if (constants.containsKey(name)) {
        return new PExpr.Const(constants.get(name), constantTypes.get(name));
      }
      if (name.equals("prev")) {
        if (!scope.prevAllowed) {
          diagnostics.error(Codes.UNKNOWN_NAME, "`prev` is the event before the current one in a"
              + " match; it can be read only inside an event's condition", n.span());
          return null;
        }
        return new PExpr.Prev(Type.EVENT);
      }
      if (scope.hasCurrent) {
        EventTypeInfo info = scope.currentType == null ? null : eventTypes.get(scope.currentType);
        if (info == null) {
          return new PExpr.CurrentField(name, Type.ANY);
        }
        FieldType ft = info.fields().get(name);
        if (ft == null) {
          diagnostics.error(Codes.UNKNOWN_FIELD, unknownFieldMessage(info, name)
              + (scope.bindings.isEmpty() ? "" : "; bindings here are "
                  + String.join(", ", scope.bindings.keySet())), n.span());
          return null;
        }
        return new PExpr.CurrentField(name, ft.valueType());
      }
      if (!brokenNames.contains(name)) {
        diagnostics.error(Codes.UNKNOWN_NAME, "unknown name `" + name + "` in " + scope.where
            + (scope.bindings.isEmpty() ? "" : "; bindings are "
                + String.join(", ", scope.bindings.keySet())), n.span());
      }
      return null;
    }

    private void listMisuse(Span span, String name, String field) {
      String x = field == null ? "" : "." + field;
      // Only the aggregates the field's declared type allows (no sum of a string).
      Type fieldType = null;
      BindingInfo b = scope.bindings.get(name);
      if (field != null && b != null && b.eventType() != null
          && eventTypes.get(b.eventType()) != null) {
        FieldType ft = eventTypes.get(b.eventType()).fields().get(field);
        fieldType = ft == null ? null : ft.valueType();
      }
      StringBuilder sb = new StringBuilder("count(" + name + ")");
      for (String a : List.of("sum", "avg", "min", "max")) {
        AggregateFunction agg = functions.aggregate(a);
        if (fieldType == null || fieldType == Type.ANY
            || agg != null && agg.resultType(fieldType) != null) {
          sb.append(", ").append(a).append('(').append(name).append(x).append(')');
        }
      }
      diagnostics.error(Codes.LIST_AS_SINGLE, "`" + name + "` is a repeated binding and holds a"
          + " list; read it through an aggregate: " + sb + ", first(" + name + ")" + x
          + " or last(" + name + ")" + x, span);
    }

    private PExpr field(Expr.Field f) {
      // A repeated binding's field outside an aggregate.
      if (f.target() instanceof Expr.Name n && scope.bindings.get(n.name().name()) != null
          && scope.bindings.get(n.name().name()).repeated()
          && scope.bindings.get(n.name().name()).slot() != scope.elementBinding) {
        listMisuse(f.span(), n.name().name(), f.field().name());
        return null;
      }
      PExpr target = check(f.target());
      if (target == null) {
        return null;
      }
      String field = f.field().name();
      Type t = target.type();
      if (t == Type.EVENT) {
        String eventType = eventTypeOf(target);
        EventTypeInfo info = eventType == null ? null : eventTypes.get(eventType);
        if (info == null) {
          return new PExpr.Field(target, field, Type.ANY);
        }
        FieldType ft = info.fields().get(field);
        if (ft == null) {
          diagnostics.error(Codes.UNKNOWN_FIELD, unknownFieldMessage(info, field), f.field().span());
          return null;
        }
        return new PExpr.Field(target, field, ft.valueType());
      }
      if (t == Type.ANY || t == Type.NULL) {
        return new PExpr.Field(target, field, Type.ANY);
      }
      mismatch(f.target(), "cannot read field `" + field + "` of " + describe(t));
      return null;
    }

    /** The event type an event-valued expression holds, when known. */
    private String eventTypeOf(PExpr p) {
      if (p instanceof PExpr.Current) {
        return scope.currentType;
      }
      if (p instanceof PExpr.Binding b) {
        BindingInfo info = bindingBySlot(b.slot());
        return info == null ? null : info.eventType();
      }
      if (p instanceof PExpr.Element) {
        BindingInfo info = bindingBySlot(scope.elementBinding);
        return info == null ? null : info.eventType();
      }
      if (p instanceof PExpr.Aggregate a && aggs != null) {
        AggSpec spec = aggs.get(a.slot());
        if (spec.argument() instanceof PExpr.Element) {
          BindingInfo info = bindingBySlot(spec.binding());
          return info == null ? null : info.eventType();
        }
      }
      return null;
    }

    private BindingInfo bindingBySlot(int slot) {
      for (BindingInfo b : scope.bindings.values()) {
        if (b.slot() == slot) {
          return b;
        }
      }
      return null;
    }

    private PExpr call(Expr.Call c) {
      String fname = c.function().name().toLowerCase(Locale.ROOT);
      if (fname.equals("time") && functions.scalar("time") == null) {
        if (c.args().size() != 1) {
          diagnostics.error(Codes.ARITY, "`time(x)` takes one binding, such as `time(s)`",
              c.span());
          return null;
        }
        PExpr arg = check(c.args().get(0));
        if (arg == null) {
          return null;
        }
        if (arg.type() != Type.EVENT && arg.type() != Type.ANY) {
          mismatch(c.args().get(0), "`time(x)` reads the event time of a binding such as `s` or"
              + " `first(f)`, not " + describe(arg.type()));
          return null;
        }
        return new PExpr.EventTime(arg);
      }
      AggregateFunction agg = functions.aggregate(fname);
      if (agg != null && c.args().size() == 1 && repeatedBindingIn(c.args().get(0)) != null) {
        return aggregate(c, agg);
      }
      ScalarFunction fn = functions.scalar(fname);
      if (fn == null) {
        if (agg != null) {
          diagnostics.error(Codes.BAD_AGGREGATE, "`" + c.function().name() + "` aggregates a"
              + " repeated binding, as in `" + fname + "(f.x)` where f is bound by `f: T+`",
              c.span());
          return null;
        }
        diagnostics.error(Codes.UNKNOWN_FUNCTION, "unknown function `" + c.function().name()
            + "`" + suggestFunction(fname), c.function().span());
        for (Expr a : c.args()) {
          check(a);
        }
        return null;
      }
      List<PExpr> args = new ArrayList<>();
      List<Type> types = new ArrayList<>();
      boolean ok = true;
      for (Expr a : c.args()) {
        PExpr p = check(a);
        if (p == null) {
          ok = false;
          continue;
        }
        args.add(p);
        types.add(p.type());
      }
      if (!ok) {
        return null;
      }
      Type result = fn.resultType(types);
      if (result == null) {
        StringBuilder sigs = new StringBuilder();
        fn.signatures().forEach(s -> sigs.append(sigs.length() == 0 ? "" : "; ")
            .append(s.render(fn.name())));
        diagnostics.error(Codes.ARITY, "no form of `" + fn.name() + "` takes ("
            + String.join(", ", types.stream().map(Checker::describe).toList()) + "); it takes "
            + sigs, c.span());
        return null;
      }
      return new PExpr.Call(fn, args, result);
    }

    /** Whether an expression reads {@code prev}. */
    private static boolean readsPrev(PExpr p) {
      if (p instanceof PExpr.Prev) {
        return true;
      }
      if (p instanceof PExpr.Field f) {
        return readsPrev(f.target());
      }
      if (p instanceof PExpr.EventTime t) {
        return readsPrev(t.event());
      }
      if (p instanceof PExpr.Call c) {
        return c.args().stream().anyMatch(ExprChecker::readsPrev);
      }
      if (p instanceof PExpr.Unary u) {
        return readsPrev(u.operand());
      }
      if (p instanceof PExpr.Binary b) {
        return readsPrev(b.left()) || readsPrev(b.right());
      }
      if (p instanceof PExpr.IsNull n) {
        return readsPrev(n.operand());
      }
      if (p instanceof PExpr.In in) {
        return readsPrev(in.operand()) || in.values().stream().anyMatch(ExprChecker::readsPrev);
      }
      if (p instanceof PExpr.Between b) {
        return readsPrev(b.operand()) || readsPrev(b.low()) || readsPrev(b.high());
      }
      if (p instanceof PExpr.Like l) {
        return readsPrev(l.operand()) || readsPrev(l.pattern());
      }
      if (p instanceof PExpr.Matches m) {
        return readsPrev(m.operand()) || readsPrev(m.regex());
      }
      return false;
    }

    /** The repeated binding an aggregate argument reads, or null. */
    private String repeatedBindingIn(Expr e) {
      if (e instanceof Expr.Name n) {
        BindingInfo b = scope.bindings.get(n.name().name());
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

    private PExpr aggregate(Expr.Call c, AggregateFunction agg) {
      Expr argExpr = c.args().get(0);
      String bindingName = repeatedBindingIn(argExpr);
      BindingInfo b = scope.bindings.get(bindingName);
      bindingsRead |= 1L << Math.min(b.slot(), 63);
      if (aggs == null) {
        diagnostics.error(Codes.BAD_AGGREGATE, "aggregates cannot be used in " + scope.where,
            c.span());
        return null;
      }
      Scope inner = scope.copy();
      inner.elementBinding = b.slot();
      inner.hasCurrent = false;
      inner.ownBinding = -1;
      ExprChecker ec = with(inner);
      PExpr arg = ec.check(argExpr);
      bindingsRead |= ec.bindingsRead;
      if (arg == null) {
        return null;
      }
      Type result = agg.resultType(arg.type() == Type.NULL ? Type.ANY : arg.type());
      if (result == null) {
        StringBuilder sigs = new StringBuilder();
        agg.signatures().forEach(s -> sigs.append(sigs.length() == 0 ? "" : "; ")
            .append(s.render(agg.name())));
        mismatch(argExpr, "`" + agg.name() + "` cannot aggregate " + describe(arg.type())
            + "; it takes " + sigs);
        return null;
      }
      String text = agg.name().toLowerCase(Locale.ROOT) + "(" + AstPrinter.print(argExpr) + ")";
      Integer slot = aggIndex.get(text);
      if (slot == null) {
        slot = aggs.size();
        boolean incremental = (ec.bindingsRead & ~(1L << Math.min(b.slot(), 63))) == 0
            && !readsPrev(arg);
        aggs.add(new AggSpec(slot, agg, b.slot(), arg, text, incremental));
        aggIndex.put(text, slot);
      }
      return new PExpr.Aggregate(slot, result);
    }

    private PExpr binary(Expr.Binary b) {
      PExpr l = check(b.left());
      PExpr r = check(b.right());
      if (l == null || r == null) {
        return null;
      }
      Expr.BinaryOp op = b.op();
      switch (op) {
        case AND, OR -> {
          expectBoolean(l, b.left(), "`" + op.symbol + "`");
          expectBoolean(r, b.right(), "`" + op.symbol + "`");
          return new PExpr.Binary(PlanEnums.op(op), l, r, Type.BOOLEAN);
        }
        case CONCAT -> {
          if (l.type() == Type.BOOLEAN && r.type() == Type.BOOLEAN) {
            // `a.ok || b.ok`: the `||` of other languages, where Motif's joins strings.
            mismatch(b, "`||` joins strings; between two conditions write `or` (Motif's boolean"
                + " operators are `and`, `or`, `not`)");
            return null;
          }
          return new PExpr.Binary(PlanEnums.op(op), l, r, Type.STRING);
        }
        case ADD, SUB, MUL, DIV, MOD -> {
          if (!numericOrUnknown(l.type()) || !numericOrUnknown(r.type())) {
            Type bad = numericOrUnknown(l.type()) ? r.type() : l.type();
            mismatch(numericOrUnknown(l.type()) ? b.right() : b.left(), "`" + op.symbol
                + "` needs numbers, not " + describe(bad)
                + (bad == Type.STRING && op == Expr.BinaryOp.ADD ? "; join strings with `||`" : ""));
            return null;
          }
          Type t;
          if (l.type() == Type.DOUBLE || r.type() == Type.DOUBLE) {
            t = Type.DOUBLE;
          } else if (l.type() == Type.LONG && r.type() == Type.LONG) {
            t = Type.LONG;
          } else {
            t = Type.ANY;
          }
          return new PExpr.Binary(PlanEnums.op(op), l, r, t);
        }
        default -> {
          if (!comparable(l.type(), r.type())) {
            mismatch(b, "cannot compare " + describe(l.type()) + " with " + describe(r.type()));
            return null;
          }
          if ((l.type() == Type.EVENT || l.type() == Type.LIST) && op != Expr.BinaryOp.EQ
              && op != Expr.BinaryOp.NE) {
            mismatch(b, "events can be compared only with `==` and `!=`");
            return null;
          }
          return new PExpr.Binary(PlanEnums.op(op), l, r, Type.BOOLEAN);
        }
      }
    }

    private void expectBoolean(PExpr p, Expr e, String what) {
      if (p.type() != Type.BOOLEAN && p.type() != Type.ANY && p.type() != Type.NULL) {
        mismatch(e, what + " needs a boolean, not " + describe(p.type()));
      }
    }

    private void expectString(PExpr p, Expr e, String what) {
      if (p.type() != Type.STRING && p.type() != Type.ANY && p.type() != Type.NULL) {
        mismatch(e, what + " needs a string, not " + describe(p.type()));
      }
    }

    private void mismatch(io.motif.ast.Node at, String message) {
      diagnostics.error(Codes.TYPE_MISMATCH, message, at.span());
    }
  }

  private String suggestFunction(String name) {
    String best = null;
    int bestDistance = 3;
    List<String> names = new ArrayList<>();
    functions.scalars().forEach(f -> names.add(f.name()));
    functions.aggregates().forEach(f -> names.add(f.name()));
    names.add("time");
    for (String n : names) {
      int d = Near.distance(name, n.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best == null ? "" : "; did you mean `" + best + "`?";
  }

  static boolean numericOrUnknown(Type t) {
    return t.isNumeric() || t == Type.ANY || t == Type.NULL;
  }

  static boolean comparable(Type a, Type b) {
    if (a == Type.ANY || b == Type.ANY || a == Type.NULL || b == Type.NULL) {
      return true;
    }
    if (a.isNumeric() && b.isNumeric()) {
      return true;
    }
    return a == b;
  }

  static String describe(Type t) {
    return switch (t) {
      case NULL -> "null";
      case EVENT -> "an event";
      case LIST -> "a list";
      case ANY -> "a value";
      default -> "a " + t.label();
    };
  }

  // ---- patterns ----

  /** Checks one pattern declaration. */
  private final class PatternChecker {
    final Statement.PatternDecl decl;
    final String name;
    final Map<String, BindingInfo> bindings = new LinkedHashMap<>();
    final List<AggSpec> aggs = new ArrayList<>();
    final Map<String, Integer> aggIndex = new HashMap<>();
    final Set<String> streamTypes = new LinkedHashSet<>();
    /** Atom paths for the binding reuse rule: each atom's ancestors with child indexes. */
    final Map<String, List<Path>> bindingPaths = new HashMap<>();
    final Map<String, Set<String>> bindingTypes = new LinkedHashMap<>();
    final Map<String, Boolean> bindingRepeated = new HashMap<>();
    final Map<String, Boolean> bindingNegated = new HashMap<>();
    final Map<String, Span> bindingSpans = new HashMap<>();
    int atomIds;
    boolean structureOk = true;
    /** Warnings for conditions and emitted fields that can only be null. */
    NullCheck nulls;

    PatternChecker(Statement.PatternDecl decl) {
      this.decl = decl;
      this.name = decl.name().name();
    }

    PatternPlan check() {
      collect(decl.match(), null, false, false);
      int slot = 0;
      for (String b : bindingTypes.keySet()) {
        Set<String> types = bindingTypes.get(b);
        bindings.put(b, new BindingInfo(slot++, b, bindingRepeated.get(b), bindingNegated.get(b),
            types.size() == 1 ? types.iterator().next() : null));
      }
      nulls = new NullCheck(diagnostics, eventTypes, bindingTypes, bindings, aggs, decl.match());
      if (bindings.size() > 63) {
        diagnostics.error(Codes.TOO_LARGE, "pattern " + name + " has more than 63 bindings",
            decl.name().span());
        return null;
      }
      structure(decl.match(), true);
      long atoms = expandedAtoms(decl.match());
      if (atoms > MAX_ATOMS) {
        diagnostics.error(Codes.TOO_LARGE, "pattern " + name + " has " + atoms
            + " events once its repetitions are counted out; the limit is " + MAX_ATOMS
            + ": use `+`, `*` or `{n,}` instead of large counts", decl.match().span());
        structureOk = false;
      }
      if (nullable(decl.match())) {
        diagnostics.error(Codes.MATCHES_NOTHING, "pattern " + name + " can match no event at"
            + " all; make at least one element required (remove a `?`, or use `+` for `*`)",
            decl.match().span());
        structureOk = false;
      }
      boolean absence = endsWithNegation(decl.match());
      if (absence && decl.within() == null) {
        diagnostics.error(Codes.ABSENCE_NEEDS_WINDOW, "pattern " + name + " ends with `not`, an"
            + " absence, which completes when its window closes; add a `within` clause such as"
            + " `within 10 min`", decl.match().span());
      }
      if (decl.onTimeout() != null && decl.within() == null) {
        diagnostics.error(Codes.ABSENCE_NEEDS_WINDOW, "pattern " + name + " has `on timeout emit`"
            + " but no window to time out; add a `within` clause such as `within 10 min`",
            decl.onTimeout().span());
      }
      if (decl.within() == null && usesAnyRepetition(decl.match(), false)) {
        diagnostics.warning(Codes.UNBOUNDED_GROWTH, "pattern " + name + " repeats under `->>`"
            + " without `within`: its partial matches can grow without bound; add a `within`"
            + " clause", decl.match().span());
      }
      PNode match = node(decl.match(), new HashSet<>());
      List<KeyItem> keys = partition();
      List<Conjunct> where = new ArrayList<>();
      if (decl.where() != null) {
        for (Expr c : conjuncts(decl.where())) {
          Scope s = new Scope("the `where` clause of pattern " + name);
          s.bindings = bindings;
          ExprChecker ec = new ExprChecker(s, aggs, aggIndex);
          PExpr p = ec.check(c);
          if (p != null) {
            if (p.type() != Type.BOOLEAN && p.type() != Type.ANY && p.type() != Type.NULL) {
              diagnostics.error(Codes.TYPE_MISMATCH, "a `where` condition must be a boolean, not "
                  + describe(p.type()), c.span());
            }
            where.add(new Conjunct(p, ec.bindingsRead, AstPrinter.print(c), c.span()));
            nulls.condition(c, p, "this `where` condition is never true, so pattern " + name
                + " never matches");
          }
        }
      }
      long windowMillis = -1;
      long windowEvents = -1;
      if (decl.within() instanceof Statement.TimeWindow t) {
        windowMillis = t.millis();
        if (windowMillis > Event.MAX_TIME) {
          diagnostics.error(Codes.BAD_LITERAL, "this window is longer than the engine keeps time"
              + " (2^53 ms, about 285,000 years)", t.span());
        }
      } else if (decl.within() instanceof Statement.CountWindow c) {
        windowEvents = c.events();
      }
      EmitPlan emit = decl.emit() == null ? null : emit(decl.emit(), "emit");
      EmitPlan timeout = decl.onTimeout() == null ? null
          : emit(decl.onTimeout(), "on timeout emit");
      if (!structureOk || match == null) {
        return null;
      }
      int skipSlot = skipTarget();
      return new PatternPlan(name, keys, match, where, windowMillis, windowEvents,
          PlanEnums.skip(decl.skip()), skipSlot, decl.internal(), emit, timeout,
          new ArrayList<>(bindings.values()), aggs, streamTypes, atomIds, decl.match().span());
    }

    /**
     * The binding slot of {@code x} in {@code after match skip to first/last x} (-1 for the other
     * policies): a binding of the pattern that takes events (§4.5). Where it can only do what
     * {@code past last} does, a warning says so.
     */
    private int skipTarget() {
      if (decl.skipTo() == null) {
        return -1;
      }
      String x = decl.skipTo().name();
      String clause = "`after match skip " + decl.skip().text() + " " + x + "`";
      BindingInfo b = bindings.get(x);
      if (b == null) {
        diagnostics.error(Codes.UNKNOWN_NAME, clause + " names no binding of pattern " + name
            + (bindings.isEmpty() ? "; bind the element to resume at, as in `x: X`"
                : "; its bindings are " + String.join(", ", bindings.keySet())),
            decl.skipTo().span());
        return -1;
      }
      if (b.negated()) {
        diagnostics.error(Codes.NEGATED_AS_SINGLE, clause + " names a negated event, which is"
            + " never part of a match; name a binding that takes events", decl.skipTo().span());
        return -1;
      }
      if (decl.match() instanceof PatternExpr.Sequence s
          && s.elements().get(s.elements().size() - 1) instanceof PatternExpr.Atom last
          && last.binding() != null && last.binding().name().equals(x)
          && s.elements().get(0) instanceof PatternExpr.Atom first
          && !first.type().name().equals(last.type().name())) {
        // x always binds the match's last event, at which no attempt can start.
        diagnostics.warning(Codes.SKIP_EQUIVALENT, clause + " resumes at the match's last event,"
            + " where no attempt of this pattern starts: it does what `after match skip past"
            + " last` does; write that", decl.skipTo().span());
      }
      return b.slot();
    }

    private List<Expr> conjuncts(Expr e) {
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
     * the top). Atoms share the cells of their common ancestors, so extending a path costs one
     * cell, however deep the pattern nests.
     */
    private record Path(Path parent, PatternExpr node, int index, int depth) {}

    /** First pass: bindings (with repetition and negation), types named, reuse rule. */
    private void collect(PatternExpr p, Path path, boolean repeated, boolean negated) {
      if (p instanceof PatternExpr.Atom a) {
        streamTypes.add(a.type().name());
        if (a.binding() != null) {
          String b = a.binding().name();
          List<Path> paths = bindingPaths.computeIfAbsent(b, k -> new ArrayList<>());
          for (Path other : paths) {
            if (!differentBranches(other, path)) {
              diagnostics.error(Codes.BINDING_REUSED, "binding `" + b + "` is already used in"
                  + " this pattern; a name may be reused only in different branches of `|`",
                  a.binding().span());
              structureOk = false;
              break;
            }
          }
          paths.add(path);
          bindingTypes.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a.type().name());
          bindingRepeated.merge(b, repeated, Boolean::logicalOr);
          bindingNegated.merge(b, negated, Boolean::logicalOr);
          bindingSpans.putIfAbsent(b, a.binding().span());
          if (constants.containsKey(b)) {
            diagnostics.warning(Codes.UNUSED, "binding `" + b + "` hides the constant of the"
                + " same name in this pattern", a.binding().span());
          }
        }
      } else if (p instanceof PatternExpr.Negation n) {
        collect(n.atom(), path, repeated, true);
      } else if (p instanceof PatternExpr.Sequence s) {
        for (int i = 0; i < s.elements().size(); i++) {
          collect(s.elements().get(i), extend(path, s, i), repeated, negated);
        }
      } else if (p instanceof PatternExpr.Repetition r) {
        collect(r.body(), extend(path, r, 0), repeated || r.max() != 1, negated);
      } else if (p instanceof PatternExpr.Alternation a) {
        for (int i = 0; i < a.alternatives().size(); i++) {
          collect(a.alternatives().get(i), extend(path, a, i), repeated, negated);
        }
      } else if (p instanceof PatternExpr.Conjunction c) {
        for (int i = 0; i < c.parts().size(); i++) {
          collect(c.parts().get(i), extend(path, c, i), repeated, negated);
        }
      }
    }

    private Path extend(Path path, PatternExpr node, int index) {
      return new Path(path, node, index, path == null ? 1 : path.depth() + 1);
    }

    /** True when the two atoms' nearest common ancestor is an alternation they sit apart in. */
    private boolean differentBranches(Path a, Path b) {
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
        diagnostics.error(Codes.NEGATION_PLACEMENT, top
            ? "a pattern cannot start with `not`: nothing before it opens the gap it forbids;"
                + " write an event first, such as `a: A -> not B -> c: C`"
            : "`not " + n.atom().type().name() + "` must stand between two elements of a"
                + " sequence (`a -> not B -> c`) or at the end of the pattern (`a -> not B`)",
            n.span());
        structureOk = false;
      } else if (p instanceof PatternExpr.Sequence s) {
        for (int i = 0; i < s.elements().size(); i++) {
          PatternExpr e = s.elements().get(i);
          if (e instanceof PatternExpr.Negation n) {
            if (i == 0) {
              diagnostics.error(Codes.LEADING_NOT, top
                  ? "a pattern cannot start with `not`: nothing before it opens the gap it"
                      + " forbids; write an event first, such as `a: A -> not B -> c: C`"
                  : "a group cannot start with `not`; move `not " + n.atom().type().name()
                      + "` out of the parentheses, between the elements it separates", n.span());
              structureOk = false;
            } else if (s.arrows().get(i - 1) == Arrow.STRICT) {
              diagnostics.error(Codes.NOT_AFTER_STRICT, "`not` after `=>` forbids an event"
                  + " where none can be: with `=>` the next event follows at once; write `-> not "
                  + n.atom().type().name() + "`", n.span());
              structureOk = false;
            } else if (i == s.elements().size() - 1 && !top) {
              diagnostics.error(Codes.NEGATION_PLACEMENT, "`not " + n.atom().type().name()
                  + "` ends a group; an absence can only end the whole pattern. Move it after"
                  + " the group, between the elements it separates", n.span());
              structureOk = false;
            }
          } else {
            structure(e, false);
          }
        }
      } else if (p instanceof PatternExpr.Repetition r) {
        structure(r.body(), false);
      } else if (p instanceof PatternExpr.Alternation a) {
        a.alternatives().forEach(x -> structure(x, false));
      } else if (p instanceof PatternExpr.Conjunction c) {
        for (PatternExpr part : c.parts()) {
          PatternExpr inner = find(part, PatternExpr.Negation.class);
          if (inner != null) {
            diagnostics.error(Codes.UNSUPPORTED, "`not` inside a side of `&` is not supported;"
                + " move it outside the `&` group", inner.span());
            structureOk = false;
          }
          PatternExpr nested = find(part, PatternExpr.Conjunction.class);
          if (nested != null) {
            diagnostics.error(Codes.UNSUPPORTED, "`&` nested inside a side of `&` is not"
                + " supported; write the sides side by side: `a & b & c`", nested.span());
            structureOk = false;
          }
          structure(part, false);
        }
      }
    }

    private PatternExpr find(PatternExpr p, Class<?> kind) {
      if (kind.isInstance(p)) {
        return p;
      }
      List<PatternExpr> children = p instanceof PatternExpr.Sequence s ? s.elements()
          : p instanceof PatternExpr.Alternation a ? a.alternatives()
          : p instanceof PatternExpr.Conjunction c ? c.parts()
          : p instanceof PatternExpr.Repetition r ? List.of(r.body()) : List.of();
      for (PatternExpr c : children) {
        PatternExpr f = find(c, kind);
        if (f != null) {
          return f;
        }
      }
      return null;
    }

    /** An absence: a negation with nothing required after it, as in `a -> not B -> c?`. */
    private boolean endsWithNegation(PatternExpr p) {
      if (!(p instanceof PatternExpr.Sequence s)) {
        return false;
      }
      for (int i = s.elements().size() - 1; i >= 0; i--) {
        PatternExpr e = s.elements().get(i);
        if (e instanceof PatternExpr.Negation) {
          return true;
        }
        if (!nullable(e)) {
          return false;
        }
      }
      return false;
    }

    private boolean usesAnyRepetition(PatternExpr p, boolean underAny) {
      if (p instanceof PatternExpr.Sequence s) {
        for (int i = 0; i < s.elements().size(); i++) {
          boolean any = i > 0 ? s.arrows().get(i - 1) == Arrow.ANY : underAny;
          if (usesAnyRepetition(s.elements().get(i), any)) {
            return true;
          }
        }
        return false;
      }
      if (p instanceof PatternExpr.Repetition r) {
        return (underAny && r.max() != 1) || usesAnyRepetition(r.body(), underAny);
      }
      if (p instanceof PatternExpr.Alternation a) {
        return a.alternatives().stream().anyMatch(x -> usesAnyRepetition(x, underAny));
      }
      if (p instanceof PatternExpr.Conjunction c) {
        return c.parts().stream().anyMatch(x -> usesAnyRepetition(x, underAny));
      }
      return false;
    }

    private long expandedAtoms(PatternExpr p) {
      if (p instanceof PatternExpr.Atom || p instanceof PatternExpr.Negation) {
        return 1;
      }
      long sum = 0;
      if (p instanceof PatternExpr.Sequence s) {
        for (PatternExpr e : s.elements()) {
          sum += expandedAtoms(e);
        }
      } else if (p instanceof PatternExpr.Alternation a) {
        for (PatternExpr e : a.alternatives()) {
          sum += expandedAtoms(e);
        }
      } else if (p instanceof PatternExpr.Conjunction c) {
        for (PatternExpr e : c.parts()) {
          sum += expandedAtoms(e);
        }
      } else if (p instanceof PatternExpr.Repetition r) {
        long copies = r.max() == PatternExpr.Repetition.UNBOUNDED ? Math.max(1, r.min())
            : r.max();
        sum = Math.min(Long.MAX_VALUE / 4, expandedAtoms(r.body()) * copies);
      }
      return Math.min(sum, Long.MAX_VALUE / 4);
    }

    private boolean nullable(PatternExpr p) {
      if (p instanceof PatternExpr.Atom) {
        return false;
      }
      if (p instanceof PatternExpr.Negation) {
        return true;
      }
      if (p instanceof PatternExpr.Sequence s) {
        return s.elements().stream().allMatch(this::nullable);
      }
      if (p instanceof PatternExpr.Repetition r) {
        return r.min() == 0 || nullable(r.body());
      }
      if (p instanceof PatternExpr.Alternation a) {
        return a.alternatives().stream().anyMatch(this::nullable);
      }
      return ((PatternExpr.Conjunction) p).parts().stream().allMatch(this::nullable);
    }

    /** Third pass: the plan tree, with conditions typed in their scopes. */
    private PNode node(PatternExpr p, Set<String> boundBefore) {
      if (p instanceof PatternExpr.Atom a) {
        return atom(a, boundBefore, false);
      }
      if (p instanceof PatternExpr.Negation n) {
        PNode.Atom atom = atom(n.atom(), boundBefore, true);
        return atom == null ? null : new PNode.Negation(atom);
      }
      if (p instanceof PatternExpr.Sequence s) {
        List<PNode> elements = new ArrayList<>();
        boolean ok = true;
        for (PatternExpr e : s.elements()) {
          PNode n = node(e, boundBefore);
          ok &= n != null;
          elements.add(n);
        }
        return ok ? new PNode.Sequence(elements, PlanEnums.arrows(s.arrows())) : null;
      }
      if (p instanceof PatternExpr.Repetition r) {
        PNode body = node(r.body(), boundBefore);
        return body == null ? null : new PNode.Repetition(body, r.min(), r.max());
      }
      if (p instanceof PatternExpr.Alternation a) {
        List<PNode> alternatives = new ArrayList<>();
        boolean ok = true;
        Set<String> after = new HashSet<>(boundBefore);
        for (PatternExpr e : a.alternatives()) {
          Set<String> branch = new HashSet<>(boundBefore);
          PNode n = node(e, branch);
          after.addAll(branch);
          ok &= n != null;
          alternatives.add(n);
        }
        boundBefore.addAll(after);
        return ok ? new PNode.Alternation(alternatives) : null;
      }
      PatternExpr.Conjunction c = (PatternExpr.Conjunction) p;
      List<PNode> parts = new ArrayList<>();
      boolean ok = true;
      for (PatternExpr e : c.parts()) {
        PNode n = node(e, boundBefore);
        ok &= n != null;
        parts.add(n);
      }
      return ok ? new PNode.Conjunction(parts) : null;
    }

    private PNode.Atom atom(PatternExpr.Atom a, Set<String> boundBefore, boolean negated) {
      int id = atomIds++;
      BindingInfo own = a.binding() == null ? null : bindings.get(a.binding().name());
      PExpr condition = null;
      if (a.condition() != null) {
        Scope s = new Scope("the condition of `" + a.type().name() + "` in pattern " + name);
        s.currentType = a.type().name();
        s.hasCurrent = true;
        s.prevAllowed = true;
        s.bindings = bindings;
        s.ownBinding = own != null && !own.repeated() ? own.slot() : -1;
        if (negated) {
          Set<String> later = new HashSet<>(bindings.keySet());
          later.removeAll(boundBefore);
          if (own != null) {
            later.remove(own.name());
          }
          s.laterBindings = later;
        }
        if (negated && own != null) {
          // A negated atom's own name reads the event being tested.
          s.ownBinding = own.slot();
          Map<String, BindingInfo> visible = new LinkedHashMap<>(bindings);
          visible.put(own.name(), new BindingInfo(own.slot(), own.name(), false, false,
              own.eventType()));
          s.bindings = visible;
        }
        ExprChecker ec = new ExprChecker(s, aggs, aggIndex);
        condition = ec.check(a.condition());
        if (condition == null) {
          structureOk = false;
        } else if (condition.type() != Type.BOOLEAN && condition.type() != Type.ANY
            && condition.type() != Type.NULL) {
          diagnostics.error(Codes.TYPE_MISMATCH, "the condition of `" + a.type().name()
              + "` must be a boolean, not " + describe(condition.type()), a.condition().span());
          structureOk = false;
        }
        if (condition != null) {
          nulls.condition(a.condition(), condition, negated
              ? "the condition of `not " + a.type().name() + "` is never true, so it never"
                  + " excludes an event"
              : "the condition of `" + a.type().name() + "` is never true, so it never matches");
        }
      }
      if (own != null) {
        boundBefore.add(own.name());
      }
      String text = AstPrinter.print(a);
      return new PNode.Atom(id, a.type().name(), own == null ? -1 : own.slot(), condition, text,
          a.span());
    }

    private List<KeyItem> partition() {
      List<KeyItem> keys = new ArrayList<>();
      for (Expr k : decl.partitionBy()) {
        List<String> path = new ArrayList<>();
        Expr e = k;
        while (e instanceof Expr.Field f) {
          path.add(0, f.field().name());
          e = f.target();
        }
        String head = ((Expr.Name) e).name().name();
        if (!path.isEmpty() && namedTypes.contains(head)) {
          if (!streamTypes.contains(head)) {
            diagnostics.warning(Codes.UNUSED, "pattern " + name + " does not match events of type "
                + head + "; this key item is never used", k.span());
          }
          EventTypeInfo info = eventTypes.get(head);
          if (info != null && !info.fields().containsKey(path.get(0))) {
            diagnostics.error(Codes.UNKNOWN_FIELD, unknownFieldMessage(info, path.get(0)),
                k.span());
          }
          keys.add(new KeyItem(head, path));
        } else {
          path.add(0, head);
          for (String t : streamTypes) {
            EventTypeInfo info = eventTypes.get(t);
            if (info != null && !info.fields().containsKey(path.get(0))) {
              diagnostics.error(Codes.UNKNOWN_FIELD, "cannot partition by `" + path.get(0)
                  + "`: " + unknownFieldMessage(info, path.get(0)), k.span());
              break;
            }
          }
          keys.add(new KeyItem(null, path));
        }
      }
      return keys;
    }

    private EmitPlan emit(Statement.EventConstructor c, String clause) {
      String type = c.type().name();
      EventTypeInfo info = eventTypes.get(type);
      List<EmitPlan.EmitField> fields = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Statement.FieldValue f : c.fields()) {
        String field = f.name().name();
        if (!seen.add(field)) {
          diagnostics.error(Codes.DUPLICATE, "field " + field + " is given twice", f.name().span());
          continue;
        }
        FieldType declared = null;
        if (info != null) {
          declared = info.fields().get(field);
          if (declared == null) {
            diagnostics.error(Codes.UNKNOWN_FIELD, unknownFieldMessage(info, field),
                f.name().span());
            continue;
          }
        }
        Scope s = new Scope("the `" + clause + "` clause of pattern " + name);
        s.bindings = bindings;
        ExprChecker ec = new ExprChecker(s, aggs, aggIndex);
        PExpr p = ec.check(f.value());
        if (p == null) {
          continue;
        }
        if (declared != null && !p.type().fits(declared.valueType())) {
          diagnostics.error(Codes.TYPE_MISMATCH, "field " + field + " of " + type + " is "
              + declared.label() + ", but this is " + describe(p.type()), f.value().span());
          continue;
        }
        fields.add(new EmitPlan.EmitField(field, p, declared));
        nulls.emitField(f.value(), p, field, clause + " " + type);
      }
      return new EmitPlan(type, fields);
    }
  }

  /** The identifier text, for callers that hold an {@link Ident}. */
  static String text(Ident id) {
    return id.name();
  }
}
