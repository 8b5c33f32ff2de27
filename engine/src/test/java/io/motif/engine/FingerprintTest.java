package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pattern fingerprints ({@link CompiledScript#fingerprint}) and restoring a snapshot into changed
 * rules ({@link Engine.Builder#restore(InputStream, CompiledScript)}).
 */
class FingerprintTest {
  static final String BASE =
      """
      event T(k long, v long)
      const big = 5
      pattern Rise partition by k
        match s: T -> up: T(v > prev.v)+ -> d: T(v < last(up).v)
        within 50 ms
        emit Drop(k: s.k, n: count(up), top: max(up.v))
      pattern Quiet partition by k
        match a: T(v > big) -> not T(v > 8) within 20 ms
        emit Calm(k: a.k)
      pattern Pair partition by k
        match x: T(v == 1) -> y: T(v == 2)
        where y.k == x.k
        within 30 ms
        after match skip past last
        emit Both(k: x.k)
      """;

  static CompiledScript compile(String text) {
    Compilation c = Motif.compile("rules.motif", text);
    assertFalse(c.hasErrors(), c.render());
    return c.script();
  }

  static String fp(String text, String pattern) {
    return compile(text).fingerprint(pattern);
  }

  @Test
  void aFingerprintIsSha256Hex() {
    CompiledScript s = compile(BASE);
    assertTrue(s.fingerprint("Rise").matches("[0-9a-f]{64}"), s.fingerprint("Rise"));
    assertEquals(List.of("Rise", "Quiet", "Pair"), List.copyOf(s.fingerprints().keySet()));
    assertNull(s.fingerprint("Nope"));
    assertEquals(3, new HashSet<>(s.fingerprints().values()).size());
  }

  @Test
  void layoutCommentsAndOrderDoNotChangeIt() {
    String other =
        """
        -- the same rules, written otherwise
        const big = 5;
        pattern Pair partition by k match x: T(v == 1) -> y: T(v == 2) where y.k == x.k
          within 30 ms after match skip past last emit Both(k: x.k)
        /* reordered */
        event T(k long, v long)
        pattern Quiet
          partition by k
          match a: T( v > big )
                -> not T(v > 8)
          within 20ms
          emit Calm(k: a.k)   -- trailing comment
        pattern Rise partition by k
          match s: T -> up: T(v>prev.v)+ -> d: T(v<last(up).v)
          within 50 ms
          emit Drop(k: s.k, n: count(up), top: max(up.v))
        pattern Extra match T
        """;
    CompiledScript a = compile(BASE);
    CompiledScript b = compile(other);
    for (String p : List.of("Rise", "Quiet", "Pair")) {
      assertEquals(a.fingerprint(p), b.fingerprint(p), p);
    }
  }

  @Test
  void anotherPatternsChangeDoesNotChangeIt() {
    String changed = BASE.replace("within 30 ms", "within 40 ms");
    assertNotEquals(fp(BASE, "Pair"), fp(changed, "Pair"));
    assertEquals(fp(BASE, "Rise"), fp(changed, "Rise"));
    assertEquals(fp(BASE, "Quiet"), fp(changed, "Quiet"));
  }

  /** Each kind of change to Pair changes its fingerprint. */
  @Test
  void everyKindOfChangeChangesIt() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put(
        "match", BASE.replace("x: T(v == 1) -> y: T(v == 2)", "x: T(v == 1) ->> y: T(v == 2)"));
    changes.put("condition", BASE.replace("x: T(v == 1)", "x: T(v == 3)"));
    changes.put("where", BASE.replace("where y.k == x.k", "where y.k != x.k"));
    changes.put("window", BASE.replace("within 30 ms", "within 31 ms"));
    changes.put("event window", BASE.replace("within 30 ms", "within 30 events"));
    changes.put("skip", BASE.replace("after match skip past last", "after match skip to next"));
    changes.put("no skip", BASE.replace("after match skip past last", ""));
    changes.put("partition", BASE.replace("pattern Pair partition by k", "pattern Pair"));
    changes.put("emit", BASE.replace("emit Both(k: x.k)", "emit Both(k: y.k)"));
    changes.put("emit type", BASE.replace("emit Both(k: x.k)", "emit Twice(k: x.k)"));
    changes.put("internal", BASE.replace("pattern Pair", "internal pattern Pair"));
    changes.put(
        "declared type",
        BASE.replace("event T(k long, v long)", "event T(k long, v long, w string)"));
    changes.put(
        "on timeout",
        BASE.replace("emit Both(k: x.k)", "emit Both(k: x.k)\n  on timeout emit Half(k: x.k)"));
    String base = fp(BASE, "Pair");
    for (Map.Entry<String, String> c : changes.entrySet()) {
      assertNotEquals(base, fp(c.getValue(), "Pair"), c.getKey());
    }
    // A constant changes the patterns that read it, and only those.
    String constant = BASE.replace("const big = 5", "const big = 6");
    assertNotEquals(fp(BASE, "Quiet"), fp(constant, "Quiet"));
    assertEquals(fp(BASE, "Rise"), fp(constant, "Rise"));
    assertEquals(base, fp(constant, "Pair"));
    // So does a field type of a declared type it reads.
    String fieldType = BASE.replace("event T(k long, v long)", "event T(k long, v double)");
    assertNotEquals(fp(BASE, "Quiet"), fp(fieldType, "Quiet"));
  }

  // ---- restoring into changed rules ----

  static List<Event> stream(long seed, int n) {
    return SnapshotTest.stream(seed, n);
  }

  static byte[] snapshot(Engine e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      e.snapshot(out);
    } catch (IOException ex) {
      throw new AssertionError(ex);
    }
    return out.toByteArray();
  }

  /** The derived events of one uninterrupted run of {@code rules} over {@code events}. */
  static List<String> straight(String rules, List<Event> events, long maxDelay) {
    Engine e = Engine.builder().maxDelay(maxDelay).build();
    e.deploy(compile(rules));
    List<String> out = new ArrayList<>();
    e.subscribe("*", d -> out.add(d.toString()));
    events.forEach(e::send);
    e.finish();
    return out;
  }

  @Test
  void unchangedPatternsContinueAndChangedOnesStartFresh() throws Exception {
    // Quiet changes, Pair goes, Rise stays, New comes.
    String edited =
        """
        -- edited
        event T(k long, v long)
        const big = 5
        pattern New partition by k match a: T(v == 9) -> b: T(v == 9) emit Nines(k: a.k)
        pattern Quiet partition by k
          match a: T(v > big) -> not T(v > 7) within 20 ms
          emit Calm(k: a.k)
        pattern Rise partition by k
          match s: T -> up: T(v > prev.v)+ -> d: T(v < last(up).v)
          within 50 ms
          emit Drop(k: s.k, n: count(up), top: max(up.v))
        """;
    List<Event> events = stream(11, 400);
    int cut = 200;
    Engine first = Engine.builder().maxDelay(3).build();
    first.deploy(compile(BASE));
    List<String> before = new ArrayList<>();
    first.subscribe("*", d -> before.add(d.toString()));
    events.subList(0, cut).forEach(first::send);

    Engine.Restored r =
        Engine.builder()
            .maxDelay(3)
            .restore(new ByteArrayInputStream(snapshot(first)), compile(edited));
    assertEquals(List.of("Rise"), r.report().kept());
    assertEquals(List.of("Quiet"), r.report().changed());
    assertEquals(List.of("New"), r.report().added());
    assertEquals(List.of("Pair"), r.report().dropped());
    assertEquals(List.of("Quiet", "New"), r.report().startedFresh());
    assertEquals(List.of("New", "Quiet", "Rise"), r.engine().patterns());
    List<String> after = new ArrayList<>();
    r.engine().subscribe("*", d -> after.add(d.toString()));
    events.subList(cut, events.size()).forEach(r.engine()::send);
    r.engine().finish();

    // Rise continues exactly: its output over the two runs is that of one run.
    List<String> riseStraight = derivedOf(straight(BASE, events, 3), "Drop");
    List<String> rise = derivedOf(before, "Drop");
    rise.addAll(derivedOf(after, "Drop"));
    assertTrue(riseStraight.size() > 5, riseStraight.toString());
    assertEquals(riseStraight, rise);

    // Quiet and New start fresh: as if the edited rules had been deployed at the cut with
    // nothing but the clock behind them.
    Engine fresh = Engine.builder().maxDelay(3).build();
    fresh.deploy(compile(edited));
    events.subList(0, cut).forEach(fresh::send);
    fresh.deploy(compile(edited)); // every pattern replaced: it starts with the next event
    List<String> freshOut = new ArrayList<>();
    fresh.subscribe("*", d -> freshOut.add(d.toString()));
    events.subList(cut, events.size()).forEach(fresh::send);
    fresh.finish();
    assertFalse(derivedOf(freshOut, "Calm").isEmpty());
    assertEquals(derivedOf(freshOut, "Calm"), derivedOf(after, "Calm"));
    assertEquals(derivedOf(freshOut, "Nines"), derivedOf(after, "Nines"));
    assertTrue(derivedOf(after, "Both").isEmpty(), "Pair was dropped");
  }

  /** Derived events whose text names the type (Event's toString starts with it). */
  static List<String> derivedOf(List<String> out, String type) {
    List<String> l = new ArrayList<>();
    for (String s : out) {
      if (s.startsWith(type + "(")) {
        l.add(s);
      }
    }
    return l;
  }

  @Test
  void theSameRulesKeepEverything() throws Exception {
    List<Event> events = stream(4, 300);
    Engine first = Engine.builder().maxDelay(3).build();
    first.deploy(compile(BASE));
    List<String> out = new ArrayList<>();
    first.subscribe("*", d -> out.add(d.toString()));
    events.subList(0, 150).forEach(first::send);
    Engine.Restored r =
        Engine.builder()
            .maxDelay(3)
            .restore(new ByteArrayInputStream(snapshot(first)), compile(BASE));
    assertTrue(r.report().unchanged(), r.report().toString());
    assertEquals(List.of("Rise", "Quiet", "Pair"), r.report().kept());
    r.engine().subscribe("*", d -> out.add(d.toString()));
    events.subList(150, events.size()).forEach(r.engine()::send);
    r.engine().finish();
    assertEquals(straight(BASE, events, 3), out);
  }

  /** The golden version 1 snapshot restores into changed rules, keeping the unchanged patterns. */
  @Test
  void aVersion1SnapshotRestoresIntoChangedRules() throws Exception {
    Path golden = Path.of("src/test/resources/snapshots/v1.snapshot");
    String edited = SnapshotTest.RULES.replace("within 30 ms", "within 35 ms");
    List<Event> events = SnapshotTest.stream(3, 50);
    Engine.Restored r;
    try (InputStream in = Files.newInputStream(golden)) {
      r = Engine.builder().maxDelay(3).restore(in, compile(edited));
    }
    assertEquals(List.of("Rise", "Quiet", "Chain"), r.report().kept());
    assertEquals(List.of("Pair"), r.report().changed());
    assertTrue(r.report().dropped().isEmpty() && r.report().added().isEmpty());
    // Rise continues as in one run.
    Engine e = Engine.builder().maxDelay(3).build();
    e.deploy(compile(SnapshotTest.RULES));
    List<String> all = new ArrayList<>();
    e.subscribe("*", d -> all.add(d.toString()));
    events.forEach(e::send);
    e.finish();
    Engine head = Engine.builder().maxDelay(3).build();
    head.deploy(compile(SnapshotTest.RULES));
    List<String> out = new ArrayList<>();
    head.subscribe("*", d -> out.add(d.toString()));
    events.subList(0, 25).forEach(head::send);
    r.engine().subscribe("*", d -> out.add(d.toString()));
    events.subList(25, events.size()).forEach(r.engine()::send);
    r.engine().finish();
    assertEquals(derivedOf(all, "Drop"), derivedOf(out, "Drop"));
  }

  @Test
  void theCurrentVersionIsWritten() {
    Engine e = Engine.builder().build();
    e.deploy(compile(BASE));
    byte[] snap = snapshot(e);
    assertEquals(3, ByteBuffer.wrap(snap, 8, 4).getInt());
  }
}
