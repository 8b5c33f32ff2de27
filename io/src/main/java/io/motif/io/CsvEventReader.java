package io.motif.io;

import io.motif.engine.BadEventException;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads CSV with a header row naming the columns; one column holds the event type and one the time.
 * Cells become values by the declared field types, or by how they look (see {@link
 * EventSchema#convertText}).
 *
 * <p>Cells are separated by commas (or the {@link #delimiter}), rows by line breaks ({@code \n},
 * {@code \r\n} or {@code \r}). Spaces and tabs around an unquoted cell are trimmed. A cell that
 * starts with a quote (after spaces) is quoted: it ends at the next lone quote, holds commas and
 * line breaks and keeps its spaces, and writes a quote as two; only spaces, then a comma or the end
 * of the line may follow it. A quote anywhere else is an ordinary character. A row that is not CSV
 * by these rules, or whose quoted cell runs on past the end of the input or past {@link
 * InputLimits}, is one bad line: it is reported at its first line, and reading goes on at the line
 * after that one, so a stray quote never takes the rows after it. Blank lines are skipped.
 *
 * <p>One reader reads one input at a time (its buffers are reused from row to row).
 */
public final class CsvEventReader implements EventReader {
  private final EventSchema schema;
  private final String typeField;
  private final String timeField;
  private final InputLimits limits;

  private final List<String> cells = new ArrayList<>();
  private final StringBuilder quoted = new StringBuilder();
  private LineSource src;

  /** Whether the row being read runs over line breaks (then {@link #src} is marked). */
  private boolean marked;

  private long lastLine;

  /** The first byte of the row that is not UTF-8: its line (0 when there is none), column. */
  private long badLine;

  private int badByte;
  private int badColumn;

  public CsvEventReader(EventSchema schema, String typeField, String timeField) {
    this(schema, typeField, timeField, InputLimits.DEFAULT);
  }

  public CsvEventReader(
      EventSchema schema, String typeField, String timeField, InputLimits limits) {
    this.schema = schema;
    this.typeField = typeField;
    this.timeField = timeField;
    this.limits = limits;
  }

  private char delimiter = ',';
  private TimeUnits timeUnit = TimeUnits.ms;
  private boolean warnedSeconds;

  /** Cells are separated by {@code c} (default: a comma); not a quote or a line break. */
  public CsvEventReader delimiter(char c) {
    if (c == '"' || c == '\n' || c == '\r') {
      throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
    }
    this.delimiter = c;
    return this;
  }

  /** Numeric times are in {@code unit} (default: milliseconds). */
  public CsvEventReader timeUnit(TimeUnits unit) {
    this.timeUnit = unit;
    return this;
  }

  /**
   * The last line of the row just given to the sink: its first line, unless a quoted cell runs over
   * line breaks (a row that is not CSV is one line: reading goes on after its first).
   */
  public long rowLastLine() {
    return lastLine;
  }

  /** Reads every row as UTF-8; malformed ones go to {@link EventSink#bad} with their line. */
  @Override
  public void read(InputStream in, EventSink sink) throws IOException {
    src = new LineSource(in, limits.maxRecordBytes());
    try {
      read(sink);
    } finally {
      position = src.position();
      src = null;
      marked = false;
    }
  }

  private long startOffset;
  private long startLine = 1;
  private long position;

  /**
   * The next {@link #read} reads the header row, then goes on at byte {@code offset}, the start of
   * line {@code line}: where an earlier reading of the same input stood ({@link #position()}).
   */
  @Override
  public CsvEventReader startAt(long offset, long line) {
    this.startOffset = offset;
    this.startLine = line;
    return this;
  }

  @Override
  public long position() {
    return src == null ? position : src.position();
  }

  @Override
  public long lastLine() {
    return rowLastLine();
  }

  private void read(EventSink sink) throws IOException {
    do {
      if (!src.next()) {
        return;
      }
    } while (!src.tooLong() && src.blank());
    long headerLine = src.number();
    String problem = row();
    if (problem == null && badLine != 0) {
      problem = notUtf8(headerLine);
    }
    if (marked) {
      src.unmark();
      marked = false;
    }
    if (problem != null) {
      lastLine = headerLine;
      sink.bad(headerLine, "the header row: " + problem + "; no row of the file is read");
      return;
    }
    List<String> header = new ArrayList<>(cells.size());
    Map<String, Integer> columns = new HashMap<>();
    for (String cell : cells) {
      String name = cell.trim();
      Integer before = columns.putIfAbsent(name, header.size() + 1);
      if (before != null) {
        sink.bad(
            headerLine,
            "the header row names the column \""
                + name
                + "\" twice (columns "
                + before
                + " and "
                + (header.size() + 1)
                + "); no row of the file is read");
        return;
      }
      header.add(name);
    }
    int typeColumn = header.indexOf(typeField);
    int timeColumn = header.indexOf(timeField);
    if (typeColumn < 0 || timeColumn < 0) {
      sink.bad(
          headerLine,
          "the header row must name a \""
              + typeField
              + "\" and a \""
              + timeField
              + "\" column; it has "
              + String.join(", ", header));
      return;
    }
    int width = header.size();
    if (startOffset > src.position() && !src.skipTo(startOffset, startLine)) {
      throw new IOException(
          "it is shorter ("
              + src.position()
              + " bytes) than where the run"
              + " stopped (byte "
              + startOffset
              + ")");
    }
    names = new String[width];
    values = new Object[width];
    while (src.next()) {
      if (!src.tooLong() && src.blank()) {
        continue;
      }
      long line = src.number();
      problem = row();
      if (problem == null && marked && cells.size() != width) {
        // Most likely a quote meant as an ordinary character: the lines it took are rows.
        problem =
            "expected "
                + width
                + " fields as in the header row, found "
                + cells.size()
                + " in the row of lines "
                + line
                + " to "
                + lastLine
                + " (a quoted field spans them);"
                + " reading goes on at line "
                + (line + 1);
      } else if (problem != null && !marked && badLine != 0) {
        problem = notUtf8(line); // the first thing wrong with a line
      }
      if (problem != null) {
        if (marked) {
          src.reset();
          marked = false;
        }
        lastLine = line;
        if (!sink.bad(line, problem)) {
          return;
        }
        continue;
      }
      if (marked) {
        src.unmark();
        marked = false;
      }
      Event event;
      try {
        if (badLine != 0) {
          throw new BadEventException(
              notUtf8(line)
                  + (lastLine > line ? " in the row of lines " + line + " to " + lastLine : ""));
        }
        probablySeconds = null;
        event = event(header, typeColumn, timeColumn);
      } catch (BadEventException e) {
        String message = e.getMessage();
        if (badLine == 0 && lastLine > line) {
          message += " (in the row of lines " + line + " to " + lastLine + ")";
        }
        if (!sink.bad(line, message)) {
          return;
        }
        continue;
      }
      if (probablySeconds != null && !warnedSeconds) {
        warnedSeconds = true;
        sink.warning(line, TimeUnits.secondsWarning(timeField, probablySeconds));
      }
      if (!sink.event(event, line)) {
        return;
      }
    }
  }

  /**
   * Splits the row that starts at the current line into {@link #cells}, reading on over the line
   * breaks of quoted cells (then {@link #marked} is set); null, or why the row is not CSV.
   */
  private String row() throws IOException {
    cells.clear();
    marked = false;
    badLine = 0;
    long first = src.number();
    lastLine = first;
    if (src.tooLong()) {
      return LineSource.tooLongMessage(limits.maxRecordBytes());
    }
    noteUtf8();
    char[] c = src.chars();
    int n = src.length();
    long bytes = src.lineBytes();
    int p = 0;
    char d = delimiter;
    while (true) {
      int s = p;
      while (s < n && c[s] == ' ' && d != ' ') {
        s++; // spaces before an opening quote
      }
      if (s < n && c[s] == '"') {
        p = s;
        long openLine = lastLine;
        int openColumn = p + 1;
        quoted.setLength(0);
        p++;
        while (true) {
          int q = p;
          while (q < n && c[q] != '"') {
            q++;
          }
          if (q < n) {
            quoted.append(c, p, q - p);
            if (q + 1 < n && c[q + 1] == '"') {
              quoted.append('"');
              p = q + 2;
              continue;
            }
            p = q + 1;
            break;
          }
          // The quoted cell runs on over the line break, within the limits.
          quoted.append(c, p, n - p);
          if (src.lineBreak() == LineSource.NONE) {
            return unclosed(first, openLine, openColumn, "before the end of the input");
          }
          if (lastLine - first + 1 >= limits.maxRecordLines()) {
            return unclosed(
                first, openLine, openColumn, "within " + limits.maxRecordLines() + " lines");
          }
          src.appendLineBreak(quoted);
          if (!marked) {
            src.mark();
            marked = true;
          }
          if (!src.next()) {
            return unclosed(first, openLine, openColumn, "before the end of the input");
          }
          bytes += src.lineBytes();
          if (src.tooLong() || bytes > limits.maxRecordBytes()) {
            return unclosed(
                first, openLine, openColumn, "within " + limits.maxRecordBytes() + " bytes");
          }
          lastLine = src.number();
          noteUtf8();
          c = src.chars();
          n = src.length();
          p = 0;
        }
        cells.add(quoted.toString());
        while (p < n && c[p] == ' ' && d != ' ') {
          p++; // spaces after the closing quote
        }
        if (p < n && c[p] != d) {
          return "unexpected text after the closing quote at "
              + (lastLine == first ? "" : "line " + lastLine + ", ")
              + "column "
              + (p + 1)
              + "; a quote inside a quoted field is written twice (\"\")";
        }
      } else {
        int q = p;
        while (q < n && c[q] != d) {
          q++;
        }
        int from = p;
        int to = q;
        while (from < to && (c[from] == ' ' || c[from] == '\t') && c[from] != d) {
          from++;
        }
        while (to > from && (c[to - 1] == ' ' || c[to - 1] == '\t') && c[to - 1] != d) {
          to--;
        }
        cells.add(new String(c, from, to - from));
        p = q;
      }
      if (p == n) {
        return null;
      }
      p++; // the delimiter
    }
  }

  /** A cell's time: a number in {@link #timeUnit}, or ISO-8601; null when neither. */
  private Long time(String text) throws BadEventException {
    if (EventSchema.isInteger(text)) {
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null; // reported as beyond the range of long
      }
      Long t = timeUnit.toMillis(value);
      if (t == null) {
        throw beyondMillis(text);
      }
      if (timeUnit.probablySeconds(t)) {
        probablySeconds = text;
      }
      return t;
    }
    if (timeUnit == TimeUnits.s && DECIMAL.matcher(text).matches()) {
      Long t = timeUnit.toMillis(new BigDecimal(text));
      if (t == null) {
        throw beyondMillis(text);
      }
      return t;
    }
    return EventSchema.parseTime(text);
  }

  /** The names and values of the row being read, reused from row to row. */
  private String[] names;

  private Object[] values;
  private final ShapeCache shapes = new ShapeCache();

  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+)");

  /** The numeric time of the row just read when it looks like seconds, else null. */
  private String probablySeconds;

  private BadEventException beyondMillis(String text) {
    return new BadEventException(
        "\""
            + timeField
            + "\" in "
            + timeUnit
            + " is beyond the range"
            + " of long in milliseconds: "
            + EventSchema.abbreviate(text));
  }

  private static String unclosed(long first, long line, int column, String where) {
    return "the quote at "
        + (line == first ? "" : "line " + line + ", ")
        + "column "
        + column
        + " opens a field that is not closed "
        + where;
  }

  private void noteUtf8() {
    if (badLine == 0 && src.badByte() >= 0) {
      badLine = src.number();
      badByte = src.badByte();
      badColumn = src.badColumn();
    }
  }

  private String notUtf8(long rowLine) {
    return LineSource.notUtf8(
        badByte, (badLine == rowLine ? "" : "line " + badLine + ", ") + "column " + badColumn);
  }

  private Event event(List<String> header, int typeColumn, int timeColumn)
      throws BadEventException {
    if (cells.size() != header.size()) {
      throw new BadEventException(
          "expected " + header.size() + " fields as in the header row," + " found " + cells.size());
    }
    String type = cells.get(typeColumn).trim();
    if (type.isEmpty()) {
      throw new BadEventException("the \"" + typeField + "\" column is empty");
    }
    String timeText = cells.get(timeColumn);
    if (timeText.isBlank()) {
      throw new BadEventException("the \"" + timeField + "\" column is empty");
    }
    Long time = time(timeText.trim());
    if (time == null) {
      if (EventSchema.isInteger(timeText.trim())) {
        throw new BadEventException(
            "\""
                + timeField
                + "\" is beyond the range of long: "
                + EventSchema.abbreviate(timeText.trim()));
      }
      throw new BadEventException(
          "\""
              + timeField
              + "\" is neither epoch milliseconds nor an"
              + " ISO-8601 time such as 2024-01-01T10:00:00Z: "
              + EventSchema.quoted(timeText));
    }
    Times.eventTime(time, timeField, timeText.trim());
    EventType declared = schema.type(type);
    int n = 0;
    for (int i = 0; i < header.size(); i++) {
      if (i == typeColumn || i == timeColumn) {
        continue;
      }
      String name = header.get(i);
      String cell = cells.get(i);
      FieldType fieldType = declared == null ? null : declared.fieldType(name);
      Object value = EventSchema.convertText(type, fieldType, name, cell);
      if (fieldType == FieldType.TIME && EventSchema.isInteger(cell.trim())) {
        value = timeUnit.timeField(type, name, value);
      }
      // An empty cell of a column the type does not declare is a field the event lacks (a file
      // may mix types whose columns differ); a missing field reads as null either way.
      if (value != null || fieldType != null) {
        names[n] = name;
        values[n++] = value;
      }
    }
    return schema.event(type, time, shapes.shape(names, n), values);
  }
}
