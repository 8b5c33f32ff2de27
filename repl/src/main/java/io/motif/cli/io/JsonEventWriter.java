package io.motif.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.motif.engine.Event;
import io.motif.engine.FieldType;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes events as JSON Lines: {@code type}, {@code time} (epoch milliseconds), then the fields in
 * order. A field declared {@code double} is written as a decimal ({@code 3.0}, never {@code 3});
 * nested events, lists and maps become JSON objects and arrays. Buffered: call {@link #flush()}.
 */
public final class JsonEventWriter implements Flushable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonGenerator gen;
  private final EventSchema schema;

  public JsonEventWriter(Writer out, EventSchema schema) throws IOException {
    this.gen = JSON.createGenerator(out);
    this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.gen.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    this.gen.setPrettyPrinter(new MinimalPrettyPrinter(""));
    this.schema = schema;
  }

  private boolean isoTime;

  /**
   * Writes each event's {@code time} (nested events' too, not declared {@code time} fields) as an
   * ISO-8601 UTC string, {@code "2024-03-01T09:00:00Z"}, with milliseconds when it is not a whole
   * second ({@code "2024-03-01T09:00:00.250Z"}), instead of epoch milliseconds.
   */
  public JsonEventWriter isoTime(boolean iso) {
    this.isoTime = iso;
    return this;
  }

  /** Writes one event and a line break. */
  public void write(Event event) throws IOException {
    writeEvent(event);
    gen.writeRaw('\n');
  }

  private void writeEvent(Event event) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", event.type());
    if (isoTime) {
      gen.writeStringField("time", java.time.Instant.ofEpochMilli(event.time()).toString());
    } else {
      gen.writeNumberField("time", event.time());
    }
    for (Map.Entry<String, Object> f : event.fields().entrySet()) {
      gen.writeFieldName(f.getKey());
      writeValue(f.getValue(), schema.fieldType(event.type(), f.getKey()));
    }
    gen.writeEndObject();
  }

  private void writeValue(Object v, FieldType declared) throws IOException {
    if (v == null) {
      gen.writeNull();
    } else if (v instanceof String s) {
      gen.writeString(s);
    } else if (v instanceof Double || v instanceof Float) {
      gen.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      if (declared == FieldType.DOUBLE) {
        gen.writeNumber(n.doubleValue());
      } else {
        gen.writeNumber(n.longValue());
      }
    } else if (v instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (v instanceof Event e) {
      writeEvent(e);
    } else if (v instanceof List<?> list) {
      gen.writeStartArray();
      for (Object o : list) {
        writeValue(o, null);
      }
      gen.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        writeValue(e.getValue(), null);
      }
      gen.writeEndObject();
    } else {
      gen.writeString(v.toString());
    }
  }

  /** Writes everything buffered through to the underlying writer and flushes it. */
  @Override
  public void flush() throws IOException {
    gen.flush();
  }
}
