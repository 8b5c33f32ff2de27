package io.motif.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generated Motif program, as a shape that the differential test can shrink: pattern trees, and
 * small integer "specs" that {@link #render()} turns into conditions, {@code where} conjuncts,
 * {@code emit} and {@code on timeout emit} fields that only read what is in scope. Rendering is
 * deterministic, so a shrunk shape renders to a smaller program that is still valid.
 *
 * <p>The event types are {@code A B C D}, each with fields {@code k j} (partition keys), {@code x
 * y} (numbers), {@code w} (a word: a string; not {@code s}, which is a binding name) and {@code ts}
 * (an ISO-8601 time as text; declared {@code time} when the types are declared, read through {@code
 * parse_time} when not). Binding names are {@code t b s a r m g c} in source order; named negated
 * atoms are {@code z z1 z2}. A program that needs a window (an absence, {@code on timeout}, {@code
 * ->>}) and has none gets one. Besides the main pattern {@code P}, a program may have {@code Q}
 * over P's output (or its timeout events) and {@code R} over Q's: a cascade three deep.
 */
record GeneratedProgram(
    Node match,
    List<Spec> where,
    List<Spec> emit,
    int partition,
    int window,
    int skip,
    int options,
    Chain chain,
    List<Spec> timeout,
    Chain chain2) {

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

  /** {@code max} -1 for unbounded. */
  record Rep(Node body, int min, int max) implements Node {}

  /**
   * {@code not T(condition)}, between two elements of a sequence or at the end of the top-level one
   * (an absence); {@code named}: {@code not z: T(...)}. The arrow written before it is never {@code
   * =>}.
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
   * A pattern over the previous one's derived events: {@code shape} picks the match clause (one of
   * them an absence), {@code first} whether it is declared before it, {@code emit} whether it
   * emits, {@code timeouts} whether it reads the previous one's timeout events (when it has some).
   */
  record Chain(int shape, Spec cond, boolean first, boolean emit, int window, boolean timeouts) {}

  // ---- rendering ----

  /** A binding: its name, its type, whether it holds a list and whether it may stay unbound. */
  record Binding(String name, String type, boolean repeated, boolean optional) {}

  String render() {
    return new Renderer(this).render();
  }

  /** The types of P's derived events that a chained pattern may read, by field: n, s or any. */
  private record Derived(String type, List<String> fields, List<Character> kinds, boolean keyed) {}

  /** An expression and what it gives: 'n' a number, 's' a string, 'b' a boolean, '?' anything. */
  private record Typed(String text, char kind) {}

  /** Writes the Motif text. */
  private static final class Renderer {
    final GeneratedProgram p;
    final List<Binding> bindings = new ArrayList<>();

    /** The binding of each atom, in source order (null: unbound). */
    final List<Binding> occurrences = new ArrayList<>();

    boolean usesAny;

    /** Named negated atoms so far: each needs its own name. */
    int negatedNames;

    /** Whether P's emitted Out has a field k. */
    boolean outKeyed;

    Renderer(GeneratedProgram p) {
      this.p = p;
    }

    String render() {
      // First pass: bindings in source order, so conditions can see them.
      collect(p.match, false, false);
      String match = node(p.match, 0, new int[] {0});
      StringBuilder text = new StringBuilder();
      if (p.constants()) {
        text.append("const one = 1\nconst two = 2\n");
      }
      if (p.declared()) {
        for (String t : TYPES) {
          text.append("event ")
              .append(t)
              .append("(k any, j any, x long, y double, w string, ts time)\n");
        }
      }
      String keyItem = singles().isEmpty() ? null : singles().get(0).name() + ".k";
      Derived out = null;
      StringBuilder emit = new StringBuilder();
      if (!p.emit.isEmpty()) {
        List<String> fields = new ArrayList<>();
        List<String> decl = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        for (int i = 0; i < p.emit.size(); i++) {
          Typed value = emitValue(p.emit.get(i));
          fields.add("p" + i + ": " + value.text());
          decl.add("p" + i + " " + declaredType(value, p.emit.get(i)));
          names.add("p" + i);
          kinds.add(value.kind());
        }
        boolean keyed = p.partition > 0 && keyItem != null;
        if (keyed) {
          fields.add("k: " + keyItem);
          decl.add("k any");
        }
        outKeyed = keyed;
        emit.append("  emit Out(").append(String.join(", ", fields)).append(")\n");
        if (p.declared()) {
          text.append("event Out(").append(String.join(", ", decl)).append(")\n");
        }
        out = new Derived("Out", names, kinds, keyed);
      } else {
        List<String> names = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        for (Binding b : singles()) {
          names.add(b.name() + ".x"); // the binding's event, a field of the derived event
          kinds.add('n');
        }
        out = new Derived("P", names, kinds, false);
      }
      // P is internal in a quarter of the chained programs: its events then feed Q only.
      boolean internal = p.chain != null && Math.floorMod(p.window + p.skip + p.options, 4) == 0;
      StringBuilder main = new StringBuilder(internal ? "internal pattern P\n" : "pattern P\n");
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
      } else if (p.skip == 2 || p.skip >= 3 && bindings.isEmpty()) {
        main.append("  after match skip to next\n");
      } else if (p.skip >= 3) {
        Binding x =
            bindings.get(Math.floorMod(p.partition + p.where.size() + p.window, bindings.size()));
        main.append(p.skip == 3 ? "  after match skip to first " : "  after match skip to last ")
            .append(x.name())
            .append('\n');
      }
      main.append(emit);
      Derived timeouts = null;
      if (p.timeout != null) {
        List<String> fields = new ArrayList<>();
        List<String> decl = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        for (int i = 0; i < p.timeout.size(); i++) {
          Typed value = emitValue(p.timeout.get(i));
          fields.add("q" + i + ": " + value.text());
          decl.add("q" + i + " " + declaredType(value, p.timeout.get(i)));
          names.add("q" + i);
          kinds.add(value.kind());
        }
        boolean keyed = p.partition > 0 && keyItem != null;
        if (keyed) {
          fields.add("k: " + keyItem);
          decl.add("k any");
        }
        main.append("  on timeout emit TO(").append(String.join(", ", fields)).append(")\n");
        if (p.declared()) {
          text.append("event TO(").append(String.join(", ", decl)).append(")\n");
        }
        timeouts = new Derived("TO", names, kinds, keyed);
      }
      String chains = "";
      if (p.chain != null) {
        Derived in = p.chain.timeouts() && timeouts != null ? timeouts : out;
        String[] q = chain(p.chain, "Q", "Out2", in);
        chains = q[0];
        if (p.chain2 != null) {
          Derived qOut =
              p.chain.emit()
                  ? new Derived("Out2", List.of("n", "t"), List.of('n', 'n'), q[1] != null)
                  : new Derived("Q", List.of(), List.of(), false);
          String[] r = chain(p.chain2, "R", "Out3", qOut);
          chains = p.chain2.first() ? r[0] + chains : chains + r[0];
        }
      }
      if (p.chain != null && p.chain.first()) {
        text.append(chains).append(main);
      } else {
        text.append(main).append(chains);
      }
      return text.toString();
    }

    /** The declared type of an emitted field: a number is sometimes {@code double}. */
    private static String declaredType(Typed value, Spec s) {
      if (value.kind() == 'n') {
        return s.c() % 2 == 0 ? "any" : "double";
      }
      if (value.kind() == 's') {
        return s.c() % 2 == 0 ? "any" : "string";
      }
      return "any";
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
        if (alt.shareName()
            && alt.alternatives().stream().allMatch(e -> e instanceof Atom x && x.bind())) {
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
          // The bindings before it, and prev (its left neighbour). Inside a group, an earlier
          // atom may sit in another branch of `|`: only prev and the event's own fields then.
          List<Binding> before = new ArrayList<>();
          for (Binding b : depth > 1 ? List.<Binding>of() : occurrences.subList(0, next[0])) {
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

    /** String literals, as Motif writes them. */
    private static final String[] WORDS = {"'a'", "'ab'", "'b'", "''", "'a-b'", "'AB'"};

    private static String word(int i) {
      return WORDS[Math.floorMod(i, WORDS.length)];
    }

    /** The ts field of an event (a prefix {@code "b."} or none) as a time. */
    private String ts(String prefix) {
      return p.declared() ? prefix + "ts" : "parse_time(" + prefix + "ts)";
    }

    /** An atom's condition: reads its own fields, earlier bindings, prev, or its own list. */
    private String condition(Spec s, Binding own, List<Binding> before) {
      List<Binding> singles = before.stream().filter(b -> !b.repeated()).toList();
      List<Binding> lists = before.stream().filter(Binding::repeated).toList();
      int c = Math.floorMod(s.c(), 4);
      String f = field(s.a());
      // Bounds in the middle of the values (0 to 3), so that conditions pass about half the time.
      String mid = lit(1 + Math.floorMod(s.c(), 2));
      if (own != null
          && !bindings.contains(own)
          && !lists.isEmpty()
          && Math.floorMod(s.kind(), 3) == 0) {
        // A named negation's condition: an aggregate of an earlier list against the tested event.
        Binding l = lists.get(Math.floorMod(s.a(), lists.size()));
        return crossAggregate(s.c(), l.name(), own.name())
            + " "
            + op(s.a() + s.b())
            + " "
            + (1 + Math.floorMod(s.b(), 2));
      }
      switch (Math.floorMod(s.kind(), 15)) {
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
        case 0:
        case 3:
          if (!singles.isEmpty() && (s.kind() % 15 == 3 || Math.floorMod(s.b(), 2) == 1)) {
            // The same field half the time: with declared types, the engine keeps the earlier
            // value as a column of the waiting run (a guard); other fields test the general path.
            Binding b = singles.get(Math.floorMod(s.b(), singles.size()));
            String g = Math.floorMod(s.c(), 4) == 0 ? field(s.c() + 1) : f;
            return switch (Math.floorMod(s.kind() + s.c(), 5)) {
              // arithmetic on the earlier side, which the column keeps worked out
              case 0 -> f + " " + op(s.a()) + " " + b.name() + "." + g + " * 2 - 1";
              // a string, which an equality's column keeps as its hash
              case 1 -> "w == " + b.name() + ".w";
              default -> f + " " + op(s.a()) + " " + b.name() + "." + g;
            };
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
            return switch (Math.floorMod(s.b(), 5)) {
              case 0 -> "count(" + n + ") < " + (c + 1);
              case 1 -> "max(" + n + "." + f + ") is null or " + f + " >= max(" + n + "." + f + ")";
              case 2 -> "avg(" + n + "." + f + ") is null or " + f + " >= avg(" + n + "." + f + ")";
              case 3 -> "last(" + n + ") is null or " + f + " != last(" + n + ")." + f;
              default -> "sum(" + n + ".x) is null or sum(" + n + ".x) + x <= " + (c + 3);
            };
          }
          if (own != null) {
            return own.name() + "." + f + " " + op(s.a()) + " " + mid;
          }
          break;
        case 7:
          return f
              + " "
              + op(s.a())
              + " "
              + mid
              + " or "
              + field(s.b() + 1)
              + " "
              + op(s.b())
              + " "
              + (1 + Math.floorMod(s.b(), 2));
        case 8:
          return "not (" + f + " " + op(s.a()) + " " + mid + ")";
        case 9:
          return "k == " + (c % 2 + 1);
        case 10:
        case 14:
          return like(s);
        case 11:
          return stringCondition(s, singles);
        case 12:
          return timeCondition(s, own, singles);
        case 13:
          {
            // An aggregate whose argument reads another binding (or the atom's own event).
            List<Binding> others = new ArrayList<>(singles);
            if (own != null && !own.repeated()) {
              others.add(own);
            }
            if (!lists.isEmpty() && !others.isEmpty()) {
              Binding l = lists.get(Math.floorMod(s.a(), lists.size()));
              Binding b = others.get(Math.floorMod(s.b(), others.size()));
              return crossAggregate(s.c(), l.name(), b.name())
                  + " "
                  + op(s.a() + s.b())
                  + " "
                  + (1 + Math.floorMod(s.b(), 2));
            }
            break;
          }
        default:
          break;
      }
      return f + " " + op(s.a()) + " " + mid;
    }

    /** {@code like} and {@code matches} on the event's own string. */
    private static String like(Spec s) {
      return switch (Math.floorMod(s.b(), 10)) {
        case 0 -> "w like 'a%'";
        case 1 -> "w like '_b'";
        case 2 -> "w not like '%-%'";
        case 3 -> "w like 'a\\\\%'";
        case 4 -> "w like '%'";
        case 5 -> "w matches '[ab]+'";
        case 6 -> "w matches 'a.*'";
        case 7 -> "w matches '\\\\d+'";
        case 8 -> "w not matches '(?i)ab'";
        default -> "w matches '.*-.*|b'";
      };
    }

    /** String functions and {@code ||} over the event's own string and earlier bindings'. */
    private String stringCondition(Spec s, List<Binding> singles) {
      if (!singles.isEmpty() && Math.floorMod(s.a(), 3) == 0) {
        String b = singles.get(Math.floorMod(s.c(), singles.size())).name();
        return switch (Math.floorMod(s.b(), 4)) {
          case 0 -> "w == " + b + ".w";
          case 1 -> "ends_with(w, " + b + ".w)";
          case 2 -> "w || " + b + ".w like 'a%'";
          default -> "w < " + b + ".w";
        };
      }
      return switch (Math.floorMod(s.b(), 11)) {
        case 0 -> "length(w) " + op(s.c()) + " " + (1 + Math.floorMod(s.c(), 2));
        case 1 -> "upper(w) == 'AB'";
        case 2 -> "lower(w) < " + word(s.c());
        case 3 -> "contains(w, 'b')";
        case 4 -> "starts_with(w, " + word(s.c()) + ")";
        case 5 -> "w || x == 'a1'";
        case 6 -> "substring(w, 1, 1) == 'a'";
        case 7 -> "split_part(w, '-', 2) == 'b'";
        case 8 -> "trim(w) != w";
        case 9 -> "replace(w, '-', '') in ('ab', 'b')";
        default -> "concat(w, y) like '%.5'";
      };
    }

    /** Time functions over the event's ISO time, its event time, or an earlier binding's. */
    private String timeCondition(Spec s, Binding own, List<Binding> singles) {
      String b =
          singles.isEmpty() ? null : singles.get(Math.floorMod(s.c(), singles.size())).name();
      return switch (Math.floorMod(s.b(), 7)) {
        case 0 -> "hour_of_day(" + ts("") + ") == 12";
        case 1 -> b == null ? ts("") + " is not null" : ts("") + " <= time(" + b + ") + 5s";
        case 2 -> "format_time(" + ts("") + ", 'HH:mm') >= '12:00'";
        case 3 -> "day_of_week(" + ts("") + ") == 5";
        case 4 ->
            own != null && !own.repeated()
                ? "hour_of_day(time(" + own.name() + ")) == 12"
                : "hour_of_day(" + ts("") + ") < 12";
        case 5 ->
            b == null
                ? "format_time(" + ts("") + ") like '%:00Z'"
                : "format_time(time(" + b + ")) < format_time(" + ts("") + ")";
        default -> "parse_time('2024-03-01T12:00:00Z') - " + ts("") + " " + op(s.c()) + " 0";
      };
    }

    /** A small bound, through a constant when the program declares them. */
    private String lit(int v) {
      return !p.constants()
          ? String.valueOf(v)
          : v == 1 ? "one" : v == 2 ? "two" : String.valueOf(v);
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

    /** An aggregate of a list whose argument reads a single binding too: a number. */
    private static String crossAggregate(int i, String list, String single) {
      return switch (Math.floorMod(i, 4)) {
        case 0 -> "sum(if(" + list + ".x == " + single + ".x, 1, 0))";
        case 1 -> "count(if(" + list + ".k == " + single + ".k, 1, null))";
        case 2 ->
            Math.floorMod(i, 8) < 4
                ? "max(" + list + ".x - " + single + ".x)"
                : "avg(" + list + ".y - " + single + ".y)";
        default -> "sum(if(" + list + ".w == " + single + ".w, " + list + ".x, 0))";
      };
    }

    private String whereConjunct(Spec s) {
      List<Binding> singles = singles();
      List<Binding> lists = lists();
      String c = lit(1 + Math.floorMod(s.c(), 2));
      switch (Math.floorMod(s.kind(), 9)) {
        case 0:
          if (singles.size() >= 2) {
            Binding x = singles.get(Math.floorMod(s.a(), singles.size()));
            Binding y = singles.get(Math.floorMod(s.b(), singles.size()));
            return x.name()
                + "."
                + field(s.c())
                + " "
                + op(s.a() + s.b())
                + " "
                + y.name()
                + "."
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
            return "time("
                + y.name()
                + ") - time("
                + x.name()
                + ") <= "
                + (1 + Math.floorMod(s.c(), 2))
                + "s";
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
            return aggregate(s.c(), l.name())
                + " "
                + op(s.a() + s.c())
                + " "
                + b.name()
                + "."
                + field(s.b());
          }
          break;
        case 4:
          if (Math.floorMod(s.a(), 3) == 0) {
            // Reads no binding: checked on the first event.
            return Math.floorMod(s.b(), 2) == 0 ? "1 < 2" : "2 < 1";
          }
          break;
        case 6:
          if (!singles.isEmpty()) {
            String x = singles.get(Math.floorMod(s.a(), singles.size())).name();
            String y = singles.get(Math.floorMod(s.b(), singles.size())).name();
            return switch (Math.floorMod(s.c(), 4)) {
              case 0 -> x + ".w == " + y + ".w";
              case 1 -> x + ".w || " + y + ".w like '%b%'";
              case 2 -> "upper(" + x + ".w) " + op(s.b()) + " " + word(s.a());
              default -> x + ".w matches '[a-z-]*' or " + y + ".w is null";
            };
          }
          break;
        case 7:
          if (!singles.isEmpty()) {
            String x = singles.get(Math.floorMod(s.a(), singles.size())).name();
            String y = singles.get(Math.floorMod(s.b(), singles.size())).name();
            return switch (Math.floorMod(s.c(), 3)) {
              case 0 -> "hour_of_day(time(" + x + ")) == 12";
              case 1 -> ts(x + ".") + " <= time(" + y + ") + 1s";
              default -> "format_time(time(" + x + "), 'ss.SSS') < '30'";
            };
          }
          break;
        case 8:
          if (!lists.isEmpty() && !singles.isEmpty()) {
            Binding l = lists.get(Math.floorMod(s.a(), lists.size()));
            Binding b = singles.get(Math.floorMod(s.b(), singles.size()));
            return crossAggregate(s.c(), l.name(), b.name()) + " " + op(s.a() + s.c()) + " " + c;
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

    private Typed emitValue(Spec s) {
      List<Binding> singles = singles();
      List<Binding> lists = lists();
      Binding single = singles.isEmpty() ? null : singles.get(Math.floorMod(s.a(), singles.size()));
      Binding list = lists.isEmpty() ? null : lists.get(Math.floorMod(s.a(), lists.size()));
      switch (Math.floorMod(s.kind(), 10)) {
        case 4:
          if (list != null && single != null) {
            return new Typed(crossAggregate(s.b(), list.name(), single.name()), 'n');
          }
        // fall through
        case 1:
          if (list != null) {
            return new Typed(aggregate(s.b(), list.name()), 'n');
          }
          break;
        case 2:
          if (single != null) {
            return new Typed("time(" + single.name() + ")", 'n');
          }
          break;
        case 3:
          if (single != null) {
            return new Typed(single.name() + ".x * 2 + " + single.name() + "." + field(s.b()), 'n');
          }
          break;
        case 5:
          if (single != null) {
            String b = single.name();
            return switch (Math.floorMod(s.b(), 5)) {
              case 0 -> new Typed(b + ".w || '-' || " + b + ".x", 's');
              case 1 -> new Typed("'y=' || " + b + ".y", 's');
              case 2 -> new Typed(b + ".w matches '[ab]+'", 'b');
              case 3 -> new Typed(b + ".w not matches 'a.*' or " + b + ".w like '%b'", 'b');
              default -> new Typed(b + ".w || " + word(s.c()), 's');
            };
          }
          break;
        case 6:
          if (single != null) {
            String b = single.name();
            return switch (Math.floorMod(s.b(), 6)) {
              case 0 -> new Typed("upper(" + b + ".w)", 's');
              case 1 -> new Typed("length(" + b + ".w)", 'n');
              case 2 -> new Typed("substring(" + b + ".w, 2)", 's');
              case 3 -> new Typed("coalesce(" + b + ".w, 'none')", 's');
              case 4 -> new Typed("regexp_extract(" + b + ".w, '[a-z]+')", 's');
              default -> new Typed("split_part(" + b + ".w, '-', -1)", 's');
            };
          }
          break;
        case 7:
          if (single != null) {
            String b = single.name();
            return switch (Math.floorMod(s.b(), 4)) {
              case 0 -> new Typed("hour_of_day(" + ts(b + ".") + ")", 'n');
              case 1 -> new Typed("format_time(" + ts(b + ".") + ")", 's');
              case 2 -> new Typed("time(" + b + ") - " + ts(b + "."), 'n');
              default -> new Typed("format_time(time(" + b + "), 'HH:mm:ss.SSS')", 's');
            };
          }
          break;
        case 8:
          if (list != null) {
            String l = list.name();
            return switch (Math.floorMod(s.b(), 4)) {
              case 0 -> new Typed("max(" + l + ".w)", 's');
              case 1 -> new Typed("count_distinct(" + l + ".w)", 'n');
              case 2 -> new Typed("first(" + l + ").w", 's');
              default -> new Typed("min(" + l + ".w)", 's');
            };
          }
          break;
        case 9:
          if (list != null && single != null) {
            return new Typed(crossAggregate(s.b(), list.name(), single.name()), 'n');
          }
          break;
        default:
          break;
      }
      if (list != null && (single == null || Math.floorMod(s.c(), 2) == 0)) {
        return new Typed(aggregate(s.b() + s.c(), list.name()), 'n');
      }
      if (single != null) {
        return new Typed(single.name() + "." + field(s.b()), 'n');
      }
      if (!lists.isEmpty()) {
        return new Typed(aggregate(s.b(), lists.get(0).name()), 'n');
      }
      return new Typed(String.valueOf(Math.floorMod(s.c(), 4)), 'n');
    }

    private String partition() {
      if (p.partition == 1) {
        return "k";
      }
      if (p.partition == 2) {
        return "k, j";
      }
      if (p.partition == 3 || p.partition == 4) {
        // One item per type named, alternating between k and j.
        List<String> items = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        typesOf(p.match, types);
        int i = 0;
        for (String t : types) {
          items.add(t + "." + (i++ % 2 == 0 ? "k" : "j"));
        }
        if (p.partition == 4) {
          // And one for a type this pattern does not read (named elsewhere, or not at all).
          String outside = outsideType(types);
          if (outside != null) {
            items.add(outside + ".k");
          }
        }
        return String.join(", ", items);
      }
      return null;
    }

    /**
     * A type that P does not read for a per-type key item: one declared or read by a chained
     * pattern when there is one, else P's own output type (when it can carry a k), else none.
     */
    private String outsideType(Set<String> inPattern) {
      for (String t : TYPES) {
        if (!inPattern.contains(t) && (p.declared() || reads(p.chain, t) || reads(p.chain2, t))) {
          return t;
        }
      }
      if (p.emit.isEmpty()) {
        return "P";
      }
      return p.declared() && !outKeyed ? null : "Out";
    }

    /** Whether a chained pattern's match reads type {@code t} (see {@link #chain}). */
    private static boolean reads(Chain ch, String t) {
      if (ch == null) {
        return false;
      }
      int shape = Math.floorMod(ch.shape(), 6);
      return t.equals("A") ? shape == 2 || shape == 3 : t.equals("B") && (shape == 4 || shape == 5);
    }

    static void typesOf(Node n, Set<String> out) {
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
        case 4 -> "  within 5 events\n";
        case 5 -> "  within 8 events\n";
        default -> "";
      };
    }

    /**
     * A pattern named {@code name} over the derived events {@code in}; returns its text and, when
     * it emits {@code emitType} with a key, "k".
     */
    private String[] chain(Chain ch, String name, String emitType, Derived in) {
      String t = in.type();
      String cond = chainCondition(ch.cond(), in);
      String d = "d: " + t + (cond == null ? "" : "(" + cond + ")");
      int shape = Math.floorMod(ch.shape(), 6);
      String match =
          switch (shape) {
            case 0 -> d;
            case 1 -> d + " -> e: " + t;
            case 2 -> d + " ->> e: A";
            case 3 -> "s: A => " + d;
            case 4 -> d + "{1,2} -> e: B";
            default -> d + " -> not B";
          };
      boolean dRepeated = shape == 4;
      StringBuilder sb = new StringBuilder("pattern " + name + "\n");
      boolean keyed = in.keyed() && ch.window() % 2 == 0;
      if (keyed) {
        sb.append("  partition by k\n");
      }
      sb.append("  match ").append(match).append('\n');
      int w = ch.window() % 3;
      if ((shape == 2 || shape == 5) && w == 0) {
        w = 1; // ->> and an absence need a window
      }
      sb.append(w == 1 ? "  within 2s\n" : w == 2 ? "  within 4 events\n" : "");
      int skip = Math.floorMod(ch.window() / 3 + ch.shape(), 3);
      sb.append(
          skip == 1
              ? "  after match skip past last\n"
              : skip == 2 ? "  after match skip to next\n" : "");
      String key = null;
      if (ch.emit()) {
        String k = keyed ? (dRepeated ? ", k: first(d).k" : ", k: d.k") : "";
        key = keyed ? "k" : null;
        sb.append(
            dRepeated
                ? "  emit " + emitType + "(n: count(d), t: time(e)" + k + ")\n"
                : "  emit " + emitType + "(t: time(d), n: 1" + k + ")\n");
      }
      return new String[] {sb.toString(), key};
    }

    private static String chainCondition(Spec s, Derived in) {
      if (s == null || in.fields().isEmpty()) {
        return null;
      }
      int c = 1 + Math.floorMod(s.c(), 2);
      int i = Math.floorMod(s.a(), in.fields().size());
      String f = in.fields().get(i);
      return switch (in.kinds().get(i)) {
        case 'n' -> f + " " + op(s.b()) + " " + (f.equals("t") ? c * 1000 : c);
        case 's' -> f + (Math.floorMod(s.b(), 2) == 0 ? " like '%a%'" : " is not null");
        default -> f + " is not null";
      };
    }
  }
}
