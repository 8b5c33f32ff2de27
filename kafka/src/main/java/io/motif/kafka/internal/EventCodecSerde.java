package io.motif.kafka.internal;

import io.motif.engine.Event;
import io.motif.engine.ValueCodec;
import java.io.StreamCorruptedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Events in the engine's binary form ({@link ValueCodec}), for the repartition topic: exact
 * whatever serdes the input and output topics use.
 */
public final class EventCodecSerde implements Serde<Event> {
  @Override
  public Serializer<Event> serializer() {
    return (topic, event) -> event == null ? null : ValueCodec.encode(event);
  }

  @Override
  public Deserializer<Event> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return ValueCodec.decode(bytes, 0, bytes.length);
      } catch (StreamCorruptedException e) {
        throw new SerializationException("corrupt event in " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
