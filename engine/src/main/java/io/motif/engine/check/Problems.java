package io.motif.engine.check;

import io.motif.engine.plan.EventTypeDecl;
import io.motif.function.Type;
import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The catalogue of the checker's problems: one method per message, with its code beside it, so that
 * a message is written once, under one code, and call sites say only what went wrong and where.
 * Every problem has a golden case under {@code src/test/resources/check/errors} ({@code
 * CheckerGoldenTest} keeps it so).
 *
 * <p>The static methods at the end build the fragments messages share: where an expression stands
 * ("the `where` clause of pattern P"), what an always-null condition means, why a value is null.
 *
 * <p>Longer than most classes on purpose: a catalogue is read as a whole, in the order a script is
 * checked (declarations, names, types, functions, pattern structure, clauses, warnings).
 */
final class Problems {
  private final Diagnostics diagnostics;

  Problems(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  private void error(String code, String message, Span at) {
    diagnostics.error(code, message, at);
  }

  private void warning(String code, String message, Span at) {
    diagnostics.warning(code, message, at);
  }

  // ---- declarations ----

  void duplicatePattern(String name, Span at) {
    error(
        Codes.DUPLICATE,
        "a pattern named " + name + " is already declared; give this one another name",
        at);
  }

  void duplicateEventType(String name, Span at) {
    error(Codes.DUPLICATE, "event type " + name + " is already declared", at);
  }

  void duplicateFieldDeclaration(String field, String eventType, Span at) {
    error(Codes.DUPLICATE, "field " + field + " is declared twice in " + eventType, at);
  }

  void duplicateConstant(String name, Span at) {
    error(Codes.DUPLICATE, "constant " + name + " is already declared", at);
  }

  void unknownFieldType(String type, Span at) {
    error(
        Codes.UNKNOWN_TYPE,
        "unknown field type `"
            + type
            + "`; use string, long, int, double, float, boolean, time or any",
        at);
  }

  void fieldNamedType(Span at) {
    error(
        Codes.RESERVED_NAME,
        "`type` names the event type in input and output;" + " call the field something else",
        at);
  }

  void notConstant(String where, Span at) {
    error(Codes.NOT_CONSTANT, "the value of " + where + " must be a constant expression", at);
  }

  // ---- test cases ----

  void givenFieldMismatch(String field, String eventType, String declared, Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "field " + field + " of " + eventType + " is " + declared + ", not " + actual.label(),
        at);
  }

  void badEventTime(Span at) {
    error(
        Codes.BAD_LITERAL,
        "`at` takes an offset such as `30s` or an ISO-8601"
            + " instant such as \"2024-01-01T00:00:00Z\"",
        at);
  }

  // ---- names and fields ----

  void constantDeclaredLater(String name, String where, Span at) {
    error(
        Codes.UNKNOWN_NAME,
        "constant `" + name + "` is declared later; declare it before " + where,
        at);
  }

  void notAConstant(String name, String where, Span at) {
    error(
        Codes.UNKNOWN_NAME,
        "unknown name `" + name + "`; " + where + " can use only literals and constants",
        at);
  }

  void unknownName(String name, String where, Collection<String> bindings, Span at) {
    error(
        Codes.UNKNOWN_NAME,
        "unknown name `"
            + name
            + "` in "
            + where
            + (bindings.isEmpty() ? "" : "; bindings are " + String.join(", ", bindings)),
        at);
  }

  void prevOutsideCondition(Span at) {
    error(
        Codes.UNKNOWN_NAME,
        "`prev` is the event before the current one in a"
            + " match; it can be read only inside an event's condition",
        at);
  }

  void boundLater(String name, Span at) {
    error(
        Codes.BOUND_LATER,
        "the condition of a `not` can read only the bindings before it, and `"
            + name
            + "` is bound after it; compare in the later element's condition instead",
        at);
  }

  void negatedBindingRead(String name, Span at) {
    error(
        Codes.NEGATED_AS_SINGLE,
        "`"
            + name
            + "` names a negated event, which never occurs in a"
            + " match, so it cannot be read; drop the name from `not "
            + name
            + ": ...`, and read an"
            + " event that does occur instead",
        at);
  }

