package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.Arrow;
import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.Expr.BinaryOp;
import io.motif.ast.Ident;
import io.motif.ast.PatternExpr;
import io.motif.ast.SkipPolicy;
import io.motif.ast.Spans;
import io.motif.ast.Statement;
import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shapes the parser builds: precedence, literals, spans and recovery, one fact per test. */
class ParserTest {

  // ---- helpers: ASTs without spans, compared with Spans.strip ----

  static Ident id(String name) {
    return new Ident(name, Span.NONE);
  }

  static PatternExpr.Atom atom(String type) {
    return new PatternExpr.Atom(null, id(type), null, Span.NONE);
  }

  static PatternExpr seq(List<PatternExpr> elements, Arrow... arrows) {
    return new PatternExpr.Sequence(elements, List.of(arrows), Span.NONE);
  }

  static PatternExpr rep(PatternExpr body, int min, int max) {
    return new PatternExpr.Repetition(body, min, max, Span.NONE);
  }

  static Expr name(String n) {
    return new Expr.Name(id(n), Span.NONE);
  }

  static Expr lit(Object value) {
    return new Expr.Literal(value, Span.NONE);
  }

  static Expr bin(BinaryOp op, Expr left, Expr right) {
    return new Expr.Binary(op, left, right, Span.NONE);
  }

  static PatternExpr pattern(String text) {
    SourceParser.Fragment<PatternExpr> f = SourceParser.parsePattern(new Source("p", text));
    assertTrue(f.diagnostics().isEmpty(), () -> text + ": " + f.diagnostics());
    return Spans.strip(f.value());
  }

  static Expr expr(String text) {
    SourceParser.Fragment<Expr> f = SourceParser.parseExpression(new Source("e", text));
    assertTrue(f.diagnostics().isEmpty(), () -> text + ": " + f.diagnostics());
    return Spans.strip(f.value());
  }

  static ParseResult parse(String text) {
    return SourceParser.parse(new Source("rules.motif", text));
  }

  static String rendered(String text) {
    ParseResult r = parse(text);
    return DiagnosticRenderer.renderAll(r.source(), r.diagnostics());
  }

  @Nested
  class Patterns {
    @Test
    void precedenceIsRepetitionThenArrowsThenAndThenOr() {
      PatternExpr a = atom("A");
      PatternExpr b = atom("B");
      PatternExpr c = atom("C");
      PatternExpr d = atom("D");
      PatternExpr e = atom("E");
      assertEquals(
          new PatternExpr.Alternation(
              List.of(
                  new PatternExpr.Conjunction(
                      List.of(seq(List.of(a, rep(b, 1, -1)), Arrow.NEXT), c), Span.NONE),
                  seq(List.of(d, e), Arrow.STRICT)),
              Span.NONE),
          pattern("A -> B+ & C | D => E"));
    }

    @Test
    void arrowsAreOneLeftToRightSequence() {
      assertEquals(
          seq(
              List.of(atom("A"), atom("B"), atom("C"), atom("D")),
              Arrow.NEXT,
              Arrow.ANY,
              Arrow.STRICT),
          pattern("A -> B ->> C => D"));
    }

    @Test
    void parenthesesGroup() {
      assertEquals(
          seq(List.of(seq(List.of(atom("A"), atom("B")), Arrow.NEXT), atom("C")), Arrow.NEXT),
          pattern("(A -> B) -> C"));
      assertEquals(atom("A"), pattern("((A))"));
      assertEquals(
          rep(seq(List.of(atom("A"), atom("B")), Arrow.ANY), 2, 2), pattern("(A ->> B){2}"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "A+      | 1 | -1", "A*      | 0 | -1", "A?      | 0 | 1", "A{3}    | 3 | 3",
          "A{2,}   | 2 | -1", "A{2,5}  | 2 | 5", "A{0,1}  | 0 | 1", "A{1_000} | 1000 | 1000"
        })
    void quantifiers(String text, int min, int max) {
      assertEquals(rep(atom("A"), min, max), pattern(text));
    }

    @Test
    void stackedQuantifiersNest() {
      assertEquals(rep(rep(atom("A"), 1, -1), 2, 2), pattern("A+{2}"));
    }

    @Test
    void atomsBindAndCondition() {
      assertEquals(
          new PatternExpr.Atom(
              id("t"), id("Trade"), bin(BinaryOp.GT, name("price"), lit(10L)), Span.NONE),
          pattern("t: Trade(price > 10)"));
      assertEquals(atom("Trade"), pattern("Trade()"));
    }

    @Test
    void negationTakesOneAtom() {
      assertEquals(
          seq(
              List.of(
                  atom("A"),
                  new PatternExpr.Negation(
                      new PatternExpr.Atom(id("b"), id("B"), null, Span.NONE), Span.NONE),
                  atom("C")),
              Arrow.NEXT,
              Arrow.NEXT),
          pattern("A -> not b: B -> C"));
      assertTrue(
          SourceParser.parsePattern(new Source("p", "not B+")).hasErrors(),
          "a repeated negation needs parentheses");
    }
  }

