package io.motif.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.ast.AstPrinter;
import io.motif.ast.Spans;
import io.motif.ast.Statement;
import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.DiagnosticRenderer;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One run reports every error it can find (LANGUAGE.md §6): a program with k mistakes in k
 * distinct statements reports at least k diagnostics, at least one inside each broken statement,
 * and the valid statements between them survive; a valid program reports none.
 */
class IndependentErrorsProperties {

  /** Mistakes confined to their own statement, each one statement long. */
  static final List<String> MISTAKES = List.of(
      "const a = 1 +",
      "const b = (1 + 2",
      "const c = f(1, 2",
      "const d = \"never closed",
      "const e = 1 # 2",
      "const f = \"bad \\q escape\"",
      "const g = 99999999999999999999",
      "const h = a between 1",
      "const = 5",
      "const i = 5 minx",
      "pattern P1 match A within 5 minx",
      "pattern P2 match A within 5",
      "pattern P3 match A where a where b",
      "pattern P4 match A+ after match skip to last",
      "pattern P5 match A{5,2}",
      "pattern P6 where x > 1",
      "pattern P7 match A -> -> B",
      "pattern P8 match (A | ) -> B",
      "pattern P9 match A within 0 events",
      "pattern P10 match a: A emit Out(x a.x)",
      "pattern P11 partition by match A",
      "pattern P12 match A after skip past last",
      "event E1(a string, b)",
      "event E2(a string b long)",
      "event (a string)",
      "test \"t1\" { given A(x: 1) expect nothing }",
      "test t2 { given expect nothing }",
      "test \"t3\" { given A(x 1) at 0s expect nothing }");

  /** A statement of the program: its text, and whether it holds a mistake. */
  record Part(String text, boolean broken, Statement valid) {}

  @Property(tries = 300)
  void everyMistakeIsReportedInItsOwnStatement(@ForAll("programs") List<Part> parts) {
    StringBuilder text = new StringBuilder();
    List<int[]> regions = new ArrayList<>();
    for (Part p : parts) {
      int start = text.length();
      text.append(p.text()).append('\n');
      regions.add(new int[] {start, text.length()});
    }
    Source source = new Source("program.motif", text.toString());
    ParseResult result = SourceParser.parse(source);
    String rendered = DiagnosticRenderer.renderAll(source, result.diagnostics());
    long k = parts.stream().filter(Part::broken).count();
    assertTrue(result.diagnostics().size() >= k, () -> k + " mistakes, " + rendered + "\nin\n"
        + text);
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      int[] region = regions.get(i);
      if (part.broken()) {
        assertTrue(result.diagnostics().stream().map(Diagnostic::span)
                .anyMatch(s -> s.start() >= region[0] && s.start() < region[1]),
            () -> "no diagnostic inside `" + part.text() + "`:\n" + rendered);
      }
    }
    // The valid statements all survive, in order, among the kept ones.
    List<Statement> kept = result.script().statements().stream().map(Spans::strip).toList();
    int next = 0;
    for (Part p : parts) {
      if (p.valid() != null) {
        int found = kept.subList(next, kept.size()).indexOf(p.valid());
        assertTrue(found >= 0, () -> "lost " + p.text() + "\n" + rendered);
        next += found + 1;
      }
    }
    if (k == 0) {
      assertTrue(result.diagnostics().isEmpty(), rendered);
      assertEquals(parts.size(), kept.size());
    }
  }

  @Property(tries = 100)
  void anUnterminatedCommentIsReportedWhereItOpens(@ForAll("programs") List<Part> parts) {
    StringBuilder text = new StringBuilder();
    for (Part p : parts) {
      text.append(p.text()).append('\n');
    }
    int before = SourceParser.parse(new Source("a", text.toString())).diagnostics().size();
    int opens = text.length();
    text.append("/* never closed\n").append(MISTAKES.get(0));
    List<Diagnostic> after = SourceParser.parse(new Source("b", text.toString())).diagnostics();
    // It swallows the rest of the file, and may stand for an error at the end of the text before.
    assertTrue(after.size() >= Math.max(1, before), text::toString);
    assertTrue(after.stream().anyMatch(d -> d.code().equals(Codes.UNTERMINATED)
        && d.span().start() == opens), () -> text + "\n" + after);
  }

  @Provide
  Arbitrary<List<Part>> programs() {
    Arbitrary<Part> broken = Arbitraries.of(MISTAKES).map(m -> new Part(m, true, null));
    Arbitrary<Part> valid = AstArbitraries.statements()
        .map(s -> new Part(AstPrinter.print(s), false, s));
    Arbitrary<Part> part = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, broken), net.jqwik.api.Tuple.of(1, valid));
    return Combinators.combine(part.list().ofMinSize(1).ofMaxSize(8), Arbitraries.of(true, false))
        .as((list, allValid) -> allValid
            ? list.stream().filter(p -> !p.broken()).toList() : list);
  }
}
