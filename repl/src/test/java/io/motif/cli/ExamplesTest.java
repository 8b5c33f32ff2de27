package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples a new user runs first, and the README commands that point at them. */
class ExamplesTest {
  private static final String EXAMPLES = "../examples/";

  @ParameterizedTest
  @CsvSource({
    "logins.motif, logins.jsonl",
    "trades.motif, trades.jsonl",
    "sensors.motif, sensors.csv"
  })
  void everyExampleTestsCleanAndRunsToSomething(String rules, String events) {
    Cli.Result check = Cli.run("check", EXAMPLES + rules);
    assertEquals(0, check.code(), check::toString);
    assertEquals("", check.err(), "examples compile without warnings");
    Cli.Result test = Cli.run("test", EXAMPLES + rules);
    assertEquals(0, test.code(), test::toString);
    assertTrue(test.out().endsWith(" passed, 0 failed\n"), test::toString);
    Cli.Result run = Cli.run("run", "--strict", EXAMPLES + rules, EXAMPLES + events);
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().lines().count() >= 2, run::toString);
    assertTrue(
        run.err()
            .matches(
                "motif run: \\d+ events read, \\d+ derived events?, 0 bad lines,"
                    + " 0 late events\n"),
        run::toString);
  }

  @Test
  void theReadmeFirstRunAndCi() throws IOException {
    Cli.Result r = Cli.run("run", EXAMPLES + "logins.motif", EXAMPLES + "logins.jsonl");
    assertEquals(3, r.out().lines().count(), r::toString);
    String readme = Files.readString(Path.of("../README.md"));
    String firstScreen = readme.lines().limit(20).reduce("", (a, b) -> a + b + "\n");
    assertTrue(firstScreen.contains("./motif run examples/logins.motif examples/logins.jsonl\n"));
    assertTrue(firstScreen.contains("mvn -B verify\n"));
    String ci = Files.readString(Path.of("../.ci/run"));
    assertTrue(ci.contains("\nmvn -B verify\n"), "CI runs the README's test command");
  }
}
