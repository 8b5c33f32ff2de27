package io.motif.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The processor's stores: checkpoints in chunks, the input log, rule changes, damage. */
class MotifProcessorTest {
  private static final String RULES =
      """
      pattern Pair partition by user match a: A -> b: B within 10s emit Pair(user: a.user)
      pattern Lonely partition by user match a: A -> not B within 5s emit Lonely(user: a.user)
      """;

  private static CompiledScript compile(String text) {
    Compilation c = Motif.compile("rules.motif", text);
    assertTrue(!c.hasErrors(), c.render());
    return c.script();
  }

  private static ProcessorSettings settings(String rules, int every, int chunk, long idle) {
    return new ProcessorSettings(
        compile(rules), Set.of(), "s", Set.of(), every, chunk, idle, 1000, 0, "cp", "log");
  }

  private static Event ev(String type, long time) {
    return Event.of(type, time, Map.of("user", "al"));
  }

  /** A processor over stores that may hold what an earlier task left. */
  private static final class Task {
    final MockProcessorContext<String, Envelope> context = new MockProcessorContext<>();
    final KeyValueStore<String, byte[]> checkpoints = store("cp", Serdes.String());
    final KeyValueStore<Long, byte[]> log = store("log", Serdes.Long());
    final MotifProcessor<String> processor;

    Task(ProcessorSettings settings, Task before) {
      context.setCurrentSystemTimeMs(before == null ? 0 : before.context.currentSystemTimeMs());
      if (before != null) {
        checkpoints.putAll(all(before.checkpoints));
        log.putAll(all(before.log));
      }
      processor = new MotifProcessor<>(settings);
      processor.init(context);
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

    /** An input event, then the marker of its input partition (maximum delay 0). */
    void send(Event e) {
      event(e);
      mark("in:0", e.time());
    }

    /** An input event alone: held until a marker moves the watermark past it. */
    void event(Event e) {
      processor.process(new Record<>("\"al\"", Envelope.event(e), e.time()));
    }

    void mark(String source, long watermark) {
      processor.process(new Record<>("", Envelope.mark(source, watermark), 0));
    }

    /** The audit records forwarded, as {@link #out} saw them. */
    final List<String> audits = new ArrayList<>();

    List<String> out() {
      List<String> out = new ArrayList<>();
      context
          .forwarded()
          .forEach(
              f -> {
                Envelope v = f.record().value();
                if (v.kind() == Envelope.Kind.AUDIT) {
                  audits.add(v.text());
                } else if (!v.isMark()) {
                  out.add((v.kind() == Envelope.Kind.LATE ? "late " : "") + v.event());
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

  @Test
  void checkpointsAreChunkedAndReplaceTheOldOneAndTheLog() {
    Task t = new Task(settings(RULES, 3, 50, 0), null);
    assertNull(t.checkpoints.get(EngineState.META), "nothing is written before the first input");
    t.event(ev("A", 1000));
    EngineState.Meta first = new EngineState(t.checkpoints, t.log, 50).meta();
    assertEquals(0, first.generation());
    assertEquals(1, all(t.log).size(), "the first input is logged after the first checkpoint");
    t.event(ev("A", 2000));
    t.event(ev("A", 3000));
    EngineState.Meta second = new EngineState(t.checkpoints, t.log, 50).meta();
    assertEquals(1, second.generation());
    assertTrue(second.chunks() > 1, "a snapshot larger than a chunk is cut: " + second);
    assertEquals(second.chunks() + 1, all(t.checkpoints).size(), "the old chunks are gone");
    assertEquals(0, all(t.log).size(), "the log is emptied by a checkpoint");
    assertEquals(3, second.logStart());
    t.event(ev("B", 4000));
    assertEquals(List.of(3L), all(t.log).stream().map(kv -> kv.key).toList());
  }

  @Test
  void aRestartReplaysTheLogSilentlyAndContinues() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 0), null);
    t.send(ev("A", 1000));
    t.send(ev("A", 2000));
    assertEquals(List.of(), t.out());
    Task u = new Task(settings(RULES, 100, 1 << 20, 0), t);
    assertEquals(List.of(), u.out(), "a replay forwards nothing");
    u.send(ev("B", 6500));
    assertEquals(
        List.of(
            "Lonely(user: \"al\") at 6000",
            "Pair(user: \"al\") at 6500",
            "Pair(user: \"al\") at 6500"),
        u.out());
  }

  @Test
  void advancesAreLoggedAndReplayed() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 0), null);
    t.send(ev("A", 1000));
    t.mark("in:0", 5500);
    assertEquals(List.of(), t.out(), "the absence ends at 6000");
    t.mark("in:0", 7500);
    assertEquals(List.of("Lonely(user: \"al\") at 6000"), t.out());
    Task u = new Task(settings(RULES, 100, 1 << 20, 0), t);
    assertEquals(7500, u.processor.engine().watermark(), "the advance was replayed");
    u.send(ev("B", 7000));
    assertEquals(List.of("late B(user: \"al\") at 7000"), u.out());
  }

