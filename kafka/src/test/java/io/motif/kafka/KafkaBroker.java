package io.motif.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Kafka cluster (KRaft, broker and controller combined) inside the test JVM. The only
 * class that touches {@code KafkaClusterTestKit}, Kafka's internal test API, which moves between
 * releases. One node cannot replicate, so the internal topics are set to one replica; the first
 * consumer group does not wait for others to join. Public for the scale benchmark ({@code
 * io.motif.kafka.scale}).
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final Admin admin;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.admin = cluster.admin();
  }

  public static KafkaBroker start() throws Exception {
    return start(Map.of());
  }

  /** A broker with further settings (or other values for the defaults above). */
  public static KafkaBroker start(Map<String, String> config) throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0");
    config.forEach(builder::setConfigProp);
    KafkaClusterTestKit cluster = builder.build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new KafkaBroker(cluster);
  }

  public Admin admin() {
    return admin;
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates topics with the given partition counts, kept forever: the test's events carry old
   * timestamps, which the default retention would delete mid-test.
   */
  public void createTopics(Map<String, Integer> partitions) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    partitions.forEach(
        (name, n) ->
            topics.add(
                new NewTopic(name, Optional.of(n), Optional.empty())
                    .configs(Map.of("retention.ms", "-1"))));
    admin.createTopics(topics).all().get();
  }

  /**
   * Stops the broker and starts it again on the same port and log directory: its partitions and its
   * group and transaction coordinators are reloaded from the logs. The node's KRaft controller (it
   * is the same process) keeps running, and so does this JVM.
   */
  void restartBroker(java.time.Duration down) throws Exception {
    var broker = cluster.brokers().values().iterator().next();
    broker.shutdown();
    broker.awaitShutdown();
    Thread.sleep(down.toMillis());
    broker.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public void close() throws Exception {
    try {
      admin.close();
    } finally {
      cluster.close();
    }
  }
}
