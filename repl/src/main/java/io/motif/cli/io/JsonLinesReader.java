package io.motif.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.motif.engine.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines: one object per line, such as
 * {@code {"type":"Login","time":1700000000000,"user":"al","ok":false}}. The time is epoch
 * milliseconds or an ISO-8601 string (UTC when it has no offset). One streaming parser per line:
 * the fastest way measured, and a broken line cannot disturb the next.
 */
public final class JsonLinesReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final EventSchema schema;
  private final String typeField;
  private final String timeField;

  public JsonLinesReader(EventSchema schema, String typeField, String timeField) {
    this.schema = schema;
    this.typeField = typeField;
    this.timeField = timeField;
  }

  /** Reads every line; blank lines are skipped, malformed ones go to {@link EventSink#bad}. */
  public void read(BufferedReader in, EventSink sink) throws IOException {
    long line = 0;
    String text;
    while ((text = in.readLine()) != null) {
      line++;
      if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      Event event;
      try {
        event = parse(text);
      } catch (BadEventException e) {
        if (!sink.bad(line, e.getMessage())) {
          return;
        }
        continue;
      }
      if (!sink.event(event, line)) {
        return;
      }
    }
  }

  /** One event from one JSON object. */
  public Event parse(String text) throws BadEventException {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadEventException("expected a JSON object such as {\"" + typeField
            + "\":\"Login\",\"" + timeField + "\":1700000000000,\"user\":\"al\"}");
      }
      String type = null;
      Object rawTime = null;
      boolean hasTime = false;
      Map<String, Object> raw = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        Object value = value(p);
        if (name.equals(typeField)) {
          if (!(value instanceof String s) || s.isEmpty()) {
            throw new BadEventException("\"" + typeField + "\" must be a string naming the event"
                + " type, not " + (value == null ? "null" : EventSchema.kind(value)));
          }
          type = s;
        } else if (name.equals(timeField)) {
          rawTime = value;
          hasTime = true;
        } else {
          raw.put(name, value);
        }
      }
      if (p.nextToken() != null) {
        throw new BadEventException("unexpected text after the JSON object");
      }
      if (type == null) {
        throw new BadEventException("no \"" + typeField + "\" field naming the event type");
      }
      if (!hasTime) {
        throw new BadEventException("no \"" + timeField + "\" field with the event time");
      }
      long time = time(rawTime);
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Object> f : raw.entrySet()) {
        fields.put(f.getKey(), schema.convert(type, f.getKey(), f.getValue()));
      }
      return Event.of(type, time, fields);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int cut = message.indexOf(" (start marker at");
      message = cut < 0 ? message : message.substring(0, cut);
      String where = e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
          : " at column " + e.getLocation().getColumnNr();
      throw new BadEventException("not valid JSON" + where + ": " + message);
    } catch (IOException e) {
      throw new BadEventException("not valid JSON: " + e.getMessage());
    }
  }

  private long time(Object raw) throws BadEventException {
    if (raw instanceof Long l) {
      return l;
    }
    if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
      return d.longValue();
    }
    if (raw instanceof String s) {
      Long t = Times.parse(s);
      if (t != null) {
        return t;
      }
      throw new BadEventException("\"" + timeField + "\" is neither epoch milliseconds nor an"
          + " ISO-8601 time such as \"2024-01-01T10:00:00Z\": \"" + s + "\"");
    }
    throw new BadEventException("\"" + timeField + "\" must be epoch milliseconds or an ISO-8601"
        + " string, not " + (raw == null ? "null" : EventSchema.kind(raw)));
  }

  /** The value at the current token: String, Long, Double, Boolean, null, Map or List. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getDoubleValue();
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      default:
        throw new JsonParseFailure("unexpected " + t);
    }
  }

  /** A structural surprise, reported like any other JSON error. */
  private static final class JsonParseFailure extends IOException {
    private static final long serialVersionUID = 1L;

    JsonParseFailure(String message) {
      super(message);
    }
  }
}
