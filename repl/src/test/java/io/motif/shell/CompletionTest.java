package io.motif.shell;

import static io.motif.shell.Transcripts.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.cli.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tab completion: the completer asked directly (its candidates, filtered by the word typed as JLine
 * filters them, compared with a golden file), and Tab pressed in a transcript.
 */
class CompletionTest {
  private Terminal terminal;
  private Shell shell;

  @BeforeEach
  void setUp() {
    terminal =
        Transcripts.terminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
    shell = Transcripts.shell(terminal);
    shell.handle(":load src/test/resources/shell/logins.motif");
  }

  @AfterEach
  void tearDown() throws Exception {
    terminal.close();
  }

  /** The candidates Tab offers for the text (cursor at its end), as JLine filters them. */
  private List<Candidate> offered(String text) {
    String word = StatementParser.Words.of(text, text.length()).word().toLowerCase(Locale.ROOT);
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : shell.completer().candidates(shell.reader(), text)) {
      if (c.value().toLowerCase(Locale.ROOT).startsWith(word)) {
        out.add(c);
      }
    }
    return out;
  }

  private List<String> values(String text) {
    List<String> out = new ArrayList<>();
    offered(text).forEach(c -> out.add(c.value()));
    return out;
  }

  /** One line a group: {@code group: value (description), ...}. */
  private String render(String text) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Candidate c : offered(text)) {
      groups
          .computeIfAbsent(c.group() == null ? "files" : c.group(), g -> new ArrayList<>())
          .add(c.value() + (c.descr() == null ? "" : " (" + c.descr() + ")"));
    }
    StringBuilder sb = new StringBuilder(text).append("<TAB>\n");
    if (groups.isEmpty()) {
      sb.append("  (nothing)\n");
    }
    groups.forEach(
        (g, vs) ->
            sb.append("  ").append(g).append(": ").append(String.join(", ", vs)).append('\n'));
    return sb.toString();
  }

  @Test
  void candidatesInEachContext() {
    shell.handle("Ping(n: 1) at 1s");
    StringBuilder sb = new StringBuilder();
    for (String text :
        List.of(
            ":",
            ":ex",
            ":explain ",
            ":drop ",
            ":set ",
            ":set clock ",
            ":reset ",
            ":help rep",
            ":replay src/test/resources/shell/lo",
            ":replay x --",
            "",
            "Lo",
            "Pi",
            "Ping(",
            "Login(u",
            "Login.",
            "pattern P partition by Login.u",
            "pattern P match a: Login -> b: Login(ip == a.",
            "pattern P match f: Login{3,} -> s: Login(ip == last(f).",
            "pattern P match a: Login -> b: Login(ip == prev.",
            "pattern P match a: Login -> b: ",
            "pattern P match a: Login -> b: Login emit ",
            "pattern P match a: Login -> b: Login where a.ip == b",
            "pattern P match a: Login -> b: Login where cou",
            "pattern P match a: Login after ",
            "pattern P match a: Login after match skip ",
            "pattern P match a: Login on ",
            "event Reading(sensor s",
            "event Reading(sensor string, ",
            "pattern P match a: Login(ok == tr")) {
      sb.append(render(text));
    }
    // A clause on its own line completes against the pattern it extends.
    shell.handle("pattern Q match s: Login -> t: Alert");
    sb.append(render("  emit Warning(user: s."));
    sb.append(render("  emit Warning(user: t."));
    sb.append(render("  wi"));
    Golden.assertMatches("shell-completion.txt", sb.toString());
  }

  @Test
  void fieldsOfABindingAreItsTypesFields() {
    assertEquals(
        List.of("a.user", "a.ip", "a.ok"), values("pattern P match a: Login -> b: Login(ip == a."));
    assertEquals(List.of("a.ip"), values("pattern P match a: Login -> b: Login(ip == a.i"));
    // Emitted types are known too, with the fields their emit clauses give.
    assertEquals(
        List.of("x.user", "x.attempts", "x.ip"),
        values("pattern P match x: Alert -> y:" + " Alert(x."));
  }

  @Test
  void candidatesCarryDescriptions() {
    Candidate user =
        offered("Login(us").stream()
            .filter(c -> c.value().equals("user"))
            .findFirst()
            .orElseThrow();
    assertEquals("string", user.descr());
    assertEquals("fields of Login", user.group());
    Candidate explain = offered(":expl").get(0);
    assertEquals(":explain", explain.value());
    assertTrue(explain.complete(), "a command name is followed by a space");
  }

  @Test
  void tabCompletesInTheShell() {
    // A single candidate is inserted; the line then runs as if typed out.
    Golden.assertMatches(
        "shell-tab.txt",
        transcript(
            """
        event Login(user string, ip string, ok boolean)
        pattern Pair match first: Login -> second: Login(ip == fir\t.i\t)
        :pat\t
        :expl\tPa\t
        Login(use\t: "al", ip: "1", ok: true) at 1s
        Login(user: "al", ip: "1", ok: fa\t) at 2s
        """));
  }
}
