package io.motif.reference;

import io.motif.ast.Expr;
import io.motif.engine.Event;
import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The reference's expression evaluator: walks the untyped AST (LANGUAGE.md §4.3, §8 "Conditions"
 * and "Values") with nothing precomputed. Slow on purpose; it is the judge, not the engine.
 */
final class ReferenceExpr {
  private final FunctionRegistry functions;
  private final Map<String, Object> constants;

  ReferenceExpr(FunctionRegistry functions, Map<String, Object> constants) {
    this.functions = functions;
    this.constants = constants;
  }

  /**
   * Where an expression is evaluated. {@code bindings} maps every binding name of the pattern to an
   * {@link Event} (or null) or, for a repeated binding, a {@code List<Event>}. {@code current} is
   * the event being tested (null in {@code where} and {@code emit}); {@code own} the atom's own
   * single binding, which means {@code current}; {@code prevAllowed} whether {@code prev} exists
   * here.
   */
  record Scope(
      Map<String, Object> bindings,
      Set<String> repeated,
      Event current,
      String own,
      boolean prevAllowed,
      Event prev) {

    static Scope of(Map<String, Object> bindings, Set<String> repeated) {
      return new Scope(bindings, repeated, null, null, false, null);
    }

    /**
     * The same scope with one binding meaning one element of its list (an aggregate argument).
     * Every other binding keeps its value (LANGUAGE.md §8, "per element of the repeated binding"):
     * in an atom's condition its own single binding is still the event tested, and {@code prev} is
     * still the event most recently added to the match.
     */
    Scope element(String binding, Event element) {
      Map<String, Object> b = new HashMap<>(bindings);
      if (own != null && !own.equals(binding)) {
        b.put(own, current);
      }
      b.put(binding, element);
      Set<String> r = new HashSet<>(repeated);
      r.remove(binding);
      return new Scope(b, r, null, null, prevAllowed, prev);
    }
  }