  void unknownField(EventTypeDecl type, String field, Span at) {
    error(Codes.UNKNOWN_FIELD, noSuchField(type, field), at);
  }

  /** A bare name in an event's condition that is no field, where bindings could be meant. */
  void unknownCurrentField(EventTypeDecl type, String field, Collection<String> bindings, Span at) {
    error(
        Codes.UNKNOWN_FIELD,
        noSuchField(type, field)
            + (bindings.isEmpty() ? "" : "; bindings here are " + String.join(", ", bindings)),
        at);
  }

  /**
   * A repeated binding read as one event. {@code field} is the field read (null: the binding
   * itself); {@code aggregates} the aggregates besides {@code count} that fit the field's type.
   */
  void listAsSingle(String binding, String field, List<String> aggregates, Span at) {
    String x = field == null ? "" : "." + field;
    StringBuilder fixes = new StringBuilder("count(" + binding + ")");
    for (String a : aggregates) {
      fixes.append(", ").append(a).append('(').append(binding).append(x).append(')');
    }
    error(
        Codes.LIST_AS_SINGLE,
        "`"
            + binding
            + "` is a repeated binding and holds a list; read it"
            + " through an aggregate: "
            + fixes
            + ", first("
            + binding
            + ")"
            + x
            + " or last("
            + binding
            + ")"
            + x,
        at);
  }

  void fieldOfNonEvent(String field, Type target, Span at) {
    error(Codes.TYPE_MISMATCH, "cannot read field `" + field + "` of " + describe(target), at);
  }

  // ---- operators ----

  /** {@code operator} as written, such as {@code not} or {@code and}. */
  void needsBoolean(String operator, Type actual, Span at) {
    error(Codes.TYPE_MISMATCH, "`" + operator + "` needs a boolean, not " + describe(actual), at);
  }

  /** {@code operator} as written: {@code like} or {@code matches}. */
  void needsString(String operator, Type actual, Span at) {
    error(Codes.TYPE_MISMATCH, "`" + operator + "` needs a string, not " + describe(actual), at);
  }

  void minusNeedsNumber(Type actual, Span at) {
    error(Codes.TYPE_MISMATCH, "`-` needs a number, not " + describe(actual), at);
  }

