package io.motif.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.source.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** Colours from the lexer, and the first real syntax error underlined. */
class HighlighterTest {
  private final MotifHighlighter highlighter =
      new MotifHighlighter(() -> Set.of("Login", "Alert"), () -> "pattern P match a: Login");

  /** The input with each coloured stretch marked {@code [kind:text]}. */
  private String marked(String text) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (MotifHighlighter.Stretch s : highlighter.classify(text)) {
      sb.append(text, at, s.start())
          .append('[')
          .append(s.kind().name().toLowerCase())
          .append(':')
          .append(text, s.start(), s.end())
          .append(']');
      at = s.end();
    }
    return sb.append(text.substring(at)).toString();
  }

  @Test
  void tokensByKind() {
    assertEquals(
        "[keyword:pattern] P [keyword:match] a: [type:Login]([keyword:not] ok) -> "
            + "b: [type:Login]([keyword:true]) [keyword:within] [number:5] [number:min] "
            + "[comment:-- late]",
        marked("pattern P match a: Login(not ok) -> b: Login(true) within 5 min -- late"));
    assertEquals(
        "[type:Login](user: [string:\"al\"], n: [number:2.5]) [keyword:at] " + "[number:30s]",
        marked("Login(user: \"al\", n: 2.5) at 30s"));
    assertEquals("[command::replay] x.jsonl --max", marked(":replay x.jsonl --max"));
  }

  @Test
  void anErrorInTheMiddleIsMarkedButAnInputStillBeingTypedIsNot() {
    assertEquals(
        "[keyword:pattern] P [keyword:match] a: [type:Login](ok == [error:)] -> b",
        marked("pattern P match a: Login(ok == ) -> b"));
    assertNull(highlighter.error("pattern P match a: Login(ok == "));
    assertNull(highlighter.error("pattern P match a: Login ->"));
    assertNull(highlighter.error("Login(user: \"al\""));
  }

  @Test
  void eventsAndClausesAreParsedAsTheShellWouldRunThem() {
    // An event parses as in a test's `given`; `at` without a time is not an error yet.
    assertNull(highlighter.error("Login(user: \"al\") at 5s"));
    Span e = highlighter.error("Login(user \"al\") at 5s");
    assertEquals(11, e.start());
    // A clause alone extends the last pattern.
    assertNull(highlighter.error("  within 5 min"));
    assertEquals(11, highlighter.error("  within 5 parsecs and").start());
  }

  @Test
  void badCharactersAndUnterminatedStringsAreErrors() {
    assertEquals("[type:Login](user: [error:\"al]\n)", marked("Login(user: \"al\n)"));
    assertEquals("[type:Login](user: [string:\"al)]", marked("Login(user: \"al)"));
    assertEquals("[type:Login](user: [error:#])", marked("Login(user: #)"));
  }

  @Test
  void onAColourTerminalTheErrorIsRedAndUnderlined() throws Exception {
    try (Terminal t =
        new DumbTerminal(
            "motif",
            "xterm-256color",
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8)) {
      AttributedString s = highlighter.highlight(null, "pattern P match a: Login(ok == ) -> b");
      String ansi = s.toAnsi(t);
      assertTrue(ansi.contains("\u001b[4;31m)") || ansi.contains("\u001b[31;4m)"), ansi);
      assertEquals("pattern P match a: Login(ok == ) -> b", s.toString());
    }
  }
}
