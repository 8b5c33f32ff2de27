package io.motif.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Values} against the language's value rules (language.md §11.2, §11.3), computed here
 * another way: {@code long op long} exactly with {@link BigInteger}, a result outside the long
 * range giving null (§11.2: "a long result that overflows gives null rather than a wrapped-around
 * number"); a double operand makes the operation IEEE 754 double arithmetic, done exactly with
 * {@link BigDecimal} and rounded once; division or remainder by zero (either zero) and any null
 * operand give null; numbers compare by exact value ({@code 1 == 1.0}), strings by UTF-16 code
 * units, {@code false < true}; across kinds equality is false and ordering unknown.
 *
 * <p>Two things the rules leave open are settled here as IEEE 754 does: NaN equals nothing and
 * orders with nothing; infinities order beyond every number. Arithmetic on a string or a boolean
 * gives null, as Values documents (the checker refuses it when the types are known).
 *
 * <p>The corners (zeros, NaN, longs beside doubles) have tests of their own besides.
 */
class ValuesReferenceTest {

  // ---- the table: written from the rules, one line a case ----

  /** {@code a op b => result}; ops + - * / % == (equal) <=> (compare) same, and {@code neg a}. */
  private static final String TABLE =
      """
      # long op long is a long; / truncates toward zero; % takes the sign of the dividend
      7 / 2 => 3
      -7 / 2 => -3
      7 / -2 => -3
      -7 / -2 => 3
      7 % 2 => 1
      -7 % 2 => -1
      7 % -2 => 1
      -7 % -2 => -1
      6 * 7 => 42
      2 - 5 => -3
      1 + 2 => 3
      0 / 5 => 0
      # a double operand makes a double
      1 + 2.0 => 3.0
      2.0 * 3 => 6.0
      -7 / 2.0 => -3.5
      6 / 4.0 => 1.5
      7 % 2.5 => 2.0
      -7.5 % 2 => -1.5
      0.5 - 1 => -0.5
      # division or remainder by zero gives null, whatever the kinds and the zero's sign
      7 / 0 => null
      7 % 0 => null
      0 / 0 => null
      7.0 / 0 => null
      7 / 0.0 => null
      7 / -0.0 => null
      7.5 % 0.0 => null
      0.0 / 0.0 => null
      NaN / 0 => null
      Inf % -0.0 => null
      # any null operand gives null
      null + 1 => null
      1 - null => null
      null * null => null
      null / 0 => null
      2.5 % null => null
      neg null => null
      # a long result that overflows gives null, not a wrapped number
      MAX + 1 => null
      MIN - 1 => null
      MIN + -1 => null
      MAX - -1 => null
      MAX * 2 => null
      MIN * -1 => null
      4294967296 * 4294967296 => null
      MIN / -1 => null
      neg MIN => null
      MAX + MIN => -1
      MIN % -1 => 0
      MIN / 1 => MIN
      neg MAX => -9223372036854775807
      MAX * -1 => -9223372036854775807
      3037000499 * 3037000499 => 9223372030926249001
      # doubles do not give null on overflow: IEEE 754 goes to infinity
      1e308 * 10 => Inf
      MAX + 1.0 => 9.223372036854775807E18
      Inf - Inf => NaN
      # no arithmetic on strings or booleans
      "1" + 1 => null
      true * 2 => null
      neg "a" => null
      # equality: numbers by value, null unknown, across kinds false
      1 == 1.0 => true
      0 == -0.0 => true
      2 == 2.5 => false
      "a" == "a" => true
      "a" == "A" => false
      true == true => true
      1 == "1" => false
      1 == true => false
      "true" == true => false
      null == 1 => null
      null == null => null
      NaN == NaN => false
      # keys compare as typed values: 1 is 1.0; "1", 1 and true are three keys
      1 same 1.0 => true
      "1" same 1 => false
      1 same true => false
      "1" same true => false
      # ordering: numbers by value, strings by UTF-16 code units, false < true; else unknown
      1 <=> 1.5 => -1
      2.0 <=> 2 => 0
      3 <=> -3.5 => 1
      MIN <=> MAX => -1
      -Inf <=> MIN => -1
      Inf <=> 1e308 => 1
      false <=> true => -1
      true <=> true => 0
      "B" <=> "a" => -1
      "ab" <=> "a" => 1
      "" <=> "a" => -1
      1 <=> "1" => unknown
      true <=> 1 => unknown
      "a" <=> false => unknown
      null <=> 1 => unknown
      1 <=> null => unknown
      NaN <=> 1 => unknown
      """;

  @TestFactory
  Stream<DynamicTest> table() {
    return TABLE
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(
            line -> {
              String[] sides = line.split(" => ");
              String[] t = sides[0].split(" ");
              Object result = sides[1].equals("unknown") ? null : literal(sides[1]);
              // An order is an int: -1, 0 or 1.
              Object expected =
                  t[1].equals("<=>") && result != null
                      ? (Object) ((Long) result).intValue()
                      : result;
              return DynamicTest.dynamicTest(
                  line,
                  () -> {
                    Object actual =
                        t[0].equals("neg")
                            ? Values.negate(literal(t[1]))
                            : apply(t[1], literal(t[0]), literal(t[2]));
                    assertEquals(show(expected), show(actual), line);
                  });
            });
  }

  /** A literal of the table: a long, a double, "text", true, false, null, MIN, MAX, NaN, Inf. */
  private static Object literal(String s) {
    return switch (s) {
      case "null" -> null;
      case "true", "false" -> Boolean.valueOf(s);
      case "MIN" -> Long.MIN_VALUE;
      case "MAX" -> Long.MAX_VALUE;
      case "NaN" -> Double.NaN;
      case "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default ->
          s.startsWith("\"")
              ? s.substring(1, s.length() - 1)
              : s.matches("-?[0-9]+") ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
    };
  }

  private static Object apply(String op, Object a, Object b) {
    return switch (op) {
      case "+" -> Values.add(a, b);
      case "-" -> Values.subtract(a, b);
      case "*" -> Values.multiply(a, b);
      case "/" -> Values.divide(a, b);
      case "%" -> Values.remainder(a, b);
      case "==" -> Values.equal(a, b);
      case "same" -> Values.same(a, b);
      case "<=>" -> order(a, b);
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** Values.compare as -1, 0, 1, or null for unknown. */
  private static Integer order(Object a, Object b) {
    int c = Values.compare(a, b);
    return c == Integer.MIN_VALUE ? null : Integer.signum(c);
  }

  /** A value with its class, so that 3 and 3.0 differ; any NaN shows alike. */
  private static String show(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
  }

  // ---- the reference, for generated values ----

  static Object expectedArithmetic(String op, Object a, Object b) {
    if (!isNumber(a) || !isNumber(b)) {
      return null; // a null operand, or no number at all
    }
    if (a instanceof Long x && b instanceof Long y) {
      BigInteger p = BigInteger.valueOf(x);
      BigInteger q = BigInteger.valueOf(y);
      if ((op.equals("/") || op.equals("%")) && q.signum() == 0) {
        return null;
      }
      BigInteger r =
          switch (op) {
            case "+" -> p.add(q);
            case "-" -> p.subtract(q);
            case "*" -> p.multiply(q);
            case "/" -> p.divide(q); // BigInteger truncates toward zero
            default -> p.remainder(q); // and its remainder takes the dividend's sign
          };
      return r.bitLength() < 64 ? (Object) r.longValue() : null;
    }
    double x = toDouble(a);
    double y = toDouble(b);
    if ((op.equals("/") || op.equals("%")) && y == 0) {
      return null;
    }
    return ieee(op, x, y);
  }

  private static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double;
  }

  /** A long made a double: the nearest one, as BigDecimal rounds. */
  private static double toDouble(Object n) {
    return n instanceof Long l ? new BigDecimal(l).doubleValue() : (Double) n;
  }

  /**
   * One IEEE 754 operation: exact, then rounded once to the nearest double (BigDecimal's
   * doubleValue rounds so, ties to even); non-finite operands by the standard's table.
   */
  static double ieee(String op, double x, double y) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      BigDecimal p = new BigDecimal(x);
      BigDecimal q = new BigDecimal(y);
      return switch (op) {
        case "+" -> p.add(q).doubleValue();
        case "-" -> p.subtract(q).doubleValue();
        case "*" -> p.multiply(q).doubleValue();
        case "/" -> quotient(p, q);
        default -> p.remainder(q).doubleValue(); // exact, and a remainder always fits a double
      };
    }
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.NaN;
    }
    switch (op) {
      case "+":
        return Double.isInfinite(x) && Double.isInfinite(y) && x != y
            ? Double.NaN
            : Double.isInfinite(x) ? x : y;
      case "-":
        return ieee("+", x, -y);
      case "*":
        return x == 0 || y == 0
            ? Double.NaN
            : Math.signum(x) * Math.signum(y) * Double.POSITIVE_INFINITY;
      case "/":
        return Double.isInfinite(x) && Double.isInfinite(y)
            ? Double.NaN
            : Double.isInfinite(x)
                ? Math.signum(x) * Math.signum(y) * Double.POSITIVE_INFINITY
                : 0.0;
      default:
        return Double.isInfinite(x) ? Double.NaN : x;
    }
  }

  /**
   * The double nearest p / q, ties to even. A quotient rarely ends, and rounding it to some digits
   * first could land on a tie that is none (or miss one), so: an estimate, then whichever of it and
   * its neighbours c leaves the smallest |p - c q|, exactly.
   */
  private static double quotient(BigDecimal p, BigDecimal q) {
    double estimate = p.divide(q, MathContext.DECIMAL128).doubleValue();
    if (Double.isInfinite(estimate)) {
      return estimate;
    }
    double best = Double.NaN;
    BigDecimal bestDistance = null;
    for (double c : new double[] {Math.nextDown(estimate), estimate, Math.nextUp(estimate)}) {
      if (Double.isInfinite(c)) {
        continue;
      }
      BigDecimal distance = p.subtract(new BigDecimal(c).multiply(q)).abs();
      int against = bestDistance == null ? -1 : distance.compareTo(bestDistance);
      if (against < 0 || (against == 0 && (Double.doubleToLongBits(c) & 1) == 0)) {
        best = c;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Kinds as the rules name them: 1 number, 2 string, 3 boolean. */
  private static int kind(Object v) {
    return isNumber(v) ? 1 : v instanceof String ? 2 : 3;
  }

  /** -1, 0, 1, or null for unknown. */
  static Integer expectedOrder(Object a, Object b) {
    if (a == null || b == null || kind(a) != kind(b)) {
      return null;
    }
    if (a instanceof String s && b instanceof String t) {
      for (int i = 0; i < Math.min(s.length(), t.length()); i++) {
        if (s.charAt(i) != t.charAt(i)) {
          return s.charAt(i) < t.charAt(i) ? -1 : 1;
        }
      }
      return Integer.signum(s.length() - t.length());
    }
    if (a instanceof Boolean p && b instanceof Boolean q) {
      return Integer.signum((p ? 1 : 0) - (q ? 1 : 0));
    }
    if (isNaN(a) || isNaN(b)) {
      return null;
    }
    int ra = infinity(a);
    int rb = infinity(b);
    if (ra != 0 || rb != 0) {
      return Integer.signum(ra - rb);
    }
    return exact(a).compareTo(exact(b));
  }

  static Boolean expectedEqual(Object a, Object b) {
    return a == null || b == null ? null : expectedSame(a, b);
  }

  static boolean expectedSame(Object a, Object b) {
    return kind(a) == kind(b) && Objects.equals(expectedOrder(a, b), 0);
  }

  private static boolean isNaN(Object n) {
    return n instanceof Double d && d.isNaN();
  }

  private static int infinity(Object n) {
    return n instanceof Double d && d.isInfinite() ? (d > 0 ? 1 : -1) : 0;
  }

  private static BigDecimal exact(Object n) {
    return n instanceof Long l ? new BigDecimal(l) : new BigDecimal((Double) n);
  }

  // ---- corners: zeros, NaN, longs beside doubles ----

  /** -0.0 equals 0, so it orders as 0 too: {@code x >= 0} holds for x = -0.0. */
  @Test
  void negativeZeroOrdersAsZero() {
    assertEquals(0, order(-0.0, 0.0));
    assertEquals(0, order(0.0, -0.0));
    assertEquals(0, order(0L, -0.0));
    assertEquals(0, order(-0.0, 0L));
  }

  /** NaN orders with nothing, itself included, as {@code NaN == NaN} is false. */
  @Test
  void nanDoesNotOrderWithNan() {
    assertNull(order(Double.NaN, Double.NaN));
  }

  /** Numbers compare by exact value: a long is never rounded to a double to be compared. */
  @Test
  void longsAndDoublesCompareByExactValue() {
    long big = (1L << 53) + 1;
    double near = 0x1p53;
    assertFalse(Values.same(big, near));
    assertEquals(1, order(big, near));
    assertFalse(Values.same(Long.MAX_VALUE, 0x1p63));
    assertEquals(-1, order(Long.MAX_VALUE, 0x1p63));
  }

  // ---- generated values ----

  private static final Gen<Long> LONGS = Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE);
  private static final List<Object> LONG_EDGES =
      List.of(
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          Long.MIN_VALUE + 1,
          Long.MAX_VALUE - 1,
          0L,
          1L,
          -1L,
          2L,
          -2L,
          1L << 53,
          (1L << 53) + 1,
          -(1L << 53) - 1,
          1L << 62,
          3_037_000_499L,
          3_037_000_500L,
          -3_037_000_500L,
          4_294_967_296L);
  private static final List<Object> DOUBLE_EDGES =
      List.of(
          0.0,
          -0.0,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE,
          -Double.MIN_VALUE,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          0x1p53,
          0x1p63,
          -0x1p63,
          0.5,
          -2.5,
          1e-300,
          1.0,
          -1.0);
  private static final List<Object> STRINGS =
      List.of("", "a", "b", "A", "ab", "aa", "\u00e9", "\uD83D\uDE00", "\uFFFF", "1", "true");

  private static Object pick(Random r, List<Object> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** Longs of every size, their edges, small ones (zeros, signs), doubles likewise. */
  static Object number(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> LONGS.next(r);
      case 1 -> pick(r, LONG_EDGES);
      case 2 -> (long) r.nextInt(-20, 21);
      case 3 -> pick(r, DOUBLE_EDGES);
      case 4 -> Double.longBitsToDouble(r.nextLong());
      case 5 -> r.nextInt(-40, 41) / 4.0;
      default -> r.nextDouble(-1e6, 1e6);
    };
  }

  static Object value(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1, 2 -> pick(r, STRINGS);
      case 3 -> r.nextBoolean();
      default -> number(r);
    };
  }

  /** The other operand: often a near neighbour of the first, of the other numeric kind. */
  static Object partner(Random r, Object a, boolean numbersOnly) {
    if (r.nextInt(3) == 0 && a instanceof Long l) {
      double d = l;
      return r.nextBoolean() ? d : Math.nextUp(d);
    }
    if (r.nextInt(3) == 0 && a instanceof Double d && Double.isFinite(d) && Math.abs(d) < 0x1p63) {
      return (long) (double) d + r.nextInt(-2, 3);
    }
    return numbersOnly ? number(r) : value(r);
  }

  record Case(Object a, Object b) {
    @Override
    public String toString() {
      return show(a) + ", " + show(b);
    }
  }

  private static Gen<Case> cases(boolean numbersOnly) {
    return Gen.of(
        r -> {
          Object a = r.nextInt(20) == 0 ? null : numbersOnly ? number(r) : value(r);
          return new Case(a, partner(r, a, numbersOnly));
        },
        c -> {
          List<Case> out = new ArrayList<>();
          Gen.simpler(c.a()).forEach(a -> out.add(new Case(a, c.b())));
          Gen.simpler(c.b()).forEach(b -> out.add(new Case(c.a(), b)));
          return out;
        });
  }

  @TestFactory
  Stream<DynamicTest> arithmeticAgreesWithTheReference() {
    return Stream.of("+", "-", "*", "/", "%")
        .map(
            op ->
                DynamicTest.dynamicTest(
                    op,
                    () ->
                        // 4000 a operator: exact arithmetic on doubles 600 orders of magnitude
                        // apart is slow.
                        Property.check(
                            4_000,
                            cases(true),
                            c -> {
                              Object expected = expectedArithmetic(op, c.a(), c.b());
                              Object actual = apply(op, c.a(), c.b());
                              assertTrue(
                                  sameResult(expected, actual),
                                  () ->
                                      c.a()
                                          + " "
                                          + op
                                          + " "
                                          + c.b()
                                          + ": expected "
                                          + show(expected)
                                          + " but was "
                                          + show(actual));
                            })));
  }

  /** Same class and value; doubles by ==, so a zero's sign is not judged (the rules are silent). */
  private static boolean sameResult(Object expected, Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      return e.isNaN() ? a.isNaN() : e.doubleValue() == a.doubleValue();
    }
    return Objects.equals(expected, actual);
  }

  @Test
  void negationAgreesWithTheReference() {
    Property.check(
        10_000,
        cases(true),
        c -> {
          Object expected = expectedArithmetic("-", 0L, c.a()); // 0 - a, which overflows for MIN
          Object actual = Values.negate(c.a());
          assertTrue(
              sameResult(expected, actual),
              () ->
                  "neg "
                      + show(c.a())
                      + ": expected "
                      + show(expected)
                      + " but was "
                      + show(actual));
        });
  }

  @Test
  void equalityAndOrderAgreeWithTheReference() {
    Property.check(
        10_000,
        cases(false),
        c -> {
          Object a = c.a();
          Object b = c.b();
          assertEquals(expectedEqual(a, b), Values.equal(a, b), () -> "equal " + c);
          if (a != null && b != null) {
            assertEquals(expectedSame(a, b), Values.same(a, b), () -> "same " + c);
          }
          assertEquals(expectedOrder(a, b), order(a, b), () -> "compare " + c);
          assertEquals(expectedOrder(b, a), order(b, a), () -> "compare " + c + ", swapped");
        });
  }
}
