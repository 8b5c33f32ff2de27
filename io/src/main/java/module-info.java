/**
 * Motif's event formats: JSON Lines and CSV readers, the JSON Lines writer, durations and event
 * text, shared by the command line and the Kafka application.
 */
module io.motif.io {
  requires transitive io.motif.engine;
  requires com.fasterxml.jackson.core;

  exports io.motif.io;
}
