package io.motif.shell;

import static io.motif.shell.Transcripts.transcript;

import io.motif.cli.Golden;
import org.junit.jupiter.api.Test;

/**
 * The shell's traps, by transcript (refresh: {@code mvn -pl repl test -Dmotif.golden.update=true}):
 * a replay whose last events the max delay still holds says so and how to release them; going back
 * from the wall clock to event time says where the watermark stayed; {@code :explain --format dot}.
 */
class ShellTrapsTest {
  @Test
  void replayWithAMaxDelaySaysWhatItStillHolds() {
    Golden.assertMatches(
        "shell-traps-delay.txt",
        transcript(
            """
        :load src/test/resources/shell/logins.motif
        :set max-delay 1min
        :replay src/test/resources/shell/logins.jsonl
        :advance 0s
        :time
        :reset
        :replay src/test/resources/shell/logins.jsonl --quiet
        :set max-delay 0
        """));
  }

  @Test
  void backFromTheWallClockToEventTime() {
    Golden.assertMatches(
        "shell-traps-clock.txt",
        transcript(
            """
        event Login(user string)
        Login(user: "al") at 5s
        :set clock wall
        :set clock event
        :time
        Login(user: "bo") at 6s
        :reset
        Login(user: "bo") at 6s
        :time
        """));
  }

  @Test
  void explainAsDot() {
    Golden.assertMatches(
        "shell-traps-explain.txt",
        transcript(
            """
        :load src/test/resources/shell/logins.motif
        :explain --format dot Silence
        :explain --format=text Silence
        :explain --format svg
        :explain --format
        :explain --colour Silence
        :explain Silence BruteForce
        :help explain
        """));
  }
}
