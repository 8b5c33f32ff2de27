package io.motif.engine.runtime;

import io.motif.engine.PartitionState;
import io.motif.engine.PartitionStore;
import io.motif.engine.SnapshotException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An engine's state kept per (pattern, partition key) in an application's {@link PartitionStore}:
 * which keys each pattern touched since the application last took the changes, and the loading of
 * partitions the engine does not hold.
 *
 * <p>The store holds what was handed over at the last {@link #drain}; the engine, what it touched
 * since. So a partition is loaded only for a key not touched since then: one touched and emptied
 * meanwhile is empty, whatever the store still says.
 */
final class KeyedPartitions {
  private final PartitionStore store;
  private final EngineCore rt;

  /** Partitions loaded from the store since the engine started. */
  long loaded;

  KeyedPartitions(PartitionStore store, EngineCore rt) {
    this.store = store;
    this.rt = rt;
  }

  /**
   * The keys of {@code p} touched since the last drain, in the order first touched, each with
   * whether the store may hold its partition (it did, or the engine held it, when first touched): a
   * key that had none and ends with none is not handed over.
   */
  private static LinkedHashMap<Object, Boolean> touched(PatternRuntime p) {
    if (p.touched == null) {
      p.touched = new LinkedHashMap<>();
    }
    return p.touched;
  }

  /** Records that an input changes {@code key}'s partition of {@code p}, which the engine holds. */
  void touch(PatternRuntime p, Object key) {
    touched(p).putIfAbsent(key, Boolean.TRUE);
  }

  /**
   * The partition of {@code key} an event is about to step: {@code held} when the engine holds it,
   * else the one the store keeps (loaded, its deadlines queued), else null. Either way the key is
   * touched.
   */
  Partition lookUp(PatternRuntime p, Object key, Partition held) {
    LinkedHashMap<Object, Boolean> keys = touched(p);
    if (keys.containsKey(key)) {
      return held; // (touched since the last drain: what the engine holds is the truth)
    }
    Partition part = held != null ? held : load(p, key);
    keys.put(key, part != null);
    return part;
  }

  /**
   * Before time passes {@code time}: loads the partitions the store says have a window closing by
   * then ({@link PartitionStore#due}).
   */
  void loadDue(List<PatternRuntime> patterns, long time) {
    store.due(
        time,
        (pattern, key) -> {
          for (PatternRuntime p : patterns) {
            if (p.automaton.name().equals(pattern)) {
              Object decoded;
              try {
                decoded = Snapshots.readKey(key);
              } catch (SnapshotException e) {
                throw new IllegalStateException(
                    "the store gave a key of pattern " + pattern + " that is not one: " + e, e);
              }
              ensureLoaded(p, decoded);
              return;
            }
          }
        });
  }

  /** Loads {@code key}'s partition of {@code p} from the store, unless held or touched. */
  void ensureLoaded(PatternRuntime p, Object key) {
    if (p.partitions.get(key) != null || touched(p).containsKey(key)) {
      return;
    }
    load(p, key);
  }

  private Partition load(PatternRuntime p, Object key) {
    byte[] bytes = store.load(p.automaton.name(), Snapshots.writeKey(key));
    if (bytes == null) {
      return null;
    }
    Partition part;
    try {
      part = Snapshots.readPartition(rt, p, key, bytes);
    } catch (SnapshotException e) {
      throw new IllegalStateException(
          "the stored state of pattern "
              + p.automaton.name()
              + "'s partition "
              + key
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
    loaded++;
    if (part.isEmpty()) {
      return null;
    }
    p.partitions.add(part);
    rt.liveRuns += part.size();
    p.windows.queueLoaded(part);
    return part;
  }

  /**
   * Hands over every partition touched since the last call, pattern by pattern in deployment order,
   * keys in the order first touched; then forgets them.
   */
  void drain(List<PatternRuntime> patterns, Consumer<PartitionState> sink) {
    for (PatternRuntime p : patterns) {
      LinkedHashMap<Object, Boolean> keys = p.touched;
      if (keys == null || keys.isEmpty()) {
        continue;
      }
      String name = p.automaton.name();
      for (Map.Entry<Object, Boolean> touched : keys.entrySet()) {
        Object key = touched.getKey();
        Partition part = p.partitions.get(key);
        byte[] keyBytes = Snapshots.writeKey(key);
        if (part == null || part.isEmpty()) {
          if (touched.getValue()) {
            sink.accept(new PartitionState(name, keyBytes, null, Long.MAX_VALUE));
          }
        } else {
          sink.accept(
              new PartitionState(
                  name,
                  keyBytes,
                  Snapshots.writePartition(part),
                  p.windows.earliestDeadline(part)));
        }
      }
      keys.clear();
    }
  }

  /** Forgets what was touched (the engine dropped every partition it held). */
  void forget(List<PatternRuntime> patterns) {
    for (PatternRuntime p : patterns) {
      if (p.touched != null) {
        p.touched.clear();
      }
    }
  }
}
