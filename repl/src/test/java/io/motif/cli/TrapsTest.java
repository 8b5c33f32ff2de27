package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's traps: rules that are not UTF-8, a test filter that selects nothing, the shell
 * reading a script, and the hints for mistakes carried over from other languages.
 */
class TrapsTest {
  private static final String LOGINS = MainTest.LOGINS;

  @TempDir Path dir;

  private static void assertExit(int code, Cli.Result r) {
    assertEquals(code, r.code(), r::toString);
  }

  @Test
  void rulesThatAreNotUtf8AreAnErrorAtTheBadByte() throws IOException {
    Path bad = dir.resolve("latin1.motif");
    byte[] head = "event X(a long)\n-- caf".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\npattern P match x: X\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9; // é in Latin-1
    System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
    Files.write(bad, bytes);
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "");
    String expected =
        bad
            + ":2:7: error: not UTF-8: the byte 0xE9 cannot be decoded (save the"
            + " file as UTF-8)\n";
    for (String[] args :
        new String[][] {
          {"check", bad.toString()},
          {"run", bad.toString(), events.toString()},
          {"test", bad.toString()},
          {"explain", bad.toString()}
        }) {
      Cli.Result r = Cli.run(args);
      assertExit(1, r);
      assertEquals(expected, r.err(), r::toString);
      assertFalse(r.err().contains("Exception"), r::toString);
    }
  }

  @Test
  void aTruncatedSequenceAtTheEndIsReportedToo() throws IOException {
    Path bad = dir.resolve("cut.motif");
    byte[] text = "const s = \"\u00fc".getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(text, text.length - 1); // the first byte of ü only
    Files.write(bad, cut);
    Cli.Result r = Cli.run("check", bad.toString());
    assertExit(1, r);
    assertEquals(
        bad
            + ":1:12: error: not UTF-8: the byte 0xC3 cannot be decoded (save the file"
            + " as UTF-8)\n",
        r.err());
  }

  @Test
  void aTestFilterThatSelectsNothingFails() {
    Cli.Result r = Cli.run("test", "-k", "no such test", LOGINS);
    assertExit(1, r);
    assertEquals(
        "(no tests matching \"no such test\" in " + LOGINS + ")\n\n0 passed, 0 failed\n", r.out());
    assertEquals(
        "motif test: -k \"no such test\" selects no test (test names are matched by"
            + " substring, case-sensitively)\n",
        r.err());
    assertExit(0, Cli.run("test", "-k", "two", LOGINS));
  }

  @Test
  void theShellShowsNoPromptsWhenStandardInputIsNotATerminal() {
    Cli.Result r =
        Cli.runWithInput(
            """
        :patterns
        pattern Q
          match a: Login
        :quit
        """,
            "repl",
            LOGINS);
    assertExit(0, r);
    assertFalse(r.out().contains("motif>"), r::toString);
    assertFalse(r.out().contains("...>"), r::toString);
    assertTrue(r.out().contains("pattern BruteForce"), r::toString);
  }

  @Test
  void theListHintOffersOnlyTheAggregatesTheFieldsTypeAllows() throws IOException {
    Path rules = dir.resolve("agg.motif");
    Files.writeString(
        rules,
        """
        event Login(user string, n long)
        pattern P match f: Login{2,} -> s: Login(s.user == f.user)
        pattern Q match f: Login{2,} -> s: Login(s.n == f.n)
        """);
    Cli.Result r = Cli.run("check", rules.toString());
    assertExit(1, r);
    assertTrue(
        r.err()
            .contains(
                "read it through an aggregate: count(f), min(f.user),"
                    + " max(f.user), first(f).user or last(f).user\n"),
        r::toString);
    assertTrue(
        r.err()
            .contains(
                "read it through an aggregate: count(f), sum(f.n), avg(f.n),"
                    + " min(f.n), max(f.n), first(f).n or last(f).n\n"),
        r::toString);
  }

  @Test
  void orBetweenTwoConditionsIsNotConcatenation() throws IOException {
    Path rules = dir.resolve("or.motif");
    Files.writeString(
        rules,
        """
        event Login(user string, ok boolean)
        pattern P match a: Login -> b: Login where a.ok || b.ok
        pattern Q match a: Login -> b: Login where a.user || b.user == "alal"
        """);
    Cli.Result r = Cli.run("check", rules.toString());
    assertExit(1, r);
    assertTrue(
        r.err()
            .startsWith(
                rules
                    + ":2:44: error: `||` joins strings; between two"
                    + " conditions write `or` (Motif's boolean operators are `and`, `or`, `not`)\n"),
        r::toString);
    assertTrue(r.err().endsWith("1 error, 0 warnings\n"), r::toString); // Q is string concat
  }
}
