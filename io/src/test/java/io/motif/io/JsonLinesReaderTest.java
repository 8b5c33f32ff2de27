package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.BadEventException;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import io.motif.engine.SnapshotException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
  static final EventSchema SCHEMA =
      schema(
          "Reading",
          fields(
              "device",
              FieldType.STRING,
              "temp",
              FieldType.DOUBLE,
              "count",
              FieldType.LONG,
              "ok",
              FieldType.BOOLEAN,
              "seen",
              FieldType.TIME,
              "extra",
              FieldType.ANY));

  /** A schema that declares one type. */
  static EventSchema schema(String type, Map<String, FieldType> fields) {
    return EventSchema.of(List.of(new EventType(type, fields)));
  }

  static Map<String, FieldType> fields(Object... pairs) {
    Map<String, FieldType> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (FieldType) pairs[i + 1]);
    }
    return m;
  }

  private final JsonLinesReader reader = new JsonLinesReader(SCHEMA, "type", "time");

  @Test
  void readsTypeTimeAndFieldsInOrder() throws Exception {
    Event e =
        reader.parse("{\"type\":\"Login\",\"time\":1700000000000,\"user\":\"al\",\"ok\":false}");
    assertEquals("Login", e.type());
    assertEquals(1700000000000L, e.time());
    assertEquals(List.of("user", "ok"), new ArrayList<>(e.fields().keySet()));
    assertEquals(Boolean.FALSE, e.get("ok"));
  }

  @Test
  void undeclaredTypesKeepTheirJsonTypes() throws Exception {
    Event e =
        reader.parse(
            "{\"time\":1,\"n\":42,\"d\":2.5,\"s\":\"x\",\"b\":true,\"z\":null,"
                + "\"o\":{\"k\":[1,2.0]},\"a\":[\"p\",{\"q\":1}],\"type\":\"Thing\"}");
    assertEquals("Thing", e.type());
    assertEquals(42L, e.get("n"));
    assertEquals(2.5, e.get("d"));
    assertEquals("x", e.get("s"));
    assertEquals(true, e.get("b"));
    assertEquals(null, e.get("z"));
    assertEquals(Map.of("k", List.of(1L, 2.0)), e.get("o"));
    assertEquals(List.of("p", Map.of("q", 1L)), e.get("a"));
  }

  @Test
  void isoTimesWithAndWithoutOffset() throws Exception {
    assertEquals(
        1704067200000L, reader.parse("{\"type\":\"T\",\"time\":\"2024-01-01T00:00:00Z\"}").time());
    assertEquals(
        1704067200000L,
        reader.parse("{\"type\":\"T\",\"time\":\"2024-01-01T00:00:00\"}").time(),
        "no offset is UTC");
    assertEquals(
        1704063600000L,
        reader.parse("{\"type\":\"T\",\"time\":\"2024-01-01T00:00:00+01:00\"}").time());
    assertEquals(
        1704067200123L,
        reader.parse("{\"type\":\"T\",\"time\":\"2024-01-01 00:00:00.123\"}").time());
    assertEquals(1704067200000L, reader.parse("{\"type\":\"T\",\"time\":\"2024-01-01\"}").time());
    assertEquals(1234L, reader.parse("{\"type\":\"T\",\"time\":\"1234\"}").time());
  }

  @Test
  void declaredFieldsAreConvertedToTheirTypes() throws Exception {
    Event e =
        reader.parse(
            "{\"type\":\"Reading\",\"time\":0,\"device\":\"d\",\"temp\":3,"
                + "\"count\":4.0,\"ok\":true,\"seen\":\"1970-01-01T00:00:01Z\",\"extra\":[1]}");
    assertEquals(3.0, e.get("temp"));
    assertEquals(Double.class, e.get("temp").getClass());
    assertEquals(4L, e.get("count"));
    assertEquals(1000L, e.get("seen"));
    assertEquals(List.of(1L), e.get("extra"));
  }

  @Test
  void aValueOfTheWrongTypeForADeclaredFieldIsAnError() {
    assertEquals(
        "field temp of Reading is double, not a string (\"hot\")",
        bad("{\"type\":\"Reading\",\"time\":0,\"temp\":\"hot\"}"));
    assertEquals(
        "field count of Reading is long, not a decimal number (2.5)",
        bad("{\"type\":\"Reading\",\"time\":0,\"count\":2.5}"));
    assertEquals(
        "field ok of Reading is boolean, not a string (\"yes\")",
        bad("{\"type\":\"Reading\",\"time\":0,\"ok\":\"yes\"}"));
    assertEquals(
        "field device of Reading is string, not an integer (7)",
        bad("{\"type\":\"Reading\",\"time\":0,\"device\":7}"));
    assertEquals(
        "field seen of Reading is a time, but \"soon\" is not an ISO-8601 time such as"
            + " 2024-01-01T10:00:00Z",
        bad("{\"type\":\"Reading\",\"time\":0,\"seen\":\"soon\"}"));
  }

  @Test
  void malformedLinesSayWhatIsWrong() {
    assertEquals("no \"type\" field naming the event type", bad("{\"time\":1}"));
    assertEquals("no \"time\" field with the event time", bad("{\"type\":\"A\"}"));
    assertEquals(
        "\"time\" is neither epoch milliseconds nor an ISO-8601 time such as"
            + " \"2024-01-01T10:00:00Z\": \"yesterday\"",
        bad("{\"type\":\"A\",\"time\":\"yesterday\"}"));
    assertEquals(
        "\"time\" must be epoch milliseconds or an ISO-8601 string, not a boolean",
        bad("{\"type\":\"A\",\"time\":true}"));
    assertEquals(
        "\"type\" must be a string naming the event type, not an integer",
        bad("{\"type\":1,\"time\":1}"));
    assertEquals(
        "expected a JSON object such as {\"type\":\"Login\",\"time\":1700000000000,"
            + "\"user\":\"al\"}",
        bad("[1,2]"));
    assertEquals("unexpected text after the JSON object", bad("{\"type\":\"A\",\"time\":1} {}"));
    assertEquals(
        "not valid JSON at column 12: Unexpected end-of-input: expected close marker"
            + " for Object",
        bad("{\"type\":\"A\""));
    assertEquals(
        "not valid JSON at column 13: Unexpected character ('}' (code 125)): was"
            + " expecting double-quote to start field name",
        bad("{\"type\":\"A\",}"));
  }

  @Test
  void renamedTypeAndTimeFields() throws Exception {
    JsonLinesReader r = new JsonLinesReader(SCHEMA, "kind", "ts");
    Event e = r.parse("{\"kind\":\"A\",\"ts\":5,\"type\":\"kept\",\"time\":\"kept too\"}");
    assertEquals("A", e.type());
    assertEquals(5, e.time());
    assertEquals("kept", e.get("type"));
    assertEquals("kept too", e.get("time"));
  }

  @Test
  void readReportsBadLinesWithTheirNumbersAndGoesOn() throws IOException {
    String input =
        "\uFEFF{\"type\":\"A\",\"time\":1}\n"
            + "\n"
            + "{\"type\":\"A\",\"time\":\n"
            + "{\"type\":\"B\",\"time\":2}\r\n"
            + "   \n"
            + "{\"type\":\"Reading\",\"time\":3,\"ok\":1}\n"
            + "{\"type\":\"C\",\"time\":4}";
    List<String> seen = new ArrayList<>();
    reader.read(
        utf8(input),
        new EventSink() {
          @Override
          public boolean event(Event event, long line) {
            seen.add(line + ": " + event.type());
            return true;
          }

          @Override
          public boolean bad(long line, String message) {
            seen.add(line + ": bad: " + message.substring(0, Math.min(20, message.length())));
            return true;
          }
        });
    assertEquals(
        List.of(
            "1: A", "3: bad: not valid JSON at co", "4: B", "6: bad: field ok of Reading ", "7: C"),
        seen);
  }

  @Test
  void aSinkCanStopTheReading() throws IOException {
    List<Long> lines = new ArrayList<>();
    reader.read(
        utf8("x\n{\"type\":\"A\",\"time\":1}\n"),
        new EventSink() {
          @Override
          public boolean event(Event event, long line) {
            lines.add(line);
            return true;
          }

          @Override
          public boolean bad(long line, String message) {
            lines.add(-line);
            return false;
          }
        });
    assertEquals(List.of(-1L), lines);
  }

  private static ByteArrayInputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String bad(String line) {
    return assertThrows(BadEventException.class, () -> reader.parse(line)).getMessage();
  }

  // ---- bad input loses nothing ----

  /** Reads bytes as {@code motif run} reads a file, into a recording sink. */
  private RecordingSink read(byte[] input) throws IOException {
    RecordingSink sink = new RecordingSink();
    reader.read(new ByteArrayInputStream(input), sink);
    return sink;
  }

  @Test
  void aLineThatIsNotUtf8IsABadLineAndTheRestIsRead() throws IOException {
    RecordingSink r =
        read(
            CsvEventReaderTest.bytes(
                "{\"type\":\"A\",\"time\":1}\n",
                "{\"type\":\"",
                0xff,
                "\",\"time\":2}\n",
                "{\"type\":\"B\",\"time\":3,\"s\":\"\u00e9",
                0xe2,
                0x82,
                "\"}\n",
                "{\"type\":\"C\",\"time\":4,\"s\":\"\u20ac\"}\n"));
    assertEquals(
        List.of(
            "1: A",
            "2: bad: not valid UTF-8 (byte 0xff at column 10)",
            "3: bad: not valid UTF-8 (byte 0xe2 at column 28)",
            "4: C"),
        r.log);
    assertEquals("\u20ac", r.events.get(1).get("s"));
  }

  @Test
  void valuesNestedDeeperThanASnapshotHoldsAreRefused() throws Exception {
    int max = Event.MAX_NESTING;
    Event e =
        reader.parse(
            "{\"type\":\"A\",\"time\":1,\"x\":" + "[".repeat(max) + "1" + "]".repeat(max) + "}");
    assertEquals(1, e.time());
    assertEquals(
        "field x is nested deeper than 64 levels",
        bad(
            "{\"type\":\"A\",\"time\":1,"
                + "\"x\":"
                + "[".repeat(max + 1)
                + "]".repeat(max + 1)
                + "}"));
    assertEquals(
        "field y is nested deeper than 64 levels",
        bad(
            "{\"type\":\"A\",\"time\":1,"
                + "\"y\":"
                + "{\"k\":".repeat(max + 1)
                + "1"
                + "}".repeat(max + 1)
                + "}"));
    assertEquals(
        "field y is nested deeper than 64 levels",
        bad("{\"type\":\"A\",\"time\":1," + "\"y\":" + "[".repeat(100_000)));
  }

  @Test
  void theDeepestValueReadIsTheDeepestASnapshotRestores() throws Exception {
    String deep = "[".repeat(Event.MAX_NESTING) + "1" + "]".repeat(Event.MAX_NESTING);
    Event e = reader.parse("{\"type\":\"A\",\"time\":5,\"x\":" + deep + "}");
    byte[] snapshot = snapshotWith(e);
    Engine restored = Engine.builder().maxDelay(1000).restore(new ByteArrayInputStream(snapshot));
    assertEquals(snapshot.length, snapshotWith(restored).length);
    // One level deeper the engine refuses the value: where it enters, or at the latest when the
    // snapshot is restored. The reader refuses it first, with the line.
    Exception refused =
        assertThrows(
            Exception.class,
            () -> {
              byte[] tooDeep = snapshotWith(Event.of("A", 5, Map.of("x", List.of(e.get("x")))));
              Engine.builder().maxDelay(1000).restore(new ByteArrayInputStream(tooDeep));
            });
    assertTrue(
        refused instanceof IllegalArgumentException || refused instanceof SnapshotException,
        refused::toString);
  }

  /** A snapshot of an engine holding {@code e} in its out-of-order buffer. */
  private static byte[] snapshotWith(Event e) throws IOException {
    Engine engine = Engine.builder().maxDelay(1000).build();
    engine.send(e);
    return snapshotWith(engine);
  }

  private static byte[] snapshotWith(Engine engine) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.snapshot(out);
    return out.toByteArray();
  }

  @Test
  void aLineLongerThanTheLimitIsABadLineAndTheNextIsRead() throws IOException {
    String ok = "{\"type\":\"A\",\"time\":1}";
    String long1 = "{\"type\":\"A\",\"time\":2,\"s\":\"" + "x".repeat(150) + "\"}";
    String long2 = "{\"type\":\"A\",\"time\":3,\"s\":\"" + "x".repeat(300_000) + "\"}";
    RecordingSink r = new RecordingSink();
    new JsonLinesReader(SCHEMA, "type", "time", new InputLimits(100, 1))
        .read(utf8(ok + "\r\n" + long1 + "\r\n" + ok + "\r" + long2 + "\n" + ok), r);
    assertEquals(
        List.of(
            "1: A",
            "2: bad: the line is longer than 100 bytes (the limit)",
            "3: A",
            "4: bad: the line is longer than 100 bytes (the limit)",
            "5: A"),
        r.log);
  }

  @Test
  void aKeyTwiceInOneObjectIsAnError() {
    assertEquals("duplicate key \"u\"", bad("{\"type\":\"A\",\"time\":1,\"u\":1,\"u\":2}"));
    assertEquals("duplicate key \"u\"", bad("{\"type\":\"A\",\"time\":1,\"u\":null,\"u\":null}"));
    assertEquals("duplicate key \"type\"", bad("{\"type\":\"A\",\"time\":1,\"type\":\"B\"}"));
    assertEquals("duplicate key \"time\"", bad("{\"time\":1,\"type\":\"A\",\"time\":1}"));
    assertEquals(
        "duplicate key \"k\" in field o",
        bad("{\"type\":\"A\",\"time\":1,\"o\":[{\"k\":1,\"j\":2,\"k\":1}]}"));
  }

  @Test
  void numbersBeyondTheirRangeAreErrorsNotInfinity() throws Exception {
    assertEquals(
        "field x: 1e400 is beyond the range of double",
        bad("{\"type\":\"A\",\"time\":1,\"x\":1e400}"));
    assertEquals(
        "field x: -1E+999 is beyond the range of double",
        bad("{\"type\":\"A\",\"time\":1,\"x\":{\"y\":[-1E+999]}}"));
    assertEquals(
        "field temp: 1e400 is beyond the range of double",
        bad("{\"type\":\"Reading\",\"time\":1,\"temp\":1e400}"));
    assertEquals(
        "field count of Reading is long, but 123456789012345678901 is beyond the range"
            + " of long",
        bad("{\"type\":\"Reading\",\"time\":0,\"count\":123456789012345678901}"));
    assertEquals(
        "field count of Reading is long, but 1.0E19 is beyond the range of long",
        bad("{\"type\":\"Reading\",\"time\":0,\"count\":1e19}"));
    assertEquals(
        "\"time\" is beyond the range of long: 123456789012345678901",
        bad("{\"type\":\"A\",\"time\":123456789012345678901}"));
    assertEquals(
        "\"time\" is outside the range of event times (about 285,000 years either side"
            + " of 1970): 9007199254740993",
        bad("{\"type\":\"A\",\"time\":9007199254740993}"));
    assertEquals(
        9007199254740992L, reader.parse("{\"type\":\"A\",\"time\":9007199254740992}").time());
  }

  @Test
  void clearMessagesForEmptyTypesAndLongStrings() {
    assertEquals(
        "empty type: \"type\" must name the event type", bad("{\"type\":\"\",\"time\":1}"));
    assertEquals(
        "empty type: \"type\" must name the event type", bad("{\"type\":\"  \",\"time\":1}"));
    assertEquals(
        "a string longer than 20000000 characters (the limit)",
        bad("{\"type\":\"A\",\"time\":1,\"s\":\"" + "x".repeat(20_000_001) + "\"}"));
    assertEquals(
        "a number longer than 1000 characters (the limit)",
        bad("{\"type\":\"A\",\"time\":1,\"n\":" + "1".repeat(1001) + "}"));
  }
}