  @Nested
  class Expressions {
    @Test
    void arithmeticPrecedenceAndAssociativity() {
      assertEquals(
          bin(
              BinaryOp.SUB,
              bin(BinaryOp.ADD, lit(1L), bin(BinaryOp.MUL, lit(2L), lit(3L))),
              lit(4L)),
          expr("1 + 2 * 3 - 4"));
      assertEquals(
          bin(BinaryOp.CONCAT, bin(BinaryOp.CONCAT, name("a"), lit(" ")), name("b")),
          expr("a || ' ' || b"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "a == b | EQ",
          "a = b | EQ",
          "a != b | NE",
          "a <> b | NE",
          "a < b | LT",
          "a <= b | LE",
          "a > b | GT",
          "a >= b | GE"
        })
    void everyComparisonSpelling(String text, BinaryOp op) {
      assertEquals(bin(op, name("a"), name("b")), expr(text));
    }

    @Test
    void logicPrecedence() {
      assertEquals(
          bin(BinaryOp.OR, bin(BinaryOp.AND, name("a"), name("b")), name("c")),
          expr("a and b or c"));
      assertEquals(
          new Expr.Unary(Expr.UnaryOp.NOT, bin(BinaryOp.EQ, name("a"), name("b")), Span.NONE),
          expr("not a == b"));
      assertEquals(
          bin(
              BinaryOp.AND,
              new Expr.Between(name("x"), lit(1L), lit(2L), false, Span.NONE),
              name("y")),
          expr("x between 1 and 2 and y"));
    }

    @Test
    void predicates() {
      assertEquals(
          new Expr.In(name("x"), List.of(lit(1L), lit("a")), true, Span.NONE),
          expr("x not in (1, 'a')"));
      assertEquals(new Expr.IsNull(name("x"), true, Span.NONE), expr("x IS NOT NULL"));
      assertEquals(new Expr.Like(name("x"), lit("a%"), true, Span.NONE), expr("x not like 'a%'"));
      assertEquals(
          new Expr.Matches(name("x"), lit("[0-9]+"), false, Span.NONE),
          expr("x matches \"[0-9]+\""));
    }

    @Test
    void negativeNumbersAreLiteralsOnlyWhenWritten() {
      assertEquals(lit(-5L), expr("-5"));
      assertEquals(lit(-5L), expr("- 5"));
      assertEquals(lit(-2.5), expr("-2.5"));
      assertEquals(new Expr.Unary(Expr.UnaryOp.NEGATE, lit(5L), Span.NONE), expr("-(5)"));
      assertEquals(new Expr.Unary(Expr.UnaryOp.NEGATE, name("x"), Span.NONE), expr("-x"));
      assertEquals(lit(5L), expr("+5"));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"42 | 42", "1_000_000 | 1000000", "9223372036854775807 | 9223372036854775807"})
    void wholeNumbers(String text, long value) {
      assertEquals(lit(value), expr(text));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {"3.14 | 3.14", "1e-3 | 0.001", "2.5E+3 | 2500.0", "1_0.5 | 10.5"})
    void decimalNumbers(String text, double value) {
      assertEquals(lit(value), expr(text));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "250ms | 250",
          "250 ms | 250",
          "5s | 5000",
          "5 sec | 5000",
          "5 secs | 5000",
          "1 second | 1000",
          "2 seconds | 2000",
          "5m | 300000",
          "5min | 300000",
          "5 mins | 300000",
          "1 minute | 60000",
          "2 minutes | 120000",
          "2h | 7200000",
          "1 hour | 3600000",
          "2 hours | 7200000",
          "1d | 86400000",
          "1 day | 86400000",
          "2 days | 172800000",
          "5 MIN | 300000",
          "1.5 s | 1500",
          "1_000 ms | 1000",
          "9007199254740993 ms | 9007199254740993"
        })
    void everyDurationUnit(String text, long millis) {
      assertEquals(new Expr.Duration(millis, Span.NONE), expr(text));
    }

    @Test
    void stringEscapes() {
      assertEquals(lit("é\n\t\r\b\f\\'\"/"), expr("\"\\u00e9\\n\\t\\r\\b\\f\\\\\\'\\\"\\/\""));
      assertEquals(lit("it's"), expr("'it\\'s'"));
      assertEquals(lit("say \"hi\""), expr("'say \"hi\"'"));
    }

