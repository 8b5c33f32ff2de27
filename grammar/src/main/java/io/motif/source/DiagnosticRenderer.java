package io.motif.source;

import java.util.List;

/**
 * Renders diagnostics the one way Motif shows them:
 *
 * <pre>
 * rules.motif:3:15: error: unknown duration unit 'mins'; use ms, s, min, h or d
 *   within 5 mins
 *            ^^^^
 * </pre>
 */
public final class DiagnosticRenderer {
  private DiagnosticRenderer() {}

  public static String render(Source source, Diagnostic d) {
    int offset = Math.min(d.span().start(), source.text().length());
    int line = source.line(offset);
    int column = source.column(offset);
    StringBuilder sb = new StringBuilder();
    sb.append(source.name())
        .append(':')
        .append(line)
        .append(':')
        .append(column)
        .append(": ")
        .append(d.severity().label())
        .append(": ")
        .append(d.message())
        .append('\n');
    String text = source.lineText(line);
    sb.append("  ").append(expandTabs(text)).append('\n');
    int caretStart = column - 1;
    int lineEnd = text.length();
    int width = Math.max(1, Math.min(d.span().end(), offset + (lineEnd - caretStart)) - offset);
    sb.append("  ");
    for (int i = 0; i < caretStart && i < text.length(); i++) {
      sb.append(text.charAt(i) == '\t' ? "    " : " ");
    }
    for (int i = caretStart; i > text.length(); i--) {
      sb.append(' ');
    }
    sb.append("^".repeat(width)).append('\n');
    return sb.toString();
  }

  public static String renderAll(Source source, List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append(render(source, d));
    }
    return sb.toString();
  }

  private static String expandTabs(String s) {
    return s.replace("\t", "    ");
  }
}