  @Test
  void theWatermarkIsTheLeastOverTheSourcesHeard() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 0), null);
    t.mark("in:1", Long.MIN_VALUE);
    t.send(ev("A", 1000));
    t.mark("in:0", 9000);
    assertTrue(t.processor.engine().watermark() < 1000, "in:1 has said nothing yet");
    t.mark("in:1", 4000);
    assertEquals(4000, t.processor.engine().watermark());
    t.mark("in:1", 8000);
    assertEquals(List.of("Lonely(user: \"al\") at 6000"), t.out());
    Task u = new Task(settings(RULES, 100, 1 << 20, 0), t);
    u.mark("in:0", 20_000);
    assertEquals(8000, u.processor.engine().watermark(), "the sources survive a restart");
  }

  @Test
  void aSilentSourceStopsHoldingTheWatermarkBack() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 3000), null);
    t.mark("in:1", 500);
    t.send(ev("A", 1000));
    t.mark("in:0", 9000);
    assertEquals(500, t.processor.engine().watermark());
    t.context.setCurrentSystemTimeMs(t.context.currentSystemTimeMs() + 2000);
    t.mark("in:0", 9000);
    t.context.setCurrentSystemTimeMs(t.context.currentSystemTimeMs() + 1000);
    t.context
        .scheduledPunctuators()
        .get(0)
        .getPunctuator()
        .punctuate(t.context.currentSystemTimeMs());
    assertEquals(9000, t.processor.engine().watermark(), "in:1 is idle");
    assertEquals(List.of("Lonely(user: \"al\") at 6000"), t.out());
    t.send(ev("B", 2000));
    assertEquals(List.of("late B(user: \"al\") at 2000"), t.out(), "too late for the task");
  }

  @Test
  void changedRulesAreDeployedOverTheRestoredEngine() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 0), null);
    t.send(ev("A", 1000));
    String changed =
        """
        pattern Pair partition by user match a: A -> b: B within 10s emit Pair2(user: a.user)
        pattern Triple partition by user match a: A -> b: B -> c: B within 10s emit Triple()
        """;
    Task u = new Task(settings(changed, 100, 1 << 20, 0), t);
    assertEquals(List.of("Pair", "Triple"), u.processor.engine().patterns());
    assertEquals(1000, u.processor.engine().watermark(), "time survives a change of rules");
    u.send(ev("A", 2000));
    u.send(ev("B", 3000));
    u.send(ev("B", 4000));
    assertEquals(
        List.of("Pair2(user: \"al\") at 3000", "Triple() at 4000"),
        u.out(),
        "A at 1000 was dropped with the old Pair's partials (else two Pair2 at 3000)");
    EngineState.Meta meta = new EngineState(u.checkpoints, u.log, 1 << 20).meta();
    assertEquals(1, meta.generation(), "a checkpoint under the new rules came first");
    assertEquals(MotifProcessor.fingerprint(changed), meta.rules());
  }

  @Test
  void aRuleChangeKeepsThePartialMatchesOfTheUnchangedPatternsAndIsAudited() {
    Task t = new Task(settings(RULES, 100, 1 << 20, 0).withAudit(true), null);
    t.send(ev("A", 1000));
    assertEquals(List.of(), t.out());
    assertEquals(1, t.audits.size(), t.audits.toString());
    String deploy = t.audits.get(0);
    assertTrue(deploy.contains("\"event\":\"deploy\""), deploy);
    assertTrue(deploy.contains("\"added\":[\"Pair\",\"Lonely\"]"), deploy);
    assertTrue(deploy.contains("\"kept\":[]"), deploy);
    assertTrue(
        deploy.contains("\"fingerprint\":\"" + compile(RULES).fingerprint("Pair") + "\""), deploy);
    assertTrue(
        deploy.contains("\"scriptFingerprint\":\"" + MotifProcessor.fingerprint(RULES) + "\""),
        deploy);
    // Lonely now waits 6 s; Pair is unchanged.
    String changed =
        """
        pattern Pair partition by user match a: A -> b: B within 10s emit Pair(user: a.user)
        pattern Lonely partition by user match a: A -> not B within 6s emit Lonely(user: a.user)
        """;
    Task u = new Task(settings(changed, 100, 1 << 20, 0).withAudit(true), t);
    assertEquals(List.of("Pair"), u.processor.ruleChange().kept());
    assertEquals(List.of("Lonely"), u.processor.ruleChange().changed());
    assertEquals(
        "kept Pair; started fresh: Lonely (changed)",
        MotifProcessor.describe(u.processor.ruleChange()),
        "what the task logs");
    u.mark("in:0", 8000);
    u.send(ev("B", 9000));
    assertEquals(
        List.of("Pair(user: \"al\") at 9000"),
        u.out(),
        "Pair kept the A at 1000; Lonely started afresh (kept, it would say Lonely at 6000)");
    assertEquals(1, u.audits.size(), "one record per change: " + u.audits);
    String change = u.audits.get(0);
    assertTrue(change.contains("\"event\":\"rules changed\""), change);
    assertTrue(change.contains("\"kept\":[\"Pair\"]"), change);
    assertTrue(change.contains("\"changed\":[\"Lonely\"]"), change);
    assertTrue(change.contains("\"added\":[]") && change.contains("\"dropped\":[]"), change);
    Task v = new Task(settings(changed, 100, 1 << 20, 0).withAudit(true), u);
    assertNull(v.processor.ruleChange(), "the same rules again: nothing changed");
    v.send(ev("A", 20_000));
    assertEquals(List.of(), v.audits, "a restart under the same rules is not audited");
  }

  @Test
  void aDamagedCheckpointStopsTheTaskWithAReason() {
    Task t = new Task(settings(RULES, 1, 1 << 20, 0), null);
    t.send(ev("A", 1000));
    String chunk =
        EngineState.chunkKey(new EngineState(t.checkpoints, t.log, 1).meta().generation(), 0);
    byte[] bytes = t.checkpoints.get(chunk);
    bytes[bytes.length - 1] ^= 1;
    t.checkpoints.put(chunk, bytes);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new Task(settings(RULES, 1, 1 << 20, 0), t));
    assertTrue(e.getMessage().contains("the checkpoint cannot be restored"), e.getMessage());
    t.checkpoints.delete(chunk);
    e =
        assertThrows(
            IllegalStateException.class, () -> new Task(settings(RULES, 1, 1 << 20, 0), t));
    assertNotNull(e.getMessage());
    assertTrue(e.getMessage().contains("lacks chunk 0"), e.getMessage());
  }
}
