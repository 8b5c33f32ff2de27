package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.FieldType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonEventWriterTest {
  private static String write(Event... events) throws IOException {
    StringWriter out = new StringWriter();
    JsonEventWriter w = new JsonEventWriter(out);
    for (Event e : events) {
      w.write(e);
    }
    w.flush();
    return out.toString();
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void typeTimeThenFieldsInOrder() throws IOException {
    assertEquals(
        "{\"type\":\"Alert\",\"time\":30000,\"user\":\"al\",\"attempts\":3,\"ok\":true,"
            + "\"gone\":null}\n{\"type\":\"B\",\"time\":-1}\n",
        write(
            Event.of("Alert", 30000, map("user", "al", "attempts", 3L, "ok", true, "gone", null)),
            Event.of("B", -1)));
  }

  @Test
  void doublesAreWrittenAsDecimalsEvenWhenWhole() throws IOException {
    // The writer goes by the Java type; the schema's conforming makes a declared double a Double.
    EventSchema schema =
        JsonLinesReaderTest.schema(
            "P", JsonLinesReaderTest.fields("price", FieldType.DOUBLE, "n", FieldType.LONG));
    assertEquals(
        "{\"type\":\"P\",\"time\":0,\"price\":3.0,\"n\":3,\"x\":3.0,\"y\":0.1}\n",
        write(schema.conform(Event.of("P", 0, map("price", 3L, "n", 3L, "x", 3.0, "y", 0.1)))));
  }

  @Test
  void stringsAreEscaped() throws IOException {
    assertEquals(
        "{\"type\":\"S\",\"time\":0,\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001é€\"}\n",
        write(Event.of("S", 0, map("s", "q\"b\\n\nt\tc\u0001é€"))));
  }

  @Test
  void nestedEventsListsAndMapsAreJson() throws IOException {
    Event a = Event.of("A", 1, map("x", 1L));
    Event b = Event.of("B", 2, map());
    assertEquals(
        "{\"type\":\"P\",\"time\":2,\"a\":{\"type\":\"A\",\"time\":1,\"x\":1},"
            + "\"bs\":[{\"type\":\"B\",\"time\":2}],\"none\":[],\"m\":{\"k\":[1,\"v\",null]}}\n",
        write(
            Event.of(
                "P",
                2,
                map(
                    "a",
                    a,
                    "bs",
                    List.of(b),
                    "none",
                    List.of(),
                    "m",
                    map("k", Arrays.asList(1L, "v", null))))));
  }
}
