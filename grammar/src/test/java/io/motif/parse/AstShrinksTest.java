package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Expr;
import io.motif.ast.Node;
import io.motif.ast.PatternExpr;
import io.motif.ast.Spans;
import io.motif.ast.Statement;
import io.motif.source.Source;
import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Shrunk ASTs stay ones the builder can produce, and a planted failure shrinks to its core. */
class AstShrinksTest {

  /** Were a candidate outside the builder's range, a shrunk failure would mislead. */
  @Test
  void everyCandidateRoundTrips() {
    Random r = new Random(5);
    Gen<Statement> statements = AstArbitraries.statements();
    for (int i = 0; i < 8; i++) { // ~70 candidates a statement, a few ms each
      for (Statement candidate : statements.shrink(statements.next(r))) {
        String printed = AstPrinter.print(candidate);
        var parsed = SourceParser.parseStatement(new Source("shrunk", printed));
        assertTrue(parsed.diagnostics().isEmpty(), () -> printed + parsed.diagnostics());
        assertEquals(candidate, Spans.strip(parsed.value()), printed);
      }
    }
    Gen<PatternExpr> patterns = AstArbitraries.patterns();
    for (int i = 0; i < 20; i++) {
      for (PatternExpr candidate : patterns.shrink(patterns.next(r))) {
        String printed = AstPrinter.print(candidate);
        var parsed = SourceParser.parsePattern(new Source("shrunk", printed));
        assertEquals(candidate, Spans.strip(parsed.value()), printed);
      }
    }
  }

  @Test
  void aPlantedFailureShrinksToTheNodeThatFails() {
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () ->
                Property.check(
                    500,
                    AstArbitraries.expressions(),
                    e -> assertFalse(contains(e, Expr.Between.class))));
    // Only the Between is left, over leaves: every other node was peeled away.
    Expr.Between minimal = (Expr.Between) failure.minimal();
    for (Expr part : List.of(minimal.operand(), minimal.low(), minimal.high())) {
      assertTrue(
          part instanceof Expr.Literal
              || part instanceof Expr.Name
              || part instanceof Expr.Duration,
          () -> AstPrinter.print(minimal));
    }
  }

  @Test
  void aPlantedPatternFailureKeepsSequencesWellFormed() {
    Property.Failure failure =
        assertThrows(
            Property.Failure.class,
            () ->
                Property.check(
                    300,
                    AstArbitraries.patterns(),
                    p ->
                        assertFalse(
                            contains(p, PatternExpr.Sequence.class)
                                && contains(p, PatternExpr.Repetition.class))));
    PatternExpr minimal = (PatternExpr) failure.minimal();
    // A sequence of two, one a repetition of a bare atom, or a repetition of such a sequence.
    String printed = AstPrinter.print(minimal);
    assertTrue(printed.length() < 30, printed);
  }

  private static boolean contains(Node root, Class<? extends Node> kind) {
    boolean[] found = {false};
    Spans.forEach(root, (node, parent) -> found[0] |= kind.isInstance(node));
    return found[0];
  }
}
