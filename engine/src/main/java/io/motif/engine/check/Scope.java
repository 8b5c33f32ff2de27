package io.motif.engine.check;

import io.motif.engine.plan.BindingDecl;
import java.util.Map;
import java.util.Set;

/**
 * What names mean where an expression stands: which bindings it sees, whether it has a current
 * event (an atom's condition) and of what type, whether {@code prev} may be read, and whether only
 * constants are allowed. Built by the caller for each place, then read by the {@link ExprChecker}.
 */
final class Scope {
  /** The place, as messages name it ("the `where` clause of pattern P"). */
  final String where;

  /** The current event's type in an atom or negation condition, else null. */
  String currentType;

  boolean hasCurrent;

  /** The binding slot that means the current event (an atom's own single binding), or -1. */
  int ownBinding = -1;

  boolean prevAllowed;
  Map<String, BindingDecl> bindings = Map.of();

  /** Bindings that may not be read here (bound only later). */
  Set<String> laterBindings = Set.of();

  /** Inside an aggregate's argument: the repeated binding whose element is being read. */
  int elementBinding = -1;

  boolean constantsOnly;

  Scope(String where) {
    this.where = where;
  }

  /** A place that may use only literals and constants: a constant, a test's event literal. */
  static Scope constants(String where) {
    Scope s = new Scope(where);
    s.constantsOnly = true;
    return s;
  }

  /** A place that sees the pattern's bindings but no current event: `where`, `emit`. */
  static Scope clause(String where, Map<String, BindingDecl> bindings) {
    Scope s = new Scope(where);
    s.bindings = bindings;
    return s;
  }

  /** The scope of an aggregate's argument: one event of the repeated binding in {@code slot}. */
  Scope element(int slot) {
    Scope s = copy();
    s.elementBinding = slot;
    s.hasCurrent = false;
    s.ownBinding = -1;
    return s;
  }

  /** The binding in {@code slot}, or null. */
  BindingDecl bindingBySlot(int slot) {
    for (BindingDecl b : bindings.values()) {
      if (b.slot() == slot) {
        return b;
      }
    }
    return null;
  }

  private Scope copy() {
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
