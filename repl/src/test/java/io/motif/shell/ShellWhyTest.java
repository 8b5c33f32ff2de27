package io.motif.shell;

import static io.motif.shell.Transcripts.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motif.cli.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;

/**
 * {@code :why PATTERN} by transcript (golden file {@code shell-why.txt}; refresh with {@code mvn
 * -pl repl test -Dmotif.golden.update=true}): a condition, a window closed by the event, an event
 * the engine still buffers, and the mistakes.
 */
class ShellWhyTest {
  @Test
  void whyExplainsTheLastEventSent() {
    Golden.assertMatches(
        "shell-why.txt",
        transcript(
            """
        :why Pair
        pattern Pair
          match a: A -> b: B(x > 1)
          within 5s
          emit Matched(n: a.n)

        :why Pair
        A(n: 1) at 0s
        B(x: 0) at 1s
        :why Pair
        B(x: 5) at 9s
        :why Pair
        A(n: 2) at 10s
        B(x: 5) at 11s
        :why Pair
        :set max-delay 10s
        A(n: 3) at 20s
        :why Pair
        :why
        :why Nope
        """));
  }

  @Test
  void whyCompletesPatternNames() throws Exception {
    try (Terminal terminal =
        Transcripts.terminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
      Shell shell = Transcripts.shell(terminal);
      shell.handle(":load src/test/resources/shell/logins.motif");
      List<String> offered = new ArrayList<>();
      for (Candidate c : shell.completer().candidates(shell.reader(), ":why ")) {
        offered.add(c.value());
      }
      assertEquals(List.of("BruteForce", "Silence"), offered);
    }
  }
}
