package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one binary form of events, as the Kafka application writes them (nested events inline). */
class ValueCodecTest {
  private static Event sample() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1L);
    nested.put("a", Arrays.asList("x", null, 2.5));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("n", 3L);
    fields.put("d", 3.0);
    fields.put("s", "lone \uD800 surrogate, é, \uD83D\uDE00");
    fields.put("t", true);
    fields.put("f", false);
    fields.put("none", null);
    fields.put("m", nested);
    fields.put("e", Event.of("Inner", 5, Map.of("k", "v")));
    fields.put("l", List.of(Event.of("Inner", 6)));
    return Event.of("Outer", -7, fields);
  }

  @Test
  void everyValueComesBackExactly() throws StreamCorruptedException {
    Event e = sample();
    Event back = ValueCodec.decode(ValueCodec.encode(e), 0, ValueCodec.encode(e).length);
    assertEquals(e, back);
    assertEquals(e.shape().names(), back.shape().names());
    assertEquals(3L, back.get("n"));
    assertEquals(3.0, back.get("d")); // a whole double stays a double
    assertEquals(e.get("s"), back.get("s")); // the lone surrogate too
    assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) back.get("m")).keySet()));
  }

  @Test
  void theLayoutIsTheSnapshotFormats() {
    // tag 1 (long), then 8 bytes; strings are an int length and UTF-8; then the origins
    byte[] b = ValueCodec.encode(Event.of("T", 1, Map.of("n", 2L)));
    assertArrayEquals(
        new byte[] {
          0, 0, 0, 1, 'T', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 'n', 1, 0, 0, 0, 0, 0, 0,
          0, 2, 0, 0, 0, 0
        },
        b);
    byte[] o = ValueCodec.encode(Event.of("T", 1).withOrigins(7));
    assertArrayEquals(
        new byte[] {
          0, 0, 0, 1, 'T', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7
        },
        o);
    try {
      assertArrayEquals(new long[] {7}, ValueCodec.decode(o, 0, o.length).origins());
    } catch (StreamCorruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void corruptBytesAreReportedNotThrownAsAnythingElse() {
    byte[] good = ValueCodec.encode(sample());
    for (int cut = 0; cut < good.length; cut++) {
      int n = cut;
      assertThrows(
          StreamCorruptedException.class, () -> ValueCodec.decode(good, 0, n), "cut at " + n);
    }
    byte[] badTag = ValueCodec.encode(Event.of("T", 1, Map.of("n", 2L)));
    badTag[22] = 42;
    assertTrue(
        assertThrows(
                StreamCorruptedException.class, () -> ValueCodec.decode(badTag, 0, badTag.length))
            .getMessage()
            .contains("unknown value tag 42"));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThrows(
        StreamCorruptedException.class, () -> ValueCodec.decode(trailing, 0, trailing.length));
  }
}
