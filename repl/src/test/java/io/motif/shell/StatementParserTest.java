package io.motif.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the shell reads on, and the words completion works on. */
class StatementParserTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      event Login(user string                         | true
      event Login(user string)                        | false
      pattern P                                       | true
      pattern P\\n  partition by user                 | true
      pattern P match a: Login ->                     | true
      pattern P match a: Login -> b: Login            | false
      pattern P match a: Login(ok ==                  | true
      pattern P match a: Login(ok == ) -> b: Login    | false
      pattern P match a: Login where                  | true
      pattern P match a: Login within                 | true
      pattern P match a: Login(ok ==\\n\\n            | false
      test "t" { given                                | true
      /* a comment                                    | true
      -- a comment                                    | false
      Login(user: "al",                               | true
      Login(user: "al") at 5s                         | false
      {"type": "Login",                               | true
      {"type": "Login", "time": 1}                    | false
      :load (                                         | false
      '   within 5 min'                               | false
      '   emit Alert('                                | true
      ''                                              | false
      """)
  void incomplete(String input, boolean expected) {
    String text = input.replace("\\n", "\n");
    assertEquals(expected, StatementParser.isIncomplete(text), text);
  }

  @Test
  void acceptingAnIncompleteLineAsksForMore() {
    StatementParser parser = new StatementParser();
    assertThrows(
        EOFError.class,
        () -> parser.parse("pattern P match a: Login ->", 27, ParseContext.ACCEPT_LINE));
    // While completing, the same text is split into words instead.
    assertEquals("", parser.parse("pattern P match a: Login ->", 27, ParseContext.COMPLETE).word());
  }

  @Test
  void aWordInMotifTextIsANameWithItsDots() {
    StatementParser.Words w = StatementParser.Words.of("match b: Login(ip == a.i)", 24);
    assertEquals("a.i", w.word());
    assertEquals(3, w.wordCursor());
    assertEquals(3, w.rawWordLength());
    assertEquals(4, w.wordIndex());
    assertEquals("a.i", w.words().get(w.wordIndex()));
  }

  @Test
  void theWordAtTheCursorMayGoOnAfterIt() {
    StatementParser.Words w = StatementParser.Words.of("Login(user: 1)", 8);
    assertEquals("user", w.word());
    assertEquals(2, w.wordCursor());
  }

  @Test
  void betweenWordsTheWordIsEmpty() {
    StatementParser.Words w = StatementParser.Words.of("pattern P match ", 16);
    assertEquals("", w.word());
    assertEquals(3, w.wordIndex());
    assertEquals(4, w.words().size());
  }

  @Test
  void aCommandLineSplitsAtWhiteSpaceSoFilesAreOneWord() {
    StatementParser.Words w = StatementParser.Words.of(":replay examples/lo", 19);
    assertEquals("examples/lo", w.word());
    assertEquals(1, w.wordIndex());
  }
}
