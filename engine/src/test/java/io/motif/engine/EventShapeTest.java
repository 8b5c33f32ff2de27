package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventShapeTest {
  @Test
  void eventsWithTheSameNamesShareOneShape() {
    EventShape s = EventShape.of("user", "ok");
    assertSame(s, EventShape.of(new String("user"), new String("ok")));
    Event a = Event.of("Login", 1, Map.of("user", "al"));
    Event b = Event.of("Logout", 2, Map.of("user", "bo"));
    assertSame(a.shape(), b.shape());
    assertEquals(List.of("user", "ok"), s.names());
  }

  @Test
  void repeatedNamesAndWrongCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> EventShape.of("a", "a"));
    EventShape s = EventShape.of("a", "b");
    assertThrows(IllegalArgumentException.class, () -> Event.of("T", 0, s, 1L));
  }

  @Test
  void anEventOfAShapeEqualsTheSameEventFromAMap() {
    EventShape s = EventShape.of("a", "b", "c", "d", "e", "f"); // past the four held inline
    Event e = Event.of("T", 5, s, 1, 2.5f, "x", true, null, 6L);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("a", 1L);
    fields.put("b", 2.5);
    fields.put("c", "x");
    fields.put("d", true);
    fields.put("e", null);
    fields.put("f", 6L);
    assertEquals(Event.of("T", 5, fields), e);
    assertEquals(fields, e.fields());
    assertEquals(1L, e.get("a")); // integers widened
    assertEquals(2.5, e.get("b")); // floats widened
    assertEquals(6L, e.get("f"));
    assertNull(e.get("g"));
    assertEquals("T(a: 1, b: 2.5, c: \"x\", d: true, e: null, f: 6) at 5", e.toString());
    // Field order is part of the shape; events compare by names, not by order.
    Event reordered =
        Event.of("T", 5, EventShape.of("f", "e", "d", "c", "b", "a"), 6L, null, true, "x", 2.5, 1L);
    assertNotEquals(e.shape(), reordered.shape());
    assertEquals(e, reordered);
  }
}
