package io.motif.parse;

import java.util.List;

/**
 * What the text before the cursor expects next, for completion (see {@link
 * SourceAnalysis#completionContext}). The front end knows the grammar; the shell knows the names
 * (types, fields, functions) to offer for it.
 *
 * @param expecting what kind of word comes next
 * @param keywords for {@link Expecting#KEYWORDS}, the words that may follow ({@code match skip}
 *     after {@code after}); empty otherwise
 * @param enclosingCalls the names before each open parenthesis around the cursor, innermost first
 *     ({@code Login(lower(} gives {@code lower}, {@code Login}); an empty name for a parenthesis
 *     with no name before it
 * @param inMatch whether the last clause begun is {@code match}, where event types stand
 * @param inPattern whether the text is (part of) a pattern, whose clauses may follow
 */
public record CompletionContext(
    Expecting expecting,
    List<String> keywords,
    List<String> enclosingCalls,
    boolean inMatch,
    boolean inPattern) {
  /** What kind of word comes next. */
  public enum Expecting {
    /** Nothing typed yet: a statement keyword, an event (a type name) or a clause. */
    STATEMENT,
    /** The type of a field in an event declaration ({@code event Login(user }). */
    FIELD_TYPE,
    /** A name being declared in an event declaration: nothing known to offer. */
    DECLARED_NAME,
    /** An event type: after {@code emit}, or after {@code x:} in a {@code match} clause. */
    EVENT_TYPE,
    /** One of a few keywords, listed in {@link CompletionContext#keywords}. */
    KEYWORDS,
    /** An expression or a pattern: names, functions, expression keywords. */
    EXPRESSION
  }

  /** Copies the lists. */
  public CompletionContext {
    keywords = List.copyOf(keywords);
    enclosingCalls = List.copyOf(enclosingCalls);
  }
}