  Object eval(Expr e, Scope s) {
    if (e instanceof Expr.Literal l) {
      return Values.normalize(l.value());
    }
    if (e instanceof Expr.Duration d) {
      return d.millis();
    }
    if (e instanceof Expr.Name n) {
      return name(n.name().name(), s);
    }
    if (e instanceof Expr.Field f) {
      return field(eval(f.target(), s), f.field().name());
    }
    if (e instanceof Expr.Call c) {
      return call(c, s);
    }
    if (e instanceof Expr.Unary u) {
      Object v = eval(u.operand(), s);
      return u.op() == Expr.UnaryOp.NOT ? not(v) : Values.negate(v);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b, s);
    }
    if (e instanceof Expr.IsNull n) {
      boolean isNull = eval(n.operand(), s) == null;
      return n.negated() != isNull;
    }
    if (e instanceof Expr.In in) {
      Object v = eval(in.operand(), s);
      Boolean result;
      if (v == null) {
        result = null;
      } else {
        result = false;
        for (Expr x : in.values()) {
          Boolean eq = Values.equal(v, eval(x, s));
          if (eq == null) {
            result = null;
          } else if (eq) {
            result = true;
            break;
          }
        }
      }
      return in.negated() ? not(result) : result;
    }
    if (e instanceof Expr.Between b) {
      Object v = eval(b.operand(), s);
      Object low = eval(b.low(), s);
      Object high = eval(b.high(), s);
      Object result = and(ordered(low, v, true), ordered(v, high, true));
      return b.negated() ? not(result) : result;
    }
    if (e instanceof Expr.Like l) {
      Object v = eval(l.operand(), s);
      Object p = eval(l.pattern(), s);
      Pattern re = v instanceof String && p instanceof String pat ? likeRegex(pat) : null;
      Boolean result = re == null ? null : re.matcher((String) v).matches();
      return l.negated() ? not(result) : result;
    }
    Expr.Matches m = (Expr.Matches) e;
    Object v = eval(m.operand(), s);
    Object r = eval(m.regex(), s);
    Boolean result = null;
    if (v instanceof String str && r instanceof String re) {
      try {
        result = Pattern.compile(re).matcher(str).matches();
      } catch (PatternSyntaxException bad) {
        result = null;
      }
    }
    return m.negated() ? not(result) : result;
  }

  /** A bare name: a binding, else a constant, else {@code prev}, else a field of the event. */
  private Object name(String name, Scope s) {
    if (s.bindings().containsKey(name)) {
      if (name.equals(s.own())) {
        return s.current();
      }
      return s.bindings().get(name);
    }
    if (constants.containsKey(name)) {
      return constants.get(name);
    }
    if (name.equals("prev") && s.prevAllowed()) {
      return s.prev();
    }
    return s.current() == null ? null : s.current().get(name);
  }

  /** {@code x.f}: a field of an event or a map; anything else has no fields. */
  static Object field(Object target, String field) {
    if (target instanceof Event ev) {
      return ev.get(field);
    }
    if (target instanceof Map<?, ?> map) {
      return Values.normalize(map.get(field));
    }
    return null;
  }

  private Object call(Expr.Call c, Scope s) {
    String fname = c.function().name().toLowerCase(Locale.ROOT);
    if (fname.equals("time") && functions.scalar("time") == null) {
      return c.args().size() == 1 && eval(c.args().get(0), s) instanceof Event ev
          ? ev.time()
          : null;
    }
    AggregateFunction agg = functions.aggregate(fname);
    if (agg != null && c.args().size() == 1) {
      String list = repeatedBindingIn(c.args().get(0), s);
      if (list != null) {
        return aggregate(agg, list, c.args().get(0), s);
      }
    }
    ScalarFunction fn = functions.scalar(fname);
    if (fn == null) {
      return null;
    }
    Object[] args = new Object[c.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = eval(c.args().get(i), s);
      if (args[i] == null && !fn.acceptsNulls()) {
        return null;
      }
    }
    try {
      return Values.normalize(fn.apply(args));
    } catch (RuntimeException failed) {
      return null;
    }
  }

  /** Recomputed from the whole list every time: no incremental state to get wrong. */
  private Object aggregate(AggregateFunction agg, String binding, Expr argument, Scope s) {
    Object bound = s.bindings().get(binding);
    Accumulator acc = agg.empty();
    if (bound instanceof List<?> events) {
      for (Object element : events) {
        Object v = eval(argument, s.element(binding, (Event) element));
        if (v != null) {
          acc = acc.add(v);
        }
      }
    }
    return Values.normalize(acc.result());
  }

  /** The repeated binding an aggregate's argument reads (as the checker decides), or null. */
  private static String repeatedBindingIn(Expr e, Scope s) {
    if (e instanceof Expr.Name n) {
      return s.repeated().contains(n.name().name()) ? n.name().name() : null;
    }
    if (e instanceof Expr.Field f) {
      return repeatedBindingIn(f.target(), s);
    }
    if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) {
        String r = repeatedBindingIn(a, s);
        if (r != null) {
          return r;
        }
      }
      return null;
    }
    if (e instanceof Expr.Unary u) {
      return repeatedBindingIn(u.operand(), s);
    }
    if (e instanceof Expr.Binary b) {
      String l = repeatedBindingIn(b.left(), s);
      return l != null ? l : repeatedBindingIn(b.right(), s);
    }
    return null;
  }

  private Object binary(Expr.Binary b, Scope s) {
    Object l = eval(b.left(), s);
    Object r = eval(b.right(), s);
    return switch (b.op()) {
      case AND -> and(l, r);
      case OR -> or(l, r);
      case ADD -> Values.add(l, r);
      case SUB -> Values.subtract(l, r);
      case MUL -> Values.multiply(l, r);
      case DIV -> Values.divide(l, r);
      case MOD -> Values.remainder(l, r);
      case CONCAT -> l == null || r == null ? null : Values.text(l) + Values.text(r);
      case EQ -> Values.equal(l, r);
      case NE -> not(Values.equal(l, r));
      case LT -> ordered(l, r, false);
      case LE -> ordered(l, r, true);
      case GT -> ordered(r, l, false);
      case GE -> ordered(r, l, true);
    };
  }

  /** {@code a < b} (or {@code <=}): unknown (null) across kinds or with a null. */
  private static Boolean ordered(Object a, Object b, boolean orEqual) {
    int c = Values.compare(a, b);
    if (c == Integer.MIN_VALUE) {
      return null;
    }
    return orEqual ? c <= 0 : c < 0;
  }

  /** SQL's three-valued logic; anything but a boolean is unknown. */
  static Boolean not(Object v) {
    return v instanceof Boolean x ? !x : null;
  }

  static Boolean and(Object a, Object b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return Boolean.TRUE.equals(a) && Boolean.TRUE.equals(b) ? true : null;
  }

  static Boolean or(Object a, Object b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b) ? false : null;
  }

  /**
   * {@code like} (docs/functions.md): {@code %} any run of characters, {@code _} one character, a
   * backslash makes the next character literal; the whole string. Null for a pattern ending in a
   * lone backslash (the result is then null).
   */
  static Pattern likeRegex(String like) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < like.length(); ) {
      int ch = like.codePointAt(i);
      i += Character.charCount(ch);
      if (ch == '\\') {
        if (i >= like.length()) {
          return null;
        }
        int next = like.codePointAt(i);
        i += Character.charCount(next);
        re.append(Pattern.quote(new String(Character.toChars(next))));
      } else if (ch == '%') {
        re.append(".*");
      } else if (ch == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(new String(Character.toChars(ch))));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** The binding names an expression reads (names that are bindings, anywhere inside it). */
  static void namesRead(Expr e, Set<String> bindingNames, Set<String> out) {
    if (e instanceof Expr.Name n) {
      if (bindingNames.contains(n.name().name())) {
        out.add(n.name().name());
      }
    } else if (e instanceof Expr.Field f) {
      namesRead(f.target(), bindingNames, out);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> namesRead(a, bindingNames, out));
    } else if (e instanceof Expr.Unary u) {
      namesRead(u.operand(), bindingNames, out);
    } else if (e instanceof Expr.Binary b) {
      namesRead(b.left(), bindingNames, out);
      namesRead(b.right(), bindingNames, out);
    } else if (e instanceof Expr.IsNull n) {
      namesRead(n.operand(), bindingNames, out);
    } else if (e instanceof Expr.In in) {
      namesRead(in.operand(), bindingNames, out);
      in.values().forEach(v -> namesRead(v, bindingNames, out));
    } else if (e instanceof Expr.Between b) {
      namesRead(b.operand(), bindingNames, out);
      namesRead(b.low(), bindingNames, out);
      namesRead(b.high(), bindingNames, out);
    } else if (e instanceof Expr.Like l) {
      namesRead(l.operand(), bindingNames, out);
      namesRead(l.pattern(), bindingNames, out);
    } else if (e instanceof Expr.Matches m) {
      namesRead(m.operand(), bindingNames, out);
      namesRead(m.regex(), bindingNames, out);
    }
  }

  /** The top-level {@code and}-ed parts of a condition. */
  static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
      out.addAll(conjuncts(b.left()));
      out.addAll(conjuncts(b.right()));
    } else if (e != null) {
      out.add(e);
    }
    return out;
  }
}
