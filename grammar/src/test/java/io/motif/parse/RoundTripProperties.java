package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.PatternExpr;
import io.motif.ast.Script;
import io.motif.ast.Spans;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * Print then parse is the identity on ASTs (spans aside), over generated ASTs the builder can
 * produce; and printing is canonical: the parsed text prints back unchanged.
 */
class RoundTripProperties {

  @Test
  void scriptsRoundTrip() {
    Property.check(
        300,
        AstArbitraries.scripts().showing(AstPrinter::print),
        RoundTripProperties::scriptRoundTrips);
  }

  private static void scriptRoundTrips(Script script) {
    String printed = AstPrinter.print(script);
    ParseResult parsed = SourceParser.parse(new Source("generated.motif", printed));
    assertTrue(
        parsed.diagnostics().isEmpty(),
        () -> printed + "\n" + DiagnosticRenderer.renderAll(parsed.source(), parsed.diagnostics()));
    assertEquals(Spans.strip(script), Spans.strip(parsed.script()), printed);
    assertEquals(printed, AstPrinter.print(parsed.script()));
    SpanInvariants.check(parsed.script(), printed.length());
  }

  @Test
  void expressionsRoundTrip() {
    Property.check(
        500,
        AstArbitraries.expressions().showing(AstPrinter::print),
        RoundTripProperties::expressionRoundTrips);
  }

  private static void expressionRoundTrips(Expr expr) {
    String printed = AstPrinter.print(expr);
    SourceParser.Fragment<Expr> parsed = SourceParser.parseExpression(new Source("e", printed));
    assertTrue(parsed.diagnostics().isEmpty(), () -> printed + "\n" + parsed.diagnostics());
    assertEquals(expr, Spans.strip(parsed.value()), printed);
  }

  @Test
  void patternsRoundTrip() {
    Property.check(
        300,
        AstArbitraries.patterns().showing(AstPrinter::print),
        RoundTripProperties::patternRoundTrips);
  }

  private static void patternRoundTrips(PatternExpr pattern) {
    String printed = AstPrinter.print(pattern);
    SourceParser.Fragment<PatternExpr> parsed = SourceParser.parsePattern(new Source("p", printed));
    assertTrue(parsed.diagnostics().isEmpty(), () -> printed + "\n" + parsed.diagnostics());
    assertEquals(pattern, Spans.strip(parsed.value()), printed);
  }
}
