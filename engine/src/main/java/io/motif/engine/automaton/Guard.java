package io.motif.engine.automaton;

import io.motif.engine.Event;
import io.motif.engine.eval.Arithmetic;
import io.motif.engine.eval.EvalContext;
import io.motif.engine.eval.Num;
import io.motif.engine.plan.Op;
import io.motif.engine.plan.TypedExpr;
import io.motif.function.Type;
import java.util.List;

/**
 * A conjunct of an atom's (or a negation's) condition that compares a field of the tested event
 * with a field of an event the run took earlier: {@code x > a.x}, {@code price > prev.price},
 * {@code id == o.id}, or arithmetic over either one's fields ({@code price < a.price * 0.9}). A run
 * waiting before the atom keeps that earlier value as a primitive column (captured once, when the
 * run reaches its position), so that a step can tell from the column alone, without loading the run
 * or its events, that an event cannot move it (or cannot violate the negation).
 *
 * <p>Only exact cases, over fields (or arithmetic over them) whose types are numbers or known only
 * at run time (and, for an equality of fields, strings). Numbers are kept as {@code double}s: a
 * double as it is ({@code -0.0} as {@code 0.0}, which compares the same), a long only when its
 * magnitude is at most 2^53, where the conversion is exact and comparing doubles gives what
 * comparing the values exactly does (LANGUAGE.md §8: a long and a double compare by value). An
 * equality also keeps a string, as its hash in the bits of a NaN (which no number is kept as):
 * different hashes are different strings, and a value of one kind never equals one of another (§8),
 * so unequal columns exclude surely; equal hashes settle nothing, and the condition is evaluated.
 * (A hash rather than an interned reference: no table to keep or bound, and the column stays a
 * {@code long}.) Anything else (null, NaN, larger longs, other kinds) the column cannot settle
 * ({@link #VISIT}, {@link #UNSETTLED}): the step visits the run as before.
 */
public final class Guard {
  /**
   * The column value that settles nothing: the run is visited. (The bits of {@code -0.0}, which is
   * kept as {@code 0.0}.)
   */
  public static final long VISIT = Long.MIN_VALUE;

  /**
   * The bits an equality's column keeps a string's hash in (its low 32 bits): a quiet NaN with a
   * payload bit set, distinct from every number's bits and from {@link #VISIT}.
   */
  private static final long STRING_TAG = 0x7FF9_0000_0000_0000L;

  /** The largest long magnitude a double holds exactly (and its neighbours too). */
  private static final long EXACT = 1L << 53;

  /** What reading the tested event's field gives. */
  public static final int VALUE = 0;

  /** The tested event's field is null or missing: the comparison is unknown, no run fits. */
  public static final int NULL = 1;

  /** The tested event's field is not a value the column settles: every run is visited. */
  public static final int UNSETTLED = 2;

  private enum Cmp {
    LT,
    LE,
    GT,
    GE,
    EQ
  }

  /** The tested event's field ({@code x}); null when that side is arithmetic. */
  private final String field;

  /** That side when it is arithmetic ({@code x * 2}): over the tested event's fields only. */
  private final Arithmetic currentArithmetic;

  private final Cmp cmp;

  /** The binding slot of the earlier event, or -1 for {@code prev}. */
  private final int slot;

  /** The earlier event's field ({@code a.x}); null when that side is arithmetic. */
  private final String capturedField;

  /**
   * That side when it is arithmetic ({@code a.price * 0.9}): over the earlier event's fields only,
   * so its value is known, and kept, when the run reaches the position.
   */
  private final Arithmetic earlierArithmetic;

  /** Whether the comparison is the atom's whole condition (not one conjunct of several). */
  private final boolean whole;

  private final String text;

