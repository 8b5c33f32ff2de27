package io.motif.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import io.motif.engine.plan.EventTypeInfo;
import io.motif.engine.plan.FieldType;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvEventReaderTest {
  private static final EventSchema SCHEMA = new EventSchema(Map.of("Reading",
      new EventTypeInfo("Reading", JsonLinesReaderTest.fields("device", FieldType.STRING,
          "temp", FieldType.DOUBLE, "code", FieldType.STRING, "ok", FieldType.BOOLEAN,
          "n", FieldType.LONG, "seen", FieldType.TIME))));

  private final List<Event> events = new ArrayList<>();
  private final List<String> bad = new ArrayList<>();

  private void read(String csv, String typeField, String timeField) throws IOException {
    new CsvEventReader(SCHEMA, typeField, timeField).read(new StringReader(csv), new EventSink() {
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
    });
  }

  @Test
  void undeclaredCellsBecomeTheValuesTheyLookLike() throws IOException {
    read("type,time,a,b,c,d,e\nThing,5,42,2.5,true,,hello\n", "type", "time");
    Event e = events.get(0);
    assertEquals("Thing", e.type());
    assertEquals(5, e.time());
    assertEquals(42L, e.get("a"));
    assertEquals(2.5, e.get("b"));
    assertEquals(true, e.get("c"));
    assertEquals(false, e.fields().containsKey("d"), "an empty undeclared cell is absent (null)");
    assertEquals("hello", e.get("e"));
  }

  @Test
  void declaredTypesSayOtherwise() throws IOException {
    read("type,time,device,temp,code,ok,n,seen\n"
        + "Reading,2024-01-01T00:00:00Z,007,3,0042,TRUE,12,1970-01-01T00:00:02\n"
        + "Reading,1,d,,,,,\n", "type", "time");
    Event e = events.get(0);
    assertEquals(1704067200000L, e.time());
    assertEquals("007", e.get("device"));
    assertEquals(3.0, e.get("temp"));
    assertEquals("0042", e.get("code"));
    assertEquals(true, e.get("ok"));
    assertEquals(12L, e.get("n"));
    assertEquals(2000L, e.get("seen"));
    Event empty = events.get(1);
    assertEquals(null, empty.get("temp"));
    assertEquals(true, empty.fields().containsKey("temp"), "declared fields are present, null");
  }

  @Test
  void malformedRecordsAreReportedWithTheirLinesAndSkipped() throws IOException {
    read("type,time,device,temp\n"
        + "Reading,1,a,1.5\n"
        + "Reading,2,b\n"
        + "Reading,3,c,warm\n"
        + ",4,d,1\n"
        + "Reading,,e,1\n"
        + "Reading,later,f,1\n"
        + "Reading,8,\"multi\nline\",2\n"
        + "Reading,9,g,3,extra\n"
        + "Reading,10,h,4\n", "type", "time");
    assertEquals(List.of("a", "multi\nline", "h"),
        events.stream().map(e -> e.get("device")).toList());
    assertEquals(List.of(
        "3: expected 4 fields as in the header row, found 3",
        "4: field temp of Reading is double, but \"warm\" is not a double",
        "5: the \"type\" column is empty",
        "6: the \"time\" column is empty",
        "7: \"time\" is neither epoch milliseconds nor an ISO-8601 time such as"
            + " 2024-01-01T10:00:00Z: \"later\"",
        "10: expected 4 fields as in the header row, found 5"), bad);
  }

  @Test
  void theHeaderMustNameTheTypeAndTimeColumns() throws IOException {
    read("kind,ts,x\nA,1,2\n", "type", "time");
    assertEquals(List.of("1: the header row must name a \"type\" and a \"time\" column; it has"
        + " kind, ts, x"), bad);
    bad.clear();
    read("\uFEFFkind, ts ,x\nA,1,2\n", "kind", "ts");
    assertEquals(List.of(), bad);
    assertEquals(2L, events.get(0).get("x"));
  }
}
