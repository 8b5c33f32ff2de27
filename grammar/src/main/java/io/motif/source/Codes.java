package io.motif.source;

/**
 * The catalogue of diagnostic codes. Codes are stable: tests and users may key on them. M1xx are
 * syntax, M2xx names and declarations, M3xx types, M4xx pattern structure, M5xx limits, M9xx
 * warnings.
 */
public final class Codes {
  private Codes() {}

  public static final String SYNTAX = "M100";
  public static final String BAD_TOKEN = "M101";
  public static final String UNTERMINATED = "M102";
  public static final String BAD_LITERAL = "M103";
  public static final String BAD_DURATION = "M104";
  public static final String BAD_CLAUSE = "M105";
  public static final String BAD_QUANTIFIER = "M106";

  public static final String DUPLICATE = "M201";
  public static final String UNKNOWN_NAME = "M202";
  public static final String UNKNOWN_FIELD = "M203";
  public static final String UNKNOWN_TYPE = "M204";
  public static final String UNKNOWN_FUNCTION = "M205";
  public static final String BINDING_REUSED = "M206";
  public static final String UNKNOWN_EVENT_TYPE = "M207";

  /** A `not` condition that reads a binding bound only after the `not`. */
  public static final String BOUND_LATER = "M208";

  /** A name the language keeps for itself, such as a field called `type`. */
  public static final String RESERVED_NAME = "M209";

  public static final String TYPE_MISMATCH = "M301";
  public static final String ARITY = "M302";
  public static final String LIST_AS_SINGLE = "M303";
  public static final String NOT_CONSTANT = "M304";
  public static final String BAD_AGGREGATE = "M305";

  public static final String LEADING_NOT = "M401";
  public static final String NOT_AFTER_STRICT = "M402";
  public static final String MATCHES_NOTHING = "M403";
  public static final String NEGATED_AS_SINGLE = "M404";
  public static final String ABSENCE_NEEDS_WINDOW = "M405";
  public static final String NEGATION_PLACEMENT = "M406";
  public static final String UNSUPPORTED = "M407";

  public static final String TOO_LARGE = "M501";
  public static final String TOO_DEEP = "M502";
  public static final String TOO_MANY_ERRORS = "M503";

  public static final String UNBOUNDED_GROWTH = "M901";
  public static final String UNUSED = "M902";

  /** An event type neither declared nor derived, or a `partition by` head that names no type. */
  public static final String UNDECLARED_TYPE = "M904";

  /** An expression that can only ever be null. */
  public static final String ALWAYS_NULL = "M905";

  /** A comparison with the literal `null`, which is never true. */
  public static final String NULL_COMPARISON = "M906";

  /** A skip policy that does what a simpler one says. */
  public static final String SKIP_EQUIVALENT = "M907";

  /** A binding that hides a constant of the same name. */
  public static final String SHADOWED = "M908";
}
