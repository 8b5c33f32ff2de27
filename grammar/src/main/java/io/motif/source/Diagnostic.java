package io.motif.source;

/**
 * One problem found in a source text. Diagnostics are values: they are collected, sorted and
 * rendered in one place ({@link DiagnosticRenderer}), never thrown.
 *
 * @param code a stable identifier such as {@code M101}, listed in {@link Codes}
 */
public record Diagnostic(Severity severity, String code, String message, Span span) {

  public static Diagnostic error(String code, String message, Span span) {
    return new Diagnostic(Severity.ERROR, code, message, span);
  }

  public static Diagnostic warning(String code, String message, Span span) {
    return new Diagnostic(Severity.WARNING, code, message, span);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
