package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, JSON-ish lines and CSV, 100,000 lines in all, fed to the readers (from one seed, so
 * a failure repeats). Nothing may escape a reader, and nothing may be lost: every line that is not
 * blank is an event or a reported bad line (for CSV: every such line lies in exactly one row given
 * to the sink, a row running over the line breaks of its quoted cells). The same bytes delivered in
 * random small pieces (as from a pipe) must read the same.
 */
class ReaderFuzzTest {
  private static final long SEED = 0x5EED_2026L;
  private static final int LINES = 100_000;
  private static final int FILE_LINES = 500;

  private final Random rnd = new Random(SEED);
  private long physicalLines;
  private long events;
  private long badLines;

  @Test
  void noExceptionEscapesAndEveryLineIsAnEventOrACountedBadLine() throws IOException {
    while (physicalLines < LINES) {
      switch (rnd.nextInt(5)) {
        case 0 -> jsonFile(true);
        case 1, 2 -> jsonFile(false);
        default -> csvFile();
      }
    }
    assertTrue(events > LINES / 10, "the generated input has good lines too: " + events);
    assertTrue(badLines > LINES / 10, "and bad ones: " + badLines);
  }

  // ---- JSON Lines ----

  private void jsonFile(boolean randomBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<Integer, long[]> clean = new HashMap<>(); // start offset -> {time}, with type "C"
    if (rnd.nextInt(10) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    for (int i = 0; i < FILE_LINES; i++) {
      byte[] line;
      int kind = rnd.nextInt(10);
      if (randomBytes || kind == 0) {
        line = randomBytes(rnd.nextInt(120));
      } else if (kind == 1) {
        line = blank().getBytes(StandardCharsets.UTF_8);
      } else if (kind <= 5) {
        long time = rnd.nextInt(1_000_000);
        clean.put(out.size(), new long[] {time});
        line =
            ("{\"type\":\"C\",\"time\":" + time + jsonFields(rnd.nextInt(4)) + "}")
                .getBytes(StandardCharsets.UTF_8);
      } else {
        line = mutate(jsonIsh().getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(line);
      out.writeBytes(lineBreak());
    }
    byte[] input = out.toByteArray();
    InputLimits limits = rnd.nextBoolean() ? InputLimits.DEFAULT : new InputLimits(200, 1);
    List<Line> lines = split(input);
    physicalLines += lines.size();
    List<String> whole = readJson(new ByteArrayInputStream(input), limits);
    if (rnd.nextBoolean()) {
      List<String> pieces = readJson(new Trickle(input, rnd.nextLong()), limits);
      assertEquals(whole, pieces, "the same bytes in pieces read the same");
    }

    List<Long> expected = new ArrayList<>();
    Map<Long, String> cleanLines = new HashMap<>();
    for (Line l : lines) {
      if (!l.blank) {
        expected.add(l.number);
      }
      long[] time = clean.get(l.start);
      if (time != null && l.start > 0 && !limitsCut(l, limits)) {
        cleanLines.put(l.number, "C@" + time[0]);
      }
    }
    List<Long> reported = new ArrayList<>();
    for (String entry : whole) {
      long line = Long.parseLong(entry.substring(0, entry.indexOf(':')));
      reported.add(line);
      String wanted = cleanLines.get(line);
      if (wanted != null) {
        assertEquals(line + ": " + wanted, entry, "a well-formed line is its event");
      }
    }
    assertEquals(expected, reported, "every line that is not blank, once, in order");
  }

  private static boolean limitsCut(Line l, InputLimits limits) {
    return l.end - l.start > limits.maxRecordBytes();
  }

  private List<String> readJson(InputStream in, InputLimits limits) throws IOException {
    List<String> log = new ArrayList<>();
    JsonLinesReader reader =
        new JsonLinesReader(JsonLinesReaderTest.SCHEMA, "type", "time", limits);
    reader.read(in, sink(log, null));
    return log;
  }

  private String jsonIsh() {
    StringBuilder sb = new StringBuilder("{");
    int n = rnd.nextInt(6);
    List<String> keys = new ArrayList<>(List.of("type", "time", "a", "b", "ok", "temp", "count"));
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append('"')
          .append(keys.get(rnd.nextInt(keys.size())))
          .append("\":")
          .append(jsonValue(0));
    }
    return sb.append('}').toString();
  }

  private String jsonFields(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(",\"f").append(i).append("\":").append(jsonValue(0));
    }
    return sb.toString();
  }

  /** A JSON value that is within every bound (no number beyond range, no key twice). */
  private String jsonValue(int depth) {
    switch (rnd.nextInt(depth > 3 ? 6 : 8)) {
      case 0:
        return Long.toString(rnd.nextLong());
      case 1:
        return Double.toString(rnd.nextGaussian() * 1e6);
      case 2:
        return jsonString(text());
      case 3:
        return rnd.nextBoolean() ? "true" : "false";
      case 4:
        return "null";
      case 5:
        return "\"Reading\"";
      case 6:
        {
          StringBuilder sb = new StringBuilder("[");
          for (int i = rnd.nextInt(4); i > 0; i--) {
            sb.append(jsonValue(depth + 1)).append(i > 1 ? "," : "");
          }
          return sb.append(']').toString();
        }
      default:
        {
          StringBuilder sb = new StringBuilder("{");
          for (int i = rnd.nextInt(4); i > 0; i--) {
            sb.append("\"k")
                .append(i)
                .append("\":")
                .append(jsonValue(depth + 1))
                .append(i > 1 ? "," : "");
          }
          return sb.append('}').toString();
        }
    }
  }

  /** A line made worse: bytes changed, a quote or bracket added, a number too large, ... */
  private byte[] mutate(byte[] line) {
    String s = new String(line, StandardCharsets.UTF_8);
    switch (rnd.nextInt(9)) {
      case 0:
        return replaceByte(line);
      case 1:
        return insert(s, "\"{}[],:\\".charAt(rnd.nextInt(8)) + "");
      case 2:
        return insert(s, rnd.nextBoolean() ? "1e400" : "123456789012345678901234567890");
      case 3:
        {
          int depth = Event.MAX_NESTING - 2 + rnd.nextInt(5);
          return ("{\"type\":\"D\",\"time\":1,\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
              .getBytes(StandardCharsets.UTF_8);
        }
      case 4:
        return ("{\"type\":\"D\",\"time\":1,\"x\":1,\""
                + (rnd.nextBoolean() ? "x" : "type")
                + "\":2}")
            .getBytes(StandardCharsets.UTF_8);
      case 5:
        return Arrays.copyOf(line, rnd.nextInt(line.length + 1));
      case 6:
        return insert(s, new String(new char[] {(char) (0x80 + rnd.nextInt(0x780))}));
      case 7:
        return s.replace("\"type\":\"", "\"type\":\"\"").getBytes(StandardCharsets.UTF_8);
      default:
        return line;
    }
  }

  // ---- CSV ----

  private void csvFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (rnd.nextInt(10) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    for (int i = rnd.nextInt(3); i > 0; i--) {
      out.writeBytes(blank().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(lineBreak());
    }
    out.writeBytes("type,time,device,temp,n\r\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < FILE_LINES; i++) {
      int kind = rnd.nextInt(12);
      byte[] row;
      if (kind == 0) {
        row = randomBytes(rnd.nextInt(80));
      } else if (kind == 1) {
        row = blank().getBytes(StandardCharsets.UTF_8);
      } else {
        row = csvRow().getBytes(StandardCharsets.UTF_8);
        if (kind <= 4) {
          row = mutateCsv(row);
        }
      }
      out.writeBytes(row);
      out.writeBytes(lineBreak());
    }
    byte[] input = out.toByteArray();
    InputLimits limits =
        rnd.nextBoolean()
            ? InputLimits.DEFAULT
            : new InputLimits(50 + rnd.nextInt(500), 1 + rnd.nextInt(6));
    List<Line> lines = split(input);
    physicalLines += lines.size();
    List<long[]> rows = new ArrayList<>();
    List<String> whole = readCsv(new ByteArrayInputStream(input), limits, rows);
    if (rnd.nextBoolean()) {
      List<String> pieces = readCsv(new Trickle(input, rnd.nextLong()), limits, new ArrayList<>());
      assertEquals(whole, pieces, "the same bytes in pieces read the same");
    }

    int header = 0;
    while (lines.get(header).blank) {
      header++;
    }
    long covered = header + 1;
    int next = header + 1; // the index of the next line to account for
    for (long[] row : rows) {
      long first = row[0];
      long last = row[1];
      assertTrue(first <= last && first > lines.get(header).number, "row " + first + "-" + last);
      for (; lines.get(next).number < first; next++) {
        assertTrue(
            lines.get(next).blank,
            "line " + lines.get(next).number + " is blank or in a row given to the sink");
        covered++;
      }
      assertEquals(first, lines.get(next).number, "rows do not overlap");
      assertFalse(lines.get(next).blank, "a row starts at a line that is not blank: " + first);
      covered += last - first + 1;
      next = (int) last; // the index of the line after the row
    }
    for (; next < lines.size(); next++) {
      assertTrue(
          lines.get(next).blank,
          "line " + lines.get(next).number + " is blank or in a row given to the sink");
      covered++;
    }
    assertEquals(lines.size(), covered, "lines = header + blank lines + the lines of every row");
  }

  private List<String> readCsv(InputStream in, InputLimits limits, List<long[]> rows)
      throws IOException {
    List<String> log = new ArrayList<>();
    CsvEventReader reader = new CsvEventReader(JsonLinesReaderTest.SCHEMA, "type", "time", limits);
    reader.read(in, sink(log, (line) -> rows.add(new long[] {line, reader.rowLastLine()})));
    return log;
  }

  private String csvRow() {
    String[] types = {"A", "B", "Reading", "", " A "};
    StringBuilder sb = new StringBuilder(cell(types[rnd.nextInt(types.length)]));
    sb.append(',').append(rnd.nextInt(20) == 0 ? "soon" : Integer.toString(rnd.nextInt(9999)));
    int n = rnd.nextInt(20) == 0 ? rnd.nextInt(6) : 3;
    for (int i = 0; i < n; i++) {
      sb.append(',');
      switch (rnd.nextInt(6)) {
        case 0 -> sb.append(rnd.nextInt(1000));
        case 1 -> sb.append(rnd.nextGaussian());
        case 2 -> sb.append(cell(text()));
        case 3 -> sb.append(rnd.nextBoolean() ? "1e400" : "99999999999999999999");
        case 4 -> {} // empty
        default ->
            sb.append('"')
                .append(text().replace("\"", "\"\""))
                .append(rnd.nextBoolean() ? "\n" : "\r\n")
                .append(text().replace("\"", "\"\""))
                .append('"');
      }
    }
    return sb.toString();
  }

  private static String cell(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? '"' + text.replace("\"", "\"\"") + '"'
        : text;
  }

  private byte[] mutateCsv(byte[] row) {
    String s = new String(row, StandardCharsets.UTF_8);
    return switch (rnd.nextInt(5)) {
      case 0 -> insert(s, "\"");
      case 1 -> (s + ",\"" + text()).getBytes(StandardCharsets.UTF_8); // a quote opened late
      case 2 -> replaceByte(row);
      case 3 -> insert(s, ",");
      default -> (s.replace(",", ",\"") + "\"x").getBytes(StandardCharsets.UTF_8);
    };
  }

  // ---- shared ----

  /** A sink that logs {@code LINE: Type@time} or {@code LINE: bad: ...} and checks messages. */
  private EventSink sink(List<String> log, LongConsumer rows) {
    return new EventSink() {
      @Override
      public boolean event(Event event, long line) {
        events++;
        log.add(line + ": " + event.type() + "@" + event.time());
        if (rows != null) {
          rows.accept(line);
        }
        return true;
      }

      @Override
      public boolean bad(long line, String message) {
        badLines++;
        assertFalse(message.isBlank());
        assertFalse(
            message.contains("Exception")
                || message.contains("StreamReadConstraints")
                || message.contains("Infinity"),
            message);
        log.add(line + ": bad: " + message);
        if (rows != null) {
          rows.accept(line);
        }
        return true;
      }
    };
  }

  /** Text with letters, spaces, commas, quotes, backslashes and characters beyond ASCII. */
  private String text() {
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(12); i > 0; i--) {
      int k = rnd.nextInt(20);
      sb.append(
          k < 12
              ? String.valueOf((char) ('a' + rnd.nextInt(26)))
              : k < 14
                  ? " "
                  : k < 15
                      ? ","
                      : k < 16
                          ? "\""
                          : k < 17 ? "\u00e9" : k < 18 ? "\u20ac" : k < 19 ? "\uD83D\uDE00" : "\\");
    }
    return sb.toString();
  }

  private static String jsonString(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private String blank() {
    return switch (rnd.nextInt(4)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> "\t ";
      default -> "   ";
    };
  }

  private byte[] lineBreak() {
    return switch (rnd.nextInt(6)) {
      case 0 -> new byte[] {'\r', '\n'};
      case 1 -> new byte[] {'\r'};
      default -> new byte[] {'\n'};
    };
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private byte[] replaceByte(byte[] line) {
    byte[] b = line.clone();
    if (b.length > 0) {
      b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  private byte[] insert(String s, String what) {
    int at = rnd.nextInt(s.length() + 1);
    if (at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))) {
      at--;
    }
    return (s.substring(0, at) + what + s.substring(at)).getBytes(StandardCharsets.UTF_8);
  }

  /** A physical line: its number, byte range (without the line break), and whether blank. */
  private record Line(long number, int start, int end, boolean blank) {}

  /** The lines of the input, found independently of the readers. */
  private static List<Line> split(byte[] in) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (start < in.length) {
      while (i < in.length && in[i] != '\n' && in[i] != '\r') {
        i++;
      }
      int contentStart =
          start == 0
                  && i >= 3
                  && in[0] == (byte) 0xEF
                  && in[1] == (byte) 0xBB
                  && in[2] == (byte) 0xBF
              ? 3
              : start;
      lines.add(new Line(lines.size() + 1, start, i, isBlank(in, contentStart, i)));
      if (i < in.length && in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
        i++;
      }
      start = ++i;
    }
    return lines;
  }

  private static boolean isBlank(byte[] in, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(in, from, to - from))
          .toString()
          .isBlank();
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The bytes, a few at a time, as a pipe or a terminal gives them. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final Random sizes;
    private int pos;

    Trickle(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.sizes = new Random(seed);
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, bytes.length - pos), 1 + sizes.nextInt(300));
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
