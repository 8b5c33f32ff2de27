package io.motif.kafka.internal;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import java.util.Set;
import java.util.function.Function;

/**
 * What one {@link MotifProcessor} needs: the rules and the patterns of its stage, the engine's
 * settings, how time moves, how often to checkpoint and the names of its two stores.
 *
 * @param patterns the patterns this stage runs (the script's others are undeployed); empty: all
 * @param stage the stage's name, which names the task's markers for later stages
 * @param expected the sources the task waits for before its watermark moves, heard or not (empty:
 *     only those it has heard from)
 * @param checkpointInterval inputs logged between two checkpoints
 * @param chunkBytes the largest piece of a snapshot written as one changelog record
 * @param idleSourceMillis wall-clock time without a marker after which a source no longer holds the
 *     task's watermark back; 0 never
 * @param punctuateMillis how often the wall clock is looked at
 * @param markMillis the least wall-clock time between two markers the task sends; 0 each move
 * @param chainCheck how to check that events derived and read within the stage belong to the task
 *     that derived them; null: not checked
 * @param limits the engine's bounds (null: {@link Limits#DEFAULT})
 * @param audit whether the task forwards an audit record ({@link Envelope.Kind#AUDIT}) when it
 *     deploys its rules and when it finds them changed
 * @param partitionStore the store of the engine's partitions, one entry per (pattern, key), beside
 *     {@link #timerStore} (see {@link PartitionStates}); null: the task checkpoints the whole
 *     engine every {@code checkpointInterval} inputs instead
 */
public record ProcessorSettings(
    CompiledScript script,
    Set<String> patterns,
    String stage,
    Set<String> expected,
    int checkpointInterval,
    int chunkBytes,
    long idleSourceMillis,
    long punctuateMillis,
    long markMillis,
    String checkpointStore,
    String logStore,
    ChainCheck chainCheck,
    Limits limits,
    boolean audit,
    String partitionStore) {
  /**
   * A derived event of a type read within its stage stays in the engine that derived it: right when
   * its key (as the stage keys it) is one of the task's keys.
   *
   * @param types the types derived and read within the stage
   * @param keyOf the stage's record key of an event (null: none)
   * @param tasks the stage's task count
   */
  public record ChainCheck(Set<String> types, Function<Event, String> keyOf, int tasks) {
    public ChainCheck {
      types = Set.copyOf(types);
    }
  }

  /** Settings with the default limits and no audit. */
  public ProcessorSettings(
      CompiledScript script,
      Set<String> patterns,
      String stage,
      Set<String> expected,
      int checkpointInterval,
      int chunkBytes,
      long idleSourceMillis,
      long punctuateMillis,
      long markMillis,
      String checkpointStore,
      String logStore,
      ChainCheck chainCheck) {
    this(
        script,
        patterns,
        stage,
        expected,
        checkpointInterval,
        chunkBytes,
        idleSourceMillis,
        punctuateMillis,
        markMillis,
        checkpointStore,
        logStore,
        chainCheck,
        Limits.DEFAULT,
        false,
        null);
  }

  /** Settings without a chain check. */
  public ProcessorSettings(
      CompiledScript script,
      Set<String> patterns,
      String stage,
      Set<String> expected,
      int checkpointInterval,
      int chunkBytes,
      long idleSourceMillis,
      long punctuateMillis,
      long markMillis,
      String checkpointStore,
      String logStore) {
    this(
        script,
        patterns,
        stage,
        expected,
        checkpointInterval,
        chunkBytes,
        idleSourceMillis,
        punctuateMillis,
        markMillis,
        checkpointStore,
        logStore,
        null);
  }

  public ProcessorSettings {
    patterns = Set.copyOf(patterns);
    expected = Set.copyOf(expected);
    limits = limits == null ? Limits.DEFAULT : limits;
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpointInterval must be >= 1");
    }
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be >= 1");
    }
    if (idleSourceMillis < 0 || markMillis < 0 || punctuateMillis < 1) {
      throw new IllegalArgumentException(
          "idle and marker intervals must be >= 0 and the punctuation interval >= 1 ms");
    }
  }

  /** These settings with other limits. */
  public ProcessorSettings withLimits(Limits l) {
    return new ProcessorSettings(
        script,
        patterns,
        stage,
        expected,
        checkpointInterval,
        chunkBytes,
        idleSourceMillis,
        punctuateMillis,
        markMillis,
        checkpointStore,
        logStore,
        chainCheck,
        l,
        audit,
        partitionStore);
  }

  /** These settings with audit records on or off. */
  public ProcessorSettings withAudit(boolean on) {
    return new ProcessorSettings(
        script,
        patterns,
        stage,
        expected,
        checkpointInterval,
        chunkBytes,
        idleSourceMillis,
        punctuateMillis,
        markMillis,
        checkpointStore,
        logStore,
        chainCheck,
        limits,
        on,
        partitionStore);
  }

  /** These settings with the engine's state kept per key in {@code store} (null: whole). */
  public ProcessorSettings withPartitionStore(String store) {
    return new ProcessorSettings(
        script,
        patterns,
        stage,
        expected,
        checkpointInterval,
        chunkBytes,
        idleSourceMillis,
        punctuateMillis,
        markMillis,
        checkpointStore,
        logStore,
        chainCheck,
        limits,
        audit,
        store);
  }

  /** Whether the engine's state is kept per key. */
  public boolean keyed() {
    return partitionStore != null;
  }

  /** The index of the partitions' deadlines, beside the partition store. */
  public String timerStore() {
    return partitionStore + "-timers";
  }

  /** A processor running every pattern of {@code script}, markers sent at once. */
  public static ProcessorSettings all(
      CompiledScript script, int checkpointInterval, int chunkBytes, String cp, String log) {
    return new ProcessorSettings(
        script, Set.of(), "s", Set.of(), checkpointInterval, chunkBytes, 0, 1000, 0, cp, log);
  }
}
