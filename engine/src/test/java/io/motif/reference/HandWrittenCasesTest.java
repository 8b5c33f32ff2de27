package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written cases of {@code src/test/resources/reference/*.cases}, one per paragraph of
 * LANGUAGE.md §4 (negation, absence, {@code &} and timeouts aside), each run against the engine and
 * against the reference evaluator: both must print exactly the expected table.
 */
class HandWrittenCasesTest {

  @TestFactory
  List<DynamicNode> cases() {
    List<DynamicNode> files = new ArrayList<>();
    for (CaseFile file : CaseFile.all()) {
      List<DynamicNode> cases = new ArrayList<>();
      for (CaseFile.Case c : file.cases()) {
        cases.add(DynamicContainer.dynamicContainer(c.line() + ": " + c.name(), List.of(
            DynamicTest.dynamicTest("reference", () -> assertEquals(c.expected(),
                EventText.render(Harness.reference(c.source(), c.input(), c.maxDelay())), c.toString())),
            DynamicTest.dynamicTest("engine", () -> {
              Harness.EngineRun run = Harness.engine(c.source(), c.input(), c.maxDelay());
              assertEquals(c.expected(), EventText.render(run.output()), c.toString());
              if (run.allWindowsTimed()) {
                assertEquals(0, run.partialsAfterWindows(),
                    c + ": partial matches left once every window closed");
              }
            }))));
      }
      files.add(DynamicContainer.dynamicContainer(file.file(), cases));
    }
    return files;
  }
}
