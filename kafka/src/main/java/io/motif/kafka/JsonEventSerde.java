package io.motif.kafka;

import io.motif.engine.BadEventException;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.io.JsonEventWriter;
import io.motif.io.JsonLinesReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Events as one JSON object per record, the way {@code motif run} reads and writes JSON Lines:
 * {@code {"type":"Login","time":1700000000000,"user":"al","ok":false}}. Reading converts values to
 * the script's declared field types and accepts ISO-8601 times; a record that is not such an event
 * is a {@link SerializationException} (Kafka Streams' deserialization handler then logs and skips
 * it, or stops, as configured). Writing always names the fields {@code type} and {@code time}, and
 * writes a double as {@code 3.0} (a declared {@code double} holds one).
 */
public final class JsonEventSerde implements Serde<Event> {
  private final JsonLinesReader reader;
  private LongFunction<String> provenance;

  /** Reads with the given names for the type and time fields. */
  public JsonEventSerde(EventSchema schema, String typeField, String timeField) {
    this.reader = new JsonLinesReader(schema, typeField, timeField);
  }

  /** The serde for a script's declared types, with fields {@code type} and {@code time}. */
  public static JsonEventSerde forScript(CompiledScript script) {
    return new JsonEventSerde(script.schema(), "type", "time");
  }

  /**
   * Writes the origins of an event that has any as the field {@code "@provenance"}, each rendered
   * by {@code render} (null: not written, the default).
   */
  public JsonEventSerde provenance(LongFunction<String> render) {
    this.provenance = render;
    return this;
  }

  @Override
  public Serializer<Event> serializer() {
    return (topic, event) -> event == null ? null : write(event);
  }

  @Override
  public Deserializer<Event> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  private byte[] write(Event event) {
    StringWriter out = new StringWriter();
    try {
      JsonEventWriter w = new JsonEventWriter(out).provenance(provenance);
      w.write(event);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    StringBuffer sb = out.getBuffer();
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '\n') {
      end--;
    }
    return sb.substring(0, end).getBytes(StandardCharsets.UTF_8);
  }

  private Event read(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    try {
      return reader.parse(text.strip());
    } catch (BadEventException e) {
      throw new SerializationException("not a Motif event: " + e.getMessage());
    }
  }
}
