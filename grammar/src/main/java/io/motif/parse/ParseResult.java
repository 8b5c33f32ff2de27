package io.motif.parse;

import io.motif.ast.Script;
import io.motif.source.Diagnostic;
import io.motif.source.Source;
import java.util.List;
import java.util.Set;

/**
 * What parsing a source gives: the statements that parsed cleanly, every diagnostic found, and the
 * names of statements dropped for syntax errors (so later stages do not report them as unknown).
 */
public record ParseResult(
    Source source, Script script, List<Diagnostic> diagnostics, Set<String> brokenNames) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
    brokenNames = Set.copyOf(brokenNames);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