  /** An arithmetic operator on a non-number; a string added is told about {@code ||}. */
  void arithmeticNeedsNumbers(String operator, Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "`"
            + operator
            + "` needs numbers, not "
            + describe(actual)
            + (actual == Type.STRING && operator.equals("+") ? "; join strings with `||`" : ""),
        at);
  }

  void concatOfBooleans(Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "`||` joins strings; between two conditions write `or` (Motif's"
            + " boolean operators are `and`, `or`, `not`)",
        at);
  }

  void cannotCompare(Type left, Type right, Span at) {
    error(Codes.TYPE_MISMATCH, "cannot compare " + describe(left) + " with " + describe(right), at);
  }

  void cannotCompareInList(Type operand, Type value, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "cannot compare " + describe(operand) + " with " + describe(value) + " in `in`",
        at);
  }

  void cannotCompareBetween(Type operand, Type bound, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "`between` compares values of one kind; "
            + describe(operand)
            + " cannot be compared with "
            + describe(bound),
        at);
  }

  void eventsUnordered(Span at) {
    error(Codes.TYPE_MISMATCH, "events can be compared only with `==` and `!=`", at);
  }

  // ---- functions and aggregates ----

  void timeArity(Span at) {
    error(Codes.ARITY, "`time(x)` takes one binding, such as `time(s)`", at);
  }

  void timeOfNonEvent(Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "`time(x)` reads the event time of a binding such as `s` or"
            + " `first(f)`, not "
            + describe(actual),
        at);
  }

  /** {@code suggestion}: the nearest known function name, or null. */
  void unknownFunction(String name, String suggestion, Span at) {
    error(
        Codes.UNKNOWN_FUNCTION,
        "unknown function `"
            + name
            + "`"
            + (suggestion == null ? "" : "; did you mean `" + suggestion + "`?"),
        at);
  }

  /** {@code signatures}: each form the function takes, rendered. */
  void noSuchForm(String function, List<Type> arguments, List<String> signatures, Span at) {
    List<String> described = new ArrayList<>();
    arguments.forEach(t -> described.add(describe(t)));
    error(
        Codes.ARITY,
        "no form of `"
            + function
            + "` takes ("
            + String.join(", ", described)
            + "); it takes "
            + String.join("; ", signatures),
        at);
  }

  /** An aggregate called on something that is no repeated binding; {@code name} as written. */
  void aggregateNeedsRepeated(String name, String lowerCase, Span at) {
    error(
        Codes.BAD_AGGREGATE,
        "`"
            + name
            + "` aggregates a repeated binding, as in `"
            + lowerCase
            + "(f.x)` where f is bound by `f: T+`",
        at);
  }

  void cannotAggregate(String aggregate, Type argument, List<String> signatures, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "`"
            + aggregate
            + "` cannot aggregate "
            + describe(argument)
            + "; it takes "
            + String.join("; ", signatures),
        at);
  }

  // ---- pattern structure ----

  void tooManyBindings(String pattern, Span at) {
    error(Codes.TOO_LARGE, "pattern " + pattern + " has more than 63 bindings", at);
  }

  void tooManyAtoms(String pattern, long atoms, int limit, Span at) {
    error(
        Codes.TOO_LARGE,
        "pattern "
            + pattern
            + " has "
            + atoms
            + " events once its repetitions"
            + " are counted out; the limit is "
            + limit
            + ": use `+`, `*` or `{n,}` instead of large"
            + " counts",
        at);
  }

  void matchesNothing(String pattern, Span at) {
    error(
        Codes.MATCHES_NOTHING,
        "pattern "
            + pattern
            + " can match no event at all; make at least"
            + " one element required (remove a `?`, or use `+` for `*`)",
        at);
  }

  void bindingReused(String binding, Span at) {
    error(
        Codes.BINDING_REUSED,
        "binding `"
            + binding
            + "` is already used in this pattern; a name"
            + " may be reused only in different branches of `|`",
        at);
  }

  void patternStartsWithNot(Span at) {
    error(
        Codes.LEADING_NOT,
        "a pattern cannot start with `not`: nothing before it opens the gap it"
            + " forbids; write an event first, such as `a: A -> not B -> c: C`",
        at);
  }

  void groupStartsWithNot(String type, Span at) {
    error(
        Codes.LEADING_NOT,
        "a group cannot start with `not`; move `not "
            + type
            + "` out of the"
            + " parentheses, between the elements it separates",
        at);
  }

  void notAfterStrict(String type, Span at) {
    error(
        Codes.NOT_AFTER_STRICT,
        "`not` after `=>` forbids an event where none can be: with `=>`"
            + " the next event follows at once; write `-> not "
            + type
            + "`",
        at);
  }

  void negationOutsideSequence(String type, Span at) {
    error(
        Codes.NEGATION_PLACEMENT,
        "`not "
            + type
            + "` must stand between two elements of a"
            + " sequence (`a -> not B -> c`) or at the end of the pattern (`a -> not B`)",
        at);
  }

  void negationEndsGroup(String type, Span at) {
    error(
        Codes.NEGATION_PLACEMENT,
        "`not "
            + type
            + "` ends a group; an absence can only end the"
            + " whole pattern. Move it after the group, between the elements it separates",
        at);
  }

  void notInsideConjunction(Span at) {
    error(
        Codes.UNSUPPORTED,
        "`not` inside a side of `&` is not supported; move it outside the `&`" + " group",
        at);
  }

  void nestedConjunction(Span at) {
    error(
        Codes.UNSUPPORTED,
        "`&` nested inside a side of `&` is not supported; write the sides"
            + " side by side: `a & b & c`",
        at);
  }

  // ---- clauses ----

  void conditionNotBoolean(String type, Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "the condition of `" + type + "` must be a boolean, not " + describe(actual),
        at);
  }

  void whereNotBoolean(Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH, "a `where` condition must be a boolean, not " + describe(actual), at);
  }

  void absenceNeedsWindow(String pattern, Span at) {
    error(
        Codes.ABSENCE_NEEDS_WINDOW,
        "pattern "
            + pattern
            + " ends with `not`, an absence, which"
            + " completes when its window closes; add a `within` clause such as `within 10 min`",
        at);
  }

  void timeoutNeedsWindow(String pattern, Span at) {
    error(
        Codes.ABSENCE_NEEDS_WINDOW,
        "pattern "
            + pattern
            + " has `on timeout emit` but no window"
            + " to time out; add a `within` clause such as `within 10 min`",
        at);
  }

  void windowTooLong(Span at) {
    error(
        Codes.TOO_LARGE,
        "this window is longer than the engine keeps time (2^53 ms, about" + " 285,000 years)",
        at);
  }

  void partitionByUnknownField(EventTypeDecl type, String field, Span at) {
    error(
        Codes.UNKNOWN_FIELD,
        "cannot partition by `" + field + "`: " + noSuchField(type, field),
        at);
  }

  void duplicateEmitField(String field, Span at) {
    error(Codes.DUPLICATE, "field " + field + " is given twice", at);
  }

  void emitFieldMismatch(String field, String eventType, String declared, Type actual, Span at) {
    error(
        Codes.TYPE_MISMATCH,
        "field "
            + field
            + " of "
            + eventType
            + " is "
            + declared
            + ", but this is "
            + describe(actual),
        at);
  }

  /** {@code clause}: the skip clause as written, from {@link #skipClause}. */
  void skipToUnknown(String clause, String pattern, Collection<String> bindings, Span at) {
    error(
        Codes.UNKNOWN_NAME,
        clause
            + " names no binding of pattern "
            + pattern
            + (bindings.isEmpty()
                ? "; bind the element to resume at, as in `x: X`"
                : "; its bindings are " + String.join(", ", bindings)),
        at);
  }

  void skipToNegated(String clause, Span at) {
    error(
        Codes.NEGATED_AS_SINGLE,
        clause
            + " names a negated event, which is never part of a"
            + " match; name a binding that takes events",
        at);
  }

  // ---- warnings ----

  void unboundedGrowth(String pattern, Span at) {
    warning(
        Codes.UNBOUNDED_GROWTH,
        "pattern "
            + pattern
            + " repeats under `->>` without `within`:"
            + " its partial matches can grow without bound; add a `within` clause",
        at);
  }

  void keyOfUnmatchedType(String pattern, String type, Span at) {
    warning(
        Codes.UNUSED,
        "pattern "
            + pattern
            + " does not match events of type "
            + type
            + "; this key item is never used",
        at);
  }

  void bindingHidesConstant(String binding, Span at) {
    warning(
        Codes.SHADOWED,
        "binding `" + binding + "` hides the constant of the same name in this" + " pattern",
        at);
  }

  void skipToLastEvent(String clause, Span at) {
    warning(
        Codes.SKIP_EQUIVALENT,
        clause
            + " resumes at the match's last event, where no attempt"
            + " of this pattern starts: it does what `after match skip past last` does; write that",
        at);
  }

  /** {@code suggestion}: the nearest known type, or null. */
  void undeclaredType(String type, String suggestion, Span at) {
    warning(
        Codes.UNDECLARED_TYPE,
        "event type `"
            + type
            + "` is neither declared nor derived by a"
            + " pattern"
            + didYouMean(suggestion),
        at);
  }

  /** {@code key}: the key item as written; {@code suggestion}: the nearest type, or null. */
  void partitionHeadNotAType(String key, String head, String suggestion, Span at) {
    warning(
        Codes.UNDECLARED_TYPE,
        "`partition by "
            + key
            + "` reads the nested field path `"
            + key
            + "` of every event: no event type `"
            + head
            + "` is declared, read or derived in these"
            + " rules"
            + didYouMean(suggestion),
        at);
  }

  /** {@code x == null} or {@code x != null} ({@code negated}), as written; {@code operand}: x. */
  void nullEquality(String comparison, String operand, boolean negated, Span at) {
    warning(
        Codes.NULL_COMPARISON,
        "`"
            + comparison
            + "` is never true: a comparison with `null` is"
            + " unknown; write `"
            + operand
            + (negated ? " is not null`" : " is null`"),
        at);
  }

  /** {@code x < null} and the like, as written. */
  void nullOrdering(String comparison, Span at) {
    warning(
        Codes.NULL_COMPARISON,
        "`" + comparison + "` is never true: a comparison with `null` is" + " unknown",
        at);
  }

  /**
   * A conjunct that is always null. {@code consequence} from {@link #atomNeverMatches}, {@link
   * #negationNeverExcludes} or {@link #whereNeverTrue}; {@code reason} from {@link #nullOperand} or
   * {@link #missingField}.
   */
  void alwaysNullCondition(String consequence, String conjunct, String reason, Span at) {
    warning(Codes.ALWAYS_NULL, consequence + ": `" + conjunct + "` is always null, " + reason, at);
  }

  /** An emitted field that is always null; {@code clause} such as {@code emit Alert}. */
  void alwaysNullField(String field, String clause, String reason, Span at) {
    warning(
        Codes.ALWAYS_NULL,
        "field `" + field + "` of `" + clause + "` is always null, " + reason,
        at);
  }

  // ---- fragments ----

  /** How messages name a type: "a long", "an event", "a value" (unknown), "null". */
  static String describe(Type t) {
    return switch (t) {
      case NULL -> "null";
      case EVENT -> "an event";
      case LIST -> "a list";
      case ANY -> "a value";
      default -> "a " + t.label();
    };
  }

  /** "event type T has no field `f`; its fields are ...". */
  static String noSuchField(EventTypeDecl type, String field) {
    return "event type "
        + type.name()
        + " has no field `"
        + field
        + "`; its fields are "
        + String.join(", ", type.fields().keySet());
  }

  private static String didYouMean(String suggestion) {
    return suggestion == null ? "" : "; did you mean `" + suggestion + "`?";
  }

  /** Where a constant's value stands. */
  static String inConstant(String name) {
    return "constant " + name;
  }

  /** Where a field value of a test's event literal stands. */
  static String inEventLiteralField(String field) {
    return "field " + field;
  }

  /** Where a test event's time stands. */
  static String inEventTime() {
    return "the event's time";
  }

  /** Where an atom's condition stands. */
  static String inCondition(String type, String pattern) {
    return "the condition of `" + type + "` in pattern " + pattern;
  }

  /** Where a {@code where} conjunct stands. */
  static String inWhere(String pattern) {
    return "the `where` clause of pattern " + pattern;
  }

  /** Where an emitted field stands; {@code clause} is {@code emit} or {@code on timeout emit}. */
  static String inEmit(String clause, String pattern) {
    return "the `" + clause + "` clause of pattern " + pattern;
  }

  /** An emit clause with its type, as messages quote it: {@code emit Alert}. */
  static String emitClause(String clause, String type) {
    return clause + " " + type;
  }

  /** The skip clause as written: {@code `after match skip to last x`}. */
  static String skipClause(String policy, String binding) {
    return "`after match skip " + policy + " " + binding + "`";
  }

  /** What an always-null atom condition means. */
  static String atomNeverMatches(String type) {
    return "the condition of `" + type + "` is never true, so it never matches";
  }

  /** What an always-null condition of a negated atom means. */
  static String negationNeverExcludes(String type) {
    return "the condition of `not " + type + "` is never true, so it never excludes an event";
  }

  /** What an always-null {@code where} conjunct means. */
  static String whereNeverTrue(String pattern) {
    return "this `where` condition is never true, so pattern " + pattern + " never matches";
  }

  /** Why a computation with the literal {@code null} is null. */
  static String nullOperand() {
    return "as any operation on `null` gives `null`";
  }

  /**
   * Why reading {@code field} of {@code who} (a binding, {@code prev} or an aggregate, as written)
   * is null: none of the types the event can have declares it.
   */
  static String missingField(String who, List<String> types, String field) {
    List<String> names = new ArrayList<>(types);
    String last = names.remove(names.size() - 1);
    String list = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
    return "as `"
        + who
        + "` is an event of type "
        + list
        + (types.size() == 1
            ? ", which declares no field `"
            : types.size() == 2
                ? ", and neither declares a field `"
                : ", and none of them declares a field `")
        + field
        + "`";
  }
}
