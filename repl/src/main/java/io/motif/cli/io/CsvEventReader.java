package io.motif.cli.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.motif.engine.Event;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV with a header row naming the columns; one column holds the event type and one the
 * time. Cells become values by the declared field types, or by how they look (see
 * {@link EventSchema#convertText}).
 */
public final class CsvEventReader {
  private final EventSchema schema;
  private final String typeField;
  private final String timeField;

  public CsvEventReader(EventSchema schema, String typeField, String timeField) {
    this.schema = schema;
    this.typeField = typeField;
    this.timeField = timeField;
  }

  /** Reads every record; malformed ones go to {@link EventSink#bad} with their line. */
  public void read(Reader in, EventSink sink) throws IOException {
    CsvReader<CsvRecord> csv = CsvReader.builder()
        .skipEmptyLines(true)
        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
        .ofCsvRecord(in);
    long lastLine = 1;
    try {
      Iterator<CsvRecord> records = csv.iterator();
      if (!records.hasNext()) {
        return;
      }
      CsvRecord headerRecord = records.next();
      List<String> header = new ArrayList<>();
      for (String h : headerRecord.getFields()) {
        header.add(header.isEmpty() && h.startsWith("\uFEFF") ? h.substring(1).trim() : h.trim());
      }
      int typeColumn = header.indexOf(typeField);
      int timeColumn = header.indexOf(timeField);
      if (typeColumn < 0 || timeColumn < 0) {
        sink.bad(headerRecord.getStartingLineNumber(), "the header row must name a \"" + typeField
            + "\" and a \"" + timeField + "\" column; it has " + String.join(", ", header));
        return;
      }
      while (records.hasNext()) {
        CsvRecord r = records.next();
        lastLine = r.getStartingLineNumber();
        Event event;
        try {
          event = event(header, typeColumn, timeColumn, r);
        } catch (BadEventException e) {
          if (!sink.bad(lastLine, e.getMessage())) {
            return;
          }
          continue;
        }
        if (!sink.event(event, lastLine)) {
          return;
        }
      }
    } catch (CsvParseException e) {
      // A broken quote leaves the rest of the file unreadable: report it and stop this file.
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause()
          : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      sink.bad(lastLine + 1, "not valid CSV, the rest of the file is skipped: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Event event(List<String> header, int typeColumn, int timeColumn, CsvRecord r)
      throws BadEventException {
    if (r.getFieldCount() != header.size()) {
      throw new BadEventException("expected " + header.size() + " fields as in the header row,"
          + " found " + r.getFieldCount());
    }
    String type = r.getField(typeColumn).trim();
    if (type.isEmpty()) {
      throw new BadEventException("the \"" + typeField + "\" column is empty");
    }
    String timeText = r.getField(timeColumn);
    if (timeText.isBlank()) {
      throw new BadEventException("the \"" + timeField + "\" column is empty");
    }
    Long time = Times.parse(timeText);
    if (time == null) {
      throw new BadEventException("\"" + timeField + "\" is neither epoch milliseconds nor an"
          + " ISO-8601 time such as 2024-01-01T10:00:00Z: \"" + timeText + "\"");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (i == typeColumn || i == timeColumn) {
        continue;
      }
      String name = header.get(i);
      Object value = schema.convertText(type, name, r.getField(i));
      // An empty cell of a column the type does not declare is a field the event lacks (a file
      // may mix types whose columns differ); a missing field reads as null either way.
      if (value != null || schema.fieldType(type, name) != null) {
        fields.put(name, value);
      }
    }
    return Event.of(type, time, fields);
  }
}
