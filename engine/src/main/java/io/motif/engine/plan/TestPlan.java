package io.motif.engine.plan;

import io.motif.engine.Event;
import java.util.List;

/**
 * A {@code test} block: the events given, and the derived events expected. Expected events carry
 * only the fields the test lists; the rest are not compared. {@code offset} is where the block
 * starts in the source.
 */
public record TestPlan(String name, int offset, List<Event> given, List<Event> expect) {
  public TestPlan {
    given = List.copyOf(given);
    expect = List.copyOf(expect);
  }
}
