package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile caller may do to an engine: every case either works exactly or is
 * refused, never silently changed.
 */
class MisuseTest {
  private static Engine engine(String source, List<String> errors) {
    Compilation c = Motif.compile("test.motif", source);
    assertFalse(c.hasErrors(), c.render());
    Engine engine = Engine.builder().errorHandler((m, t) -> errors.add(m)).build();
    engine.deploy(c.script());
    return engine;
  }

  @Test
  void anErrorThrownByASubscriberReachesTheErrorHandlerAndTheOthersStillRun() {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A emit Out(v: a.v)", errors);
    List<Event> seen = new ArrayList<>();
    engine.subscribe(
        "Out",
        e -> {
          throw new AssertionError("a broken subscriber");
        });
    engine.subscribe("*", seen::add);
    engine.send(Event.of("A", 0, Map.of("v", 1L)));
    engine.send(Event.of("A", 1, Map.of("v", 2L)));
    assertEquals(2, seen.size());
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("a broken subscriber"), errors.toString());
  }

  @Test
  void aFailureOfTheJvmItselfIsRecordedThenRethrown() {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A emit Out(v: a.v)", errors);
    engine.subscribe(
        "Out",
        e -> {
          throw new OutOfMemoryError("simulated");
        });
    assertThrows(OutOfMemoryError.class, () -> engine.send(Event.of("A", 0, Map.of("v", 1L))));
    assertEquals(1, errors.size());
  }

  @Test
  void aSubscriberThatFeedsEveryEventBackIsCutAtTheCascadeDepth() {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A emit B(v: a.v)", errors);
    int[] received = {0};
    engine.subscribe(
        "B",
        e -> {
          received[0]++;
          engine.send(Event.of("A", e.time(), Map.of("v", e.get("v"))));
        });
    engine.send(Event.of("A", 0, Map.of("v", 1L)));
    // The first A and 16 sent back (the default cascade depth) each make a B.
    assertEquals(17, received[0]);
    assertEquals(1, engine.stats().cascadeDropped());
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("cascade depth"), errors.get(0));
  }

  @Test
  void aSecondThreadInsideTheEngineIsRefused() throws Exception {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A emit Out(v: a.v)", errors);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    engine.subscribe(
        "Out",
        e -> {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });
    Thread first = new Thread(() -> engine.send(Event.of("A", 0, Map.of("v", 1L))));
    first.start();
    inside.await();
    AtomicReference<Throwable> refused = new AtomicReference<>();
    Thread second =
        new Thread(
            () -> {
              try {
                engine.send(Event.of("A", 1, Map.of("v", 2L)));
              } catch (Throwable t) {
                refused.set(t);
              }
            });
    second.start();
    second.join();
    release.countDown();
    first.join();
    assertTrue(
        refused.get() instanceof ConcurrentModificationException, String.valueOf(refused.get()));
    // Once the first thread is out, another may call (one thread at a time is allowed).
    Thread third = new Thread(() -> engine.send(Event.of("A", 2, Map.of("v", 3L))));
    third.start();
    third.join();
    assertEquals(2, engine.stats().eventsIn());
  }

  @Test
  void timesBeyondTheRangeAreRefusedNotWrapped() {
    List<String> errors = new ArrayList<>();
    Engine engine = engine("pattern P match a: A -> b: B within 1 day emit Out(v: a.v)", errors);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.send(Event.of("A", Long.MAX_VALUE - 10, Map.of("v", 1L))));
    assertTrue(e.getMessage().contains("outside the range"), e.getMessage());
    List<Event> out = new ArrayList<>();
    engine.subscribe("*", out::add);
    engine.send(Event.of("A", Event.MAX_TIME - 10, Map.of("v", 1L)));
    engine.send(Event.of("B", Event.MAX_TIME, Map.of()));
    assertEquals(1, out.size(), "a window ending past the range still closes in order");
    assertEquals(0, engine.stats().late());
    assertThrows(IllegalArgumentException.class, () -> Engine.builder().maxDelay(Long.MAX_VALUE));
    Compilation c = Motif.compile("t.motif", "pattern P match a: A -> b: B within 300000000 day");
    assertTrue(c.hasErrors(), "a window beyond the range is a compile error");
  }

  @Test
  void valuesThatASnapshotCouldNotRestoreAreRefusedWhenTheyEnter() {
    for (Object bad :
        List.of(
            new BigDecimal("1.10"),
            BigInteger.TEN.pow(30),
            Instant.EPOCH,
            Optional.of(1L),
            new int[] {1},
            new Object())) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Event.of("A", 0, Map.of("v", bad)),
              bad.getClass().getName());
      assertTrue(e.getMessage().contains(bad.getClass().getName()), e.getMessage());
    }
    Map<String, Object> self = new HashMap<>();
    self.put("me", self);
    IllegalArgumentException nested =
        assertThrows(IllegalArgumentException.class, () -> Event.of("A", 0, Map.of("v", self)));
    assertTrue(nested.getMessage().contains("contain itself"), nested.getMessage());
    Map<Object, Object> numberKeys = Map.of(1, "x");
    assertThrows(IllegalArgumentException.class, () -> Event.of("A", 0, Map.of("v", numberKeys)));
  }

  @Test
  void nestedValuesAreNormalisedAndCopied() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("i", 3);
    inner.put("f", 1.5f);
    List<Object> list = new ArrayList<>(List.of(1, 2L));
    Event e = Event.of("A", 0, Map.of("m", inner, "l", list));
    inner.put("i", 4);
    list.add(3);
    assertEquals(Map.of("i", 3L, "f", 1.5d), e.get("m"));
    assertEquals(List.of(1L, 2L), e.get("l"));
  }

  @Test
  void everyAcceptedValueRoundTripsThroughASnapshotExactly() throws Exception {
    String loneHigh = "a\uD800b";
    String loneLow = "\uDC00";
    String pair = "x\uD83D\uDE00y";
    List<String> errors = new ArrayList<>();
    Engine engine =
        engine(
            """
        pattern P partition by k match a: A -> b: B emit Out(k: a.k, s: a.s, m: a.m, b: b.v)
        """,
            errors);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put(loneLow, List.of(1L, -0.0d, Double.NaN, Map.of("deep", loneHigh)));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("k", loneHigh);
    fields.put("s", pair);
    fields.put("m", nested);
    engine.send(Event.of("A", 0, fields));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    engine.snapshot(bytes);
    Engine restored = Engine.builder().restore(new ByteArrayInputStream(bytes.toByteArray()));
    List<Event> out = new ArrayList<>();
    restored.subscribe("*", out::add);
    restored.send(Event.of("B", 1, Map.of("k", loneHigh, "v", 1L)));
    assertEquals(1, out.size(), "the key with a lone surrogate is the same key after restore");
    Event o = out.get(0);
    assertEquals(loneHigh, o.get("k"));
    assertEquals(pair, o.get("s"));
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) o.get("m");
    assertEquals(List.of(loneLow), List.copyOf(m.keySet()));
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) m.get(loneLow);
    assertEquals(Double.doubleToRawLongBits(-0.0d), Double.doubleToRawLongBits((Double) l.get(1)));
    assertTrue(((Double) l.get(2)).isNaN());
    assertEquals(Map.of("deep", loneHigh), l.get(3));
  }
}
