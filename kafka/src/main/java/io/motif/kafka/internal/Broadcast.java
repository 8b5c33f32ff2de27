package io.motif.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partitioner of Motif's repartition topics: an event goes to the partition of its key, as
 * Kafka's default partitioner would put it; a watermark marker goes to every partition (KIP-837),
 * so that every downstream task hears every source.
 */
public final class Broadcast implements StreamPartitioner<String, Envelope> {
  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, Envelope value, int numPartitions) {
    if (value != null && value.isMark()) {
      Set<Integer> all = new HashSet<>();
      for (int p = 0; p < numPartitions; p++) {
        all.add(p);
      }
      return Optional.of(all);
    }
    return Optional.of(Set.of(partitionOf(key, numPartitions)));
  }

  /** The partition of a key among {@code n}: murmur2 of its UTF-8 bytes, as Kafka's default. */
  public static int partitionOf(String key, int n) {
    byte[] bytes = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % n;
  }
}
