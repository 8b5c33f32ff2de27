package io.motif.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * What {@code at_least_once} does to the output after a crash, shown on the processor. Under
 * at-least-once an input's log entry (changelog), its derived records (output topic) and its offset
 * are not one transaction: the offset is committed only after the records before it are written, so
 * after a crash the input is read again, but a crash between commits can leave the log entry
 * written and the output not, or the reverse (see docs/kafka.md, "What is guaranteed").
 *
 * <ul>
 *   <li>Output written, log entry not: the input is applied again and its output written again (a
 *       duplicate).
 *   <li>Log entry written, output not: the restore replays the log with its output suppressed (it
 *       is taken as written), then the input is read again and applied a second time, to an engine
 *       that already consumed it: the derived event is lost.
 *   <li>Both written: the input is applied twice; its output is not repeated here, but a second
 *       application can start or complete other matches (an extra run for a repeated start event).
 * </ul>
 *
 * <p>With the state kept per key, a move of the watermark writes partition entries and then the
 * checkpoint; entries without their checkpoint, the input read again finds its effect already there
 * (here, a match lost); the output without any store write is a duplicate, as above.
 */
class AtLeastOnceReplayTest {
  private static final String RULES =
      "pattern Pair partition by user match a: A -> b: B within 10s emit Pair(user: a.user)\n";

  private static final CompiledScript SCRIPT = compile(RULES);

  private static CompiledScript compile(String text) {
    Compilation c = Motif.compile("rules.motif", text);
    assertTrue(!c.hasErrors(), c.render());
    return c.script();
  }

  private static ProcessorSettings settings() {
    return new ProcessorSettings(
        SCRIPT, Set.of(), "s", Set.of(), 1000, 1 << 20, 0, 1000, 0, "cp", "log");
  }

  private static Event ev(String type, long time) {
    return Event.of(type, time, Map.of("user", "al"));
  }

  /** The library engine's output over the events: what exactly-once gives. */
  private static List<String> library(Event... events) {
    List<String> out = new ArrayList<>();
    Engine e = Engine.builder().build();
    e.deploy(SCRIPT);
    e.subscribe("*", d -> out.add(d.toString()));
    for (Event ev : events) {
      e.send(ev);
    }
    return out;
  }

  /**
   * A task over stores holding what the changelog held when the one before it crashed; {@code
   * lostLog} log entries at the end never reached the changelog.
   */
  private static final class Task {
    final MockProcessorContext<String, Envelope> context = new MockProcessorContext<>();
    final KeyValueStore<String, byte[]> checkpoints = store("cp", Serdes.String());
    final KeyValueStore<Long, byte[]> log = store("log", Serdes.Long());
    final KeyValueStore<Bytes, byte[]> partitions = store("parts", Serdes.Bytes());
    final KeyValueStore<Bytes, byte[]> timers = store("parts-timers", Serdes.Bytes());
    final MotifProcessor<String> processor;

    Task(Task before, int lostLog) {
      this(before, lostLog, false, null);
    }

    /**
     * With {@code keyed}, the state kept per key; {@code sinceCheckpoint}, when not null, is the
     * checkpoint and log store of an earlier task: what the changelog held of them when this one's
     * last checkpoint was lost (its partition entries having reached the changelog).
     */
    Task(Task before, int lostLog, boolean keyed, Task sinceCheckpoint) {
      context.setCurrentSystemTimeMs(0);
      if (before != null) {
        Task cp = sinceCheckpoint != null ? sinceCheckpoint : before;
        checkpoints.putAll(all(cp.checkpoints));
        List<KeyValue<Long, byte[]>> entries = all(cp.log);
        log.putAll(entries.subList(0, entries.size() - lostLog));
        partitions.putAll(all(before.partitions));
        timers.putAll(all(before.timers));
      }
      processor = new MotifProcessor<>(keyed ? settings().withPartitionStore("parts") : settings());
      processor.init(context);
    }

    /** A copy of this task's checkpoint and log stores as they are now. */
    Task copy() {
      return new Task(this, 0, true, null);
    }

    private <K> KeyValueStore<K, byte[]> store(String name, Serde<K> keys) {
      KeyValueStore<K, byte[]> s =
          Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      s.init(context.getStateStoreContext(), s);
      context.addStateStore(s);
      return s;
    }

    /** An input event and its partition's marker (maximum delay 0), as the source stage sends. */
    void send(Event e) {
      processor.process(new Record<>("\"al\"", Envelope.event(e), e.time()));
      processor.process(new Record<>("", Envelope.mark("in:0", e.time()), 0));
    }

    /** What reached the output topic since the last call: the derived events. */
    List<String> out() {
      List<String> out = new ArrayList<>();
      context
          .forwarded()
          .forEach(
              f -> {
                Envelope v = f.record().value();
                if (v.isDerived()) {
                  out.add(v.event().toString());
                }
              });
      context.resetForwards();
      return out;
    }
  }

