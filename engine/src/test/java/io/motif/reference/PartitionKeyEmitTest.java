package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A match straight from a packed row reads the row's first event only if its emit needs more of it
 * than the partition key, which it then takes from the partition: right only while every key was
 * the event's own field value. Keys here mix longs, integral and other doubles ({@code 1} and
 * {@code 1.0} share a partition, and each match must still emit its own event's key as written),
 * strings and nulls, against the reference.
 */
class PartitionKeyEmitTest {
  private static final String[] EMITS = {
    "emit G(k: a.k)",
    "emit G(k: a.k, ax: a.x, t: time(a))",
    "emit G(bk: b.k, k: a.k, bi: b.i)",
    "emit G(i: a.i)",
  };

  /** Key choices, one list a trial: longs only, then mixes in which 1 and 1.0 meet. */
  private static final Object[][] KEYS = {
    {1L, 2L},
    {"u", "v"},
    {1L, 1.0, 2.5},
    {1.0, 1L, 2L},
    {1L, "1", null, 2.5},
  };

  @Test
  void emittedKeysAreEachEventsOwn() {
    SplittableRandom random = new SplittableRandom(0x6E7);
    int matches = 0;
    for (String emit : EMITS) {
      String source =
          "pattern G partition by k match a: A -> b: B(x > a.x) within 40 ms " + emit + "\n";
      for (Object[] keys : KEYS) {
        for (int trial = 0; trial < 3; trial++) {
          List<Event> events = stream(random, 300, keys);
          matches +=
              Harness.agreeing(source, Harness.parse(source), events, 0, false, -1, 32)
                  .finished()
                  .size();
        }
      }
    }
    assertTrue(matches > 1_000, "the streams should match often: " + matches);
  }

  private static List<Event> stream(SplittableRandom random, int n, Object[] keys) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("k", keys[random.nextInt(keys.length)]);
      f.put("x", (long) random.nextInt(40));
      f.put("i", (long) i);
      out.add(Event.of(random.nextInt(2) == 0 ? "A" : "B", i / 3, f));
    }
    return out;
  }
}
