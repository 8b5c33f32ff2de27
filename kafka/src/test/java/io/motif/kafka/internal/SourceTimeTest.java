package io.motif.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.engine.Event;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** An input partition's time step: its watermark, late events, markers. */
class SourceTimeTest {
  private static final SourceTime.Settings SETTINGS =
      new SourceTime.Settings(1000, 0, 1000, 0, Set.of("A"), "time");

  /** A time step for input partition 2, over the store contents an earlier one left. */
  private static final class Step {
    final MockProcessorContext<Object, Envelope> context =
        new MockProcessorContext<>(new Properties(), new TaskId(0, 2), new File("target/st"));
    final KeyValueStore<String, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("time"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    final SourceTime<Object> time = new SourceTime<>(SETTINGS);

    Step(Step before) {
      context.setCurrentSystemTimeMs(0);
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
      if (before != null) {
        before.store.all().forEachRemaining(kv -> store.put(kv.key, kv.value));
      }
      time.init(context);
    }

    void read(String type, long t) {
      time.process(new Record<>(null, Event.of(type, t, Map.of()), t));
    }

    void punctuate() {
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
    }

    List<String> out() {
      List<String> out = new ArrayList<>();
      for (var f : context.forwarded()) {
        Envelope v = f.record().value();
        out.add(
            v.isMark()
                ? "mark " + v.source() + " " + v.watermark()
                : v.kind() + " " + v.event().type() + "@" + v.event().time());
      }
      context.resetForwards();
      return out;
    }
  }

  @Test
  void latenessIsThePartitionsOwnAndUnreadTypesOnlyMoveTime() {
    Step s = new Step(null);
    s.read("A", 5000);
    assertEquals(List.of("mark in:2 4000", "EVENT A@5000", "mark in:2 4000"), s.out());
    s.read("B", 9000);
    assertEquals(List.of("mark in:2 8000"), s.out(), "B is read by no pattern");
    s.read("A", 7500);
    assertEquals(List.of("LATE A@7500", "mark in:2 8000"), s.out());
    s.read("A", 8500);
    assertEquals(List.of("EVENT A@8500", "mark in:2 8000"), s.out(), "within the delay");
  }

  @Test
  void aRestartedStepKeepsItsWatermarkAndSaysItAgain() {
    Step s = new Step(null);
    s.read("A", 5000);
    s.out();
    Step t = new Step(s);
    assertEquals(List.of(), t.out());
    t.punctuate();
    assertEquals(
        List.of("mark in:2 4000"), t.out(), "the last marker may have been in an aborted commit");
    t.read("A", 3000);
    assertEquals(List.of("LATE A@3000", "mark in:2 4000"), t.out());
  }
}
