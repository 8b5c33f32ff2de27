package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error messages pinned exactly: each row is a mistake a user makes and the whole rendered output
 * they see. Messages say what was expected in words, never in token names.
 */
class ErrorMessagesTest {

  static Stream<Arguments> mistakes() {
    return Stream.of(
        row(
            "an expression missing at the end of the file",
            "const limit = 3 *",
            """
            rules.motif:1:18: error: unexpected end of file; expected an expression
              const limit = 3 *
                               ^
            """),
        row(
            "an expression missing before the next statement",
            """
            const limit =
            pattern P match A""",
            """
            rules.motif:1:14: error: unexpected end of statement; expected an expression
              const limit =
                           ^
            """),
        row(
            "an unknown duration unit",
            """
            pattern P
              match a: A -> b: B
              within 5 minx""",
            """
            rules.motif:3:12: error: unknown duration unit 'minx'; use ms, s, min, h or d
                within 5 minx
                         ^^^^
            """),
        row(
            "a window without a unit",
            "pattern P match A within 5",
            """
            rules.motif:1:26: error: `within` needs a unit or `events`: write `within 5 s` or `within 5 events`
              pattern P match A within 5
                                       ^
            """),
        row(
            "an unterminated string",
            "const greeting = \"hello",
            """
            rules.motif:1:18: error: unterminated string; close it with a matching quote on the same line
              const greeting = "hello
                               ^^^^^^
            """),
        row(
            "an unterminated block comment",
            "const x = 1 /* never closed",
            """
            rules.motif:1:13: error: unterminated block comment; close it with `*/`
              const x = 1 /* never closed
                          ^^
            """),
        row(
            "a stray character",
            "const x = 1 # 2",
            """
            rules.motif:1:13: error: unexpected character `#`
              const x = 1 # 2
                          ^
            """),
        row(
            "a clause given twice",
            "pattern P match A within 5 s within 10 s",
            """
            rules.motif:1:30: error: pattern P has a second `within` clause; a pattern takes at most one
              pattern P match A within 5 s within 10 s
                                           ^^^^^^^^^^^
            """),
        row(
            "an unknown skip policy",
            "pattern P match A+ after match skip to third",
            """
            rules.motif:1:37: error: unknown skip policy `to third`; write `after match skip past last`, `to next`, `to first x` or `to last x`
              pattern P match A+ after match skip to third
                                                  ^^^^^^^^
            """),
        row(
            "skip to a binding without the binding",
            "pattern P match A+ after match skip to last",
            """
            rules.motif:1:37: error: `after match skip to last` names the binding to resume at: write `after match skip to last x`
              pattern P match A+ after match skip to last
                                                  ^^^^^^^
            """),
        row(
            "a repetition range upside down",
            "pattern P match A{5,2}",
            """
            rules.motif:1:18: error: a repetition `{5,2}` has its maximum below its minimum; write `{2,5}`
              pattern P match A{5,2}
                               ^^^^^
            """),
        row(
            "a pattern without a match clause",
            "pattern P where a.x > 1",
            """
            rules.motif:1:9: error: pattern P has no `match` clause; write one such as `match a: A -> b: B`
              pattern P where a.x > 1
                      ^
            """),
        row(
            "an arrow without a right side",
            "pattern P match A -> -> B",
            """
            rules.motif:1:22: error: unexpected `->`; expected a name, `not` or `(`
              pattern P match A -> -> B
                                   ^^
            """),
        row(
            "an emitted field without a colon",
            "pattern P match a: A emit Out(x a.x)",
            """
            rules.motif:1:33: error: unexpected `a`; expected `:`
              pattern P match a: A emit Out(x a.x)
                                              ^
            """),
        row(
            "a test named without quotes",
            "test unnamed { given expect nothing }",
            """
            rules.motif:1:6: error: unexpected `unnamed`; expected the test's name as a string, such as `test "raises one alert"`
              test unnamed { given expect nothing }
                   ^^^^^^^
            """),
        row(
            "a test event without a time",
            """
            test "t" {
              given
                A(x: 1)
              expect nothing
            }""",
            """
            rules.motif:4:3: error: unexpected `expect`; expected `at` and a time such as `at 30s`
                expect nothing
                ^^^^^^
            """),
        row(
            "a missing partition key",
            "pattern P partition by match A",
            """
            rules.motif:1:24: error: unexpected `match`; expected a key such as `user` or `Order.id`
              pattern P partition by match A
                                     ^^^^^
            """),
        row(
            "a field declared without a type",
            "event Trade(symbol string, price)",
            """
            rules.motif:1:33: error: unexpected `)`; expected a field declaration such as `price double`
              event Trade(symbol string, price)
                                              ^
            """),
        row(
            "`after skip` without `match`",
            "pattern P match A after skip past last",
            """
            rules.motif:1:25: error: unexpected `skip`; expected `match`
              pattern P match A after skip past last
                                      ^^^^
            """),
        row(
            "an empty repetition count",
            "pattern P match A{}",
            """
            rules.motif:1:19: error: unexpected `}`; expected a repetition count such as `{3}`, `{2,}` or `{2,5}`
              pattern P match A{}
                                ^
            """),
        row(
            "`between` without its upper bound",
            "const x = a between 1",
            """
            rules.motif:1:22: error: unexpected end of file; expected `and` and an upper bound, as in `x between 1 and 10`
              const x = a between 1
                                   ^
            """),
        row(
            "a misspelt statement keyword",
            "patern P match A",
            """
            rules.motif:1:1: error: unexpected `patern`; expected a statement (`event`, `const`, `pattern` or `test`), the end of the file or `;`
              patern P match A
              ^^^^^^
            """),
        row(
            "an unclosed backquote",
            "const x = `from + 1",
            """
            rules.motif:1:11: error: unterminated quoted name; close it with a backquote on the same line, as in `` `from` ``
              const x = `from + 1
                        ^^^^^^^^^
            """),
        row(
            "`not` without what it negates",
            "const x = a not 5",
            """
            rules.motif:1:17: error: unexpected `5`; expected `in`, `between`, `like` or `matches`
              const x = a not 5
                              ^
            """),
        row(
            "a misspelt `null`",
            "const x = a is nul",
            """
            rules.motif:1:16: error: unexpected `nul`; expected `not` or `null`
              const x = a is nul
                             ^^^
            """),
        row(
            "`&&` between two conditions",
            "pattern P match a: A(x == 1 && y == 2)",
            """
            rules.motif:1:29: error: unexpected `&&`; between two conditions write `and` (Motif's boolean operators are `and`, `or`, `not`)
              pattern P match a: A(x == 1 && y == 2)
                                          ^^
            """),
        row(
            "`&&` between two pattern parts",
            "pattern P match a: A && b: B",
            """
            rules.motif:1:23: error: unexpected `&&`; write `&` to join pattern parts, and `and` between two conditions (Motif's boolean operators are `and`, `or`, `not`)
              pattern P match a: A && b: B
                                    ^
            """),
        row(
            "`||` between two comparisons",
            "pattern P match a: A(x == 1 || y == 2)",
            """
            rules.motif:1:29: error: `||` joins strings; between two conditions write `or` (Motif's boolean operators are `and`, `or`, `not`)
              pattern P match a: A(x == 1 || y == 2)
                                          ^^
            """),
        row(
            "`!` for `not`",
            "pattern P match a: A(!ok)",
            """
            rules.motif:1:22: error: unexpected character `!`; write `not` (Motif's boolean operators are `and`, `or`, `not`; `!=` is not equal)
              pattern P match a: A(!ok)
                                   ^
            """),
        row(
            "names outside ASCII, each reported once",
            """
            event Mesure(température double)
            pattern Größe match m: Mesure(température > 30)""",
            """
            rules.motif:1:14: error: `température` has letters outside ASCII: write `température` in backquotes, as in `` `température` ``
              event Mesure(température double)
                           ^^^^^^^^^^^
            rules.motif:2:9: error: `Größe` has letters outside ASCII: write `Größe` in backquotes, as in `` `Größe` ``
              pattern Größe match m: Mesure(température > 30)
                      ^^^^^
            """));
  }

