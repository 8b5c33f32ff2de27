package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partition keeps the rows that wait for a comparison with their first event ({@code a: A -> b:
 * B(x > a.x)} waiting at {@code a}) ordered by the compared value once it holds {@code
 * orderRowsFrom} of them. (That the order changes no match is {@code
 * io.motif.reference.OrderedRowsReferenceTest}.)
 */
class OrderedRowsTest {
  @Test
  void aPartitionIsOrderedFromItsThreshold() {
    Compilation c =
        Motif.compile(
            "ordered.motif",
            "pattern G partition by k match a: A -> b: B(x > a.x) within 1 min"
                + " emit G(ax: a.x, bx: b.x)");
    assertFalse(c.hasErrors(), c.render());
    Engine engine = Engine.builder().orderRowsFrom(8).build();
    engine.deploy(c.script());
    List<String> out = new ArrayList<>();
    engine.subscribe("G", e -> out.add(e.fields().toString()));
    for (int i = 0; i < 7; i++) {
      engine.send(event("A", i, 50L + i));
    }
    engine.send(event("B", 7, 1L));
    assertEquals(0, engine.orderedSteps(), "7 waiting rows: passed over one by one");
    engine.send(event("A", 8, 60L));
    engine.send(event("B", 9, 53L)); // 8 rows: from the order, which gives a.x 50, 51, 52
    assertEquals(1, engine.orderedSteps());
    assertEquals(List.of("{ax=50, bx=53}", "{ax=51, bx=53}", "{ax=52, bx=53}"), out);
  }

  private static Event event(String type, long time, long x) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("k", 0L);
    f.put("x", x);
    return Event.of(type, time, f);
  }
}
