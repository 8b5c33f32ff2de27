package io.motif.reference;

import io.motif.engine.Event;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchMinimize {
  static boolean differs(String src, List<Event> in) {
    try {
      var ref = EventText.render(Harness.reference(src, in));
      var eng = EventText.render(Harness.engine(src, in).output());
      return !ref.equals(eng);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void minimize() throws Exception {
    CaseFile f = CaseFile.parse("scratch", Files.readString(Path.of(System.getProperty("scratch"))));
    for (CaseFile.Case c : f.cases()) {
      List<Event> in = new ArrayList<>(c.input());
      if (!differs(c.source(), in)) { System.out.println("##### " + c.name() + " SAME"); continue; }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int i = 0; i < in.size(); i++) {
          List<Event> t = new ArrayList<>(in);
          t.remove(i);
          if (differs(c.source(), t)) { in = t; changed = true; i--; }
        }
        // simplify field values: drop fields
        for (int i = 0; i < in.size(); i++) {
          Event e = in.get(i);
          for (String k : new ArrayList<>(e.fields().keySet())) {
            Map<String, Object> m = new LinkedHashMap<>(e.fields());
            m.remove(k);
            List<Event> t = new ArrayList<>(in);
            t.set(i, Event.of(e.type(), e.time(), m));
            if (differs(c.source(), t)) { in = t; e = t.get(i); changed = true; }
          }
        }
      }
      System.out.println("##### " + c.name() + " minimized to " + in.size());
      System.out.println(c.source() + "given\n" + EventText.render(in));
      System.out.println("--- reference\n" + EventText.render(Harness.reference(c.source(), in)) + "--- engine\n" + EventText.render(Harness.engine(c.source(), in).output()));
    }
  }
}
