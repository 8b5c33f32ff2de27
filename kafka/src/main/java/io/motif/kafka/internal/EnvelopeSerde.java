package io.motif.kafka.internal;

import io.motif.engine.Event;
import io.motif.engine.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Envelopes on Motif's repartition topics: an event in the engine's binary form ({@link
 * ValueCodec}, exact whatever serdes the input and output use) after the tag {@code 'E'}, or a
 * marker: {@code 'M'}, the watermark (8 bytes), the source's name in UTF-8.
 */
public final class EnvelopeSerde implements Serde<Envelope> {
  private static final byte EVENT = 'E';
  private static final byte MARK = 'M';

  @Override
  public Serializer<Envelope> serializer() {
    return (topic, envelope) -> envelope == null ? null : write(envelope);
  }

  @Override
  public Deserializer<Envelope> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(topic, bytes);
  }

  private static byte[] write(Envelope e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      switch (e.kind()) {
        case MARK -> {
          out.writeByte(MARK);
          out.writeLong(e.watermark());
          out.write(e.source().getBytes(StandardCharsets.UTF_8));
        }
        case EVENT -> {
          out.writeByte(EVENT);
          out.write(ValueCodec.encode(e.event()));
        }
        default ->
            throw new SerializationException(
                "a " + e.kind() + " envelope does not travel through a topic");
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  private static Envelope read(String topic, byte[] bytes) {
    if (bytes.length >= 9 && bytes[0] == MARK) {
      long w = ByteBuffer.wrap(bytes, 1, 8).getLong();
      return Envelope.mark(new String(bytes, 9, bytes.length - 9, StandardCharsets.UTF_8), w);
    }
    if (bytes.length >= 1 && bytes[0] == EVENT) {
      try {
        Event ev = ValueCodec.decode(bytes, 1, bytes.length - 1);
        return Envelope.event(ev);
      } catch (StreamCorruptedException ex) {
        throw new SerializationException("corrupt event in " + topic + ": " + ex.getMessage(), ex);
      }
    }
    throw new SerializationException("not a Motif envelope in " + topic);
  }
}
