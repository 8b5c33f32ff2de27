package io.motif.engine.check;

import io.motif.ast.Expr;
import io.motif.ast.Script;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.EventTypeDecl;
import io.motif.engine.plan.FieldType;
import io.motif.engine.plan.PatternPlan;
import io.motif.engine.plan.TestPlan;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.FunctionRegistry;
import io.motif.function.Type;
import io.motif.source.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed script and produces its typed plan: resolves names (binding, else constant, else
 * field of the current event), types every expression, resolves function calls, validates pattern
 * structure (LANGUAGE.md §4.1–§4.2) and reports every problem it finds.
 *
 * <p>This is the driver, laid out as CEL's checker is: it declares the event types and constants in
 * an {@link Env}, then hands each pattern to a {@link PatternChecker} and each expression to an
 * {@link ExprChecker} (which apply the {@link TypeRules} in a {@link Scope}); every message comes
 * from the {@link Problems} catalogue. An expression with an error is a {@link TypedExpr.Error}, so
 * checking goes on; a script with an error is never compiled.
 */
public final class Checker {
  /** The most atoms a pattern may have once counted repetitions are written out. */
  public static final int MAX_ATOMS = 10_000;

  private final Env env;
  private final Problems problems;

  /**
   * A checker that resolves calls in {@code functions}, reports to {@code diagnostics}, and does
   * not report again the {@code brokenNames} the parser already reported.
   */
  public Checker(FunctionRegistry functions, Diagnostics diagnostics, Set<String> brokenNames) {
    this.problems = new Problems(diagnostics);
    this.env = new Env(functions, problems, brokenNames);
  }

  /** The plan of {@code script}: complete when no error was reported, else partial. */
  public CheckedScript check(Script script) {
    // Declarations first, so order in the file does not matter for types.
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl e) {
        declareEvent(e);
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        env.laterConstants.add(c.name().name());
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.ConstDecl c) {
        env.laterConstants.remove(c.name().name());
        declareConst(c);
      }
    }
    env.laterConstants.clear();
    TypeNameCheck typeNames = new TypeNameCheck(problems);
    typeNames.check(script);
    env.namedTypes.addAll(typeNames.named());
    List<PatternPlan> patterns = new ArrayList<>();
    Set<String> seenPatterns = new HashSet<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        if (!seenPatterns.add(p.name().name())) {
          problems.duplicatePattern(p.name().name(), p.name().span());
          continue;
        }
        new PatternChecker(env, p).check().ifPresent(patterns::add);
      }
    }
    List<TestPlan> tests = new ArrayList<>();
    for (Statement s : script.statements()) {
      if (s instanceof Statement.TestDecl t) {
        tests.add(checkTest(t));
      }
    }
    return new CheckedScript(env.eventTypes, env.constants, patterns, tests);
  }

  // ---- declarations ----

  private void declareEvent(Statement.EventDecl e) {
    String name = e.name().name();
    if (env.eventTypes.containsKey(name)) {
      problems.duplicateEventType(name, e.name().span());
      return;
    }
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (Statement.FieldDecl f : e.fields()) {
      FieldType t = FieldType.named(f.type().name());
      if (t == null) {
        problems.unknownFieldType(f.type().name(), f.type().span());
        t = FieldType.ANY;
      }
      if (fields.containsKey(f.name().name())) {
        problems.duplicateFieldDeclaration(f.name().name(), name, f.name().span());
        continue;
      }
      if (f.name().name().equals("type")) {
        problems.fieldNamedType(f.name().span());
      }
      fields.put(f.name().name(), t);
    }
    env.eventTypes.put(name, new EventTypeDecl(name, fields));
  }

  private void declareConst(Statement.ConstDecl c) {
    String name = c.name().name();
    if (env.constants.containsKey(name)) {
      problems.duplicateConstant(name, c.name().span());
      return;
    }
    Object value = constant(c.value(), Problems.inConstant(name));
    env.constants.put(name, value);
    env.constantTypes.put(name, Type.of(value));
  }

  /**
   * The value of a constant expression, reporting anything that is not one; null for the literal
   * {@code null} and after an error (which is then reported).
   */
  private Object constant(Expr e, String where) {
    TypedExpr p = new ExprChecker(env, Scope.constants(where)).check(e);
    if (p.isError()) {
      return null;
    }
    try {
      return ConstantFolder.fold(p);
    } catch (ConstantFolder.NotConstant ex) {
      problems.notConstant(where, e.span());
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
    // An offset; the CLI turns it into a line with the source.
    return new TestPlan(t.name().name(), t.span().start(), given, expect);
  }

  /** One event of a test; a {@code given} event's fields are checked against its type. */
  private Event eventLiteral(Statement.EventLiteral e, boolean given) {
    String type = e.event().type().name();
    EventTypeDecl info = env.eventTypes.get(type);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Statement.FieldValue f : e.event().fields()) {
      Object v = constant(f.value(), Problems.inEventLiteralField(f.name().name()));
      if (info != null && given) {
        FieldType ft = info.fields().get(f.name().name());
        if (ft == null) {
          problems.unknownField(info, f.name().name(), f.name().span());
        } else if (v != null
            && !Type.of(v).fits(ft.valueType())
            && !(ft == FieldType.TIME && v instanceof String)) {
          problems.givenFieldMismatch(
              f.name().name(), type, ft.label(), Type.of(v), f.value().span());
        }
      }
      fields.put(f.name().name(), v);
    }
    return Event.of(type, eventTime(e.time()), fields);
  }

  /** The time after {@code at}: an offset, or an ISO-8601 instant; 0 after an error. */
  private long eventTime(Expr time) {
    Object t = constant(time, Problems.inEventTime());
    if (time instanceof Expr.Literal lit && lit.value() instanceof String iso) {
      Long parsed = EventSchema.parseTime(iso);
      if (parsed != null) {
        return parsed;
      }
      problems.badEventTime(time.span());
    } else if (t instanceof Long l) {
      return l;
    } else if (t != null || !(time instanceof Expr.Literal)) {
      problems.badEventTime(time.span());
    }
    return 0;
  }
}
