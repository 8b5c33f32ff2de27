package io.motif.kafka.internal;

import io.motif.engine.Event;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Events in {@link EventCodec}'s binary form, for the repartition topic: exact whatever serdes the
 * input and output topics use.
 */
public final class EventCodecSerde implements Serde<Event> {
  @Override
  public Serializer<Event> serializer() {
    return (topic, event) -> event == null ? null : EventCodec.encode(event);
  }

  @Override
  public Deserializer<Event> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return EventCodec.read(in);
      } catch (IOException e) {
        throw new SerializationException("corrupt event in " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
