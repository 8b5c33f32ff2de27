package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.FieldType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvEventReaderTest {
  private static final EventSchema SCHEMA =
      JsonLinesReaderTest.schema(
          "Reading",
          JsonLinesReaderTest.fields(
              "device",
              FieldType.STRING,
              "temp",
              FieldType.DOUBLE,
              "code",
              FieldType.STRING,
              "ok",
              FieldType.BOOLEAN,
              "n",
              FieldType.LONG,
              "seen",
              FieldType.TIME));

  private final List<Event> events = new ArrayList<>();
  private final List<String> bad = new ArrayList<>();

  /** Reads bytes as {@code motif run} reads a file, into a recording sink. */
  private static RecordingSink read(byte[] csv) throws IOException {
    RecordingSink sink = new RecordingSink();
    new CsvEventReader(SCHEMA, "type", "time").read(new ByteArrayInputStream(csv), sink);
    return sink;
  }

  private static RecordingSink read(String csv, InputLimits limits) throws IOException {
    RecordingSink sink = new RecordingSink();
    new CsvEventReader(SCHEMA, "type", "time", limits)
        .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  private static RecordingSink read(String csv) throws IOException {
    return read(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Object> cells(RecordingSink sink, String field) {
    List<Object> values = new ArrayList<>();
    for (Event e : sink.events) {
      values.add(e.get(field));
    }
    return values;
  }

  private void read(String csv, String typeField, String timeField) throws IOException {
    new CsvEventReader(SCHEMA, typeField, timeField)
        .read(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            new EventSink() {
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
    read(
        "type,time,device,temp,code,ok,n,seen\n"
            + "Reading,2024-01-01T00:00:00Z,007,3,0042,TRUE,12,1970-01-01T00:00:02\n"
            + "Reading,1,d,,,,,\n",
        "type",
        "time");
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
    read(
        "type,time,device,temp\n"
            + "Reading,1,a,1.5\n"
            + "Reading,2,b\n"
            + "Reading,3,c,warm\n"
            + ",4,d,1\n"
            + "Reading,,e,1\n"
            + "Reading,later,f,1\n"
            + "Reading,8,\"multi\nline\",2\n"
            + "Reading,9,g,3,extra\n"
            + "Reading,10,h,4\n",
        "type",
        "time");
    assertEquals(
        List.of("a", "multi\nline", "h"), events.stream().map(e -> e.get("device")).toList());
    assertEquals(
        List.of(
            "3: expected 4 fields as in the header row, found 3",
            "4: field temp of Reading is double, but \"warm\" is not a double",
            "5: the \"type\" column is empty",
            "6: the \"time\" column is empty",
            "7: \"time\" is neither epoch milliseconds nor an ISO-8601 time such as"
                + " 2024-01-01T10:00:00Z: \"later\"",
            "10: expected 4 fields as in the header row, found 5"),
        bad);
  }

  @Test
  void theHeaderMustNameTheTypeAndTimeColumns() throws IOException {
    read("kind,ts,x\nA,1,2\n", "type", "time");
    assertEquals(
        List.of(
            "1: the header row must name a \"type\" and a \"time\" column; it has"
                + " kind, ts, x"),
        bad);
    bad.clear();
    read("\uFEFFkind, ts ,x\nA,1,2\n", "kind", "ts");
    assertEquals(List.of(), bad);
    assertEquals(2L, events.get(0).get("x"));
  }

  // ---- bad input loses nothing ----

  @Test
  void aQuoteInsideAnUnquotedCellIsAnOrdinaryCharacter() throws IOException {
    RecordingSink r = read("type,time,x,y\nA,1,b\"c,d\nA,2,e,f\n");
    assertEquals(List.of("2: A", "3: A"), r.log);
    assertEquals(List.of("b\"c", "e"), cells(r, "x"));
  }

  @Test
  void aQuoteNotClosedBeforeTheEndIsOneBadRowAndTheRowsAfterItAreRead() throws IOException {
    RecordingSink r = read("type,time,x\nA,1,\"abc\nA,2,e\nA,3,f\n");
    assertEquals(
        List.of(
            "2: bad: the quote at column 5 opens a field that is not closed before"
                + " the end of the input",
            "3: A",
            "4: A"),
        r.log);
    assertEquals(List.of("e", "f"), cells(r, "x"));
  }

  @Test
  void textAfterAClosingQuoteIsABadRowAndReadingGoesOnAtTheNextLine() throws IOException {
    RecordingSink r = read("type,time,x\nA,1,\"ab\"c\nA,2,\"d\"\"e\"\n" + "A,3,\"f\ng\"h\nA,4,i\n");
    assertEquals(
        List.of(
            "2: bad: unexpected text after the closing quote at column 9; a quote inside a quoted"
                + " field is written twice (\"\")",
            "3: A",
            "4: bad: unexpected text after the closing quote at line 5, column 3; a quote inside a"
                + " quoted field is written twice (\"\")",
            "5: bad: expected 3 fields as in the header row, found 1",
            "6: A"),
        r.log);
    assertEquals(List.of("d\"e", "i"), cells(r, "x"));
  }

  @Test
  void aQuotedRowWithTheWrongCountIsReadAgainFromItsSecondLine() throws IOException {
    // The quote on line 2 was meant literally; taking it as opening a field would take line 3.
    RecordingSink r = read("type,time,x,y\nA,1,\"ab,c\nA,2,d,e\"\nA,3,f,g\n");
    assertEquals(
        List.of(
            "2: bad: expected 4 fields as in the header row, found 3 in the row of"
                + " lines 2 to 3 (a quoted field spans them); reading goes on at line 3",
            "3: A",
            "4: A"),
        r.log);
    assertEquals(List.of("e\"", "g"), cells(r, "y"));
  }

  @Test
  void quotedLineBreaksKeepTheirKindAndTheLineNumbersAfterThem() throws IOException {
    RecordingSink r =
        read("type,time,x,y\r\nA,1,\"two\r\nlines\",q\r\nA,2,\"\n\n\",r\r\n" + "A,3,s,t\r\n");
    assertEquals(List.of("2: A", "4: A", "7: A"), r.log);
    assertEquals(List.of("two\r\nlines", "\n\n", "s"), cells(r, "x"));
  }

  @Test
  void aLineThatIsNotUtf8IsABadLineAndTheRestIsRead() throws IOException {
    RecordingSink r =
        read(
            bytes(
                "type,time,x\nA,1,caf",
                0xe9,
                "\nA,2,ok\nA,3,\"multi\nli",
                0xff,
                "ne\"\nA,4,\"",
                0xc3,
                "\"\nA,5,\u00e9t\u00e9\n"));
    assertEquals(
        List.of(
            "2: bad: not valid UTF-8 (byte 0xe9 at column 8)",
            "3: A",
            "4: bad: not valid UTF-8 (byte 0xff at line 5, column 3) in the row of lines 4 to 5",
            "6: bad: not valid UTF-8 (byte 0xc3 at column 6)",
            "7: A"),
        r.log);
    assertEquals(List.of("ok", "\u00e9t\u00e9"), cells(r, "x"));
  }

  @Test
  void aColumnNamedTwiceIsAnError() throws IOException {
    RecordingSink r = read("type,time,x, x\nA,1,2,3\n");
    assertEquals(
        List.of(
            "1: bad: the header row names the column \"x\" twice (columns 3 and 4);"
                + " no row of the file is read"),
        r.log);
  }

  @Test
  void numbersBeyondTheirRangeAreBadLines() throws IOException {
    RecordingSink r =
        read(
            "type,time,temp,n,u\n"
                + "Reading,1,1e400,,\n"
                + "Reading,2,,99999999999999999999,\n"
                + "Thing,3,,,-1e999\n"
                + "Thing,99999999999999999999,,,\n"
                + "Thing,5,1e300,,1e-400\n"
                + "Thing,-9007199254740993,,,\n");
    assertEquals(
        List.of(
            "2: bad: field temp of Reading is double, but 1e400 is beyond the range of double",
            "3: bad: field n of Reading is long, but 99999999999999999999 is beyond the range of long",
            "4: bad: field u of Thing: -1e999 is beyond the range of double",
            "5: bad: \"time\" is beyond the range of long: 99999999999999999999",
            "6: Thing",
            "7: bad: \"time\" is outside the range of event times (about 285,000 years either side"
                + " of 1970): \"-9007199254740993\""),
        r.log);
  }

  @Test
  void aQuotedFieldRunsOverAtMostTheLinesAndBytesOfTheLimits() throws IOException {
    String csv =
        "type,time,x\nA,1,\"a\nb\nc\"\nA,2,\"d\nA,3,e\nA,4,f\nA,5,\"g\"\n"
            + "A,6,"
            + "h".repeat(30)
            + "\nA,7,i\n";
    RecordingSink lines = read(csv, new InputLimits(1 << 20, 3));
    assertEquals(
        List.of(
            "2: A",
            "5: bad: the quote at column 5 opens a field that is not closed within 3 lines",
            "6: A",
            "7: A",
            "8: A",
            "9: A",
            "10: A"),
        lines.log);
    assertEquals("a\nb\nc", lines.events.get(0).get("x"));
    RecordingSink bytes = read(csv, new InputLimits(20, 100));
    assertEquals(
        List.of(
            "2: A",
            "5: bad: the quote at column 5 opens a field that is not closed within 20 bytes",
            "6: A",
            "7: A",
            "8: A",
            "9: bad: the line is longer than 20 bytes (the limit)",
            "10: A"),
        bytes.log);
    RecordingSink unlimited = read(csv);
    assertEquals(
        List.of(
            "2: A",
            "5: bad: unexpected text after the closing quote at line 8, column 6; a quote inside a"
                + " quoted field is written twice (\"\")",
            "6: A",
            "7: A",
            "8: A",
            "9: A",
            "10: A"),
        unlimited.log);
  }

  @Test
  void aLineTooLongWhileAQuotedFieldIsOpenIsReadAgainAndSkipped() throws IOException {
    String csv = "type,time,x\nA,1,\"a\n" + "y".repeat(300_000) + "\r\nA,2,b\r\n";
    RecordingSink r = read(csv, new InputLimits(100, 100));
    assertEquals(
        List.of(
            "2: bad: the quote at column 5 opens a field that is not closed within 100 bytes",
            "3: bad: the line is longer than 100 bytes (the limit)",
            "4: A"),
        r.log);
  }

  @Test
  void aBadRowRunningOverLinesSaysWhichLines() throws IOException {
    RecordingSink r = read("type,time,device,temp\nReading,1,\"a\nb\",warm\nReading,2,c,1\n");
    assertEquals(
        List.of(
            "2: bad: field temp of Reading is double, but \"warm\" is not a double"
                + " (in the row of lines 2 to 3)",
            "4: Reading"),
        r.log);
  }

  @Test
  void aHeaderThatIsNotCsvIsReported() throws IOException {
    assertEquals(
        List.of(
            "1: bad: the header row: the quote at column 6 opens a field that is"
                + " not closed before the end of the input; no row of the file is read"),
        read("type,\"time\nA,1\n").log);
    assertEquals(
        List.of(
            "2: bad: the header row: not valid UTF-8 (byte 0x80 at column 11); no"
                + " row of the file is read"),
        read(bytes("\n type,time", 0x80, "\nA,1\n")).log);
  }

  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof Integer b) {
        out.write(b);
      } else {
        out.writeBytes(((String) p).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
