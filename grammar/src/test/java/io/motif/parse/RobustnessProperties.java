package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Script;
import io.motif.ast.Spans;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken input never breaks the parser: mutated valid programs (tokens deleted, inserted, swapped,
 * duplicated; truncation; unterminated strings and comments spliced in) give diagnostics, never an
 * exception or a hang; every diagnostic lies inside the file and speaks in words; and whatever
 * survives still has sound spans and, when nothing was reported, still round-trips.
 */
class RobustnessProperties {
  private static final List<String> GOLDEN =
      GoldenFiles.inputs("parse").stream().map(GoldenFiles::read).toList();

  /**
   * A golden program or a printed generated one, with one to four mutations. A failing text shrinks
   * by whole tokens (and the space and comments between them), the parser's own units.
   */
  static Gen<String> mutatedPrograms() {
    Gen<Script> scripts = AstArbitraries.scripts();
    return Gen.of(
        r -> {
          String valid =
              r.nextBoolean()
                  ? GOLDEN.get(r.nextInt(GOLDEN.size()))
                  : AstPrinter.print(scripts.next(r));
          return Mutations.mutate(valid, r.nextLong());
        },
        text ->
            Gen.shrinkList(Mutations.segments(text), 0, segment -> List.<String>of()).stream()
                .map(segments -> String.join("", segments))
                .toList());
  }

  @Test
  void mutatedProgramsGiveDiagnosticsNotExceptions() {
    Property.check(400, mutatedPrograms(), RobustnessProperties::parsesWithDiagnostics);
  }

  private static void parsesWithDiagnostics(String text) {
    ParseResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> SourceParser.parse(new Source("mutated.motif", text)),
            () -> "hangs on:\n" + text);
    int length = text.length();
    SpanInvariants.checkDiagnostics(result.diagnostics(), length);
    SpanInvariants.check(result.script(), length);
    DiagnosticRenderer.renderAll(result.source(), result.diagnostics());
    ErrorMessagesTest.assertSaysWhatInWords(result.diagnostics());
    String printed = AstPrinter.print(result.script());
    if (!result.hasErrors()) {
      ParseResult again = SourceParser.parse(new Source("printed.motif", printed));
      assertTrue(
          again.diagnostics().isEmpty(),
          () -> text + "\n=> printed =>\n" + printed + "\n" + again.diagnostics());
      assertEquals(Spans.strip(result.script()), Spans.strip(again.script()), text);
    }
  }

  @Test
  void mutatedFragmentsGiveDiagnosticsNotExceptions() {
    Property.check(200, mutatedPrograms(), RobustnessProperties::fragmentsParseWithDiagnostics);
  }

  private static void fragmentsParseWithDiagnostics(String text) {
    // The REPL's entry points see the same broken text one piece at a time.
    for (String piece : text.split("\n\n")) {
      Source source = new Source("piece", piece);
      for (SourceParser.Fragment<?> f :
          List.of(
              SourceParser.parseStatement(source),
              SourceParser.parsePattern(source),
              SourceParser.parseExpression(source))) {
        SpanInvariants.checkDiagnostics(f.diagnostics(), piece.length());
        assertTrue(f.value() == null || !f.hasErrors());
      }
      // The shell's questions about a piece answer, never throw (a highlight checks its range).
      SourceAnalysis.completeness(piece);
      SourceAnalysis.highlights(piece, "pattern P match a: A");
      SourceAnalysis.event(piece);
      SourceAnalysis.completionContext(piece);
      SourceAnalysis.bindings(piece);
    }
  }
}
