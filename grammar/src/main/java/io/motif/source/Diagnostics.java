package io.motif.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A bounded collector of diagnostics; past the bound one last error says how many were left out.
 */
public final class Diagnostics {
  /** More errors than this in one source are not worth reading; the rest are counted. */
  public static final int MAX_ERRORS = 100;

  private final List<Diagnostic> items = new ArrayList<>();
  private int errors;
  private int dropped;

  public void add(Diagnostic d) {
    if (d.isError()) {
      errors++;
      if (errors > MAX_ERRORS) {
        dropped++;
        return;
      }
    }
    items.add(d);
  }

  public void error(String code, String message, Span span) {
    add(Diagnostic.error(code, message, span));
  }

  public void warning(String code, String message, Span span) {
    add(Diagnostic.warning(code, message, span));
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public int errorCount() {
    return errors;
  }

  /** All diagnostics, sorted by position, duplicates removed. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>();
    items.stream()
        .sorted(
            Comparator.comparingInt((Diagnostic d) -> d.span().start())
                .thenComparingInt(d -> d.span().end()))
        .distinct()
        .forEach(out::add);
    if (dropped > 0) {
      Span end = out.isEmpty() ? Span.NONE : out.get(out.size() - 1).span();
      out.add(Diagnostic.error(Codes.TOO_MANY_ERRORS, dropped + " more error(s) not shown", end));
    }
    return out;
  }
}
