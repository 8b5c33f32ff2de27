package io.motif.stdlib;

import static io.motif.stdlib.Calls.assertValue;
import static io.motif.stdlib.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.motif.function.Type;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {
  private static void is(Object expected, String name, Object... args) {
    assertValue(expected, call(name, args), name + Arrays.toString(args));
  }

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void nullArgumentsGiveNull() {
    for (String f :
        List.of("abs", "round", "floor", "ceil", "sqrt", "exp", "ln", "log10", "sign")) {
      is(null, f, (Object) null);
    }
    is(null, "round", null, 2L);
    is(null, "round", 2.5, null);
    is(null, "pow", null, 2L);
    is(null, "pow", 2L, null);
    is(null, "greatest", 1L, null, 3L);
    is(null, "least", null, 1L);
  }

  @Test
  void abs() {
    is(3L, "abs", -3L);
    is(0L, "abs", 0L);
    is(Long.MAX_VALUE, "abs", -Long.MAX_VALUE);
    is(null, "abs", Long.MIN_VALUE); // overflow
    is(2.5, "abs", -2.5);
    is(0.0, "abs", -0.0);
    is(null, "abs", INF);
    is(null, "abs", NAN);
    is(3L, "abs", -3); // an Integer from a user's function is a long
    is(null, "abs", "3"); // a string in an untyped field
  }

  @Test
  void round() {
    is(3.0, "round", 2.5);
    is(-3.0, "round", -2.5);
    is(2.0, "round", 2.4999999999999996);
    is(0.0, "round", 0.49999999999999994); // Math.floor(x + 0.5) gets this one wrong
    is(0.0, "round", -0.4); // not -0.0
    is(7L, "round", 7L);
    is(4503599627370497.0, "round", 4503599627370497.0); // already whole
    is(null, "round", INF);
    is(null, "round", NAN);
  }

  @Test
  void roundToDigits() {
    is(2.57, "round", 2.567, 2L);
    is(2.68, "round", 2.675, 2L); // the number as written, not its binary neighbour
    is(-2.68, "round", -2.675, 2L);
    is(1200.0, "round", 1234.5, -2L);
    is(0.0, "round", -0.001, 2L);
    is(1.5, "round", 1.5, 400L);
    is(1.5, "round", 1.5, Long.MAX_VALUE);
    is(0.0, "round", 1.5e300, Long.MIN_VALUE);
    is(null, "round", 1.7e308, -308L); // 2e308 overflows a double
    is(2.57, "round", 2.567, 2.0); // a whole double from an untyped field
    is(null, "round", 2.567, 2.5);
    is(1300L, "round", 1250L, -2L);
    is(-1300L, "round", -1250L, -2L);
    is(1234L, "round", 1234L, 3L);
    is(0L, "round", 1234L, -5L);
    is(0L, "round", Long.MAX_VALUE, -20L);
    is(null, "round", Long.MAX_VALUE, -19L); // 10^19 does not fit
    is(null, "round", Long.MAX_VALUE, -1L); // ...807 rounds up to ...810
    is(9223372036854775800L, "round", 9223372036854775800L, -1L);
    is(null, "round", Long.MIN_VALUE + 2, -1L);
    is(-9223372036854775800L, "round", Long.MIN_VALUE + 10, -1L);
  }

  @Test
  void floorAndCeil() {
    is(-3.0, "floor", -2.5);
    is(2.0, "floor", 2.9);
    is(5L, "floor", 5L);
    is(Long.MIN_VALUE, "floor", Long.MIN_VALUE);
    is(3.0, "ceil", 2.1);
    is(0.0, "ceil", -0.5); // not -0.0
    is(-5L, "ceil", -5L);
    is(null, "ceil", INF);
    is(null, "floor", NAN);
  }

  @Test
  void sqrtPowExpLogs() {
    is(4.0, "sqrt", 16L);
    is(1.4142135623730951, "sqrt", 2.0);
    is(0.0, "sqrt", -0.0);
    is(null, "sqrt", -1L);
    is(null, "sqrt", INF);
    is(1024.0, "pow", 2L, 10L);
    is(0.5, "pow", 2L, -1L);
    is(1.0, "pow", 0L, 0L);
    is(null, "pow", 0L, -1L); // infinity
    is(null, "pow", -8L, 0.5); // not real
    is(null, "pow", -8.0, 1.0 / 3); // Java's pow has no real cube roots of negatives
    is(null, "pow", 10L, 400L); // overflow
    is(0.0, "pow", 10L, -400L); // underflow is zero, a finite number
    is(1.0, "exp", 0L);
    is(Math.E, "exp", 1L);
    is(null, "exp", 710L);
    is(0.0, "exp", -1000L);
    is(0.0, "ln", 1L);
    is(1.0, "ln", Math.E);
    is(null, "ln", 0L);
    is(null, "ln", -1.0);
    is(3.0, "log10", 1000L);
    is(-2.0, "log10", 0.01);
    is(null, "log10", 0.0);
    is(null, "log10", -10L);
  }

  @Test
  void sign() {
    is(-1L, "sign", -7L);
    is(0L, "sign", 0L);
    is(1L, "sign", Long.MAX_VALUE);
    is(-1L, "sign", Long.MIN_VALUE);
    is(-1.0, "sign", -0.5);
    is(0.0, "sign", -0.0);
    is(1.0, "sign", INF); // the sign of an infinity is finite
    is(null, "sign", NAN);
  }

  @Test
  void greatestAndLeast() {
    is(7L, "greatest", 3L, 7L, 5L);
    is(7.5, "greatest", 3L, 7.5, 5L);
    is(5.0, "greatest", 3L, 2.5, 5L); // a double among the arguments makes a double
    is(3L, "greatest", 3L);
    is(3.0, "greatest", 3.0);
    is(1L, "least", 3L, 1L);
    is(-1.0, "least", 3L, -1.0);
    is("apple", "least", "pear", "apple", "fig");
    is("pear", "greatest", "pear", "apple", "fig");
    is(true, "greatest", false, true);
    is(false, "least", true, false, true);
    is(9L, "greatest", 1L, 2L, 3L, 4L, 9L, 5L); // more than three arguments
    is(null, "greatest", 1L, "a"); // different kinds do not compare
    is(null, "least", "a", 1L, 2L);
    is(null, "greatest", 1.0, NAN);
    is(null, "greatest", List.of(1L), List.of(2L));
    is(1.0, "greatest", 1L, 1.0); // equal: the first, as a double since a double took part
    is(0.0, "greatest", -0.0);
    is(null, "least", Double.NEGATIVE_INFINITY, 1L); // not a finite number
  }

  @Test
  void resultTypes() {
    var abs = Calls.scalar("abs");
    assertEquals(Type.LONG, abs.resultType(List.of(Type.LONG)));
    assertEquals(Type.DOUBLE, abs.resultType(List.of(Type.DOUBLE)));
    assertEquals(Type.ANY, abs.resultType(List.of(Type.ANY)));
    assertNull(abs.resultType(List.of(Type.STRING)));
    assertNull(abs.resultType(List.of(Type.LONG, Type.LONG)));
    var round = Calls.scalar("round");
    assertEquals(Type.DOUBLE, round.resultType(List.of(Type.DOUBLE, Type.LONG)));
    assertNull(round.resultType(List.of(Type.DOUBLE, Type.DOUBLE)));
    assertEquals(Type.DOUBLE, Calls.scalar("sqrt").resultType(List.of(Type.LONG)));
    assertNull(Calls.scalar("sqrt").resultType(List.of(Type.STRING)));
    var greatest = Calls.scalar("greatest");
    assertEquals(Type.LONG, greatest.resultType(List.of(Type.LONG, Type.LONG)));
    assertEquals(Type.DOUBLE, greatest.resultType(List.of(Type.LONG, Type.DOUBLE)));
    assertEquals(Type.STRING, greatest.resultType(List.of(Type.STRING, Type.NULL)));
    assertEquals(Type.ANY, greatest.resultType(List.of(Type.LONG, Type.ANY)));
    assertNull(greatest.resultType(List.of(Type.LONG, Type.STRING)));
    assertNull(greatest.resultType(List.of(Type.EVENT)));
    assertNull(greatest.resultType(List.of()));
  }
}
