package io.motif.shell;

import io.motif.cli.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/**
 * The shell driven by transcript: scripted input through a dumb terminal, the output compared
 * with golden files (refresh: {@code mvn -pl repl test -Dmotif.golden.update=true}).
 */
class ShellTranscriptTest {
  private static String transcript(String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t = new DumbTerminal("motif", "dumb",
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
        StandardCharsets.UTF_8)) {
      new Shell(t).run();
      t.flush();
    }
    // The dumb terminal does not echo piped input: keep the input above the output, so the golden
    // file reads as a session.
    return input + "---- output\n" + out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void declareDeploySendAndSeeDerivedEvents() throws IOException {
    Golden.assertMatches("shell-session.txt", transcript("""
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
        Login(user: "al", ip: "10.0.0.1", ok: true) at 3s
        :patterns
        :types
        :quit
        Login(user: "never", ip: "x", ok: true) at 9s
        """));
  }

  @Test
  void errorsShowTheirCaretAndTheShellGoesOn() throws IOException {
    Golden.assertMatches("shell-errors.txt", transcript("""
        event Login(user string, ok boolean)
        Login(user: "al", ok: 3) at 5s
        pattern P match a: Login(nope == 1)
        pattern Q match a: Login(ok ==

        within 5 min
        {"type":"Login","time":1}
        {"type":"Login","time":1,"ok":"yes"}
        :frobnicate
        :load src/test/resources/cli/nope.motif
        event Login(user string, ok boolean, ip string)
        :types
        """));
  }

  @Test
  void loadAFileAndRunATypedTest() throws IOException {
    Golden.assertMatches("shell-load.txt", transcript("""
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
        """));
  }
}
