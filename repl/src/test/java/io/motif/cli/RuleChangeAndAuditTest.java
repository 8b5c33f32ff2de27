package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Compilation;
import io.motif.engine.Motif;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motif run --state} with edited rules, and {@code --audit}. */
class RuleChangeAndAuditTest {
  @TempDir Path dir;

  static final String RULES =
      """
      pattern Rise partition by k
        match s: T -> up: T(v > prev.v)+ -> d: T(v < last(up).v)
        within 50 ms
        emit Drop(k: s.k, n: count(up))
      pattern Quiet partition by k match a: T(v > 5) -> not T(v > 8) within 20 ms
        emit Calm(k: a.k)
      pattern Old partition by k match a: T(v == 0) -> b: T(v == 0) emit Zeros(k: a.k)
      """;

  /** Rise only reformatted and commented; Quiet changed; Old removed; Spike new. */
  static final String EDITED =
      """
      -- Spike is new
      pattern Spike partition by k match a: T(v == 9) emit Nine(k: a.k)
      pattern Quiet partition by k match a: T(v > 6) -> not T(v > 8) within 20 ms
        emit Calm(k: a.k)
      pattern Rise
        partition by k
        match s: T -> up: T(v>prev.v)+ -> d: T(v<last(up).v)   -- unchanged
        within 50ms
        emit Drop(k: s.k, n: count(up))
      """;

