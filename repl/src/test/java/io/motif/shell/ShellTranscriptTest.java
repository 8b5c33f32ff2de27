package io.motif.shell;

import static io.motif.shell.Transcripts.transcript;

import io.motif.cli.Golden;
import org.junit.jupiter.api.Test;

/**
 * The shell driven by transcript: scripted input through a dumb terminal, the output compared with
 * golden files (refresh: {@code mvn -pl repl test -Dmotif.golden.update=true}). Time comes from a
 * fake clock, so rates and durations are the same on every run.
 */
class ShellTranscriptTest {
  private static final String DIR = "src/test/resources/shell/";

  @Test
  void declareDeploySendAndSeeDerivedEvents() {
    Golden.assertMatches(
        "shell-session.txt",
        transcript(
            """
        :help
        event Login(user string, ip string, ok boolean)
        pattern BruteForce
          partition by user
          match f: Login(ok == false){2,} ->
            s: Login(ok == true and ip == last(f).ip)
          within 5 min
          after match skip past last
          emit Alert(user: s.user, attempts: count(f))
        Login(user: "al", ip: "10.0.0.1", ok: false) at 1s
        {"type":"Login","time":2000,"user":"al","ip":"10.0.0.1","ok":false}
        Login(user: "bo", ip: "10.0.0.2", ok: false)
        {"type":"Login","user":"bo","ip":"10.0.0.2",
         "ok":false}
        Login(user: "bo",
              ip: "10.0.0.2", ok: true) at 2500ms
        Login(user: "al", ip: "10.0.0.1", ok: true) at 3s
        pattern Unfinished
          match a: Login ->\u0003:patterns
        :types
        :quit
        Login(user: "never", ip: "x", ok: true) at 9s
        """));
  }

  @Test
  void errorsShowTheirCaretAndTheShellGoesOn() {
    Golden.assertMatches(
        "shell-errors.txt",
        transcript(
            """
        event Login(user string, ok boolean)
        Login(user: "al", ok: 3) at 5s
        pattern P match a: Login(nope == 1)
        pattern Q match a: Login(ok == ) -> b: Login
        pattern R match a: Login(ok ==

        within 5 min
        {"type":"Login","time":1}
        {"type":"Login","time":1,"ok":"yes"}
        {"type":"Login", "time":

        hello world
        Login(user: "al") at
        :frobnicate
        :load src/test/resources/cli/nope.motif
        :load
        :explain Nope
        :partials Nope
        :drop Nope
        :drop
        :advance
        :advance 5 parsecs
        :set clock sundial
        :set colour blue
        :set max-delay
        :reset everything
        :help nope
        event Login(user string, ok boolean, ip string)
        :types
        """));
  }

  @Test
  void loadAFileAndRunATypedTest() {
    Golden.assertMatches(
        "shell-load.txt",
        transcript(
            """
        :load src/test/resources/cli/logins.motif
        test "typed in the shell" {
          given
            Login(user: "al", ip: "a", ok: false) at 0s
            Login(user: "al", ip: "a", ok: false) at 1s
            Login(user: "al", ip: "a", ok: false) at 2s
            Login(user: "al", ip: "a", ok: true) at 3s
          expect
            Alert(user: "al", attempts: 2) at 3s
        }
        pattern Pair match a: Ping -> b: Pong
        Ping() at 1s
        Pong(n: 1) at 2s
        :types
        """));
  }

  @Test
  void everyCommand() {
    Golden.assertMatches(
        "shell-commands.txt",
        transcript(
            ":load "
                + DIR
                + "logins.motif\n"
                + """
        :patterns
        :explain BruteForce
        Login(user: "al", ip: "a", ok: false) at 0s
        Login(user: "al", ip: "a", ok: false) at 10s
        Login(user: "bo", ip: "b", ok: true) at 12s
        :partials
        :partials Silence
        :time
        :advance 1min
        :advance 1ms
        :partials
        :time
        :stats
        :explain
        const limit = 3
        event Login(user string, ip string, ok boolean, tries long)
        :drop Silence
        :drop limit
        :patterns
        :set
        :set max-delay 5s
        Login(user: "al", ip: "a", ok: false) at 100s
        Login(user: "al", ip: "a", ok: false) at 90s
        Login(user: "al", ip: "a", ok: false) at 96s
        :time
        :set max-delay 0s
        :set clock wall
        Ping(n: 1)
        {"type":"Ping","n":2}
        :time
        :advance 5s
        :set clock wall
        :set clock event
        :reset
        :stats
        :reset all
        :patterns
        :types
        :help stats
        :help :replay
        :he\t replay
        :quit
        """));
  }

  @Test
  void replayFiles() {
    Golden.assertMatches(
        "shell-replay.txt",
        transcript(
            ":load "
                + DIR
                + "logins.motif\n"
                + ":replay "
                + DIR
                + "logins.jsonl\n"
                + ":stats\n"
                + ":reset\n"
                + ":replay "
                + DIR
                + "logins.jsonl --quiet\n"
                + ":reset\n"
                + ":replay "
                + DIR
                + "logins.jsonl --speed 60\n"
                + ":reset all\n"
                + ":replay "
                + DIR
                + "bad.jsonl\n"
                + ":reset\n"
                + ":replay "
                + DIR
                + "readings.csv\n"
                + ":types\n"
                + ":replay nope.jsonl\n"
                + ":replay\n"
                + ":replay a.jsonl b.jsonl\n"
                + ":replay a.jsonl --speed\n"
                + ":replay a.jsonl --speed fast\n"
                + ":replay a.jsonl --max --speed 2\n"
                + ":replay a.jsonl --fast\n"
                + ":set clock wall\n"
                + ":load "
                + DIR
                + "logins.motif\n"
                + ":replay "
                + DIR
                + "logins.jsonl\n"
                + ":replay "
                + DIR
                + "logins.jsonl --speed 1000\n"));
  }
}