  private static <K> List<KeyValue<K, byte[]>> all(KeyValueStore<K, byte[]> store) {
    List<KeyValue<K, byte[]>> out = new ArrayList<>();
    try (KeyValueIterator<K, byte[]> it = store.all()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /**
   * State kept per key: a move of the watermark writes the partitions it changed, then the
   * checkpoint. Partition entries in the changelog without the checkpoint after them: the input is
   * read again over partitions that already hold its effect.
   */
  @Test
  void keyedPartitionsWrittenButCheckpointLostLoseTheMatch() {
    List<String> written = new ArrayList<>();
    Task t = new Task(null, 0, true, null);
    t.send(ev("A", 1000));
    written.addAll(t.out()); // committed: A's partition, the checkpoint after it, the offset
    Task afterA = t.copy(); // the checkpoint and log stores as of that commit
    afterA.out();
    t.send(ev("B", 2000)); // the Pair: A's partition deleted; checkpoint written
    t.out(); // killed: the Pair and the checkpoint never reached Kafka, the deletion did
    Task u = new Task(t, 0, true, afterA);
    u.send(ev("B", 2000)); // B read again: the partition it would complete is gone
    written.addAll(u.out());
    assertEquals(List.of("Pair(user: \"al\") at 2000"), library(ev("A", 1000), ev("B", 2000)));
    assertEquals(List.of(), written, "the derived event is lost");
  }

  /** State kept per key: the output written, no store write: the input is applied again. */
  @Test
  void keyedOutputWrittenButStoresLostIsDuplicated() {
    List<String> written = new ArrayList<>();
    Task t = new Task(null, 0, true, null);
    t.send(ev("A", 1000));
    written.addAll(t.out());
    Task afterA = t.copy();
    afterA.out();
    t.send(ev("B", 2000));
    written.addAll(t.out()); // the Pair reached the output topic, no store write did: killed
    Task u = new Task(afterA, 0, true, null);
    assertEquals(List.of(), u.out(), "the restore forwards nothing");
    u.send(ev("B", 2000));
    written.addAll(u.out());
    assertEquals(
        List.of("Pair(user: \"al\") at 2000", "Pair(user: \"al\") at 2000"),
        written,
        "the derived event is written twice");
  }

  @Test
  void outputWrittenButLogEntryLostIsDuplicated() {
    List<String> written = new ArrayList<>();
    Task t = new Task(null, 0);
    t.send(ev("A", 1000));
    written.addAll(t.out()); // committed: input offset, log, output
    t.send(ev("B", 2000));
    written.addAll(t.out()); // the Pair reached the output topic ...
    // ... but not the log entries of B (its event and the advance), nor B's offset: killed.
    Task u = new Task(t, 2);
    assertEquals(List.of(), u.out(), "the replay of A forwards nothing");
    u.send(ev("B", 2000)); // B read again
    written.addAll(u.out());
    assertEquals(List.of("Pair(user: \"al\") at 2000"), library(ev("A", 1000), ev("B", 2000)));
    assertEquals(
        List.of("Pair(user: \"al\") at 2000", "Pair(user: \"al\") at 2000"),
        written,
        "the derived event is written twice");
  }

  @Test
  void logEntryWrittenButOutputLostIsLost() {
    List<String> written = new ArrayList<>();
    Task t = new Task(null, 0);
    t.send(ev("A", 1000));
    written.addAll(t.out());
    t.send(ev("B", 2000));
    t.out(); // the Pair never reached the output topic; B's log entries reached the changelog
    Task u = new Task(t, 0);
    assertEquals(List.of(), u.out(), "the replay of A and B forwards nothing: taken as written");
    u.send(ev("B", 2000)); // B read again: the engine already consumed it
    written.addAll(u.out());
    u.send(ev("B", 3000));
    written.addAll(u.out());
    assertEquals(
        List.of("Pair(user: \"al\") at 2000"),
        library(ev("A", 1000), ev("B", 2000), ev("B", 3000)));
    assertEquals(List.of(), written, "the derived event is lost, and nothing makes up for it");
  }

  @Test
  void bothWrittenAppliesTheInputTwice() {
    List<String> written = new ArrayList<>();
    Task t = new Task(null, 0);
    t.send(ev("A", 1000));
    written.addAll(t.out()); // A's log entry and nothing else; its offset not committed: killed
    Task u = new Task(t, 0);
    u.send(ev("A", 1000)); // A read again: now two runs wait for a B
    u.send(ev("B", 2000));
    written.addAll(u.out());
    assertEquals(List.of("Pair(user: \"al\") at 2000"), library(ev("A", 1000), ev("B", 2000)));
    assertEquals(
        List.of("Pair(user: \"al\") at 2000", "Pair(user: \"al\") at 2000"),
        written,
        "the event applied twice starts two runs: an extra derived event");
  }
}
