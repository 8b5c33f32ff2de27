package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Spans;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Broken input never breaks the parser: mutated valid programs (tokens deleted, inserted, swapped,
 * duplicated; truncation; unterminated strings and comments spliced in) give diagnostics, never an
 * exception or a hang; every diagnostic lies inside the file and speaks in words; and whatever
 * survives still has sound spans and, when nothing was reported, still round-trips.
 */
class RobustnessProperties {
  private static final List<String> GOLDEN = GoldenFiles.inputs("parse").stream()
      .map(GoldenFiles::read).toList();

  @Property(tries = 400)
  void mutatedProgramsGiveDiagnosticsNotExceptions(@ForAll("programs") String valid,
      @ForAll long seed) {
    String text = Mutations.mutate(valid, seed);
    ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> SourceParser.parse(new Source("mutated.motif", text)), () -> "hangs on:\n" + text);
    int length = text.length();
    SpanInvariants.checkDiagnostics(result.diagnostics(), length);
    SpanInvariants.check(result.script(), length);
    DiagnosticRenderer.renderAll(result.source(), result.diagnostics());
    ErrorMessagesTest.assertSaysWhatInWords(result.diagnostics());
    String printed = AstPrinter.print(result.script());
    if (!result.hasErrors()) {
      ParseResult again = SourceParser.parse(new Source("printed.motif", printed));
      assertTrue(again.diagnostics().isEmpty(), () -> text + "\n=> printed =>\n" + printed
          + "\n" + again.diagnostics());
      assertEquals(Spans.strip(result.script()), Spans.strip(again.script()), text);
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void mutatedFragmentsGiveDiagnosticsNotExceptions(@ForAll("programs") String valid,
      @ForAll long seed) {
    String text = Mutations.mutate(valid, seed);
    // The REPL's entry points see the same broken text one piece at a time.
    for (String piece : text.split("\n\n")) {
      Source source = new Source("piece", piece);
      for (SourceParser.Fragment<?> f : List.of(SourceParser.parseStatement(source),
          SourceParser.parsePattern(source), SourceParser.parseExpression(source))) {
        SpanInvariants.checkDiagnostics(f.diagnostics(), piece.length());
        assertTrue(f.value() == null || !f.hasErrors());
      }
      SourceParser.isIncomplete(piece);
    }
  }

  @Provide
  Arbitrary<String> programs() {
    return Arbitraries.oneOf(Arbitraries.of(GOLDEN),
        AstArbitraries.scripts().map(AstPrinter::print));
  }
}
