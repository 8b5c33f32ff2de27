package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written cases of {@code src/test/resources/reference/*.cases}, one per paragraph of
 * LANGUAGE.md §4, each run against the engine and against the reference evaluator: both must print
 * exactly the expected table, at the end of the input ({@code drain()}) or, for a case marked
 * {@code --! flush at end}, at the end of time ({@code finish()}). After {@code finish()} the
 * engine must hold nothing: no partial match, partition or buffered event.
 */
class HandWrittenCasesTest {

  @TestFactory
  List<DynamicNode> cases() {
    List<DynamicNode> files = new ArrayList<>();
    for (CaseFile file : CaseFile.all()) {
      List<DynamicNode> cases = new ArrayList<>();
      for (CaseFile.Case c : file.cases()) {
        cases.add(
            DynamicContainer.dynamicContainer(
                c.line() + ": " + c.name(),
                List.of(
                    DynamicTest.dynamicTest(
                        "reference",
                        () -> {
                          ReferenceEvaluator.Outcome out =
                              Harness.reference(c.source(), c.input(), c.maxDelay());
                          assertEquals(
                              c.expected(),
                              EventTable.render(c.flushAtEnd() ? out.finished() : out.drained()),
                              c.toString());
                        }),
                    DynamicTest.dynamicTest(
                        "engine",
                        () -> {
                          Harness.EngineRun run =
                              Harness.engine(c.source(), c.input(), c.maxDelay(), !c.flushAtEnd());
                          assertEquals(
                              c.expected(),
                              EventTable.render(c.flushAtEnd() ? run.finished() : run.drained()),
                              c.toString());
                          assertNull(run.leftovers(), c.toString());
                        }))));
      }
      files.add(DynamicContainer.dynamicContainer(file.file(), cases));
    }
    return files;
  }
}
