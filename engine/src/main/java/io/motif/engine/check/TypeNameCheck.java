package io.motif.engine.check;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Warnings for event type names that are probably typos (LANGUAGE.md §3): an atom of a type that is
 * neither declared nor derived by a pattern, when the rules declare some types; and a {@code
 * partition by} item {@code T.f} whose {@code T} looks like a type but is no type named in the
 * rules, so that it is read as a nested field path (§8).
 */
final class TypeNameCheck {
  private final Problems problems;

  /** Declared types, in declaration order. */
  private final Set<String> declared = new LinkedHashSet<>();

  /** Types a pattern derives: `emit` and `on timeout emit` types, or the name without `emit`. */
  private final Set<String> derived = new LinkedHashSet<>();

  /**
   * Every type named in the rules (§8): declared, derived, or read by an atom (under `not` too).
   */
  private final Set<String> named = new LinkedHashSet<>();

  /** For the default output of a pattern without `emit`: its binding names (its fields). */
  private final Map<String, Set<String>> defaultFields = new LinkedHashMap<>();

  /** Declared fields by type, to tell a field from a misspelt type in `partition by`. */
  private final Map<String, Set<String>> declaredFields = new LinkedHashMap<>();

  TypeNameCheck(Problems problems) {
    this.problems = problems;
  }

  void check(Script script) {
    for (Statement s : script.statements()) {
      if (s instanceof Statement.EventDecl e) {
        declared.add(e.name().name());
        Set<String> fields = new LinkedHashSet<>();
        e.fields().forEach(f -> fields.add(f.name().name()));
        declaredFields.putIfAbsent(e.name().name(), fields);
      }
    }
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        if (p.emit() == null) {
          derived.add(p.name().name());
          Set<String> bindings = new LinkedHashSet<>();
          for (PatternExpr.Atom a : PatternShape.atoms(p.match())) {
            if (a.binding() != null) {
              bindings.add(a.binding().name());
            }
          }
          defaultFields.putIfAbsent(p.name().name(), bindings);
        } else {
          derived.add(p.emit().type().name());
        }
        if (p.onTimeout() != null) {
          derived.add(p.onTimeout().type().name());
        }
      }
    }
    named.addAll(declared);
    named.addAll(derived);
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        PatternShape.atoms(p.match()).forEach(a -> named.add(a.type().name()));
      }
    }
    Set<String> known = new LinkedHashSet<>(declared);
    known.addAll(derived);
    for (Statement s : script.statements()) {
      if (s instanceof Statement.PatternDecl p) {
        if (!declared.isEmpty()) {
          for (PatternExpr.Atom a : PatternShape.atoms(p.match())) {
            String type = a.type().name();
            if (!known.contains(type)) {
              problems.undeclaredType(type, Near.closest(type, known), a.type().span());
            }
          }
        }
        partition(p);
      }
    }
  }

  /** Every event type named in the rules, once {@link #check} has run. */
  Set<String> named() {
    return named;
  }

  /** `T.f` read as a nested field path although `T` looks like a misspelt event type. */
  private void partition(Statement.PatternDecl p) {
    Set<String> stream = new LinkedHashSet<>();
    PatternShape.atoms(p.match()).forEach(a -> stream.add(a.type().name()));
    for (Expr k : p.partitionBy()) {
      if (!(k instanceof Expr.Field)) {
        continue;
      }
      Expr e = k;
      while (e instanceof Expr.Field f) {
        e = f.target();
      }
      if (!(e instanceof Expr.Name n)) {
        continue;
      }
      String head = n.name().name();
      if (named.contains(head) || isFieldOf(head, stream)) {
        continue;
      }
      String near = Near.closest(head, named);
      if (near == null && !Character.isUpperCase(head.charAt(0))) {
        continue;
      }
      problems.partitionHeadNotAType(AstPrinter.print(k), head, near, n.span());
    }
  }

  /** True when {@code name} is a known field of an event type of the pattern's stream. */
  private boolean isFieldOf(String name, Set<String> stream) {
    for (String t : stream) {
      Set<String> fields =
          declaredFields.containsKey(t) ? declaredFields.get(t) : defaultFields.get(t);
      if (fields != null && fields.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
