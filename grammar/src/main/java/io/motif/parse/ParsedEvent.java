package io.motif.parse;

import io.motif.ast.Expr;
import io.motif.source.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event literal typed alone, as the REPL reads it ({@code Login(user: "al") at 5s}, the time
 * optional), parsed (see {@link SourceAnalysis#event}).
 *
 * @param type the event type's name, or null when the literal has syntax errors
 * @param fields the field values by field name, in the order written (the first value of a field
 *     given twice); empty when the literal has syntax errors
 * @param time the expression after {@code at}, or null when there is none or it did not parse
 * @param hasTime whether {@code at} follows the literal's closing parenthesis, judged from its
 *     tokens, so also when the literal has errors
 * @param diagnostics the syntax errors, sorted; empty when the literal parsed
 */
public record ParsedEvent(
    String type,
    Map<String, Expr> fields,
    Expr time,
    boolean hasTime,
    List<Diagnostic> diagnostics) {
  /** Copies the collections. */
  public ParsedEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when the literal parsed. */
  public boolean parsed() {
    return type != null;
  }
}