  private Guard(
      TypedExpr current, Cmp cmp, int slot, TypedExpr earlier, boolean whole, String text) {
    this.field = current instanceof TypedExpr.CurrentField cf ? cf.field().intern() : null;
    this.currentArithmetic = field == null ? Arithmetic.of(current) : null;
    this.cmp = cmp;
    this.slot = slot;
    this.capturedField = earlier instanceof TypedExpr.Field f ? f.field().intern() : null;
    this.earlierArithmetic = capturedField == null ? Arithmetic.of(earlier) : null;
    this.whole = whole;
    this.text = text;
  }

  /**
   * The first top-level conjunct of {@code condition} that makes a guard, an equality before any
   * other, or null. {@code ownBinding}: the atom's own binding slot, which inside its condition
   * means the tested event.
   */
  static Guard of(TypedExpr condition, int ownBinding) {
    return of(condition, ownBinding, true);
  }

  /**
   * The guard of a negation's condition ({@code not Shipment(order == o.id)}), or null: a run whose
   * column it excludes is not violated by the event (only a true condition violates a negation), so
   * the event leaves it as it is where no edge of the event's type leaves its position. Never
   * {@link #whole}: a column says nothing here that lets a step skip evaluating.
   */
  static Guard ofNegation(TypedExpr condition, int ownBinding) {
    return of(condition, ownBinding, false);
  }

  private static Guard of(TypedExpr condition, int ownBinding, boolean whole) {
    if (condition instanceof TypedExpr.Binary b && b.op() == Op.AND) {
      // An equality if there is one (`amount > a.amount and user == a.user`): the column of an
      // id or a key passes over more runs, and indexes to a hash lookup.
      Guard l = of(b.left(), ownBinding, false);
      Guard r = of(b.right(), ownBinding, false);
      return l == null || (r != null && r.cmp == Cmp.EQ && l.cmp != Cmp.EQ) ? r : l;
    }
    if (!(condition instanceof TypedExpr.Binary b)) {
      return null;
    }
    Cmp cmp = cmp(b.op());
    if (cmp == null) {
      return null;
    }
    Guard g = of(cmp, b.left(), b.right(), ownBinding, whole);
    return g != null ? g : of(flip(cmp), b.right(), b.left(), ownBinding, whole);
  }

  /**
   * A guard when {@code current} reads only the tested event and {@code earlier} only one earlier
   * event (a binding other than the atom's own, or {@code prev}), each a field or arithmetic over
   * fields and constants: {@code x > a.x}, {@code price < a.price * 0.9}, {@code x * 2 >= prev.x +
   * 1}. Arithmetic is exact to keep: evaluated by the rules every evaluation follows, it gives the
   * condition's own operand, once per event for the tested side and once per run for the other.
   */
  private static Guard of(
      Cmp cmp, TypedExpr current, TypedExpr earlier, int ownBinding, boolean whole) {
    boolean currentField = current instanceof TypedExpr.CurrentField;
    boolean earlierField = earlier instanceof TypedExpr.Field;
    if (!(currentField || Arithmetic.is(current)) || !(earlierField || Arithmetic.is(earlier))) {
      return null;
    }
    if (!CURRENT.equals(reads(current, ownBinding))) {
      return null;
    }
    String target = reads(earlier, ownBinding);
    if (target == null || target.isEmpty() || target.equals(CURRENT)) {
      return null;
    }
    Type ct = current.type();
    Type et = earlier.type();
    boolean kinds =
        cmp == Cmp.EQ && currentField && earlierField
            ? comparable(ct) && comparable(et)
            : numeric(ct) && numeric(et);
    if (!kinds) {
      return null;
    }
    int slot = target.equals(PREV) ? -1 : Integer.parseInt(target);
    String text =
        currentField && earlierField
            ? ((TypedExpr.CurrentField) current).field()
                + " "
                + cmp
                + " "
                + (slot < 0 ? "prev" : "#" + slot)
                + "."
                + ((TypedExpr.Field) earlier).field()
            : ConditionText.print(current, null, List.of())
                + " "
                + cmp
                + " "
                + ConditionText.print(earlier, null, List.of());
    return new Guard(current, cmp, slot, earlier, whole, text);
  }

