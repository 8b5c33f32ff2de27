package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.kafka.internal.Broadcast;
import io.motif.kafka.internal.Envelope;
import io.motif.kafka.internal.MotifProcessor;
import io.motif.kafka.internal.ProcessorSettings;
import java.io.File;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A derived event read within its stage stays in the task that derived it; when the emit does not
 * copy the match's key, its key may belong to another task: the task counts such events (and warns
 * once) rather than be silently wrong.
 */
class ChainCheckTest {
  private static final int TASKS = 4;

  @ParameterizedTest(name = "emit copies the key: {0}")
  @ValueSource(booleans = {true, false})
  void derivedEventsKeyedElsewhereAreCounted(boolean copiesKey) {
    CompiledScript script =
        Scenarios.compile(
            """
            event Login(user string, ip string, ok boolean)
            pattern Fail partition by user match f: Login(ok == false)
              emit Failed(user: f.%s)
            pattern Twice partition by user match a: Failed -> b: Failed within 1 min
              emit Twice(user: b.user)
            """
                .formatted(copiesKey ? "user" : "ip"));
    StagePlan plan = StagePlan.of(script);
    assertEquals(1, plan.stages().size(), plan.describe());
    StagePlan.Stage stage = plan.stages().get(0);
    ProcessorSettings settings =
        new ProcessorSettings(
            script,
            Set.copyOf(stage.patterns()),
            stage.name(),
            Set.of(),
            100,
            1 << 20,
            0,
            1000,
            0,
            "cp",
            "log",
            new ProcessorSettings.ChainCheck(stage.chained(), stage::keyOf, TASKS));
    MockProcessorContext<Object, Envelope> context =
        new MockProcessorContext<>(new Properties(), new TaskId(1, 0), new File("target/chain"));
    context.setCurrentSystemTimeMs(0);
    store(context, "cp", Serdes.String());
    store(context, "log", Serdes.Long());
    MotifProcessor<Object> task = new MotifProcessor<>(settings);
    task.init(context);
    long t = 1000;
    int sent = 0;
    for (int i = 0; i < 200 && sent < 20; i++) {
      Event e = Event.of("Login", t, Map.of("user", "u" + i, "ip", "10.0.0." + i, "ok", false));
      if (Broadcast.partitionOf(stage.keyOf(e), TASKS) != 0) {
        continue; // another task's key
      }
      task.process(new Record<>(stage.keyOf(e), Envelope.event(e), t));
      task.process(new Record<>("", Envelope.mark("in:0", t), t));
      t += 1000;
      sent++;
    }
    if (copiesKey) {
      assertEquals(0, task.misplaced());
    } else {
      assertTrue(task.misplaced() > 5, "misplaced: " + task.misplaced());
    }
  }

  private static <K> void store(
      MockProcessorContext<Object, Envelope> context, String name, Serde<K> keySerde) {
    KeyValueStore<K, byte[]> s =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), keySerde, Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    s.init(context.getStateStoreContext(), s);
    context.addStateStore(s);
  }
}