  private List<String> stream(int n) {
    Random r = new Random(7);
    List<String> lines = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(6);
      lines.add(
          "{\"type\":\"T\",\"time\":"
              + t
              + ",\"k\":"
              + r.nextInt(3)
              + ",\"v\":"
              + r.nextInt(10)
              + "}");
    }
    return lines;
  }

  private static List<String> ofType(String out, String type) {
    return out.lines().filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).toList();
  }

  @Test
  void editedRulesKeepTheUnchangedPatternsAndSaySo() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path edited = Files.writeString(dir.resolve("e.motif"), EDITED);
    List<String> events = stream(300);
    Path first = Files.write(dir.resolve("first.jsonl"), events.subList(0, 150));
    Path second = Files.write(dir.resolve("second.jsonl"), events.subList(150, 300));
    Path all = Files.write(dir.resolve("all.jsonl"), events);
    Path state = dir.resolve("s.state");
    Cli.Result one =
        Cli.run(
            "run",
            "--state",
            dir.resolve("one.state").toString(),
            rules.toString(),
            all.toString());
    Cli.Result a = Cli.run("run", "--state", state.toString(), rules.toString(), first.toString());
    Cli.Result b =
        Cli.run("run", "--state", state.toString(), edited.toString(), second.toString());
    assertEquals(0, a.code(), a.toString());
    assertEquals(0, b.code(), b.toString());
    assertTrue(
        b.err()
            .contains(
                "motif run: state: kept Rise; started fresh: Quiet (changed),"
                    + " Spike (new); dropped: Old (removed)\n"),
        b.err());
    assertFalse(a.err().contains("state:"), a.err());
    // Rise goes on as in one run over all of it.
    List<String> rise = new ArrayList<>(ofType(a.out(), "Drop"));
    rise.addAll(ofType(b.out(), "Drop"));
    assertTrue(ofType(one.out(), "Drop").size() > 3, one.out());
    assertEquals(ofType(one.out(), "Drop"), rise);
    assertTrue(ofType(b.out(), "Zeros").isEmpty(), b.out());
    // The state saved now holds the edited rules: the next run with them keeps everything.
    Path none = Files.writeString(dir.resolve("none.jsonl"), "");
    Cli.Result c = Cli.run("run", "--state", state.toString(), edited.toString(), none.toString());
    assertEquals(0, c.code(), c.toString());
    assertFalse(c.err().contains("state:"), c.err());
  }

  @Test
  void aStateSavedWithEntirelyOtherRulesStartsThemFresh() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path other = Files.writeString(dir.resolve("o.motif"), "pattern X match a: T");
    Path events = Files.write(dir.resolve("e.jsonl"), stream(10));
    Path state = dir.resolve("s.state");
    assertEquals(
        0, Cli.run("run", "--state", state.toString(), rules.toString(), events.toString()).code());
    Cli.Result r = Cli.run("run", "--state", state.toString(), other.toString(), events.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "state: kept none; started fresh: X (new); dropped: Rise"
                    + " (removed), Quiet (removed), Old (removed)"),
        r.err());
  }

  @Test
  void theAuditTrailHasALinePerDeploymentRestoreAndRuleChange() throws Exception {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path edited = Files.writeString(dir.resolve("e.motif"), EDITED);
    Path events = Files.write(dir.resolve("e.jsonl"), stream(40));
    Path state = dir.resolve("s.state");
    Path audit = dir.resolve("audit.jsonl");
    assertEquals(
        0,
        Cli.run(
                "run",
                "--audit",
                audit.toString(),
                "--state",
                state.toString(),
                rules.toString(),
                events.toString())
            .code());
    assertEquals(
        0,
        Cli.run(
                "run",
                "--audit",
                audit.toString(),
                "--state",
                state.toString(),
                rules.toString(),
                events.toString())
            .code());
    assertEquals(
        0,
        Cli.run(
                "run",
                "--audit",
                audit.toString(),
                "--state",
                state.toString(),
                edited.toString(),
                events.toString())
            .code());
    assertEquals(
        0, Cli.run("run", "--audit", audit.toString(), rules.toString(), events.toString()).code());
    List<String> lines = Files.readAllLines(audit);
    assertEquals(4, lines.size(), lines.toString());
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(rules)));
    String shaEdited =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(edited)));
    Compilation c = Motif.compile("r.motif", RULES);
    Compilation e = Motif.compile("e.motif", EDITED);
    String rise = c.script().fingerprint("Rise");
    assertEquals(rise, e.script().fingerprint("Rise"));

    String deploy = lines.get(0);
    assertTrue(
        deploy.matches(
            "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\","
                + "\"event\":\"deploy\",.*"),
        deploy);
    assertTrue(
        deploy.contains("\"rules\":\"" + rules + "\",\"rulesSha256\":\"" + sha + "\""), deploy);
    assertTrue(deploy.contains("\"state\":\"" + state + "\""), deploy);
    assertTrue(deploy.contains("{\"name\":\"Rise\",\"fingerprint\":\"" + rise + "\"}"), deploy);
    assertTrue(
        deploy.contains(
            "\"kept\":[],\"startedFresh\":[{\"name\":\"Rise\",\"reason\":"
                + "\"new\"},{\"name\":\"Quiet\",\"reason\":\"new\"},{\"name\":\"Old\",\"reason\":\"new\"}],"
                + "\"dropped\":[]}"),
        deploy);

    String restore = lines.get(1);
    assertTrue(restore.contains("\"event\":\"restore\""), restore);
    assertTrue(
        restore.contains(
            "\"kept\":[\"Rise\",\"Quiet\",\"Old\"],\"startedFresh\":[]," + "\"dropped\":[]}"),
        restore);

    String changed = lines.get(2);
    assertTrue(changed.contains("\"event\":\"rules changed\""), changed);
    assertTrue(changed.contains("\"rulesSha256\":\"" + shaEdited + "\""), changed);
    assertTrue(
        changed.contains(
            "{\"name\":\"Quiet\",\"fingerprint\":\"" + e.script().fingerprint("Quiet") + "\"}"),
        changed);
    assertTrue(
        changed.contains(
            "\"kept\":[\"Rise\"],\"startedFresh\":[{\"name\":\"Quiet\","
                + "\"reason\":\"changed\"},{\"name\":\"Spike\",\"reason\":\"new\"}],"
                + "\"dropped\":[\"Old\"]}"),
        changed);

    String noState = lines.get(3);
    assertTrue(noState.contains("\"event\":\"deploy\""), noState);
    assertFalse(noState.contains("\"state\""), noState);
  }

  @Test
  void anAuditTrailThatCannotBeWrittenStopsTheRun() throws IOException {
    Path rules = Files.writeString(dir.resolve("r.motif"), RULES);
    Path events = Files.write(dir.resolve("e.jsonl"), stream(5));
    Cli.Result r =
        Cli.run(
            "run",
            "--audit",
            dir.resolve("no/such/dir/a.jsonl").toString(),
            rules.toString(),
            events.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("cannot write the audit trail"), r.err());
    assertEquals("", r.out());
  }
}
