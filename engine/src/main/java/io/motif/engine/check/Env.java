package io.motif.engine.check;

import io.motif.engine.plan.EventTypeDecl;
import io.motif.function.FunctionRegistry;
import io.motif.function.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the checker knows about the whole script while it checks one part of it (CEL's {@code Env}):
 * the functions, the declared event types and constants, and where to report problems. The {@link
 * Checker} fills it, declarations first; the expression and pattern checkers read it.
 */
final class Env {
  final FunctionRegistry functions;
  final Problems problems;

  /** Names the parser already reported as broken: not reported again as unknown. */
  final Set<String> brokenNames;

  final Map<String, EventTypeDecl> eventTypes = new LinkedHashMap<>();

  /** Constant values by name; a constant whose value had an error maps to null. */
  final Map<String, Object> constants = new LinkedHashMap<>();

  final Map<String, Type> constantTypes = new HashMap<>();

  /** Constants declared after the one being checked: named in a clearer message. */
  final Set<String> laterConstants = new HashSet<>();

  /**
   * Every event type named in the rules (LANGUAGE.md §8): declared, read by an atom of any pattern
   * (under `not` too), or derived by a pattern (its `emit` and `on timeout emit` types, or its name
   * when it has no `emit`). `T.f` in `partition by` is a per-type key when `T` is one.
   */
  final Set<String> namedTypes = new HashSet<>();

  Env(FunctionRegistry functions, Problems problems, Set<String> brokenNames) {
    this.functions = functions;
    this.problems = problems;
    this.brokenNames = brokenNames;
  }
}
