/** Motif as a Kafka Streams application: {@code MotifKafkaApp} and its processor. */
module io.motif.kafka {
  requires io.motif.engine;
  requires io.motif.io;
  requires info.picocli;
  requires com.fasterxml.jackson.core;
  requires kafka.streams;
  requires kafka.clients;
  requires org.slf4j;

  exports io.motif.kafka;

  // picocli sets the command's annotated fields reflectively.
  opens io.motif.kafka to
      info.picocli;
}
