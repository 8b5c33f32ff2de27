package io.motif.kafka.internal;

import io.motif.engine.CompiledScript;

/**
 * What one {@link MotifProcessor} needs: the rules, the engine's settings, how often to checkpoint
 * and the names of its two stores.
 *
 * @param maxDelayMillis the engine's maximum out-of-order delay
 * @param checkpointInterval inputs logged between two checkpoints
 * @param chunkBytes the largest piece of a snapshot written as one changelog record
 * @param idleMillis wall-clock time without input after which the watermark follows the wall clock;
 *     0 never
 * @param punctuateMillis how often the idle check runs (wall clock)
 */
public record ProcessorSettings(
    CompiledScript script,
    long maxDelayMillis,
    int checkpointInterval,
    int chunkBytes,
    long idleMillis,
    long punctuateMillis,
    String checkpointStore,
    String logStore) {
  public ProcessorSettings {
    if (maxDelayMillis < 0) {
      throw new IllegalArgumentException("maxDelay must be >= 0");
    }
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpointInterval must be >= 1");
    }
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be >= 1");
    }
    if (idleMillis < 0 || punctuateMillis < 1) {
      throw new IllegalArgumentException("idle must be >= 0 and punctuation interval >= 1 ms");
    }
  }
}
