package io.motif.engine;

import java.util.List;

/**
 * A {@code test} block of a script: the events given, and the derived events expected. Expected
 * events carry only the fields the test lists; the others are not compared.
 *
 * @param name the test's name
 * @param line the line of the source on which the block starts (1-based)
 * @param given the input events, in order
 * @param expect the derived events expected, in order
 */
public record TestCase(String name, int line, List<Event> given, List<Event> expect) {
  /** Copies the event lists. */
  public TestCase {
    given = List.copyOf(given);
    expect = List.copyOf(expect);
  }
}
