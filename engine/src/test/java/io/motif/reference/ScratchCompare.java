package io.motif.reference;

import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchCompare {
  @Test
  void compare() throws Exception {
    CaseFile f = CaseFile.parse("scratch", Files.readString(Path.of(System.getProperty("scratch"))));
    for (CaseFile.Case c : f.cases()) {
      var ref = EventText.render(Harness.reference(c.source(), c.input(), c.maxDelay()));
      var eng = EventText.render(Harness.engine(c.source(), c.input(), c.maxDelay()).output());
      System.out.println("##### " + c.name() + (ref.equals(eng) ? "  SAME" : "  DIFFERENT"));
      if (!ref.equals(eng) || Boolean.getBoolean("all")) {
        System.out.println("--- reference (" + ref.lines().count() + ")\n" + ref + "--- engine (" + eng.lines().count() + ")\n" + eng);
      }
    }
  }
}
