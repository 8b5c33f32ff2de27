package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of every subcommand, run in-process. */
class MainTest {
  static final String DIR = "src/test/resources/cli/";
  static final String LOGINS = DIR + "logins.motif";

  @TempDir Path tmp;

  private static void assertExit(int code, Cli.Result r) {
    assertEquals(code, r.code(), r::toString);
  }

  // ---- top level ----

  @Test
  void versionAndHelp() {
    Cli.Result v = Cli.run("--version");
    assertExit(0, v);
    assertTrue(v.out().startsWith("motif "), v::toString);
    Cli.Result h = Cli.run("--help");
    assertExit(0, h);
    for (String cmd : new String[] {"run", "check", "explain", "test", "repl"}) {
      assertTrue(h.out().contains("  " + cmd + " "), cmd);
      Cli.Result sub = Cli.run(cmd, "--help");
      assertExit(0, sub);
      assertTrue(sub.out().startsWith("Usage: motif " + cmd), sub::toString);
      assertTrue(sub.out().contains("Exit codes"), sub::toString);
    }
  }

  @Test
  void misuseIsExitTwo() {
    Cli.Result none = Cli.run();
    assertExit(2, none);
    assertTrue(none.err().startsWith("motif: a command is needed"), none::toString);
    Cli.Result unknown = Cli.run("rnu");
    assertExit(2, unknown);
    assertEquals(
        "motif: unknown command 'rnu'; the commands are run, check, explain, test,"
            + " why and repl\nTry 'motif --help' for usage.\n",
        unknown.err());
    Cli.Result option = Cli.run("run", "--bogus", LOGINS);
    assertExit(2, option);
    assertEquals(
        "motif run: Unknown option: '--bogus'\nTry 'motif run --help' for usage.\n", option.err());
    assertExit(2, Cli.run("check"));
    assertExit(2, Cli.run("test"));
    assertExit(2, Cli.run("run"));
    assertExit(2, Cli.run("explain"));
  }

  // ---- check ----

  @Test
  void checkCleanFileIsSilent() {
    Cli.Result r = Cli.run("check", LOGINS);
    assertExit(0, r);
    assertEquals("", r.out());
    assertEquals("", r.err());
  }

  @Test
  void checkReportsEveryErrorWithPositions() {
    Cli.Result r = Cli.run("check", DIR + "broken.motif", LOGINS);
    assertExit(1, r);
    Golden.assertMatches("check-broken.txt", r.err());
  }

  @Test
  void checkPrintsWarningsAndExitsZero() {
    Cli.Result r = Cli.run("check", DIR + "warning.motif");
    assertExit(0, r);
    assertEquals(
        DIR
            + "warning.motif:3:9: warning: pattern W repeats under `->>` without"
            + " `within`: its partial matches can grow without bound; add a `within` clause\n"
            + "    match a: A ->> b: B+\n"
            + "          ^^^^^^^^^^^^^^\n"
            + "0 errors, 1 warning\n",
        r.err());
  }

  @Test
  void checkWarnsAboutTyposAndNullComparisons() {
    Cli.Result r = Cli.run("check", DIR + "typos.motif");
    assertExit(0, r);
    String f = DIR + "typos.motif";
    assertEquals(
        f
            + ":6:41: warning: event type `Logn` is neither declared nor derived by a"
            + " pattern; did you mean `Login`?\n"
            + "    match f: Login(ok == false){3,} -> s: Logn(ok == true)\n"
            + "                                          ^^^^\n"
            + f
            + ":7:9: warning: `s.ip == null` is never true: a comparison with `null` is unknown;"
            + " write `s.ip is null`\n"
            + "    where s.ip == null\n"
            + "          ^^^^^^^^^^^^\n"
            + "0 errors, 2 warnings\n",
        r.err());
  }

  @Test
  void checkStrictMakesWarningsErrors() {
    Cli.Result r = Cli.run("check", "--strict", DIR + "warning.motif", LOGINS);
    assertExit(1, r);
    assertEquals(
        DIR
            + "warning.motif:3:9: error: pattern W repeats under `->>` without"
            + " `within`: its partial matches can grow without bound; add a `within` clause\n"
            + "    match a: A ->> b: B+\n"
            + "          ^^^^^^^^^^^^^^\n"
            + "1 error, 0 warnings (1 warning made an error by --strict)\n",
        r.err());
    Cli.Result clean = Cli.run("check", "--strict", LOGINS);
    assertExit(0, clean);
    assertEquals("", clean.err());
    assertExit(1, Cli.run("check", "--strict", DIR + "broken.motif"));
  }

