package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The differential test's renderer writes what {@code motif run} writes (repl's {@code
 * JsonEventWriter}; this expected text was checked against it, Jackson 2.22): declared doubles with
 * a decimal point, nulls written, nested events as objects, Jackson's escapes.
 */
class JsonLinesTest {

  @Test
  void writesEventsAsMotifRunDoes() {
    JsonLines json =
        new JsonLines(
            Harness.parse("event Out(d double, l long, a any, s string)\npattern P match x: Out"));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("d", 3L);
    f.put("l", 3L);
    f.put("a", 3.0);
    f.put("s", "q\"\\\n\t\u0001é/");
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("d", null);
    g.put("x", Double.NaN);
    g.put("z", -0.0);
    g.put("w", 1e-7);
    g.put("u", 123456789.125);
    g.put("nested", Event.of("Out", 7, Map.of("d", 2L)));
    g.put("list", List.of(1L, 2.5, "x", Event.of("A", 1)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", 1L);
    m.put("n", null);
    g.put("map", m);
    assertEquals(
        """
        {"type":"Out","time":5,"d":3.0,"l":3,"a":3.0,"s":"q\\"\\\\\\n\\t\\u0001é/"}
        {"type":"P","time":9,"d":null,"x":"NaN","z":-0.0,"w":1.0E-7,"u":1.23456789125E8,\
        "nested":{"type":"Out","time":7,"d":2.0},"list":[1,2.5,"x",{"type":"A","time":1}],\
        "map":{"k":1,"n":null}}
        """,
        json.render(List.of(Event.of("Out", 5, f), Event.of("P", 9, g))));
  }

  @Test
  void aWholeNumberAndADoubleDiffer() {
    JsonLines json = new JsonLines(Harness.parse("pattern P match x: A"));
    assertEquals(
        "{\"type\":\"P\",\"time\":0,\"v\":3}", json.render(Event.of("P", 0, Map.of("v", 3L))));
    assertEquals(
        "{\"type\":\"P\",\"time\":0,\"v\":3.0}", json.render(Event.of("P", 0, Map.of("v", 3.0))));
  }
}
