package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Script;
import io.motif.ast.Spans;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden programs: {@code golden/parse/X.motif} must parse without a diagnostic and print as {@code
 * X.printed}; {@code golden/errors/X.motif} must render exactly {@code X.diagnostics}. See {@code
 * golden/README.md} for the update command.
 */
class GoldenTest {

  @TestFactory
  Stream<DynamicTest> parse() {
    return GoldenFiles.inputs("parse").stream()
        .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> parses(input)));
  }

  @TestFactory
  Stream<DynamicTest> errors() {
    return GoldenFiles.inputs("errors").stream()
        .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> fails(input)));
  }

  private static void parses(Path input) {
    Source source = new Source(input.getFileName().toString(), GoldenFiles.read(input));
    ParseResult result = SourceParser.parse(source);
    assertTrue(
        result.diagnostics().isEmpty(),
        () -> DiagnosticRenderer.renderAll(source, result.diagnostics()));
    String printed = AstPrinter.print(result.script());
    GoldenFiles.check(GoldenFiles.sibling(input, ".printed"), printed);

    // The printed form is canonical: it reads back as the same tree and prints unchanged.
    ParseResult again = SourceParser.parse(new Source("printed.motif", printed));
    assertTrue(
        again.diagnostics().isEmpty(),
        () -> DiagnosticRenderer.renderAll(again.source(), again.diagnostics()));
    assertEquals(Spans.strip(result.script()), Spans.strip(again.script()));
    assertEquals(printed, AstPrinter.print(again.script()));
    SpanInvariants.check(result.script(), source.text().length());
  }

  private static void fails(Path input) {
    Source source = new Source(input.getFileName().toString(), GoldenFiles.read(input));
    ParseResult result = SourceParser.parse(source);
    assertFalse(result.diagnostics().isEmpty(), "an error golden must produce diagnostics");
    String rendered = DiagnosticRenderer.renderAll(source, result.diagnostics());
    GoldenFiles.check(GoldenFiles.sibling(input, ".diagnostics"), rendered);
    Script kept = result.script();
    SpanInvariants.check(kept, source.text().length());
  }
}
