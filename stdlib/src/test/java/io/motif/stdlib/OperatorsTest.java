package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import org.junit.jupiter.api.Test;

/** The operators {@code like} and {@code matches}, as the engine finds them: registered apart. */
class OperatorsTest {
  private static final FunctionRegistry STANDARD = FunctionRegistry.standard();

  @Test
  void theOperatorsAreRegisteredButAreNoFunctions() {
    for (String name : new String[] {"like", "matches"}) {
      ScalarFunction f = STANDARD.operator(name);
      assertEquals(name, f.name());
      assertNull(STANDARD.scalar(name), name + " is not callable by name");
      assertTrue(STANDARD.copy().operator(name) == f, "a copy keeps " + name);
    }
  }

  @Test
  void likeIsTextLike() {
    ScalarFunction like = STANDARD.operator("like");
    assertEquals(true, like.apply2("order-17", "order-%"));
    assertEquals(false, like.apply2("ab", "a_c"));
    assertEquals(true, like.apply2("50%", "50\\%"));
    assertNull(like.apply2("a", "a\\"), "a pattern ending in a lone backslash");
    assertNull(like.apply2(null, "%"));
    assertNull(like.apply2(1L, "%"), "not a string");
  }

  @Test
  void matchesIsTextMatches() {
    ScalarFunction matches = STANDARD.operator("matches");
    assertEquals(true, matches.apply2("ab-123", "[a-z]+-\\d+"));
    assertEquals(false, matches.apply2("ab-123x", "[a-z]+-\\d+"));
    assertNull(matches.apply2("x", "["), "an invalid expression");
    assertNull(matches.apply2("x", null));
  }
}
