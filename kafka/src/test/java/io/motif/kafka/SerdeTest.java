package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.kafka.internal.Envelope;
import io.motif.kafka.internal.EnvelopeSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The JSON serde of the topics and the exact binary form of the log and repartition topic. */
class SerdeTest {
  private final JsonEventSerde json =
      JsonEventSerde.forScript(
          Scenarios.compile(
              """
      event Reading(device string, celsius double, count long)
      """));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void jsonReadsDeclaredTypesAndWritesTheWayMotifRunDoes() {
    Event e =
        json.deserializer()
            .deserialize(
                "t",
                utf8(
                    "{\"type\":\"Reading\",\"time\":\"2024-01-01T00:00:01Z\",\"device\":\"d1\","
                        + "\"celsius\":21,\"count\":3}"));
    assertEquals(1704067201000L, e.time());
    assertEquals(21.0, e.get("celsius"));
    assertEquals(
        "{\"type\":\"Reading\",\"time\":1704067201000,\"device\":\"d1\","
            + "\"celsius\":21.0,\"count\":3}",
        new String(json.serializer().serialize("t", e), StandardCharsets.UTF_8));
  }

  @Test
  void badRecordsAreSerializationExceptionsThatSayWhy() {
    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> json.deserializer().deserialize("t", utf8("{\"type\":\"Reading\"}")));
    assertEquals("not a Motif event: no \"time\" field with the event time", e.getMessage());
    e =
        assertThrows(
            SerializationException.class,
            () ->
                json.deserializer()
                    .deserialize(
                        "t", utf8("{\"type\":\"Reading\",\"time\":1," + "\"count\":\"x\"}")));
    assertTrue(e.getMessage().contains("field count of Reading is long"), e.getMessage());
    assertNull(json.deserializer().deserialize("t", null));
  }

  @Test
  void otherFieldNamesForTypeAndTime() {
    JsonEventSerde custom = new JsonEventSerde(EventSchema.none(), "kind", "ts");
    Event e = custom.deserializer().deserialize("t", utf8("{\"kind\":\"A\",\"ts\":5,\"type\":1}"));
    assertEquals(Event.of("A", 5, Map.of("type", 1L)), e);
  }

  @Test
  void theBinaryFormKeepsEveryValueExactly() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1L);
    nested.put("a", Arrays.asList(1.0, null, "x", false, Map.of("k", -0.0)));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("long", Long.MIN_VALUE);
    f.put("double", 3.0);
    f.put("nan", Double.NaN);
    f.put("text", "h\u00e9llo \ud83d\ude00 \"quoted\"\n");
    f.put("empty", "");
    f.put("yes", true);
    f.put("none", null);
    f.put("nested", nested);
    f.put("event", Event.of("Inner", -5, Map.of("x", 1L)));
    List<Object> list = new ArrayList<>();
    list.add(Event.of("E", 1));
    f.put("list", list);
    Event e = Event.of("T", -1_000L, f);
    EnvelopeSerde serde = new EnvelopeSerde();
    Event back =
        serde
            .deserializer()
            .deserialize("t", serde.serializer().serialize("t", Envelope.event(e)))
            .event();
    assertEquals(e.toString(), back.toString());
    assertEquals(List.copyOf(e.fields().keySet()), List.copyOf(back.fields().keySet()));
    assertTrue(back.get("double") instanceof Double);
    assertTrue(back.get("long") instanceof Long);
    assertEquals(e.fields().get("nested"), back.fields().get("nested"));
    Envelope mark = Envelope.mark("user/3", Long.MIN_VALUE);
    assertEquals(
        mark, serde.deserializer().deserialize("t", serde.serializer().serialize("t", mark)));
  }

  @Test
  void aDamagedBinaryEventIsAnErrorNotAGuess() {
    EnvelopeSerde serde = new EnvelopeSerde();
    byte[] bytes =
        serde.serializer().serialize("t", Envelope.event(Event.of("T", 1, Map.of("a", "text"))));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);
    assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", cut));
  }
}
