package io.motif.kafka.internal;

import io.motif.engine.Event;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Numbers each input event by the partition and offset it was read at ({@link Event#origins}), so
 * that derived events can name the records they were made from. The origins travel with the event
 * through the repartition topic and the input log (the engine's value codec writes them).
 */
public final class OriginStamp<K> implements FixedKeyProcessor<K, Event, Event> {
  /** Offsets take the low 40 bits (10^12 records a partition), partitions the 23 above. */
  private static final int OFFSET_BITS = 40;

  private FixedKeyProcessorContext<K, Event> context;

  /** The origin of the record at {@code offset} of {@code partition}. */
  public static long origin(int partition, long offset) {
    return ((long) partition << OFFSET_BITS) | (offset & ((1L << OFFSET_BITS) - 1));
  }

  public static int partition(long origin) {
    return (int) (origin >>> OFFSET_BITS);
  }

  public static long offset(long origin) {
    return origin & ((1L << OFFSET_BITS) - 1);
  }

  @Override
  public void init(FixedKeyProcessorContext<K, Event> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<K, Event> record) {
    Event e = record.value();
    RecordMetadata m = context.recordMetadata().orElse(null);
    if (e != null && m != null) {
      e = e.withOrigins(origin(m.partition(), m.offset()));
    }
    context.forward(record.withValue(e));
  }
}
