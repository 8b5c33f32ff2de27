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
import io.motif.testing.Gen;
import io.motif.testing.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One run reports every error it can find (LANGUAGE.md §6): a program with k mistakes in k distinct
 * statements reports at least k diagnostics, at least one inside each broken statement, and the
 * valid statements between them survive; a valid program reports none.
 */
class IndependentErrorsProperties {

  /** Mistakes confined to their own statement, each one statement long. */
  static final List<String> MISTAKES =
      List.of(
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

  @Test
  void everyMistakeIsReportedInItsOwnStatement() {
    Property.check(300, programs(), IndependentErrorsProperties::mistakesReportedInPlace);
  }

  private static void mistakesReportedInPlace(List<Part> parts) {
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
    assertTrue(
        result.diagnostics().size() >= k, () -> k + " mistakes, " + rendered + "\nin\n" + text);
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      int[] region = regions.get(i);
      if (part.broken()) {
        assertTrue(
            result.diagnostics().stream()
                .map(Diagnostic::span)
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

  @Test
  void anUnterminatedCommentIsReportedWhereItOpens() {
    Property.check(100, programs(), IndependentErrorsProperties::unterminatedCommentReported);
  }

  private static void unterminatedCommentReported(List<Part> parts) {
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
    assertTrue(
        after.stream()
            .anyMatch(d -> d.code().equals(Codes.UNTERMINATED) && d.span().start() == opens),
        () -> text + "\n" + after);
  }

  /**
   * One to eight statements, each a mistake or a printed generated statement, half the time with
   * the mistakes then left out (so that valid programs come up as often). A failing program shrinks
   * by dropping statements, shrinking valid ones and trading a mistake for an earlier one.
   */
  static Gen<List<Part>> programs() {
    Gen<Part> mistakes = Gen.elements(MISTAKES.stream().map(m -> new Part(m, true, null)).toList());
    Gen<Statement> statements = AstArbitraries.statements();
    Gen<Part> part =
        Gen.of(
            r -> r.nextBoolean() ? mistakes.next(r) : valid(statements.next(r)),
            p ->
                p.broken()
                    ? mistakes.shrink(p)
                    : statements.shrink(p.valid()).stream()
                        .map(IndependentErrorsProperties::valid)
                        .toList());
    Gen<List<Part>> parts = Gen.lists(part, 1, 8);
    return Gen.<List<Part>>of(
            r -> {
              List<Part> list = parts.next(r);
              return r.nextBoolean() ? list.stream().filter(p -> !p.broken()).toList() : list;
            },
            list -> Gen.shrinkList(list, 0, part::shrink))
        .showing(list -> list.stream().map(Part::text).collect(Collectors.joining("\n")));
  }

  private static Part valid(Statement s) {
    return new Part(AstPrinter.print(s), false, s);
  }
}
