package io.motif.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor for the application in a child JVM that stops its stream thread at a
 * chosen write, so the test can kill the process exactly there. The system property {@code
 * motif.test.freeze} is {@code TOPIC-PART|KEY|N}: on the N-th record sent to a topic whose name
 * contains TOPIC-PART with the key KEY (any key when empty), it prints {@link #FROZEN} on standard
 * output and blocks the sending thread for good, inside whatever the thread was doing.
 */
public final class FreezeInterceptor implements ProducerInterceptor<byte[], byte[]> {
  static final String PROPERTY = "motif.test.freeze";
  static final String FROZEN = "motif-test: frozen";

  private static final AtomicInteger SEEN = new AtomicInteger();

  private String topicPart;
  private byte[] key;
  private int n;

  @Override
  public void configure(Map<String, ?> configs) {
    String spec = System.getProperty(PROPERTY, "");
    String[] parts = spec.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(PROPERTY + " must be TOPIC-PART|KEY|N, not " + spec);
    }
    topicPart = parts[0];
    key = parts[1].isEmpty() ? null : parts[1].getBytes(StandardCharsets.UTF_8);
    n = Integer.parseInt(parts[2]);
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    if (record.topic().contains(topicPart)
        && (key == null || Arrays.equals(key, record.key()))
        && SEEN.incrementAndGet() == n) {
      System.out.println(FROZEN + " at record " + n + " to " + record.topic());
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          // frozen until killed
        }
      }
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}
}