  private static Arguments row(String mistake, String input, String rendered) {
    return Arguments.of(mistake, input, rendered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void rendersExactly(String mistake, String input, String expected) {
    Source source = new Source("rules.motif", input);
    ParseResult result = SourceParser.parse(source);
    assertEquals(expected, DiagnosticRenderer.renderAll(source, result.diagnostics()));
    assertTrue(
        result.script().statements().isEmpty() || !result.diagnostics().isEmpty(),
        "a mistake is reported");
    assertSaysWhatInWords(result.diagnostics());
  }

  /** Every error golden too: no token names in any message. */
  @Test
  void goldenErrorMessagesUseWords() {
    for (Path input : GoldenFiles.inputs("errors")) {
      Source source = new Source(input.getFileName().toString(), GoldenFiles.read(input));
      assertSaysWhatInWords(SourceParser.parse(source).diagnostics());
    }
  }

  private static final Pattern QUOTED = Pattern.compile("``.*?``|`[^`]*`|'[^']*'");
  private static final Pattern WORD = Pattern.compile("<?[A-Za-z_]+>?");

  /** ANTLR's own phrasing, which must never reach a user. */
  private static final Set<String> ANTLR_WORDS =
      Set.of(
          "<EOF>",
          "EOF",
          "mismatched",
          "extraneous",
          "viable",
          "expecting",
          "token",
          "recognition");

  /** Codes of the messages the syntax error listener writes (others quote user names bare). */
  private static final Set<String> SYNTAX_CODES =
      Set.of(Codes.SYNTAX, Codes.BAD_TOKEN, Codes.UNTERMINATED);

  /**
   * Fails when a syntax message names a token type (IDENT, RPAREN, SKIP_ ...) or speaks ANTLR.
   * Quoted text is the user's and is skipped.
   */
  static void assertSaysWhatInWords(List<Diagnostic> diagnostics) {
    List<String> bad = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (!SYNTAX_CODES.contains(d.code())) {
        continue;
      }
      String outsideQuotes = QUOTED.matcher(d.message()).replaceAll(" ");
      Matcher words = WORD.matcher(outsideQuotes);
      while (words.find()) {
        String w = words.group();
        if (ANTLR_WORDS.contains(w) || isTokenName(w)) {
          bad.add(w + " in: " + d.message());
        }
      }
    }
    assertTrue(bad.isEmpty(), () -> "messages must use words, not token names: " + bad);
  }

  private static boolean isTokenName(String word) {
    for (int t = 1; t <= MotifLexer.VOCABULARY.getMaxTokenType(); t++) {
      if (word.equals(MotifLexer.VOCABULARY.getSymbolicName(t))) {
        return true;
      }
    }
    return false;
  }
}