    @Test
    void callsPathsAndTime() {
      assertEquals(
          new Expr.Field(new Expr.Field(name("a"), id("b"), Span.NONE), id("c"), Span.NONE),
          expr("a.b.c"));
      assertEquals(
          new Expr.Field(
              new Expr.Call(id("last"), List.of(name("f")), Span.NONE), id("ip"), Span.NONE),
          expr("last(f).ip"));
      assertEquals(
          bin(
              BinaryOp.LT,
              bin(
                  BinaryOp.SUB,
                  new Expr.Call(id("time"), List.of(name("s")), Span.NONE),
                  new Expr.Call(
                      id("time"),
                      List.of(new Expr.Call(id("first"), List.of(name("f")), Span.NONE)),
                      Span.NONE)),
              new Expr.Duration(30_000, Span.NONE)),
          expr("time(s) - time(first(f)) < 30s"));
    }

    @Test
    void backquotesMakeKeywordsNames() {
      assertEquals(name("from"), expr("`from`"));
      assertEquals(name("match"), expr("`match`"));
      assertEquals(name("with space"), expr("`with space`"));
    }
  }

  @Nested
  class Statements {
    @Test
    void keywordsAreCaseInsensitiveAndNamesKeepTheirCase() {
      ParseResult r = parse("PATTERN Upper Match a: Login WITHIN 5 Min After Match Skip Past Last");
      assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
      Statement.PatternDecl p = (Statement.PatternDecl) r.script().statements().get(0);
      assertEquals("Upper", p.name().name());
      assertEquals(SkipPolicy.PAST_LAST, p.skip());
      assertEquals(new Statement.TimeWindow(300_000, Span.NONE), Spans.strip(p.within()));
    }

    @Test
    void clausesInAnyOrder() {
      ParseResult a = parse("pattern P partition by u match A within 3 events emit O(x: 1)");
      ParseResult b = parse("pattern P emit O(x: 1) within 3 events match A partition by u");
      assertEquals(Spans.strip(a.script()), Spans.strip(b.script()));
      assertTrue(a.diagnostics().isEmpty() && b.diagnostics().isEmpty());
    }

    @Test
    void perTypePartitionKeysAreFieldPaths() {
      Statement.PatternDecl p =
          (Statement.PatternDecl)
              parse("pattern P partition by Order.id, Shipment.order_id, user match A")
                  .script()
                  .statements()
                  .get(0);
      assertEquals(
          List.of(
              new Expr.Field(name("Order"), id("id"), Span.NONE),
              new Expr.Field(name("Shipment"), id("order_id"), Span.NONE),
              name("user")),
          Spans.strip(p.partitionBy()));
    }

    @Test
    void optionalSemicolons() {
      ParseResult r = parse(";; const a = 1; const b = 2\nconst c = 3 ;;");
      assertTrue(r.diagnostics().isEmpty());
      assertEquals(3, r.script().statements().size());
    }

    @Test
    void testBlocks() {
      Statement.TestDecl t =
          (Statement.TestDecl)
              parse(
                      """
          test "iso" {
            given A(x: 1) at "2024-01-01T00:00:00Z"
            expect nothing
          }""")
                  .script()
                  .statements()
                  .get(0);
      assertEquals("iso", t.name().name());
      assertEquals(lit("2024-01-01T00:00:00Z"), Spans.strip(t.given().get(0).time()));
      assertTrue(t.expect().isEmpty());
    }
  }

  @Nested
  class Positions {
    @Test
    void spansCoverTheirText() {
      String text = "const total = -5 + price * 2\npattern P match t: Trade(x > 1)+ within 5 min";
      ParseResult r = parse(text);
      Statement.ConstDecl c = (Statement.ConstDecl) r.script().statements().get(0);
      assertEquals("total", slice(text, c.name().span()));
      assertEquals("-5 + price * 2", slice(text, c.value().span()));
      Expr.Binary sum = (Expr.Binary) c.value();
      assertEquals("-5", slice(text, sum.left().span()));
      assertEquals("price * 2", slice(text, sum.right().span()));
      Statement.PatternDecl p = (Statement.PatternDecl) r.script().statements().get(1);
      assertEquals("t: Trade(x > 1)+", slice(text, p.match().span()));
      assertEquals("within 5 min", slice(text, p.within().span()));
      assertEquals(text.substring(text.indexOf("pattern")), slice(text, p.span()));
    }

    @Test
    void offsetsCountJavaCharsAfterCharactersOutsideTheBmp() {
      // Each 😀 is two chars; the lexer must not count it as one.
      String text = "const s = \"😀😀\" + x $";
      assertEquals(
          """
          rules.motif:1:22: error: unexpected character `$`
            const s = "😀😀" + x $
                                 ^
          """,
          rendered(text));
      Statement.ConstDecl c =
          (Statement.ConstDecl) parse("const s = \"😀\" + x").script().statements().get(0);
      assertEquals("x", slice("const s = \"😀\" + x", ((Expr.Binary) c.value()).right().span()));
    }

