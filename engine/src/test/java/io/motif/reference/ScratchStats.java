package io.motif.reference;

import io.motif.engine.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchStats {
  @Test
  void stats() {
    for (String src : new String[] {"pattern P match (A | A)+ -> s: A(x == 1)", "pattern P match (A+)+ -> s: A(x == 1)", "pattern P match x: X -> (A+)+ -> s: A(x == 1)", "pattern P match (A*){2} -> s: A(x == 1)", "pattern P match A+ -> A* -> s: A(x == 1)"})
    for (int n : new int[] {4, 8, 12}) {
      Compilation c = Motif.compile("s", src);
      Engine e = Engine.builder().build();
      e.deploy(c.script());
      List<Event> out = new ArrayList<>();
      e.subscribe("*", out::add);
      long maxPartials = 0;
      e.send(Event.of("X", 0, Map.of()));
      for (int i = 0; i < n; i++) {
        e.send(Event.of("A", i * 1000L, Map.of()));
        maxPartials = Math.max(maxPartials, e.stats().partialMatches());
      }
      e.send(Event.of("A", 20000L, Map.of("x", 1L)));
      System.out.println("n=" + n + " " + src + " out=" + out.size() + " maxPartials=" + maxPartials + " evicted=" + e.stats().evicted());
    }
  }
}
