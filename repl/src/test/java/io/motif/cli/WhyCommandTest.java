package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motif why}: for a match that is missing because of a condition, the window, a negation or
 * the skip policy, the explanation names that cause, as text and as JSON; misuse is exit 2.
 */
class WhyCommandTest {
  @TempDir Path dir;

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Cli.Result why(String rules, String events, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "why",
                write("rules.motif", rules).toString(),
                write(events.startsWith("type,") ? "events.csv" : "events.jsonl", events)
                    .toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(new String[0]));
  }

  private static void assertExit(int code, Cli.Result r) {
    assertEquals(code, r.code(), r::toString);
  }

  private static final String BRUTE_FORCE =
      """
      event Login(user string, ip string, ok boolean)

      pattern BruteForce
        partition by user
        match f: Login(ok == false){3,} -> s: Login(ok == true and ip == last(f).ip)
        within 5 min
        emit Alert(user: s.user, attempts: count(f), ip: s.ip)
      """;

  private static final String LOGINS =
      """
      {"type":"Login","time":0,"user":"al","ip":"10.0.0.1","ok":false}
      {"type":"Login","time":1000,"user":"bo","ip":"10.0.0.9","ok":false}
      {"type":"Login","time":10000,"user":"al","ip":"10.0.0.1","ok":false}
      {"type":"Login","time":20000,"user":"al","ip":"10.0.0.1","ok":false}
      {"type":"Login","time":30000,"user":"al","ip":"10.0.0.2","ok":true}
      """;

  @Test
  void aFalseConditionIsNamedWithItsPositionAndTheValuesRead() {
    Cli.Result r = why(BRUTE_FORCE, LOGINS, "BruteForce");
    assertExit(0, r);
    String out = r.out();
    assertTrue(
        out.startsWith(
            "event     line 5: Login(user: \"al\", ip: \"10.0.0.2\", ok: true)"
                + " at 30s\npattern   BruteForce\npartition \"al\"\n\n3 attempts alive before it in its"
                + " partition:\n"),
        out);
    assertTrue(
        out.contains(
            """
        attempt 1  partition "al"
          events    line 1  Login(user: "al", ip: "10.0.0.1", ok: false) at 0s
                    line 3  Login(user: "al", ip: "10.0.0.1", ok: false) at 10s
                    line 4  Login(user: "al", ip: "10.0.0.1", ok: false) at 20s
        """),
        out);
    assertTrue(out.contains("  verdict   not taken; it waits for a later event\n"), out);
    String file = dir.resolve("rules.motif").toString();
    assertTrue(
        out.contains(
            "condition  "
                + file
                + ":5:38  the condition of `s: Login(ok == true"
                + " and ip == last(f).ip)` is false: `ip == last(f).ip` (ip = \"10.0.0.2\","
                + " last(f).ip = \"10.0.0.1\")\n"),
        out);
    assertTrue(
        out.contains(
            "1 attempt in other partitions, which the event cannot join:\n"
                + "  attempt 4  partition \"bo\"  at f: Login(ok == false)  events line 2\n"),
        out);
    assertEquals("", r.err());

    Map<String, Object> json =
        json(why(BRUTE_FORCE, LOGINS, "BruteForce", "--format", "json").out());
    assertEquals("al", json.get("partition"));
    List<Map<String, Object>> reasons = list(first(list(json.get("attempts"))).get("reasons"));
    Map<String, Object> condition =
        reasons.stream()
            .filter(x -> "ip == last(f).ip".equals(x.get("text")))
            .findFirst()
            .orElseThrow();
    assertEquals("condition", condition.get("kind"));
    assertEquals(file + ":5:38", condition.get("where"));
    assertEquals(Map.of("ip", "10.0.0.2", "last(f).ip", "10.0.0.1"), condition.get("values"));
    assertEquals("waits", first(list(json.get("attempts"))).get("outcome"));
  }

  @Test
  void aClosedWindowIsNamed() {
    String rules = "pattern Pair\n  match a: A -> b: B\n  within 5s\n";
    String events =
        """
        {"type":"A","time":0}
        {"type":"B","time":9000}
        """;
    Cli.Result r = why(rules, events, "Pair");
    assertExit(0, r);
    assertTrue(r.out().contains("0 attempts alive before it\n"), r.out());
    assertTrue(r.out().contains("ended before it: 1\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "  ended at  5s, as time passed\n  why       window  "
                    + dir.resolve("rules.motif")
                    + ":2:9  its window closed: it started at 0s, within 5s,"
                    + " so its window ended at 5s, and the watermark is now past it (9s)\n"),
        r.out());
    Map<String, Object> json = json(why(rules, events, "Pair", "--format", "json").out());
    Map<String, Object> ended = first(list(json.get("endedBefore")));
    assertEquals("window", map(ended.get("reason")).get("kind"));
    assertEquals(5000L, ended.get("time"));
    assertEquals(1L, json.get("endedBeforeCount"));
  }

  @Test
  void aNegationIsNamedAtTheEventThatHitItAndLater() {
    String rules = "pattern Quiet\n  match a: A -> not C(level > 2) -> b: B\n";
    String events =
        """
        {"type":"A","time":0}
        {"type":"C","time":1000,"level":3}
        {"type":"B","time":2000}
        """;
    Cli.Result at = why(rules, events, "Quiet", "--event", "2");
    assertExit(0, at);
    assertTrue(at.out().contains("  verdict   not taken; it ends\n"), at.out());
    assertTrue(
        at.out()
            .contains(
                "negation  "
                    + dir.resolve("rules.motif")
                    + ":2:21  the event"
                    + " fits `not C(level > 2)`, which the attempt must not meet before its next event"
                    + " (level = 3)\n"),
        at.out());
    assertTrue(at.out().contains("ended with it: 1\n"), at.out());
    Cli.Result last = why(rules, events, "Quiet");
    assertTrue(last.out().contains("ended before it: 1\n"), last.out());
    assertTrue(last.out().contains("  ended at  1s, by line 2: C(level: 3) at 1s\n"), last.out());
    Map<String, Object> json = json(why(rules, events, "Quiet", "--format", "json").out());
    Map<String, Object> ended = first(list(json.get("endedBefore")));
    assertEquals("negation", map(ended.get("reason")).get("kind"));
    assertEquals("line 2", map(ended.get("cause")).get("label"));
  }

  @Test
  void theSkipPolicyIsNamed() {
    String rules = "pattern Pair\n  match a: A -> b: B\n  after match skip past last\n";
    String events =
        """
        {"type":"A","time":0,"n":1}
        {"type":"A","time":1000,"n":2}
        {"type":"B","time":2000}
        """;
    Cli.Result r = why(rules, events, "Pair");
    assertExit(0, r);
    assertTrue(
        r.out().contains("  verdict   taken into `b: B` (->), completing a match\n"), r.out());
    assertTrue(r.out().contains("ended with it: 1\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "  why       skip  "
                    + dir.resolve("rules.motif")
                    + ":2:9"
                    + "  `after match skip past last` dropped it when the match [A(n: 1) at 0s, B() at 2s]"
                    + " was emitted\n"),
        r.out());
    Map<String, Object> json = json(why(rules, events, "Pair", "--format", "json").out());
    Map<String, Object> ended = first(list(json.get("endedWith")));
    assertEquals("skip", map(ended.get("reason")).get("kind"));
    assertEquals(2, list(map(ended.get("attempt")).get("events")).size());
  }

  @Test
  void csvLinesCountTheHeaderAndMaxDelayIsHonoured() {
    String rules = "pattern Pair\n  match a: A -> b: B(x > 1)\n";
    // The B on line 2 is later than the A on line 3: with --max-delay it comes after it.
    String events = "type,time,x\nB,1500,0\nA,0,0\nB,2000,0\n";
    Cli.Result r = why(rules, events, "Pair", "--max-delay", "5s", "--event", "4");
    assertExit(0, r);
    assertTrue(r.out().startsWith("event     line 4: B(x: 0) at 2s\n"), r.out());
    assertTrue(r.out().contains("`x > 1` (x = 0)"), r.out());
    Cli.Result early = why(rules, events, "Pair", "--max-delay", "5s", "--event", "2");
    assertTrue(early.out().contains("\n1 attempt alive before it:\n"), early.out());
    assertTrue(early.out().contains("  events    line 3  A(x: 0) at 0s\n"), early.out());
    Cli.Result inOrder = why(rules, events, "Pair", "--event", "2");
    assertTrue(inOrder.out().contains("\n0 attempts alive before it\n"), inOrder.out());
  }

  @Test
  void anEventThePatternDoesNotReadIsSaidSo() {
    Cli.Result r =
        why("pattern Pair match a: A -> b: B\n", "{\"type\":\"C\",\"time\":0}\n", "Pair");
    assertExit(0, r);
    assertTrue(
        r.out().contains("pattern Pair does not read events of type C (it reads A, B)"), r.out());
  }

  @Test
  void misuseAndErrors() {
    String rules = "pattern Pair match a: A -> b: B\npattern Other match x: X\n";
    String events = "{\"type\":\"A\",\"time\":0}\n\n{\"type\":\"B\",\"time\":1}\n";
    Cli.Result unknown = why(rules, events, "Nope");
    assertExit(2, unknown);
    assertTrue(
        unknown
            .err()
            .startsWith(
                "motif why: "
                    + dir.resolve("rules.motif")
                    + " has no"
                    + " pattern named Nope; its patterns are Pair, Other\n"),
        unknown.err());
    Cli.Result beyond = why(rules, events, "Pair", "--event", "9");
    assertExit(2, beyond);
    assertTrue(
        beyond
            .err()
            .contains(
                "--event 9 is beyond the input: "
                    + dir.resolve("events.jsonl")
                    + " ends at line 3"),
        beyond.err());
    Cli.Result blank = why(rules, events, "Pair", "--event", "2");
    assertExit(2, blank);
    assertTrue(
        blank.err().contains("line 2 of " + dir.resolve("events.jsonl") + " holds no event"),
        blank.err());
    assertExit(1, why("pattern Broken match a: A(", events, "Broken"));
    Cli.Result bad =
        why(
            rules,
            "{\"type\":\"A\",\"time\":0}\nnot json\n{\"type\":\"B\"," + "\"time\":1}\n",
            "Pair");
    assertExit(1, bad);
    assertTrue(bad.err().startsWith(dir.resolve("events.jsonl") + ":2: "), bad.err());
    assertTrue(bad.out().contains("taken into `b: B` (->), completing a match"), bad.out());
  }

  // ---- a small JSON reader over jackson-core: objects, arrays, strings, longs, doubles ----

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> first(List<Map<String, Object>> l) {
    assertTrue(!l.isEmpty());
    return l.get(0);
  }

  private static Map<String, Object> json(String text) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      p.nextToken();
      Map<String, Object> out = map(value(p));
      assertEquals(null, p.nextToken(), "one JSON object");
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }
}