    @Test
    void aStrayCharacterOutsideTheBmpIsOneError() {
      List<Diagnostic> d = parse("const x = 1 😀").diagnostics();
      assertEquals(1, d.size(), d::toString);
      assertEquals(new Span(12, 14), d.get(0).span());
    }

    private static String slice(String text, Span span) {
      return text.substring(span.start(), span.end());
    }
  }

  @Nested
  class Recovery {
    @Test
    void statementsWithSyntaxErrorsAreDroppedAndNamed() {
      ParseResult r = parse("const a = 1\nconst b = (2\nconst c = 3\npattern P match A ->\n");
      assertEquals(
          List.of("a", "c"), r.script().statements().stream().map(s -> s.name().name()).toList());
      assertEquals(Set.of("b", "P"), r.brokenNames());
      assertEquals(2, r.diagnostics().size(), r.diagnostics()::toString);
    }

    @Test
    void aConjuredTokenStillDropsItsStatement() {
      // ANTLR mends `const = 5` by inventing a name; the statement must not survive with "".
      for (String text :
          List.of(
              "const = 5",
              "event (a string)",
              "event E(a string, b)",
              "const x = f(1).",
              "pattern P match A within five min",
              "const x 5")) {
        ParseResult r = parse(text);
        assertTrue(r.script().statements().isEmpty(), () -> text + " kept " + r.script());
        assertTrue(r.hasErrors(), text);
      }
    }

    @Test
    void aBlockCommentDoesNotHideTheRestOfTheFile() {
      ParseResult r = parse("/* one */ const a = 1 /* two */ + 2\n/* three\n*/ const b = 3");
      assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
      assertEquals(2, r.script().statements().size());
    }

    @Test
    void aStrayTokenBetweenStatementsDoesNotEndTheFile() {
      ParseResult r = parse("const a = 1 # 2\nconst b = @\nconst c = 3 ) )\nconst d = 4");
      assertEquals(
          List.of("a", "c", "d"),
          r.script().statements().stream().map(s -> s.name().name()).toList());
      assertEquals(3, r.diagnostics().size(), r.diagnostics()::toString);
    }

    @Test
    void oneMistakeGivesOneError() {
      assertEquals(1, parse("test \"t\" { given A(x: 1) expect nothing }").diagnostics().size());
      assertEquals(1, parse("pattern P match A after match skip").diagnostics().size());
    }

    @Test
    void builderErrorsKeepCodes() {
      List<Diagnostic> d = parse("pattern P match A{5,2} within 5 minx within 3 s").diagnostics();
      assertEquals(
          List.of(Codes.BAD_QUANTIFIER, Codes.BAD_DURATION, Codes.BAD_CLAUSE),
          d.stream().map(Diagnostic::code).toList());
    }

    @Test
    void fragmentsGiveNullWithErrors() {
      assertNull(SourceParser.parseExpression(new Source("e", "1 +")).value());
      assertNull(SourceParser.parsePattern(new Source("p", "A ->")).value());
      assertNull(SourceParser.parseStatement(new Source("s", "const = 1")).value());
      assertEquals(
          lit(1L), Spans.strip(SourceParser.parseExpression(new Source("e", "1")).value()));
    }
  }

  @Nested
  class Printing {
    @Test
    void negatedLiteralKeepsItsParentheses() {
      assertEquals("-(5) + -5 + -(-5) + -x", AstPrinter.print(expr("-(5) + -5 + - -5 + -x")));
    }

    @Test
    void wordsCheckerCatchesTokenNames() {
      assertThrows(
          AssertionError.class,
          () ->
              ErrorMessagesTest.assertSaysWhatInWords(
                  List.of(
                      Diagnostic.error(
                          Codes.SYNTAX, "mismatched input expecting IDENT", Span.NONE))));
    }
  }

  @Nested
  class Incomplete {
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "pattern P match A -> | true", "const x = (1 | true", "/* open | true",
          "const x = 1 | false", "/* closed */ const x = 1 | false", "pattern P match A | false"
        })
    void replKeepsReadingOpenInput(String text, boolean incomplete) {
      assertEquals(
          incomplete, SourceAnalysis.completeness(text) == SourceAnalysis.Completeness.INCOMPLETE);
    }
  }

  @Test
  void emptyAndBlankSourcesAreFine() {
    for (String text : List.of("", " ", "\n\n", "-- only a comment", "/* */", ";")) {
      ParseResult r = parse(text);
      assertFalse(r.hasErrors(), text);
      assertTrue(r.script().statements().isEmpty());
    }
  }
}
