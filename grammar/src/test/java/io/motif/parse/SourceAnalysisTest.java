package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.parse.CompletionContext.Expecting;
import io.motif.parse.SourceAnalysis.Completeness;
import io.motif.parse.SourceAnalysis.InputKind;
import io.motif.source.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The front end's answers to a REPL: completeness, kind, highlights, errors, events, completion.
 */
class SourceAnalysisTest {
  @Nested
  class Kinds {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
        '  :help'                        | COMMAND
        '{"type":"A"}'                   | JSON
        -- note\\nPATTERN P match a: A   | PATTERN
        internal pattern P match a: A    | PATTERN
        event A(x long)                  | DECLARATION
        'const limit = 5'                | DECLARATION
        test "t" { given expect nothing } | TEST
        ; test "t"                       | TEST
        '  within 5 min'                 | CLAUSE
        after match skip past last       | CLAUSE
        Login(user: "al")                | EVENT
        `from`(x: 1)                     | EVENT
        hello world                      | OTHER
        Login                            | OTHER
        /* nothing */                    | EMPTY
        ';;'                             | EMPTY
        ''                               | EMPTY
        """)
    void byTheFirstCharactersAndTokens(String input, InputKind expected) {
      assertEquals(expected, SourceAnalysis.kind(input.replace("\\n", "\n")));
    }

    @Test
    void statementsAreDeclarationsPatternsAndTests() {
      assertTrue(InputKind.PATTERN.isStatement());
      assertFalse(InputKind.CLAUSE.isStatement());
      assertFalse(InputKind.EVENT.isStatement());
    }
  }

  @Nested
  class Completenesses {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
        event Login(user string                         | INCOMPLETE
        event Login(user string)                        | COMPLETE
        pattern P                                       | INCOMPLETE
        pattern P\\n  partition by user                 | INCOMPLETE
        -- a note\\npattern P                           | INCOMPLETE
        pattern P match a: Login ->                     | INCOMPLETE
        pattern P match a: Login -> b: Login            | COMPLETE
        pattern P match a: Login(ok ==                  | INCOMPLETE
        pattern P match a: Login(ok == ) -> b: Login    | WRONG
        pattern P match a: Login where                  | INCOMPLETE
        const x =                                       | INCOMPLETE
        const x = 1 2                                   | WRONG
        test "t" { given                                | INCOMPLETE
        /* a comment                                    | INCOMPLETE
        -- a comment                                    | EMPTY
        '   '                                           | EMPTY
        Login(user: "al",                               | INCOMPLETE
        Login(user: "al") at 5s                         | COMPLETE
        Login(user: "al")                               | COMPLETE
        Login(user "al")                                | WRONG
        {"type": "Login",                               | INCOMPLETE
        {"type": "Login", "time": 1}                    | COMPLETE
        :load (                                         | COMPLETE
        '   within 5 min'                               | COMPLETE
        '   emit Alert('                                | INCOMPLETE
        """)
    void asTheReplReadsOn(String input, Completeness expected) {
      assertEquals(expected, SourceAnalysis.completeness(input.replace("\\n", "\n")));
    }
  }

  @Nested
  class Highlights {
    /** The input with each highlight marked {@code [category:text]}. */
    private String marked(String text, String continuedPattern) {
      StringBuilder sb = new StringBuilder();
      int at = 0;
      for (Highlight h : SourceAnalysis.highlights(text, continuedPattern)) {
        assertTrue(h.start() >= at, "in order, not overlapping: " + h);
        sb.append(text, at, h.start())
            .append('[')
            .append(h.category().name().toLowerCase(Locale.ROOT))
            .append(':')
            .append(text, h.start(), h.end())
            .append(']');
        at = h.end();
      }
      return sb.append(text.substring(at)).toString();
    }

    @Test
    void everyTokenHasACategory() {
      assertEquals(
          "[keyword:pattern] [identifier:P] [keyword:match] [identifier:a][operator::]"
              + " [identifier:Login][operator:(][keyword:not] [identifier:ok][operator:)]"
              + " [operator:->] [identifier:b][operator::] [identifier:Login]"
              + " [keyword:within] [duration:5] [duration:min] [comment:-- late]",
          marked("pattern P match a: Login(not ok) -> b: Login within 5 min -- late", null));
    }

    @Test
    void aNumberWithAUnitIsADurationAndOneWithoutIsANumber() {
      assertEquals(
          "[identifier:Login][operator:(][identifier:n][operator::] [number:2.5]"
              + "[operator:)] [keyword:at] [duration:30][duration:s]",
          marked("Login(n: 2.5) at 30s", null));
      assertEquals(
          "[keyword:within] [duration:10] [comment:/* c */] [duration:events]",
          marked("within 10 /* c */ events", null));
    }

    @Test
    void aCommandHasItsNameMarkedOnly() {
      assertEquals("  [command::replay] x.jsonl --max", marked("  :replay x.jsonl --max", null));
    }

    @Test
    void stringsAndCommentsStillOpenAtTheEndAreBeingTyped() {
      assertEquals(
          "[identifier:Login][operator:(][identifier:user][operator::] [string:\"al)]",
          marked("Login(user: \"al)", null));
      assertEquals("[keyword:const] [comment:/* more]", marked("const /* more", null));
      assertEquals(
          "[identifier:Login][operator:(][identifier:user][operator::] [error:\"al]\n"
              + "[operator:)]",
          marked("Login(user: \"al\n)", null));
    }

    @Test
    void theFirstRealSyntaxErrorIsMarkedOverTheToken() {
      assertEquals(
          "[keyword:pattern] [identifier:P] [keyword:match] [identifier:a][operator::]"
              + " [identifier:Login][operator:(][identifier:ok] [operator:==] [error:)] [operator:->]"
              + " [identifier:b]",
          marked("pattern P match a: Login(ok == ) -> b", null));
      assertEquals(
          "[identifier:Login][operator:(][identifier:user][operator::] [error:#]" + "[operator:)]",
          marked("Login(user: #)", null));
    }
  }

  @Nested
  class SyntaxErrors {
    private static final String PATTERN = "pattern P match a: Login";

    private Optional<Span> error(String input) {
      return SourceAnalysis.syntaxError(input, PATTERN);
    }

    @Test
    void anInputStillBeingTypedHasNone() {
      assertEquals(Optional.empty(), error("pattern P match a: Login(ok == "));
      assertEquals(Optional.empty(), error("pattern P match a: Login ->"));
      assertEquals(Optional.empty(), error("Login(user: \"al\""));
      assertEquals(Optional.empty(), error("Login(user: \"al\") at"));
    }

    @Test
    void aStatementIsParsedAsTyped() {
      assertEquals(Optional.of(new Span(31, 32)), error("pattern P match a: Login(ok == ) -> b"));
    }

    @Test
    void anEventIsParsedAlone() {
      assertEquals(Optional.empty(), error("Login(user: \"al\") at 5s"));
      assertEquals(11, error("Login(user \"al\") at 5s").orElseThrow().start());
    }

    @Test
    void aClauseIsParsedAsPartOfThePatternItExtends() {
      assertEquals(Optional.empty(), error("  within 5 min"));
      assertEquals(11, error("  within 5 parsecs and").orElseThrow().start());
      // Without a pattern to extend, running the clause says what is wrong.
      assertEquals(Optional.empty(), SourceAnalysis.syntaxError("  within 5 parsecs and", null));
    }

    @Test
    void otherInputsHaveNone() {
      assertEquals(Optional.empty(), error(":load ("));
      assertEquals(Optional.empty(), error("hello world"));
    }
  }

  @Nested
  class Events {
    @Test
    void anEventLiteralGivesItsTypeFieldsAndTime() {
      ParsedEvent e = SourceAnalysis.event("Login(user: \"al\", tries: 2 + 1) at 5s");
      assertTrue(e.parsed());
      assertEquals("Login", e.type());
      assertEquals(List.of("user", "tries"), List.copyOf(e.fields().keySet()));
      assertEquals("\"al\"", AstPrinter.print(e.fields().get("user")));
      assertEquals("2 + 1", AstPrinter.print(e.fields().get("tries")));
      assertEquals("5 s", AstPrinter.print(e.time()));
      assertTrue(e.hasTime());
      assertTrue(e.diagnostics().isEmpty());
    }

    @Test
    void theTimeIsOptional() {
      ParsedEvent e = SourceAnalysis.event("`from`(x: 1)");
      assertEquals("from", e.type());
      assertNull(e.time());
      assertFalse(e.hasTime());
    }

    @Test
    void aBrokenLiteralHasDiagnosticsAndStillKnowsWhetherItHasATime() {
      ParsedEvent e = SourceAnalysis.event("Login(user \"al\") at 5s");
      assertFalse(e.parsed());
      assertTrue(e.fields().isEmpty());
      assertEquals(11, e.diagnostics().get(0).span().start());
      assertTrue(e.hasTime());
      assertTrue(SourceAnalysis.event("Login(user: 'al') at").hasTime());
      assertFalse(SourceAnalysis.event("Login(user: 'at')").hasTime());
    }
  }

  @Nested
  class Completion {
    private CompletionContext context(String before) {
      return SourceAnalysis.completionContext(before);
    }

    @Test
    void atTheStartAStatement() {
      assertEquals(Expecting.STATEMENT, context("  ").expecting());
    }

    @Test
    void inAnEventDeclarationAFieldsType() {
      assertEquals(Expecting.FIELD_TYPE, context("event Reading(sensor ").expecting());
      assertEquals(Expecting.FIELD_TYPE, context("event Reading(a long, sensor ").expecting());
      assertEquals(Expecting.DECLARED_NAME, context("event Reading(sensor string, ").expecting());
    }

    @Test
    void afterEmitOrABindingAnEventType() {
      assertEquals(Expecting.EVENT_TYPE, context("pattern P match a: Login emit ").expecting());
      assertEquals(Expecting.EVENT_TYPE, context("pattern P match a: Login -> b: ").expecting());
      // A colon in a field value is not a binding's.
      assertEquals(
          Expecting.EXPRESSION, context("pattern P match a: Login emit Alert(user: ").expecting());
    }

    @Test
    void afterTheFirstWordOfAPhraseItsRest() {
      assertEquals(List.of("match skip"), context("pattern P match a: A after ").keywords());
      assertEquals(
          List.of("past last", "to next"),
          context("pattern P match a: A after match skip ").keywords());
      assertEquals(List.of("timeout emit"), context("pattern P match a: A on ").keywords());
    }

    @Test
    void inAnExpressionTheCallsAroundAndTheClause() {
      CompletionContext c = context("pattern P match a: Login(lower(");
      assertEquals(Expecting.EXPRESSION, c.expecting());
      assertEquals(List.of("lower", "Login"), c.enclosingCalls());
      assertTrue(c.inMatch());
      assertTrue(c.inPattern());
      CompletionContext where = context("pattern P match a: Login where a.ip == ");
      assertFalse(where.inMatch());
      assertEquals(List.of(), where.enclosingCalls());
      assertFalse(context("Ping(").inPattern());
      assertTrue(context("  where ").inPattern());
    }

    @Test
    void theBindingsOfThePatternWithTheirTypes() {
      assertEquals(
          Map.of("f", "Login", "s", "Alert"),
          SourceAnalysis.bindings(
              "pattern P match f: Login{3,} -> s: Alert(x: 1) emit Warning(user: f.user)"));
      assertEquals(Map.of(), SourceAnalysis.bindings("emit Warning(user: s.user)"));
    }
  }
}
