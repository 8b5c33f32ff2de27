package io.motif.cli.test;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.motif.engine.Event;
import io.motif.io.EventText;
import java.util.ArrayList;
import java.util.List;

/**
 * The text {@code motif test} prints for a test: {@code PASS name}, or {@code FAIL name} with the
 * test's position and a diff of expected against actual derived events, one event per line.
 */
public final class TestReport {
  private TestReport() {}

  /**
   * The report of one outcome; {@code where} is {@code file:line} of the test. Ends with a line
   * break.
   */
  public static String render(TestRunner.Outcome o, String where) {
    StringBuilder sb = new StringBuilder();
    if (o.passed()) {
      sb.append("PASS ").append(o.test().name()).append('\n');
      for (String note : o.notes()) {
        sb.append("  note: ").append(note).append('\n');
      }
      return sb.toString();
    }
    List<Event> expected = o.test().expect();
    List<Event> actual = o.actual();
    sb.append("FAIL ").append(o.test().name()).append("  (").append(where).append(")\n");
    for (String note : o.notes()) {
      sb.append("  ").append(note).append('\n');
    }
    if (!TestRunner.matches(expected, actual)) {
      if (expected.size() == actual.size()) {
        sb.append("  the derived events differ (- expected, + actual):\n");
      } else {
        sb.append("  expected ")
            .append(count(expected.size()))
            .append(", got ")
            .append(count(actual.size()))
            .append(" (- expected, + actual):\n");
      }
      List<String> left = new ArrayList<>();
      for (Event e : expected) {
        left.add(EventText.render(e));
      }
      List<String> right = actualLines(expected, actual, left);
      for (String line : diff(left, right)) {
        sb.append("    ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static String count(int n) {
    return n == 0 ? "no derived events" : n == 1 ? "1 derived event" : n + " derived events";
  }

  /**
   * Renders actual events so that the diff shows only real differences: an actual event that
   * matches an expected one is written exactly as that expectation; one with the type of the
   * expectation at its position shows only the fields that expectation lists; any other shows all
   * its fields.
   */
  private static List<String> actualLines(
      List<Event> expected, List<Event> actual, List<String> expectedLines) {
    boolean[] used = new boolean[expected.size()];
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) {
      Event a = actual.get(i);
      String line = null;
      int match = -1;
      if (i < expected.size() && !used[i] && TestRunner.matches(expected.get(i), a)) {
        match = i;
      } else {
        for (int j = 0; j < expected.size(); j++) {
          if (!used[j] && TestRunner.matches(expected.get(j), a)) {
            match = j;
            break;
          }
        }
      }
      if (match >= 0) {
        used[match] = true;
        line = expectedLines.get(match);
      } else if (i < expected.size() && expected.get(i).type().equals(a.type())) {
        line = EventText.render(a, expected.get(i).fields().keySet());
      } else {
        line = EventText.render(a);
      }
      lines.add(line);
    }
    return lines;
  }

  /** Every line, each prefixed with {@code " "}, {@code "- "} or {@code "+ "}. */
  static List<String> diff(List<String> left, List<String> right) {
    Patch<String> patch = DiffUtils.diff(left, right);
    List<String> out = new ArrayList<>();
    int pos = 0;
    for (AbstractDelta<String> d : patch.getDeltas()) {
      int start = d.getSource().getPosition();
      while (pos < start) {
        out.add("  " + left.get(pos++));
      }
      for (String s : d.getSource().getLines()) {
        out.add("- " + s);
      }
      for (String s : d.getTarget().getLines()) {
        out.add("+ " + s);
      }
      pos += d.getSource().size();
    }
    while (pos < left.size()) {
      out.add("  " + left.get(pos++));
    }
    return out;
  }
}
