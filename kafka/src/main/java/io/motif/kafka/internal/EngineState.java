package io.motif.kafka.internal;

import io.motif.engine.Event;
import io.motif.engine.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's engine state in two changelog-backed stores: the last checkpoint (an engine snapshot,
 * cut into chunks that each fit in one Kafka record) and the input log, every input applied to the
 * engine since that checkpoint, keyed by an increasing sequence number.
 *
 * <p>The engine state is {@code restore(checkpoint)} followed by replaying the log in order. A new
 * checkpoint is written under a new generation; the {@code meta} record that names the current
 * generation is written after its chunks, and only then are the old chunks and the log removed.
 * Under exactly-once all of it lands in one transaction; under at-least-once a crash between these
 * writes still leaves a readable checkpoint.
 */
public final class EngineState {
  /** The key of the record naming the current checkpoint. */
  static final String META = "meta";

  /** The key of the record holding the watermark each source last announced. */
  static final String SOURCES = "sources";

  /**
   * 2: the engine holds events for the task's watermark (maximum delay {@code HOLD}), moved by
   * logged advances. Format 1 (each engine kept its own watermark) is not read.
   */
  private static final int META_VERSION = 2;

  /** An event in {@link ValueCodec}'s form. */
  private static final byte LOG_EVENT = 'V';

  /** An event in the form of Motif before {@link ValueCodec} (modified UTF-8 names): not read. */
  private static final byte LOG_EVENT_V1 = 'E';

  private static final byte LOG_ADVANCE = 'A';

  private final KeyValueStore<String, byte[]> checkpoints;
  private final KeyValueStore<Long, byte[]> log;
  private final int chunkBytes;

  private Meta meta;
  private long nextSeq;

  /** The bytes of the current checkpoint's chunks and of the log after it, as far as known. */
  private long checkpointBytes;

  private long logBytes;

  /** The current checkpoint: where its chunks are and where the log after it starts. */
  public record Meta(long generation, int chunks, long logStart, String rules) {}

  /** One input applied to the engine: an event, or a watermark advance made without one. */
  public record Entry(long seq, Event event, long advanceTo) {
    public boolean isEvent() {
      return event != null;
    }
  }

