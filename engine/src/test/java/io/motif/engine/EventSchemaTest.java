package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declared types of a script and the one conversion of input values to them. */
class EventSchemaTest {
  private static final EventSchema SCHEMA =
      Motif.compile("rules", "event R(n long, d double, t time, s string, b boolean, a any)")
          .script()
          .schema();

  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void aScriptsSchemaHasItsDeclaredTypesInOrder() {
    EventType r = SCHEMA.type("R");
    assertEquals(List.of("n", "d", "t", "s", "b", "a"), r.shape().names());
    assertEquals(FieldType.TIME, SCHEMA.fieldType("R", "t"));
    assertEquals("time", FieldType.TIME.label());
    assertNull(SCHEMA.fieldType("R", "x"));
    assertNull(SCHEMA.type("Other"));
  }

  @Test
  void sendConformsLeniently() {
    Event in =
        Event.of("R", 0, fields("n", 3.0, "d", 2L, "t", "2024-01-01 10:00:00", "s", 5L, "x", 1L));
    Event out = SCHEMA.conform(in);
    assertEquals(3L, out.get("n"));
    assertEquals(2.0, out.get("d"));
    assertEquals(1704103200000L, out.get("t"));
    assertEquals(5L, out.get("s")); // not convertible: left as it is
    assertEquals(1L, out.get("x")); // undeclared
    assertSame(out, SCHEMA.conform(out)); // conformed once
    Event fine = Event.of("R", 0, fields("n", 1L, "d", 1.5));
    assertSame(fine, SCHEMA.conform(fine)); // nothing to change: the same event
  }

  @Test
  void readersConvertStrictly() throws BadEventException {
    assertEquals(3L, SCHEMA.convert("R", "n", 3.0));
    assertEquals(1704067200000L, SCHEMA.convert("R", "t", "2024-01-01"));
    assertEquals(
        "field n of R is long, not a decimal number (3.5)",
        assertThrows(BadEventException.class, () -> SCHEMA.convert("R", "n", 3.5)).getMessage());
    assertEquals(
        "field t of R is a time, but \"soon\" is not an ISO-8601 time such as"
            + " 2024-01-01T10:00:00Z",
        assertThrows(BadEventException.class, () -> SCHEMA.convert("R", "t", "soon")).getMessage());
    assertEquals(Boolean.TRUE, SCHEMA.convertText("R", "b", "TRUE"));
    assertEquals(12L, SCHEMA.convertText("R", "t", "12"));
    assertEquals(2.5, SCHEMA.convertText("Other", "x", "2.5"));
  }
}
