package io.motif.engine;

import java.util.List;
import java.util.Set;

/**
 * What a compiled pattern reads and derives, as tools need it (the shell's completion, the Kafka
 * application's partitioning, {@code motif why}); the automaton itself stays inside the engine
 * ({@link CompiledScript#explain}).
 *
 * @param name the pattern's name
 * @param reads the event types the pattern names, positive or negated: the stream it reads
 * @param partitionBy the items of its {@code partition by}, in order; empty when unpartitioned
 * @param outputs the derived events it emits: its match output first (its {@code emit}, or by
 *     default an event named after the pattern with one field per binding), then its {@code on
 *     timeout} output when it has one
 * @param windowMillis its {@code within} duration in milliseconds, or -1
 * @param windowEvents its {@code within N events} count, or -1
 * @param internal an {@code internal pattern}: its derived events feed other patterns but are not
 *     output
 */
public record PatternInfo(
    String name,
    Set<String> reads,
    List<PartitionKey> partitionBy,
    List<Output> outputs,
    long windowMillis,
    long windowEvents,
    boolean internal) {
  /** Copies the collections. */
  public PatternInfo {
    reads = Set.copyOf(reads);
    partitionBy = List.copyOf(partitionBy);
    outputs = List.copyOf(outputs);
  }

  /**
   * A derived event a pattern emits.
   *
   * @param type the derived event's type
   * @param fields its field names, in order
   * @param onTimeout whether it is the {@code on timeout} output
   */
  public record Output(String type, List<String> fields, boolean onTimeout) {
    /** Copies the field names. */
    public Output {
      fields = List.copyOf(fields);
    }
  }

  /** Whether the pattern has a {@code partition by}. */
  public boolean partitioned() {
    return !partitionBy.isEmpty();
  }

  /** The items of {@code partition by} that key events of {@code type}, in order. */
  public List<PartitionKey> keysFor(String type) {
    return partitionBy.stream().filter(k -> k.appliesTo(type)).toList();
  }
}
