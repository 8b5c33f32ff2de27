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
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Print then parse is the identity on ASTs (spans aside), over generated ASTs the builder can
 * produce; and printing is canonical: the parsed text prints back unchanged.
 */
class RoundTripProperties {

  @Property(tries = 300)
  void scriptsRoundTrip(@ForAll("scripts") Script script) {
    String printed = AstPrinter.print(script);
    ParseResult parsed = SourceParser.parse(new Source("generated.motif", printed));
    assertTrue(parsed.diagnostics().isEmpty(), () -> printed + "\n"
        + DiagnosticRenderer.renderAll(parsed.source(), parsed.diagnostics()));
    assertEquals(Spans.strip(script), Spans.strip(parsed.script()), printed);
    assertEquals(printed, AstPrinter.print(parsed.script()));
    SpanInvariants.check(parsed.script(), printed.length());
  }

  @Property(tries = 500)
  void expressionsRoundTrip(@ForAll("expressions") Expr expr) {
    String printed = AstPrinter.print(expr);
    SourceParser.Fragment<Expr> parsed = SourceParser.parseExpression(new Source("e", printed));
    assertTrue(parsed.diagnostics().isEmpty(), () -> printed + "\n" + parsed.diagnostics());
    assertEquals(expr, Spans.strip(parsed.value()), printed);
  }

  @Property(tries = 300)
  void patternsRoundTrip(@ForAll("patterns") PatternExpr pattern) {
    String printed = AstPrinter.print(pattern);
    SourceParser.Fragment<PatternExpr> parsed =
        SourceParser.parsePattern(new Source("p", printed));
    assertTrue(parsed.diagnostics().isEmpty(), () -> printed + "\n" + parsed.diagnostics());
    assertEquals(pattern, Spans.strip(parsed.value()), printed);
  }

  @Provide
  Arbitrary<Script> scripts() {
    return AstArbitraries.scripts();
  }

  @Provide
  Arbitrary<Expr> expressions() {
    return AstArbitraries.expressions();
  }

  @Provide
  Arbitrary<PatternExpr> patterns() {
    return AstArbitraries.patterns();
  }
}
