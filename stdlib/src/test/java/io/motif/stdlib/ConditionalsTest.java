package io.motif.stdlib;

import static io.motif.stdlib.Calls.assertValue;
import static io.motif.stdlib.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.function.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalsTest {
  private static void is(Object expected, String name, Object... args) {
    assertValue(expected, call(name, args), name + Arrays.toString(args));
  }

  @Test
  void seeNulls() {
    assertTrue(Calls.scalar("if").acceptsNulls());
    assertTrue(Calls.scalar("coalesce").acceptsNulls());
    assertTrue(Calls.scalar("nullif").acceptsNulls());
  }

  @Test
  void ifOnlyTrueTakesTheFirstBranch() {
    is("yes", "if", true, "yes", "no");
    is("no", "if", false, "yes", "no");
    is("no", "if", null, "yes", "no"); // unknown is not true
    is("no", "if", "true", "yes", "no"); // a string is not a boolean
    is(null, "if", true, null, "no");
    is(null, "if", false, "yes", null);
    is(2L, "if", true, 2L, 3.5); // no conversion at run time
  }

  @Test
  void coalesce() {
    is("n/a", "coalesce", null, "n/a");
    is(1L, "coalesce", 1L, 2L);
    is(null, "coalesce", (Object) null);
    is(null, "coalesce", null, null);
    is(3L, "coalesce", null, null, 3L);
    is(4L, "coalesce", null, null, null, 4L, 5L);
    is(null, "coalesce", null, null, null, null);
    Map<String, Object> event = Map.of("type", "Login");
    assertEquals(event, call("coalesce", null, event));
  }

  @Test
  void nullif() {
    is(null, "nullif", "", "");
    is(5L, "nullif", 5L, 0L);
    is(null, "nullif", 1L, 1.0); // numbers by value
    is("1", "nullif", "1", 1L); // different kinds are not equal
    is(null, "nullif", null, 1L);
    is(7L, "nullif", 7L, null); // nothing equals null
    is(null, "nullif", null, null);
  }

  @Test
  void resultTypes() {
    var iff = Calls.scalar("if");
    assertEquals(Type.STRING, iff.resultType(List.of(Type.BOOLEAN, Type.STRING, Type.STRING)));
    // A long or a double, passed through unconverted: known only at run time.
    assertEquals(Type.ANY, iff.resultType(List.of(Type.BOOLEAN, Type.LONG, Type.DOUBLE)));
    assertEquals(Type.LONG, iff.resultType(List.of(Type.BOOLEAN, Type.LONG, Type.NULL)));
    assertEquals(Type.ANY, iff.resultType(List.of(Type.BOOLEAN, Type.LONG, Type.STRING)));
    assertNull(iff.resultType(List.of(Type.LONG, Type.LONG, Type.LONG)));
    assertNull(iff.resultType(List.of(Type.BOOLEAN, Type.LONG)));
    var nullif = Calls.scalar("nullif");
    assertEquals(Type.LONG, nullif.resultType(List.of(Type.LONG, Type.DOUBLE)));
    assertEquals(Type.STRING, nullif.resultType(List.of(Type.STRING, Type.ANY)));
    assertNull(nullif.resultType(List.of(Type.STRING, Type.LONG)));
    assertEquals(Type.ANY, Calls.scalar("coalesce").resultType(List.of(Type.NULL, Type.NULL)));
    assertEquals(Type.LONG, Calls.scalar("coalesce").resultType(List.of(Type.NULL, Type.LONG)));
    assertNull(Calls.scalar("coalesce").resultType(List.of()));
  }
}
