package io.motif.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated Motif program, as a shape that jqwik can shrink: pattern trees, and small integer
 * "specs" that {@link #render()} turns into conditions, {@code where} conjuncts, {@code emit} and
 * {@code on timeout emit} fields that only read what is in scope. Rendering is deterministic, so a
 * shrunk shape renders to a smaller program that is still valid.
 *
 * <p>The event types are {@code A B C D}, each with fields {@code k j} (partition keys) and
 * {@code x y} (numbers). Binding names are {@code t b s a r} in source order; named negated atoms
 * are {@code z z1 z2}. A program that needs a window (an absence, {@code on timeout}, {@code ->>}) and
 * has none gets one.
 */
record GeneratedProgram(Node match, List<Spec> where, List<Spec> emit, int partition,
    int window, int skip, int options, Chain chain, List<Spec> timeout) {

  static final String[] TYPES = {"A", "B", "C", "D"};
  /** Binding names in source order; not alphabetical, so field order shows up in output. */
  static final String[] NAMES = {"t", "b", "s", "a", "r", "m", "g", "c"};

  /** A pattern element. */
  sealed interface Node permits Atom, Seq, Alt, Rep, Not, Both {}

  /** {@code name: T(condition)}; {@code cond} null for none. */
  record Atom(int type, boolean bind, Spec cond) implements Node {}

  /** Elements joined by arrows: 0 {@code ->}, 1 {@code ->>}, 2 {@code =>}. */
  record Seq(List<Node> elements, List<Integer> arrows) implements Node {}

  /** {@code shareName}: when every alternative is a bound atom, they bind one name. */
  record Alt(List<Node> alternatives, boolean shareName) implements Node {}

  /** {@code max} -1 for unbounded; {@code kind} says how it is written. */
  record Rep(Node body, int min, int max) implements Node {}

  /**
   * {@code not T(condition)}, between two elements of the top-level sequence or at its end (an
   * absence); {@code named}: {@code not z: T(...)}. The arrow written before it is never
   * {@code =>}.
   */
  record Not(int type, Spec cond, boolean named) implements Node {}

  /** {@code (P & Q ...)}: sides with no {@code not} and no {@code &} inside. */
  record Both(List<Node> sides) implements Node {}

  /** Whether the pattern ends with {@code not}: an absence. */
  boolean absence() {
    return match instanceof Seq s && s.elements().get(s.elements().size() - 1) instanceof Not;
  }

  /** Declares the event types A-D (and Out, TO). */
  boolean declared() {
    return (options & 1) != 0;
  }

  /** Declares {@code const one = 1} and {@code const two = 2} and writes bounds through them. */
  boolean constants() {
    return (options & 2) != 0;
  }

  /** A choice of expression, resolved against what is in scope. */
  record Spec(int kind, int a, int b, int c) {}

  /**
   * A second pattern over the first one's derived events: {@code shape} picks the match clause
   * (one of them an absence), {@code first} whether it is declared first, {@code emit} whether it
   * emits, {@code timeouts} whether it reads the first one's timeout events (when it has some).
   */
  record Chain(int shape, Spec cond, boolean first, boolean emit, int window, boolean timeouts) {}

  // ---- rendering ----

  /** What rendering found out: the text, and the bindings of the first pattern. */
  record Rendered(String text, List<Binding> bindings) {}

  /** A binding: its name, its type, whether it holds a list and whether it may stay unbound. */
  record Binding(String name, String type, boolean repeated, boolean optional) {}

  String render() {
    return new Renderer(this).render().text();
  }

  /** Writes the Motif text. */
  private static final class Renderer {
    final GeneratedProgram p;
    final List<Binding> bindings = new ArrayList<>();
    /** The binding of each atom, in source order (null: unbound). */
    final List<Binding> occurrences = new ArrayList<>();
    boolean usesAny;
    /** Named negated atoms so far: each needs its own name. */
    int negatedNames;
    StringBuilder out = new StringBuilder();

    Renderer(GeneratedProgram p) {
      this.p = p;
    }

    Rendered render() {
      // First pass: bindings in source order (names a, b, c, ...), so conditions can see them.
      collect(p.match, false, false);
      String match = node(p.match, 0, new int[] {0});
      StringBuilder text = new StringBuilder();
      if (p.constants()) {
        text.append("const one = 1\nconst two = 2\n");
      }
      if (p.declared()) {
        for (String t : TYPES) {
          text.append("event ").append(t).append("(k any, j any, x long, y double)\n");
        }
      }
      boolean emitsKey = false;
      String emitType = "P";
      StringBuilder emit = new StringBuilder();
      if (!p.emit.isEmpty()) {
        emitType = "Out";
        List<String> fields = new ArrayList<>();
        List<String> decl = new ArrayList<>();
        for (int i = 0; i < p.emit.size(); i++) {
          String value = emitValue(p.emit.get(i));
          fields.add("p" + i + ": " + value);
          decl.add("p" + i + (p.emit.get(i).c() % 2 == 0 ? " any" : " double"));
        }
        if (p.partition > 0 && !bindings.isEmpty() && singles().size() > 0) {
          fields.add("k: " + singles().get(0).name() + ".k");
          decl.add("k any");
          emitsKey = true;
        }
        emit.append("  emit Out(").append(String.join(", ", fields)).append(")\n");
        if (p.declared()) {
          text.append("event Out(").append(String.join(", ", decl)).append(")\n");
        }
      }
      StringBuilder main = new StringBuilder("pattern P\n");
      String partition = partition();
      if (partition != null) {
        main.append("  partition by ").append(partition).append('\n');
      }
      main.append("  match ").append(match).append('\n');
      List<String> conjuncts = new ArrayList<>();
      for (Spec s : p.where) {
        String c = whereConjunct(s);
        if (c != null) {
          conjuncts.add(c);
        }
      }
      if (!conjuncts.isEmpty()) {
        main.append("  where ").append(String.join(" and ", conjuncts)).append('\n');
      }
      int window = p.window;
      if (usesAny && window == 0) {
        window = 3; // ->> without a window could enumerate every subset of the stream
      }
      if ((p.absence() || p.timeout != null) && window == 0) {
        // An absence and `on timeout` need a window: any of the five.
        window = 1 + Math.floorMod(bindings.size() + p.skip + p.partition + p.where.size(), 5);
      }
      main.append(window(window));
      if (p.skip == 1) {
        main.append("  after match skip past last\n");
      } else if (p.skip == 2) {
        main.append("  after match skip to next\n");
      }
      main.append(emit);
      boolean timeoutKey = false;
      if (p.timeout != null) {
        List<String> fields = new ArrayList<>();
        List<String> decl = new ArrayList<>();
        for (int i = 0; i < p.timeout.size(); i++) {
          fields.add("q" + i + ": " + emitValue(p.timeout.get(i)));
          decl.add("q" + i + (p.timeout.get(i).c() % 2 == 0 ? " any" : " double"));
        }
        if (p.partition > 0 && !singles().isEmpty()) {
          fields.add("k: " + singles().get(0).name() + ".k");
          decl.add("k any");
          timeoutKey = true;
        }
        main.append("  on timeout emit TO(").append(String.join(", ", fields)).append(")\n");
        if (p.declared()) {
          text.append("event TO(").append(String.join(", ", decl)).append(")\n");
        }
      }
      boolean chainTimeouts = p.chain != null && p.chain.timeouts() && p.timeout != null;
      String chain = p.chain == null ? "" : chainTimeouts ? chain("TO", timeoutKey)
          : chain(emitType, emitsKey);
      if (p.chain != null && p.chain.first()) {
        text.append(chain).append(main);
      } else {
        text.append(main).append(chain);
      }
      return new Rendered(text.toString(), bindings);
    }

    private void collect(Node n, boolean repeated, boolean optional) {
      if (n instanceof Atom a) {
        Binding b = null;
        if (a.bind()) {
          b = new Binding(NAMES[bindings.size()], TYPES[a.type()], repeated, optional);
          bindings.add(b);
        }
        occurrences.add(b);
      } else if (n instanceof Seq s) {
        s.elements().forEach(e -> collect(e, repeated, optional));
      } else if (n instanceof Alt alt) {
        if (alt.shareName() && alt.alternatives().stream()
            .allMatch(e -> e instanceof Atom x && x.bind())) {
          // One name in every branch of `|`: a binding name may be reused only there.
          Binding b = new Binding(NAMES[bindings.size()], null, repeated, true);
          bindings.add(b);
          alt.alternatives().forEach(e -> occurrences.add(b));
        } else {
          alt.alternatives().forEach(e -> collect(e, repeated, true));
        }
      } else if (n instanceof Rep r) {
        collect(r.body(), repeated || r.max() != 1, optional || r.min() == 0);
      } else if (n instanceof Both b) {
        b.sides().forEach(e -> collect(e, repeated, optional));
      }
    }

    private List<Binding> singles() {
      return bindings.stream().filter(b -> !b.repeated()).toList();
    }

    private List<Binding> lists() {
      return bindings.stream().filter(Binding::repeated).toList();
    }

    /** Renders a node; {@code next[0]} counts atoms met so far, in source order. */
    private String node(Node n, int depth, int[] next) {
      if (n instanceof Atom a) {
        StringBuilder sb = new StringBuilder();
        Binding own = occurrences.get(next[0]++);
        if (own != null) {
          sb.append(own.name()).append(": ");
        }
        sb.append(TYPES[a.type()]);
        if (a.cond() != null) {
          // Bindings met before this atom; sometimes all of them (a later one reads null).
          List<Binding> before = new ArrayList<>();
          for (Binding b : occurrences.subList(0, next[0] - 1)) {
            if (b != null && b != own && !before.contains(b)) {
              before.add(b);
            }
          }
          if (Math.floorMod(a.cond().c(), 5) == 4) {
            before = new ArrayList<>(bindings);
            before.remove(own);
          }
          sb.append('(').append(condition(a.cond(), own, before)).append(')');
        }
        return sb.toString();
      }
      if (n instanceof Not x) {
        StringBuilder sb = new StringBuilder("not ");
        String name = negatedNames == 0 ? "z" : "z" + negatedNames;
        Binding own = x.named() ? new Binding(name, TYPES[x.type()], false, false) : null;
        negatedNames += x.named() ? 1 : 0;
        if (own != null) {
          sb.append(own.name()).append(": ");
        }
        sb.append(TYPES[x.type()]);
        if (x.cond() != null) {
          // The bindings before it, and prev (its left neighbour).
          List<Binding> before = new ArrayList<>();
          for (Binding b : occurrences.subList(0, next[0])) {
            if (b != null && !before.contains(b)) {
              before.add(b);
            }
          }
          sb.append('(').append(condition(x.cond(), own, before)).append(')');
        }
        return sb.toString();
      }
      if (n instanceof Both b) {
        List<String> sides = new ArrayList<>();
        for (Node side : b.sides()) {
          sides.add(node(side, depth + 1, next));
        }
        return "(" + String.join(" & ", sides) + ")";
      }
      if (n instanceof Seq s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.elements().size(); i++) {
          if (i > 0) {
            int arrow = s.arrows().get(i - 1);
            if (arrow == 2 && s.elements().get(i) instanceof Not) {
              arrow = 0; // `=> not` is a compile error
            }
            usesAny |= arrow == 1;
            sb.append(arrow == 0 ? " -> " : arrow == 1 ? " ->> " : " => ");
          }
          sb.append(node(s.elements().get(i), depth + 1, next));
        }
        return depth == 0 ? sb.toString() : "(" + sb + ")";
      }
      if (n instanceof Alt alt) {
        List<String> parts = new ArrayList<>();
        for (Node x : alt.alternatives()) {
          parts.add(node(x, depth + 1, next));
        }
        return "(" + String.join(" | ", parts) + ")";
      }
      Rep r = (Rep) n;
      String body = node(r.body(), depth + 1, next);
      if (!(r.body() instanceof Atom) && !body.startsWith("(")) {
        body = "(" + body + ")";
      }
      return body + quantifier(r.min(), r.max());
    }

    static String quantifier(int min, int max) {
      if (max == -1) {
        return min == 0 ? "*" : min == 1 ? "+" : "{" + min + ",}";
      }
      if (min == 0 && max == 1) {
        return "?";
      }
      return min == max ? "{" + min + "}" : "{" + min + "," + max + "}";
    }

    private static final String[] OPS = {">", ">=", "<", "<=", "==", "!="};

    private static String op(int i) {
      return OPS[Math.floorMod(i, OPS.length)];
    }

    private static String field(int i) {
      return Math.floorMod(i, 2) == 0 ? "x" : "y";
    }

    /** An atom's condition: reads its own fields, earlier bindings, prev, or its own list. */
    private String condition(Spec s, Binding own, List<Binding> before) {
      List<Binding> singles = before.stream().filter(b -> !b.repeated()).toList();
      List<Binding> lists = before.stream().filter(Binding::repeated).toList();
      int c = Math.floorMod(s.c(), 4);
      String f = field(s.a());
      // Bounds in the middle of the values (0 to 3), so that conditions pass about half the time.
      String mid = lit(1 + Math.floorMod(s.c(), 2));
      switch (Math.floorMod(s.kind(), 10)) {
        case 1:
          return switch (Math.floorMod(s.b(), 4)) {
            case 0 -> "x + y " + op(s.a()) + " " + mid + " + 1";
            case 1 -> "x % 2 == " + Math.floorMod(c, 2);
            case 2 -> "x / y " + op(s.a()) + " " + mid;
            default -> "y * 2 - x " + op(s.a()) + " " + mid;
          };
        case 2:
          return switch (Math.floorMod(s.b(), 4)) {
            case 0 -> f + " between " + Math.min(c, 1) + " and " + (c + 1);
            case 1 -> f + " in (" + c + ", " + (c + 2) % 4 + ")";
            case 2 -> f + " is null";
            default -> f + " is not null";
          };
        case 3:
          if (!singles.isEmpty()) {
            Binding b = singles.get(Math.floorMod(s.b(), singles.size()));
            return f + " " + op(s.a()) + " " + b.name() + "." + field(s.c());
          }
          break;
        case 4:
          return switch (Math.floorMod(s.b(), 3)) {
            case 0 -> f + " " + op(s.a()) + " prev." + f;
            case 1 -> "prev is null or " + f + " > prev." + f;
            default -> "prev." + f + " is null or " + f + " >= prev." + f;
          };
        case 5:
          if (!lists.isEmpty()) {
            Binding b = lists.get(Math.floorMod(s.b(), lists.size()));
            return f + " " + op(s.a()) + " " + aggregate(s.c(), b.name());
          }
          break;
        case 6:
          if (own != null && own.repeated()) {
            String n = own.name();
            return switch (Math.floorMod(s.b(), 3)) {
              case 0 -> "count(" + n + ") < " + (c + 1);
              case 1 -> "max(" + n + "." + f + ") is null or " + f + " >= max(" + n + "." + f + ")";
              default -> "sum(" + n + ".x) is null or sum(" + n + ".x) + x <= " + (c + 3);
            };
          }
          if (own != null) {
            return own.name() + "." + f + " " + op(s.a()) + " " + mid;
          }
          break;
        case 7:
          return f + " " + op(s.a()) + " " + mid + " or " + field(s.b() + 1) + " " + op(s.b())
              + " " + (1 + Math.floorMod(s.b(), 2));
        case 8:
          return "not (" + f + " " + op(s.a()) + " " + mid + ")";
        case 9:
          return "k == " + (c % 2 + 1);
        default:
          break;
      }
      return f + " " + op(s.a()) + " " + mid;
    }

    /** A small bound, through a constant when the program declares them. */
    private String lit(int v) {
      return !p.constants() ? String.valueOf(v) : v == 1 ? "one" : v == 2 ? "two" : String.valueOf(v);
    }

    private static final String[] AGGS = {"count", "sum", "avg", "min", "max", "first", "last"};

    /** An aggregate of a repeated binding: a number. */
    private static String aggregate(int i, String list) {
      String agg = AGGS[Math.floorMod(i, AGGS.length)];
      String f = field(i / AGGS.length);
      return switch (agg) {
        case "count" -> "count(" + list + ")";
        case "first", "last" -> agg + "(" + list + ")." + f;
        default -> agg + "(" + list + "." + f + ")";
      };
    }

    private String whereConjunct(Spec s) {
      List<Binding> singles = singles();
      List<Binding> lists = lists();
      String c = lit(1 + Math.floorMod(s.c(), 2));
      switch (Math.floorMod(s.kind(), 6)) {
        case 0:
          if (singles.size() >= 2) {
            Binding x = singles.get(Math.floorMod(s.a(), singles.size()));
            Binding y = singles.get(Math.floorMod(s.b(), singles.size()));
            return x.name() + "." + field(s.c()) + " " + op(s.a() + s.b()) + " " + y.name() + "."
                + field(s.c() + 1);
          }
          break;
        case 1:
          if (!lists.isEmpty()) {
            Binding l = lists.get(Math.floorMod(s.a(), lists.size()));
            return aggregate(s.b(), l.name()) + " " + op(s.c()) + " " + c;
          }
          break;
        case 2:
          if (singles.size() >= 2) {
            Binding x = singles.get(0);
            Binding y = singles.get(singles.size() - 1);
            return "time(" + y.name() + ") - time(" + x.name() + ") <= "
                + (1 + Math.floorMod(s.c(), 2)) + "s";
          }
          break;
        case 3:
          for (Binding b : singles) {
            if (b.optional()) {
              return b.name() + (s.a() % 2 == 0 ? " is null" : " is not null");
            }
          }
          break;
        case 5:
          if (!lists.isEmpty() && !singles.isEmpty()) {
            // Checkable only once both the list is complete and the single is bound.
            Binding l = lists.get(Math.floorMod(s.a(), lists.size()));
            Binding b = singles.get(Math.floorMod(s.b(), singles.size()));
            return aggregate(s.c(), l.name()) + " " + op(s.a() + s.c()) + " " + b.name() + "."
                + field(s.b());
          }
          break;
        case 4:
          if (Math.floorMod(s.a(), 3) == 0) {
            // Reads no binding: checked on the first event.
            return Math.floorMod(s.b(), 2) == 0 ? "1 < 2" : "2 < 1";
          }
          break;
        default:
          break;
      }
      if (!singles.isEmpty()) {
        Binding b = singles.get(Math.floorMod(s.a(), singles.size()));
        return b.name() + "." + field(s.b()) + " " + op(s.c()) + " " + c;
      }
      if (!lists.isEmpty()) {
        return aggregate(s.b(), lists.get(0).name()) + " >= " + c;
      }
      return null;
    }

    private String emitValue(Spec s) {
      List<Binding> singles = singles();
      List<Binding> lists = lists();
      switch (Math.floorMod(s.kind(), 5)) {
        case 1:
        case 4:
          if (!lists.isEmpty()) {
            return aggregate(s.b(), lists.get(Math.floorMod(s.a(), lists.size())).name());
          }
          break;
        case 2:
          if (!singles.isEmpty()) {
            return "time(" + singles.get(Math.floorMod(s.a(), singles.size())).name() + ")";
          }
          break;
        case 3:
          if (!singles.isEmpty()) {
            Binding b = singles.get(Math.floorMod(s.a(), singles.size()));
            return b.name() + ".x * 2 + " + b.name() + "." + field(s.b());
          }
          break;
        default:
          break;
      }
      if (!singles.isEmpty()) {
        return singles.get(Math.floorMod(s.a(), singles.size())).name() + "." + field(s.b());
      }
      if (!lists.isEmpty()) {
        return aggregate(s.b(), lists.get(0).name());
      }
      return String.valueOf(Math.floorMod(s.c(), 4));
    }

    private String partition() {
      if (p.partition == 1) {
        return "k";
      }
      if (p.partition == 2) {
        return "k, j";
      }
      if (p.partition == 3) {
        // One item per type named, alternating between k and j.
        List<String> items = new ArrayList<>();
        java.util.Set<String> types = new java.util.TreeSet<>();
        typesOf(p.match, types);
        int i = 0;
        for (String t : types) {
          items.add(t + "." + (i++ % 2 == 0 ? "k" : "j"));
        }
        return String.join(", ", items);
      }
      return null;
    }

    private static void typesOf(Node n, java.util.Set<String> out) {
      if (n instanceof Atom a) {
        out.add(TYPES[a.type()]);
      } else if (n instanceof Seq s) {
        s.elements().forEach(e -> typesOf(e, out));
      } else if (n instanceof Alt alt) {
        alt.alternatives().forEach(e -> typesOf(e, out));
      } else if (n instanceof Rep r) {
        typesOf(r.body(), out);
      } else if (n instanceof Not x) {
        out.add(TYPES[x.type()]);
      } else if (n instanceof Both b) {
        b.sides().forEach(e -> typesOf(e, out));
      }
    }

    private static String window(int w) {
      return switch (w) {
        case 1 -> "  within 2s\n";
        case 2 -> "  within 2500ms\n";
        case 3 -> "  within 4s\n";
        case 4 -> "  within 4 events\n";
        case 5 -> "  within 6 events\n";
        default -> "";
      };
    }

    /** The second pattern, over the first one's derived events ({@code T}). */
    private String chain(String t, boolean keyed) {
      Chain ch = p.chain;
      String cond = chainCondition(ch.cond(), t);
      String d = "d: " + t + (cond == null ? "" : "(" + cond + ")");
      int shape = Math.floorMod(ch.shape(), 6);
      String match = switch (shape) {
        case 0 -> d;
        case 1 -> d + " -> e: " + t;
        case 2 -> d + " ->> e: A";
        case 3 -> "s: A => " + d;
        case 4 -> d + "{1,2} -> e: B";
        default -> d + " -> not B";
      };
      boolean dRepeated = shape == 4;
      StringBuilder sb = new StringBuilder("pattern Q\n");
      if (keyed && ch.window() % 2 == 0) {
        sb.append("  partition by k\n");
      }
      sb.append("  match ").append(match).append('\n');
      int w = ch.window() % 3;
      if ((shape == 2 || shape == 5) && w == 0) {
        w = 1; // ->> and an absence need a window
      }
      sb.append(w == 1 ? "  within 2s\n" : w == 2 ? "  within 4 events\n" : "");
      int skip = Math.floorMod(ch.window() / 3 + ch.shape(), 3);
      sb.append(skip == 1 ? "  after match skip past last\n"
          : skip == 2 ? "  after match skip to next\n" : "");
      if (ch.emit()) {
        sb.append(dRepeated ? "  emit Out2(n: count(d), t: time(e))\n"
            : "  emit Out2(t: time(d), n: 1)\n");
      }
      return sb.toString();
    }

    private String chainCondition(Spec s, String t) {
      if (s == null) {
        return null;
      }
      int c = 1 + Math.floorMod(s.c(), 2);
      if (t.equals("Out")) {
        int field = Math.floorMod(s.a(), p.emit.size());
        return "p" + field + " " + op(s.b()) + " " + c;
      }
      if (t.equals("TO")) {
        if (p.timeout.isEmpty()) {
          return null;
        }
        int field = Math.floorMod(s.a(), p.timeout.size());
        return "q" + field + " " + op(s.b()) + " " + c;
      }
      List<Binding> singles = singles();
      if (singles.isEmpty()) {
        return null;
      }
      Binding b = singles.get(Math.floorMod(s.a(), singles.size()));
      return b.name() + "." + field(s.b()) + " " + op(s.b() + 1) + " " + c;
    }
  }
}