  @Test
  void checkMissingFileIsMisuse() {
    Cli.Result r = Cli.run("check", LOGINS, DIR + "nope.motif");
    assertExit(2, r);
    assertEquals(
        "motif check: "
            + DIR
            + "nope.motif: no such file\n"
            + "Try 'motif check --help' for usage.\n",
        r.err());
  }

  // ---- run ----

  @Test
  void runWritesDerivedEventsAndASummary() {
    String input =
        """
        {"type":"Login","time":"2024-03-01T09:00:00Z","user":"al","ip":"10.0.0.1","ok":false}
        {"type":"Login","time":"2024-03-01T09:00:10Z","user":"al","ip":"10.0.0.1","ok":false}
        {"type":"Login","time":1709283620000,"user":"al","ip":"10.0.0.1","ok":false}
        {"type":"Login","time":"2024-03-01T09:00:30","user":"al","ip":"10.0.0.1","ok":true}
        """;
    Cli.Result r = Cli.runWithInput(input, "run", LOGINS);
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":1709283630000,\"user\":\"al\",\"attempts\":3,"
            + "\"ip\":\"10.0.0.1\"}\n",
        r.out());
    assertEquals(
        "motif run: 4 events read, 1 derived event, 0 bad lines, 0 late events\n", r.err());
  }

  @Test
  void runSkipsMalformedLinesAndReportsThemWithTheirLines() throws IOException {
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        """
        {"type":"Login","time":0,"user":"al","ip":"a","ok":false}
        {"type":"Login","time":1000,"user":"al","ip":"a","ok":"no"}
        {"type":"Login","time":2000,"user":"al","ip":"a","ok":false}
        not json
        {"type":"Login","user":"al","ip":"a","ok":false}
        {"type":"Login","time":3000,"user":"al","ip":"a","ok":false}
        {"type":"Login","time":4000,"user":"al","ip":"a","ok":true}
        """);
    Cli.Result r = Cli.run("run", LOGINS, events.toString());
    assertExit(1, r); // the input had errors; the good lines were all processed
    assertEquals(
        "{\"type\":\"Alert\",\"time\":4000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n",
        r.out());
    String f = events.toString();
    assertEquals(
        f
            + ":2: field ok of Login is boolean, not a string (\"no\")\n"
            + f
            + ":4: not valid JSON at column 1: Unrecognized token 'not': was expecting (JSON"
            + " String, Number, Array, Object or token 'null', 'true' or 'false')\n"
            + f
            + ":5: no \"time\" field with the event time\n"
            + "motif run: 4 events read, 1 derived event, 3 bad lines, 0 late events\n",
        r.err());
  }

  @Test
  void strictStopsAtTheFirstBadLine() {
    String input =
        "{\"type\":\"Login\",\"time\":0,\"user\":\"al\",\"ok\":false}\n"
            + "{\"type\":\"Login\"}\n"
            + "{\"type\":\"Login\",\"time\":5,\"user\":\"al\",\"ok\":false}\n";
    Cli.Result r = Cli.runWithInput(input, "run", "--strict", LOGINS, "-");
    assertExit(1, r);
    assertEquals(
        "<stdin>:2: no \"time\" field with the event time\n"
            + "motif run: 1 event read, 0 derived events, 1 bad line, 0 late events (stopped at the"
            + " first bad line: --strict)\n",
        r.err());
  }

  @Test
  void runWarnsAboutRulesAndStrictRefusesToRunThem() {
    String input = "{\"type\":\"Login\",\"time\":0,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n";
    Cli.Result r = Cli.runWithInput(input, "run", DIR + "typos.motif");
    assertExit(0, r);
    assertTrue(
        r.err().startsWith(DIR + "typos.motif:6:41: warning: event type `Logn`"), r::toString);
    assertTrue(
        r.err()
            .endsWith(
                "\nmotif run: 1 event read, 0 derived events, 0 bad lines," + " 0 late events\n"),
        r::toString);
    Cli.Result strict = Cli.runWithInput(input, "run", "--strict", DIR + "typos.motif");
    assertExit(1, strict);
    assertEquals("", strict.out());
    assertTrue(
        strict.err().startsWith(DIR + "typos.motif:6:41: error: event type `Logn`"),
        strict::toString);
    assertTrue(
        strict
            .err()
            .endsWith(
                "\n2 errors in "
                    + DIR
                    + "typos.motif (warnings are errors"
                    + " with --strict); nothing was run\n"),
        strict::toString);
  }

  @Test
  void runWarnsAboutUnreadTypesAndUndeclaredFields() {
    String input =
        """
        {"type":"Login","time":0,"user":"al","ip":"a","ok":false,"usr":"al"}
        {"type":"Logn","time":1,"user":"al","ip":"a","ok":false}
        {"type":"Login","time":2,"user":"al","ip":"a","ok":false}
        {"type":"Login","time":3,"user":"al","ip":"a","ok":false,"usr":"al","host":"h"}
        {"type":"Alert","time":4,"user":"al","attempts":1,"ip":"a"}
        {"type":"Logn","time":5,"user":"al","ip":"a","ok":true}
        {"type":"Heartbeat","time":6}
        {"type":"Login","time":7,"user":"al","ip":"a","ok":true}
        """;
    Cli.Result r = Cli.runWithInput(input, "run", LOGINS);
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":7,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n", r.out());
    // Alert is declared: input events of a declared type no pattern reads are deliberate.
    assertEquals(
        "motif run: warning: 2 input events of type `Logn`, which no pattern reads;"
            + " did you mean `Login`?\n"
            + "motif run: warning: 1 input event of type `Heartbeat`, which no pattern reads\n"
            + "motif run: warning: 2 events of type `Login` have field `usr`, which `event Login`"
            + " does not declare; did you mean `user`?\n"
            + "motif run: warning: 1 event of type `Login` has field `host`, which `event Login`"
            + " does not declare\n"
            + "motif run: 8 events read, 1 derived event, 0 bad lines, 0 late events\n",
        r.err());
    Cli.Result strict = Cli.runWithInput(input, "run", "--strict", LOGINS);
    assertExit(1, strict);
    assertEquals(r.out(), strict.out(), "the input is processed to the end");
    assertEquals(r.err().replace("motif run: warning: ", "motif run: error: "), strict.err());
  }

  @Test
  void runReadsCsvByExtensionOrFormat() throws IOException {
    String csv =
        "type,time,user,ip,ok\n"
            + "Login,1970-01-01T00:00:01Z,al,a,false\n"
            + "Login,2000,al,a,false\n"
            + "Login,3000,al,a,maybe\n"
            + "Login,3000,al,a,false\n"
            + "Login,4000,al,a,true\n";
    Path file = tmp.resolve("events.csv");
    Files.writeString(file, csv);
    Cli.Result r = Cli.run("run", LOGINS, file.toString());
    assertExit(1, r); // one bad line
    assertEquals(
        "{\"type\":\"Alert\",\"time\":4000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n",
        r.out());
    assertEquals(
        file
            + ":4: field ok of Login is boolean, but \"maybe\" is not a boolean\n"
            + "motif run: 4 events read, 1 derived event, 1 bad line, 0 late events\n",
        r.err());
    Cli.Result stdin = Cli.runWithInput(csv, "run", "--format", "csv", LOGINS);
    assertEquals(r.out(), stdin.out());
  }

  @Test
  void bytesThatAreNotUtf8AndBrokenQuotesAreBadLinesInFilesAndOnStandardInput() throws IOException {
    String login = "{\"type\":\"Login\",\"time\":%d,\"user\":\"al\",\"ip\":\"a\",\"ok\":%s}\n";
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    jsonl.writeBytes(String.format(login, 0, "false").getBytes(StandardCharsets.UTF_8));
    jsonl.writeBytes("{\"typ".getBytes(StandardCharsets.UTF_8));
    jsonl.write(0xff);
    jsonl.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= 3; i++) {
      jsonl.writeBytes(String.format(login, i * 1000, i == 3).getBytes(StandardCharsets.UTF_8));
    }
    Path file = tmp.resolve("events.jsonl");
    Files.write(file, jsonl.toByteArray());
    String alert =
        "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"attempts\":3," + "\"ip\":\"a\"}\n";
    String summary = "motif run: 4 events read, 1 derived event, 1 bad line, 0 late events\n";
    Cli.Result r = Cli.run("run", LOGINS, file.toString());
    assertExit(1, r);
    assertEquals(alert, r.out());
    assertEquals(file + ":2: not valid UTF-8 (byte 0xff at column 6)\n" + summary, r.err());
    Cli.Result stdin = Cli.runWithBytes(jsonl.toByteArray(), "run", LOGINS);
    assertEquals(alert, stdin.out());
    assertEquals("<stdin>:2: not valid UTF-8 (byte 0xff at column 6)\n" + summary, stdin.err());

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(
        ("type,time,user,ip,ok\nLogin,0,al,a,false\nLogin,500,\"al,a,false\n"
                + "Login,1000,al,a,false\n")
            .getBytes(StandardCharsets.UTF_8));
    csv.write(0xfe);
    csv.writeBytes(
        "\nLogin,2000,al,a,false\nLogin,3000,al,a,true\n".getBytes(StandardCharsets.UTF_8));
    Cli.Result c = Cli.runWithBytes(csv.toByteArray(), "run", "--format", "csv", LOGINS);
    assertExit(1, c);
    assertEquals(alert, c.out());
    assertEquals(
        "<stdin>:3: the quote at column 11 opens a field that is not closed before the"
            + " end of the input\n"
            + "<stdin>:5: not valid UTF-8 (byte 0xfe at column 1)\n"
            + "motif run: 4 events read, 1 derived event, 2 bad lines, 0 late events\n",
        c.err());
  }

  @Test
  void renamedTypeAndTimeFields() {
    String input =
        "{\"kind\":\"Login\",\"ts\":0,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"kind\":\"Login\",\"ts\":1,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"kind\":\"Login\",\"ts\":2,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"kind\":\"Login\",\"ts\":3,\"user\":\"al\",\"ip\":\"a\",\"ok\":true}\n";
    Cli.Result r =
        Cli.runWithInput(input, "run", "--type-field", "kind", "--time-field", "ts", LOGINS);
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":3,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n", r.out());
  }

  @Test
  void maxDelayAcceptsOutOfOrderEventsAndReportsLateOnes() {
    String input =
        "{\"type\":\"Login\",\"time\":1000,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"type\":\"Login\",\"time\":3000,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"type\":\"Login\",\"time\":2000,\"user\":\"al\",\"ip\":\"a\",\"ok\":false}\n"
            + "{\"type\":\"Login\",\"time\":9000,\"user\":\"al\",\"ip\":\"a\",\"ok\":true}\n"
            + "{\"type\":\"Login\",\"time\":500,\"user\":\"al\",\"ip\":\"a\",\"ok\":true}\n";
    Cli.Result r = Cli.runWithInput(input, "run", "--max-delay", "5s", LOGINS);
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":9000,\"user\":\"al\",\"attempts\":3,\"ip\":\"a\"}\n",
        r.out());
    assertEquals(
        "<stdin>:5: late event, not processed: Login(user: \"al\", ip: \"a\", ok: true)"
            + " at 500ms (more than 5s older than the latest event)\n"
            + "motif run: 5 events read, 1 derived event, 0 bad lines, 1 late event\n",
        r.err());
    Cli.Result strictOrder = Cli.runWithInput(input, "run", LOGINS);
    assertEquals("", strictOrder.out(), "without --max-delay the event at 2000 is late");
    Cli.Result bad = Cli.runWithInput(input, "run", "--max-delay", "5 parsecs", LOGINS);
    assertExit(2, bad);
    assertTrue(bad.err().contains("unknown duration unit 'parsecs'"), bad::toString);
  }

  @Test
  void flushAtEndIsAccepted() {
    Cli.Result r = Cli.runWithInput("", "run", "--flush-at-end", LOGINS);
    assertExit(0, r);
    assertEquals(
        "motif run: 0 events read, 0 derived events, 0 bad lines, 0 late events\n", r.err());
  }

  @Test
  void stateEveryWithoutStateIsMisuse() {
    Cli.Result r = Cli.run("run", "--state-every", "10", LOGINS);
    assertExit(2, r);
    assertTrue(r.err().contains("--state-every needs --state FILE"), r::toString);
  }

  @Test
  void runOnRulesWithErrorsIsExitOneAndOnMissingFilesExitTwo() {
    Cli.Result broken = Cli.run("run", DIR + "broken.motif");
    assertExit(1, broken);
    assertTrue(
        broken.err().endsWith("3 errors in " + DIR + "broken.motif; nothing was run\n"),
        broken::toString);
    assertExit(2, Cli.run("run", DIR + "nope.motif"));
    Cli.Result events = Cli.run("run", LOGINS, DIR + "nope.jsonl");
    assertExit(2, events);
    assertEquals(
        "motif run: " + DIR + "nope.jsonl: no such file\n" + "Try 'motif run --help' for usage.\n",
        events.err());
  }

  @Test
  void declaredDoublesAreWrittenAsDecimals() {
    String input =
        "{\"type\":\"Reading\",\"time\":\"2024-01-01T00:00:00\",\"device\":\"d1\","
            + "\"temp\":3,\"count\":2,\"ok\":true,\"at_time\":\"2024-01-01T00:00:01+01:00\","
            + "\"note\":\"a \\\"q\\\"\\n\\u00e9\"}\n";
    Cli.Result r = Cli.runWithInput(input, "run", DIR + "typed.motif");
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Out\",\"time\":1704067200000,\"device\":\"d1\",\"temp\":3.0,"
            + "\"count\":2,\"ok\":true,\"at_time\":1704063601000,\"note\":\"a \\\"q\\\"\\né\"}\n",
        r.out());
  }

  @Test
  void undeclaredValuesAndDefaultOutputAreNestedJson() {
    String input =
        "{\"type\":\"Thing\",\"time\":5,\"id\":1,\"size\":2.5,\"ratio\":3.0,"
            + "\"tags\":[\"a\",1],\"meta\":{\"k\":{\"z\":null}},\"on\":false}\n"
            + "{\"type\":\"Ping\",\"time\":6}\n{\"type\":\"Pong\",\"time\":7,\"x\":1}\n";
    Cli.Result r = Cli.runWithInput(input, "run", DIR + "untyped.motif");
    assertExit(0, r);
    assertEquals(
        "{\"type\":\"Seen\",\"time\":5,\"id\":1,\"size\":2.5,\"ratio\":3.0,"
            + "\"tags\":[\"a\",1],\"meta\":{\"k\":{\"z\":null}},\"on\":false}\n"
            + "{\"type\":\"Pair\",\"time\":7,\"a\":{\"type\":\"Ping\",\"time\":6},"
            + "\"b\":{\"type\":\"Pong\",\"time\":7,\"x\":1}}\n",
        r.out());
  }

  // ---- explain ----

  @Test
  void explainShowsTheAutomaton() {
    Cli.Result text = Cli.run("explain", LOGINS);
    assertExit(0, text);
    assertTrue(text.out().contains("BruteForce"), text::toString);
    Cli.Result dot = Cli.run("explain", "--format", "dot", LOGINS, "BruteForce");
    assertExit(0, dot);
    assertTrue(dot.out().contains("digraph"), dot::toString);
    Cli.Result unknown = Cli.run("explain", LOGINS, "Nope");
    assertExit(2, unknown);
    assertEquals(
        "motif explain: "
            + LOGINS
            + " has no pattern named Nope; its patterns are"
            + " BruteForce\nTry 'motif explain --help' for usage.\n",
        unknown.err());
    assertExit(1, Cli.run("explain", DIR + "broken.motif"));
    assertExit(2, Cli.run("explain", "--format", "svg", LOGINS));
  }

  // ---- test ----

  @Test
  void testPasses() {
    Cli.Result r = Cli.run("test", LOGINS);
    assertExit(0, r);
    Golden.assertMatches("test-pass.txt", r.out());
    assertEquals("", r.err());
  }

  @Test
  void testFailuresShowADiff() {
    Cli.Result r = Cli.run("test", LOGINS, DIR + "failing.motif");
    assertExit(1, r);
    Golden.assertMatches("test-fail.txt", r.out());
  }

  @Test
  void testOnAFileWithErrorsIsExitOne() {
    Cli.Result r = Cli.run("test", DIR + "broken.motif");
    assertExit(1, r);
    assertEquals(
        "ERROR "
            + DIR
            + "broken.motif: 3 errors, its tests were not run\n\n"
            + "0 passed, 0 failed, 1 file with errors\n",
        r.out());
    assertTrue(r.err().startsWith(DIR + "broken.motif:4:18: error:"), r::toString);
    assertExit(2, Cli.run("test", DIR + "nope.motif"));
  }

  @Test
  void testFilter() {
    Cli.Result r = Cli.run("test", "-k", "two", LOGINS);
    assertExit(0, r);
    assertEquals("PASS two failures are not enough\n\n1 passed, 0 failed\n", r.out());
  }

  // ---- repl ----

  @Test
  void replRunsOnStandardInput() {
    Cli.Result r = Cli.runWithInput(":patterns\n:quit\n", "repl", LOGINS);
    assertExit(0, r);
    assertTrue(r.out().contains("loaded " + LOGINS + ": 2 event types, 1 pattern"), r::toString);
    assertTrue(r.out().contains("pattern BruteForce"), r::toString);
    assertExit(2, Cli.run("repl", DIR + "nope.motif"));
    assertExit(1, Cli.runWithInput("", "repl", DIR + "broken.motif"));
  }
}
