package io.motif.kafka.internal;

import io.motif.engine.CompiledScript;
import io.motif.engine.PartitionState;
import io.motif.engine.PartitionStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's partial matches kept per (pattern, partition key): one entry of a key-value store for
 * each, so that a checkpoint writes what the inputs since the last one changed (the store's cache
 * coalesces repeated writes of a key within a commit) and a restart loads a key when an event or a
 * deadline first needs it.
 *
 * <p>An entry's key is the pattern's {@linkplain CompiledScript#fingerprint fingerprint} (its first
 * 8 bytes) and the partition key in the engine's form; its value, the earliest deadline of its
 * windows (8 bytes) and the engine's state of the partition. A pattern whose rules change gets
 * another fingerprint, so its old entries are never read (their timers are deleted as they come
 * due). The timer index holds, for each entry with a deadline, the deadline (8 bytes, ordered as
 * unsigned bytes) followed by the entry's key, so the partitions due before a move of time are one
 * range scan away.
 */
public final class PartitionStates implements PartitionStore {
  private static final byte[] NOTHING = new byte[0];
  private static final int PREFIX = 8;

  private final KeyValueStore<Bytes, byte[]> partitions;
  private final KeyValueStore<Bytes, byte[]> timers;
  private final Map<String, byte[]> prefixOf = new HashMap<>();
  private final Map<Bytes, String> patternOf = new HashMap<>();

  /** Entries written, and their bytes, since the task started; partitions read back. */
  long writes;

  long bytesWritten;
  long reads;

  public PartitionStates(
      KeyValueStore<Bytes, byte[]> partitions,
      KeyValueStore<Bytes, byte[]> timers,
      CompiledScript script) {
    this.partitions = partitions;
    this.timers = timers;
    for (Map.Entry<String, String> p : script.fingerprints().entrySet()) {
      byte[] prefix = Arrays.copyOf(HexFormat.of().parseHex(p.getValue()), PREFIX);
      prefixOf.put(p.getKey(), prefix);
      patternOf.put(Bytes.wrap(prefix), p.getKey());
    }
  }

  private Bytes entryKey(String pattern, byte[] key) {
    byte[] prefix = prefixOf.get(pattern);
    if (prefix == null) {
      return null;
    }
    byte[] k = new byte[PREFIX + key.length];
    System.arraycopy(prefix, 0, k, 0, PREFIX);
    System.arraycopy(key, 0, k, PREFIX, key.length);
    return Bytes.wrap(k);
  }

  @Override
  public byte[] load(String pattern, byte[] key) {
    Bytes k = entryKey(pattern, key);
    byte[] v = k == null ? null : partitions.get(k);
    if (v == null) {
      return null;
    }
    reads++;
    return Arrays.copyOfRange(v, 8, v.length);
  }

  /** Keeps what an input did to one partition: replaces (or deletes) its entry and its timer. */
  public void save(PartitionState s) {
    Bytes k = entryKey(s.pattern(), s.key());
    if (k == null) {
      throw new IllegalStateException("no fingerprint for pattern " + s.pattern());
    }
    byte[] old = partitions.get(k);
    long before = old == null ? Long.MAX_VALUE : ByteBuffer.wrap(old).getLong();
    if (before != Long.MAX_VALUE && before != s.deadline()) {
      timers.delete(timerKey(before, k.get()));
    }
    if (s.isEmpty()) {
      if (old != null) {
        partitions.delete(k);
        writes++;
      }
      return;
    }
    byte[] v =
        ByteBuffer.allocate(8 + s.state().length).putLong(s.deadline()).put(s.state()).array();
    partitions.put(k, v);
    writes++;
    bytesWritten += k.get().length + v.length;
    if (s.deadline() != Long.MAX_VALUE && before != s.deadline()) {
      timers.put(timerKey(s.deadline(), k.get()), NOTHING);
      // (At or before the timers given already, its partition is the engine's: nothing to give.)
      nextDue = Math.min(nextDue, s.deadline());
    }
  }

  /**
   * Timers up to here were given to the engine, which holds their partitions (until it drops them:
   * {@link #released}); the next timer after them, or Long.MIN_VALUE when not known: until time
   * reaches it, {@link #due} reads nothing.
   */
  private long scannedThrough = Long.MIN_VALUE;

  private long nextDue = Long.MIN_VALUE;

  /**
   * The partitions whose earliest deadline is at or before {@code time}, for the engine to load
   * before its time passes them: a range scan of the timers after those given already, skipped
   * while {@code time} is before the next timer. Timers of patterns this script does not have
   * (changed or removed rules) are deleted with their entries.
   */
  @Override
  public void due(long time, BiConsumer<String, byte[]> partition) {
    if (time < nextDue || time <= scannedThrough) {
      return;
    }
    long from = scannedThrough == Long.MIN_VALUE ? Long.MIN_VALUE : scannedThrough + 1;
    List<Bytes> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<Bytes, byte[]> it =
        timers.range(Bytes.wrap(order(from)), Bytes.wrap(order(Long.MAX_VALUE)))) {
      while (it.hasNext()) {
        Bytes t = it.next().key;
        long deadline = ByteBuffer.wrap(t.get()).getLong() ^ Long.MIN_VALUE;
        if (deadline > time) {
          next = deadline;
          break;
        }
        due.add(t);
      }
    }
    scannedThrough = time;
    nextDue = next;
    for (Bytes t : due) {
      byte[] raw = t.get();
      byte[] entry = Arrays.copyOfRange(raw, 8, raw.length);
      String pattern =
          entry.length < PREFIX ? null : patternOf.get(Bytes.wrap(Arrays.copyOf(entry, PREFIX)));
      if (pattern == null) {
        timers.delete(t);
        partitions.delete(Bytes.wrap(entry));
      } else {
        partition.accept(pattern, Arrays.copyOfRange(entry, PREFIX, entry.length));
      }
    }
  }

  /** The engine dropped the partitions it held: their timers must be given again when due. */
  public void released() {
    scannedThrough = Long.MIN_VALUE;
    nextDue = Long.MIN_VALUE;
  }

  private static Bytes timerKey(long deadline, byte[] entry) {
    byte[] k = new byte[8 + entry.length];
    System.arraycopy(order(deadline), 0, k, 0, 8);
    System.arraycopy(entry, 0, k, 8, entry.length);
    return Bytes.wrap(k);
  }

  /** A time as 8 bytes whose unsigned order is the times' order. */
  private static byte[] order(long time) {
    return ByteBuffer.allocate(8).putLong(time ^ Long.MIN_VALUE).array();
  }
}