  private static final String CURRENT = "current";
  private static final String PREV = "prev";

  /**
   * The one event a side reads: {@link #CURRENT}, {@link #PREV}, a binding's slot as text, or ""
   * for none (a constant); null when it reads several, or reads through anything but fields,
   * constants and arithmetic (a function, an aggregate, the atom's own binding).
   */
  private static String reads(TypedExpr e, int ownBinding) {
    if (e instanceof TypedExpr.Const) {
      return "";
    }
    if (e instanceof TypedExpr.CurrentField) {
      return CURRENT;
    }
    if (e instanceof TypedExpr.Field f) {
      if (f.target() instanceof TypedExpr.Prev) {
        return PREV;
      }
      return f.target() instanceof TypedExpr.Binding b && b.slot() != ownBinding
          ? Integer.toString(b.slot())
          : null;
    }
    if (e instanceof TypedExpr.Unary u && Arithmetic.is(u)) {
      return reads(u.operand(), ownBinding);
    }
    if (e instanceof TypedExpr.Binary b && Arithmetic.is(b)) {
      String l = reads(b.left(), ownBinding);
      String r = reads(b.right(), ownBinding);
      if (l == null || r == null) {
        return null;
      }
      return l.isEmpty() ? r : r.isEmpty() || r.equals(l) ? l : null;
    }
    return null;
  }

  /** A number, or known only at run time (then values that are not numbers are visited). */
  private static boolean numeric(Type t) {
    return t == Type.LONG || t == Type.DOUBLE || t == Type.ANY;
  }

  /** What an equality's column keeps: a number, a string, or known only at run time. */
  private static boolean comparable(Type t) {
    return numeric(t) || t == Type.STRING;
  }

  /**
   * {@code v} as this guard's column: the bits of an exact double, for an equality a string's
   * tagged hash, or {@link #VISIT}.
   */
  private long bits(Object v) {
    if (v instanceof String s) {
      return cmp == Cmp.EQ ? STRING_TAG | (s.hashCode() & 0xFFFF_FFFFL) : VISIT;
    }
    return numberBits(v);
  }

  /** An arithmetic value as the bits of an exact double, or {@link #VISIT}. */
  private static long numberBits(Num n) {
    return n.isLong()
        ? longBits(n.longValue())
        : n.isDouble() ? doubleBits(n.doubleValue()) : VISIT;
  }

  /** {@code v} as the bits of an exact double, or {@link #VISIT}. */
  private static long numberBits(Object v) {
    return v instanceof Long l ? longBits(l) : v instanceof Double d ? doubleBits(d) : VISIT;
  }

  /** A long as the bits of an exact double, or {@link #VISIT} beyond 2^53. */
  private static long longBits(long x) {
    return x >= -EXACT && x <= EXACT
        ? Double.doubleToRawLongBits(x == 0 ? 0.0 : (double) x)
        : VISIT;
  }

  /** A double's bits, {@code -0.0} as {@code 0.0}; {@link #VISIT} for NaN. */
  private static long doubleBits(double x) {
    return Double.isNaN(x) ? VISIT : Double.doubleToRawLongBits(x == 0 ? 0.0 : x);
  }

  private static Cmp cmp(Op op) {
    return switch (op) {
      case LT -> Cmp.LT;
      case LE -> Cmp.LE;
      case GT -> Cmp.GT;
      case GE -> Cmp.GE;
      case EQ -> Cmp.EQ;
      default -> null;
    };
  }

  /** {@code a OP b} as {@code b OP' a}. */
  private static Cmp flip(Cmp c) {
    return switch (c) {
      case LT -> Cmp.GT;
      case LE -> Cmp.GE;
      case GT -> Cmp.LT;
      case GE -> Cmp.LE;
      case EQ -> Cmp.EQ;
    };
  }

  /**
   * Whether the comparison is the atom's whole condition: then a column that does not exclude the
   * event ({@link #settles}) says the condition holds, and the step need not evaluate it.
   */
  public boolean whole() {
    return whole;
  }

