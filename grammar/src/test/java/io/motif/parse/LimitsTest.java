package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.Expr;
import io.motif.ast.Ident;
import io.motif.ast.PatternExpr;
import io.motif.ast.Spans;
import io.motif.ast.Statement;
import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.source.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile sizes: each gives a positioned error or a result within a few seconds, never a
 * StackOverflowError or OutOfMemoryError. The timeouts are generous on purpose: this is not a
 * benchmark, only a guard against exponential or unbounded behaviour.
 */
class LimitsTest {
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  /** A mebibyte in a cold JVM on a shared 2-core machine took up to 5 s; warm, it takes 0.5 s. */
  private static final Duration MEBIBYTE = Duration.ofSeconds(20);

  private static ParseResult parseWithin(String text) {
    return parseWithin(text, GENEROUS);
  }

  private static ParseResult parseWithin(String text, Duration limit) {
    Supplier<ParseResult> parse = () -> SourceParser.parse(new Source("big.motif", text));
    ParseResult result = assertTimeoutPreemptively(limit, parse::get);
    SpanInvariants.checkDiagnostics(result.diagnostics(), text.length());
    // Rendering must cope too (long lines, errors at odd places).
    DiagnosticRenderer.renderAll(result.source(), result.diagnostics());
    return result;
  }

  @Test
  void tenThousandNestedParenthesesGiveAPositionedError() {
    String text = "const x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n";
    ParseResult r = parseWithin(text);
    assertEquals(1, r.diagnostics().size(), r.diagnostics()::toString);
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Codes.TOO_DEEP, d.code());
    int firstTooDeep = "const x = ".length() + SourceParser.MAX_NESTING;
    assertEquals(new Span(firstTooDeep, firstTooDeep + 1), d.span());
  }

  @Test
  void nestingJustUnderTheLimitParses() {
    int depth = SourceParser.MAX_NESTING;
    String text = "const x = " + "(".repeat(depth) + "1" + ")".repeat(depth);
    ParseResult r = parseWithin(text);
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
    Statement.ConstDecl c = (Statement.ConstDecl) r.script().statements().get(0);
    assertEquals(new Expr.Literal(1L, Span.NONE), Spans.strip(c.value()));
  }

  @Test
  void tenThousandNestedGroupsInAPatternGiveAPositionedError() {
    String text = "pattern P match " + "(".repeat(10_000) + "A" + ")".repeat(10_000);
    ParseResult r = parseWithin(text);
    assertEquals(Codes.TOO_DEEP, r.diagnostics().get(0).code());
  }

  @Test
  void aMebibyteOfValidStatementsParses() {
    StringBuilder unit = new StringBuilder();
    int statementsPerUnit = 0;
    for (Path input : GoldenFiles.inputs("parse")) {
      String text = GoldenFiles.read(input);
      unit.append(text).append('\n');
      statementsPerUnit += SourceParser.parse(new Source("x", text)).script().statements().size();
    }
    StringBuilder all = new StringBuilder();
    int units = 0;
    while (all.length() < 1024 * 1024) {
      all.append(unit);
      units++;
    }
    ParseResult r = parseWithin(all.toString(), MEBIBYTE);
    assertTrue(
        r.diagnostics().isEmpty(),
        () -> r.diagnostics().subList(0, Math.min(5, r.diagnostics().size())).toString());
    assertEquals(units * statementsPerUnit, r.script().statements().size());
  }

  @Test
  void aThousandTimesAThousandRepetitionIsOneSmallTree() {
    ParseResult r = parseWithin("pattern P match (A{1000}){1000}");
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
    PatternExpr match = ((Statement.PatternDecl) r.script().statements().get(0)).match();
    PatternExpr.Atom a = new PatternExpr.Atom(null, new Ident("A", Span.NONE), null, Span.NONE);
    assertEquals(
        new PatternExpr.Repetition(
            new PatternExpr.Repetition(a, 1000, 1000, Span.NONE), 1000, 1000, Span.NONE),
        Spans.strip(match));
  }

  @Test
  void longChainsWithoutBracketsParse() {
    int n = 20_000;
    for (String text :
        new String[] {
          "const x = " + "1 + ".repeat(n) + "1",
          "const x = " + "- ".repeat(n) + "1",
          "const x = " + "not ".repeat(n) + "a",
          "const x = a" + ".b".repeat(n),
          "pattern P match A" + " -> A".repeat(n),
          "pattern P match A" + " | A".repeat(n),
          "pattern P match A" + "+".repeat(n),
          "const s = \"" + "x".repeat(1024 * 1024) + "\""
        }) {
      ParseResult r = parseWithin(text);
      assertTrue(
          r.diagnostics().isEmpty()
              || r.diagnostics().stream().allMatch(d -> d.code().equals(Codes.TOO_DEEP)),
          () -> text.substring(0, 40) + ": " + r.diagnostics());
    }
  }

  @Test
  void manyErrorsAreCappedWithACount() {
    String text = "const x = 1 +\n".repeat(1_000);
    ParseResult r = parseWithin(text);
    assertFalse(r.diagnostics().isEmpty());
    assertTrue(r.diagnostics().size() <= 101, () -> "size " + r.diagnostics().size());
    assertEquals(Codes.TOO_MANY_ERRORS, r.diagnostics().get(r.diagnostics().size() - 1).code());
  }

  @Test
  void aSourceOverTheSizeLimitIsRefusedUpFront() {
    String text = "-".repeat(SourceParser.MAX_SOURCE_CHARS + 1);
    ParseResult r = parseWithin(text);
    assertEquals(Codes.TOO_LARGE, r.diagnostics().get(0).code());
  }
}