  public EngineState(
      KeyValueStore<String, byte[]> checkpoints, KeyValueStore<Long, byte[]> log, int chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive");
    }
    this.checkpoints = checkpoints;
    this.log = log;
    this.chunkBytes = chunkBytes;
    byte[] m = checkpoints.get(META);
    this.meta = m == null ? null : readMeta(m);
    this.nextSeq = meta == null ? 0 : meta.logStart();
    while (log.get(nextSeq) != null) {
      nextSeq++;
    }
  }

  /** The current checkpoint, or null before the first one. */
  public Meta meta() {
    return meta;
  }

  /** The current checkpoint's snapshot bytes, chunk after chunk. */
  public InputStream snapshot() {
    if (meta == null) {
      throw new IllegalStateException("no checkpoint");
    }
    List<InputStream> parts = new ArrayList<>(meta.chunks());
    long total = 0;
    for (int i = 0; i < meta.chunks(); i++) {
      byte[] chunk = checkpoints.get(chunkKey(meta.generation(), i));
      if (chunk == null) {
        throw new IllegalStateException(
            "checkpoint generation "
                + meta.generation()
                + " lacks chunk "
                + i
                + " of "
                + meta.chunks()
                + "; the state store is damaged");
      }
      parts.add(new ByteArrayInputStream(chunk));
      total += chunk.length;
    }
    checkpointBytes = total;
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  /** The log after the current checkpoint, in order. */
  public List<Entry> entries() {
    long start = meta == null ? 0 : meta.logStart();
    List<Entry> out = new ArrayList<>();
    long total = 0;
    for (long seq = start; seq < nextSeq; seq++) {
      byte[] bytes = log.get(seq);
      out.add(decode(seq, bytes));
      total += bytes.length;
    }
    logBytes = total;
    return out;
  }

  /** How many inputs were logged since the current checkpoint. */
  public long logged() {
    return nextSeq - (meta == null ? 0 : meta.logStart());
  }

  /** Logs an input event, before it is sent to the engine. */
  public void appendEvent(Event e) {
    byte[] body = ValueCodec.encode(e);
    byte[] entry = new byte[body.length + 1];
    entry[0] = LOG_EVENT;
    System.arraycopy(body, 0, entry, 1, body.length);
    log.put(nextSeq++, entry);
    logBytes += entry.length;
  }

  /** Logs a watermark advance, before the engine makes it. */
  public void appendAdvance(long time) {
    byte[] entry = new byte[9];
    entry[0] = LOG_ADVANCE;
    for (int i = 0; i < 8; i++) {
      entry[1 + i] = (byte) (time >>> (56 - 8 * i));
    }
    log.put(nextSeq++, entry);
    logBytes += entry.length;
  }

  /**
   * Makes {@code snapshot} the current checkpoint and empties the log: the snapshot must hold the
   * engine after every logged input.
   */
  public void checkpoint(byte[] snapshot, String rules) {
    long generation = meta == null ? 0 : meta.generation() + 1;
    int chunks = Math.max(1, (snapshot.length + chunkBytes - 1) / chunkBytes);
    for (int i = 0; i < chunks; i++) {
      int from = i * chunkBytes;
      int to = Math.min(snapshot.length, from + chunkBytes);
      byte[] chunk = new byte[to - from];
      System.arraycopy(snapshot, from, chunk, 0, chunk.length);
      checkpoints.put(chunkKey(generation, i), chunk);
    }
    Meta old = meta;
    meta = new Meta(generation, chunks, nextSeq, rules);
    checkpoints.put(META, writeMeta(meta));
    if (old != null) {
      for (int i = 0; i < old.chunks(); i++) {
        checkpoints.delete(chunkKey(old.generation(), i));
      }
    }
    // Everything logged so far is in the snapshot, including leftovers of an interrupted
    // checkpoint under at-least-once, so the whole log goes.
    List<Long> keys = new ArrayList<>();
    try (KeyValueIterator<Long, byte[]> it = log.all()) {
      while (it.hasNext()) {
        KeyValue<Long, byte[]> kv = it.next();
        if (kv.key < nextSeq) {
          keys.add(kv.key);
        }
      }
    }
    for (Long k : keys) {
      log.delete(k);
    }
    checkpointBytes = snapshot.length;
    logBytes = 0;
  }

  /**
   * The bytes the task's state takes in its stores (and their changelogs): the current checkpoint
   * and the log after it, as read by {@link #snapshot} and {@link #entries} or written since.
   */
  public long bytes() {
    return checkpointBytes + logBytes;
  }

  /** The watermark each source last announced, as saved. */
  public Map<String, Long> sources() {
    byte[] bytes = checkpoints.get(SOURCES);
    Map<String, Long> out = new TreeMap<>();
    if (bytes == null) {
      return out;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        out.put(name, in.readLong());
      }
    } catch (IOException e) {
      throw new IllegalStateException("the checkpoint store's sources record is corrupt", e);
    }
    return out;
  }

  /** Saves the watermark each source last announced. */
  public void saveSources(Map<String, Long> sources) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(sources.size());
      for (Map.Entry<String, Long> s : sources.entrySet()) {
        out.writeUTF(s.getKey());
        out.writeLong(s.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkpoints.put(SOURCES, bytes.toByteArray());
  }

  static String chunkKey(long generation, int chunk) {
    return "chunk/" + generation + "/" + chunk;
  }

  private static Entry decode(long seq, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalStateException("input log entry " + seq + " is missing");
    }
    if (bytes[0] == LOG_ADVANCE && bytes.length == 9) {
      long t = 0;
      for (int i = 0; i < 8; i++) {
        t = (t << 8) | (bytes[1 + i] & 0xff);
      }
      return new Entry(seq, null, t);
    }
    if (bytes[0] == LOG_EVENT_V1) {
      throw new IllegalStateException(
          "input log entry "
              + seq
              + " was written by an earlier"
              + " version of Motif, whose input log this version does not read; reset the"
              + " application's state (kafka-streams-application-reset) to start again");
    }
    if (bytes[0] != LOG_EVENT) {
      throw new IllegalStateException("input log entry " + seq + " is corrupt");
    }
    try {
      return new Entry(seq, ValueCodec.decode(bytes, 1, bytes.length - 1), 0);
    } catch (StreamCorruptedException e) {
      throw new IllegalStateException("corrupt input log entry " + seq + ": " + e.getMessage(), e);
    }
  }

  private static byte[] writeMeta(Meta m) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(META_VERSION);
      out.writeLong(m.generation());
      out.writeInt(m.chunks());
      out.writeLong(m.logStart());
      out.writeUTF(m.rules());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Meta readMeta(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readInt();
      if (version == 1) {
        throw new IllegalStateException(
            "the checkpoint store was written by an earlier version of Motif, whose tasks kept"
                + " their own watermarks; this version does not read it: reset the application's"
                + " state (kafka-streams-application-reset) or start a new application id");
      }
      if (version != META_VERSION) {
        throw new IllegalStateException(
            "the checkpoint store has format "
                + version
                + "; this version of Motif reads format "
                + META_VERSION);
      }
      return new Meta(in.readLong(), in.readInt(), in.readLong(), in.readUTF());
    } catch (IOException e) {
      throw new IllegalStateException("the checkpoint store's meta record is corrupt", e);
    }
  }
}