  /**
   * True when the comparison surely holds for an event whose field is {@code current} and a run
   * whose column is {@code column} (both exact values, not {@link #VISIT}).
   */
  public boolean settles(long current, long column) {
    return column != VISIT && !excludes(current, column) && (column & STRING_TAG) != STRING_TAG;
  }

  /**
   * Which side of the event's value the columns of the runs it can move lie on: 1 below ({@code x >
   * a.x}, {@code x >= a.x}), -1 above ({@code x < a.x}, {@code x <= a.x}), 0 for equality. So that
   * runs can be kept ordered by {@code direction() * column}, those an event moves first.
   */
  public int direction() {
    return switch (cmp) {
      case GT, GE -> 1;
      case LT, LE -> -1;
      case EQ -> 0;
    };
  }

  /** Whether a column equal to the event's value lets the run move ({@code >=}, {@code <=}). */
  public boolean inclusive() {
    return cmp == Cmp.GE || cmp == Cmp.LE;
  }

  /** The binding slot whose event the column is read from, or -1 for {@code prev}. */
  public int slot() {
    return slot;
  }

  /**
   * The column of a run whose earlier event (the binding's, or {@code prev}) is {@code e}; {@code
   * reader}: the caller's own, for arithmetic.
   */
  public long capture(Event e, Reader reader) {
    if (e == null) {
      return VISIT;
    }
    if (earlierArithmetic == null) {
      return bits(e.get(capturedField));
    }
    return numberBits(reader.read(earlierArithmetic, e));
  }

  /**
   * What the tested event's side gives: {@link #VALUE} (then the column value is {@link
   * Reader#value}), {@link #NULL} or {@link #UNSETTLED}.
   */
  public int state(Event e, Reader reader) {
    long b;
    if (currentArithmetic == null) {
      Object v = e.get(field);
      if (v == null) {
        return NULL;
      }
      b = bits(v);
    } else {
      Num n = reader.read(currentArithmetic, e);
      if (!n.isLong() && !n.isDouble()) {
        return NULL; // (arithmetic gives null, or a long or a double)
      }
      b = numberBits(n);
    }
    reader.value = b;
    return b == VISIT ? UNSETTLED : VALUE;
  }

  /**
   * What a guard's arithmetic is evaluated in: the one event it reads, and the scratch it leaves
   * its value in. One per runtime (a guard is shared by every engine its pattern runs in).
   */
  public static final class Reader implements EvalContext {
    private final Num numbers = new Num();
    private Event event;
    private long value;

    /** The column value of the tested event's side, after {@link #state} said {@link #VALUE}. */
    public long value() {
      return value;
    }

    /** {@code a} over {@code e}: its value in {@link #numbers}; the event is let go of after. */
    Num read(Arithmetic a, Event e) {
      event = e;
      try {
        return a.eval(this);
      } finally {
        event = null;
      }
    }

    @Override
    public Event current() {
      return event;
    }

    @Override
    public Event prev() {
      return event;
    }

    @Override
    public Event binding(int slot) {
      return event;
    }

    @Override
    public Num numbers() {
      return numbers;
    }

    @Override
    public Object aggregate(int slot) {
      throw new IllegalStateException("a guard reads no aggregate");
    }
  }

  /**
   * True when an event whose field is {@code current} surely fails the conjunct for a run whose
   * column is {@code column}: then it cannot take the atom.
   */
  public boolean excludes(long current, long column) {
    if (column == VISIT) {
      return false;
    }
    if (cmp == Cmp.EQ) {
      return current != column; // (equal numbers have equal bits: -0.0 is kept as 0.0, NaN not)
    }
    double c = Double.longBitsToDouble(current);
    double k = Double.longBitsToDouble(column);
    return switch (cmp) {
      case LT -> !(c < k);
      case LE -> !(c <= k);
      case GT -> !(c > k);
      case GE -> !(c >= k);
      case EQ -> throw new AssertionError(); // (above)
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
