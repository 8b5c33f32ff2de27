package io.motif.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.motif.engine.Event;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Writes events as JSON Lines: {@code type}, {@code time} (epoch milliseconds), then the fields in
 * order. Each value is written by its Java type: a Double as a decimal ({@code 3.0}, never {@code
 * 3}; a field declared {@code double} holds one, as the engine conforms input and emitted fields to
 * their declared types), a Long as an integer; nested events, lists and maps become JSON objects
 * and arrays. Buffered: call {@link #flush()}.
 */
public final class JsonEventWriter implements Flushable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonGenerator gen;

  /** A writer of JSON Lines to {@code out}, which it neither flushes nor closes on its own. */
  public JsonEventWriter(Writer out) throws IOException {
    this.gen = JSON.createGenerator(out);
    this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.gen.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    this.gen.setPrettyPrinter(new MinimalPrettyPrinter(""));
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

  private LongFunction<String> provenance;

  /**
   * Adds to each top-level event that has {@linkplain Event#origins origins} the field {@code
   * "@provenance"}: its origins, each rendered by {@code render}, in their order. ({@code @} cannot
   * begin a field name of the language, so it never hides a field.)
   */
  public JsonEventWriter provenance(LongFunction<String> render) {
    this.provenance = render;
    return this;
  }

  /** Writes one event and a line break. */
  public void write(Event event) throws IOException {
    writeEvent(event, provenance != null && event.hasOrigins());
    gen.writeRaw('\n');
  }

  private void writeEvent(Event event, boolean withProvenance) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", event.type());
    if (isoTime) {
      gen.writeStringField("time", Instant.ofEpochMilli(event.time()).toString());
    } else {
      gen.writeNumberField("time", event.time());
    }
    for (Map.Entry<String, Object> f : event.fields().entrySet()) {
      gen.writeFieldName(f.getKey());
      writeValue(f.getValue());
    }
    if (withProvenance) {
      gen.writeFieldName("@provenance");
      gen.writeStartArray();
      for (long origin : event.origins()) {
        gen.writeString(provenance.apply(origin));
      }
      gen.writeEndArray();
    }
    gen.writeEndObject();
  }

  private void writeValue(Object v) throws IOException {
    if (v == null) {
      gen.writeNull();
    } else if (v instanceof String s) {
      gen.writeString(s);
    } else if (v instanceof Double || v instanceof Float) {
      gen.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      gen.writeNumber(n.longValue());
    } else if (v instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (v instanceof Event e) {
      writeEvent(e, false);
    } else if (v instanceof List<?> list) {
      gen.writeStartArray();
      for (Object o : list) {
        writeValue(o);
      }
      gen.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        writeValue(e.getValue());
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
