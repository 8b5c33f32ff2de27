package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.FieldType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --time-unit, the seconds warning, --delimiter and trimming, the CSV hint, ISO output times. */
class InputFormatsTest {
  private static final EventSchema SCHEMA =
      JsonLinesReaderTest.schema(
          "R", JsonLinesReaderTest.fields("name", FieldType.STRING, "seen", FieldType.TIME));

  /** Keeps events, bad lines and warnings. */
  private static final class Sink implements EventSink {
    final List<Event> events = new ArrayList<>();
    final List<String> bad = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public boolean event(Event event, long line) {
      events.add(event);
      return true;
    }

    @Override
    public boolean bad(long line, String message) {
      bad.add(line + ": " + message);
      return true;
    }

    @Override
    public void warning(long line, String message) {
      warnings.add(line + ": " + message);
    }

    List<Long> times() {
      List<Long> t = new ArrayList<>();
      for (Event e : events) {
        t.add(e.time());
      }
      return t;
    }
  }

  private static Sink json(String text, TimeUnits unit) throws IOException {
    Sink sink = new Sink();
    new JsonLinesReader(SCHEMA, "type", "time")
        .timeUnit(unit)
        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  private static Sink csv(String text, TimeUnits unit, char delimiter) throws IOException {
    Sink sink = new Sink();
    new CsvEventReader(SCHEMA, "type", "time")
        .timeUnit(unit)
        .delimiter(delimiter)
        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  @Test
  void numericTimesAreConvertedFromTheirUnitRoundingDown() throws IOException {
    Sink s =
        json(
            """
        {"type":"R","time":1709283600}
        {"type":"R","time":"1709283601"}
        {"type":"R","time":1709283600.25}
        {"type":"R","time":-1.0005}
        {"type":"R","time":"2024-03-01T09:00:00Z"}
        """,
            TimeUnits.s);
    assertEquals(List.of(), s.bad);
    assertEquals(
        List.of(1709283600000L, 1709283601000L, 1709283600250L, -1001L, 1709283600000L), s.times());
    assertEquals(
        List.of(1709283600123L, -2L),
        json(
                """
        {"type":"R","time":1709283600123456}
        {"type":"R","time":-1500}
        """,
                TimeUnits.us)
            .times());
    assertEquals(
        List.of(1709283600123L, -1L),
        json(
                """
        {"type":"R","time":1709283600123456789}
        {"type":"R","time":-1}
        """,
                TimeUnits.ns)
            .times());
    assertEquals(
        List.of(1709283600000L, 1709283600500L),
        csv(
                """
        type,time
        R,1709283600
        R,1709283600.5
        """,
                TimeUnits.s,
                ',')
            .times());
    assertEquals(
        List.of(1709283600123L), csv("type,time\nR,1709283600123456\n", TimeUnits.us, ',').times());
  }

  @Test
  void declaredTimeFieldsAreConvertedToo() throws IOException {
    Sink s = json("{\"type\":\"R\",\"time\":1,\"seen\":1709283600}\n", TimeUnits.s);
    assertEquals(1709283600000L, s.events.get(0).get("seen"));
    Sink c = csv("type,time,seen\nR,1,1709283600\n", TimeUnits.s, ',');
    assertEquals(1709283600000L, c.events.get(0).get("seen"));
  }

  @Test
  void timesThatOverflowInMillisecondsAreBadLines() throws IOException {
    Sink s =
        json(
            """
        {"type":"R","time":9223372036854776}
        {"type":"R","time":"9223372036854776"}
        {"type":"R","time":9223372036854775}
        {"type":"R","time":1}
        """,
            TimeUnits.s);
    assertEquals(
        List.of(
            "1: \"time\" in s is beyond the range of long in milliseconds: 9223372036854776",
            "2: \"time\" in s is beyond the range of long in milliseconds: 9223372036854776",
            "3: \"time\" is outside the range of event times (about 285,000 years either side of"
                + " 1970): 9223372036854775"),
        s.bad);
    assertEquals(1, s.events.size());
    Sink c = csv("type,time\nR,9223372036854776\n", TimeUnits.s, ',');
    assertEquals(
        List.of("2: \"time\" in s is beyond the range of long in milliseconds: 9223372036854776"),
        c.bad);
  }

  @Test
  void millisecondTimesThatLookLikeSecondsAreWarnedAboutOnce() throws IOException {
    Sink s =
        json(
            """
        {"type":"R","time":1000}
        {"type":"R","time":1709283600}
        {"type":"R","time":1709283601}
        """,
            TimeUnits.ms);
    assertEquals(
        List.of(
            "2: \"time\" 1709283600 is in 1970 as epoch milliseconds: are the times"
                + " in seconds? (use --time-unit s)"),
        s.warnings);
    assertEquals(3, s.events.size());
    Sink c = csv("type,time\nR,1709283600\nR,1709283601\n", TimeUnits.ms, ',');
    assertEquals(1, c.warnings.size());
    assertTrue(c.warnings.get(0).startsWith("2: "), c.warnings::toString);
    // Not for ISO times, nor for times in seconds, nor for small offsets as tests write them.
    assertEquals(
        List.of(),
        json("{\"type\":\"R\",\"time\":\"1970-01-20T00:00:00Z\"}\n", TimeUnits.ms).warnings);
    assertEquals(List.of(), json("{\"type\":\"R\",\"time\":1709283600}\n", TimeUnits.s).warnings);
    assertEquals(List.of(), json("{\"type\":\"R\",\"time\":30000}\n", TimeUnits.ms).warnings);
  }

  @Test
  void csvDelimitersAndTrimming() throws IOException {
    String text =
        """
        type ; time ; name
        R ; 1000 ;  al\040
        R;2000;" bo ; b "
        R ;3000; "cy" \040
        R;4000;"multi
        line"
        """;
    Sink s = csv(text, TimeUnits.ms, ';');
    assertEquals(List.of(), s.bad);
    List<Object> names = new ArrayList<>();
    for (Event e : s.events) {
      names.add(e.get("name"));
    }
    assertEquals(List.of("al", " bo ; b ", "cy", "multi\nline"), names);
    assertEquals(List.of(1000L, 2000L, 3000L, 4000L), s.times());
    Sink tab = csv("type\ttime\tname\nR\t1000\ta, b\n", TimeUnits.ms, '\t');
    assertEquals("a, b", tab.events.get(0).get("name"));
    Sink pipe = csv("type|time|name\nR|1000| x |\n", TimeUnits.ms, '|');
    assertEquals(List.of("2: expected 3 fields as in the header row, found 4"), pipe.bad);
    Sink comma = csv("type,time,name\nR, 1000 , \"q, r\" \n", TimeUnits.ms, ',');
    assertEquals("q, r", comma.events.get(0).get("name"));
    // A quote inside an unquoted cell stays ordinary; text after a closing quote is still wrong.
    Sink after = csv("type,time,name\nR,1,\"a\" b\nR,2,x\"y\n", TimeUnits.ms, ',');
    assertEquals(1, after.bad.size());
    assertTrue(
        after.bad.get(0).startsWith("2: unexpected text after the closing quote"),
        after.bad::toString);
    assertEquals("x\"y", after.events.get(0).get("name"));
  }

  @Test
  void aCsvHeaderReadAsJsonLinesSaysUseFormatCsv() throws IOException {
    Sink s = json("type,time,user\nLogin,1000,al\n", TimeUnits.ms);
    assertEquals(
        "1: this looks like a CSV header row, not JSON; for CSV input use --format csv",
        s.bad.get(0));
    assertTrue(s.bad.get(1).startsWith("2: not valid JSON"), s.bad::toString);
    // Only the first line, and only when it looks like a header.
    assertTrue(json("not json\n", TimeUnits.ms).bad.get(0).startsWith("1: not valid JSON"));
    assertTrue(json("{\"a\":1,\"b\":2\n", TimeUnits.ms).bad.get(0).startsWith("1: not valid JSON"));
    String quoted = "\"type\";\"time\"";
    assertTrue(JsonLinesReader.looksLikeCsvHeader(quoted.toCharArray(), quoted.length()));
  }

  @Test
  void isoOutputTimes() throws IOException {
    StringWriter out = new StringWriter();
    JsonEventWriter w = new JsonEventWriter(out).isoTime(true);
    w.write(Event.of("A", 1709283600000L, Map.of()));
    w.write(Event.of("A", 1709283600250L, Map.of("inner", Event.of("B", 0L, Map.of()))));
    w.flush();
    assertEquals(
        """
        {"type":"A","time":"2024-03-01T09:00:00Z"}
        {"type":"A","time":"2024-03-01T09:00:00.250Z","inner":{"type":"B","time":"1970-01-01T00:00:00Z"}}
        """,
        out.toString());
  }
}
