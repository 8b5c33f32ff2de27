package io.motif.parse;

import io.motif.ast.Expr;
import io.motif.ast.Statement;
import io.motif.source.Diagnostic;
import io.motif.source.Source;
import io.motif.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * What an interactive front end needs to know about input before it runs it, in the manner of
 * JShell's {@code SourceCodeAnalysis}: whether the input is complete or needs more lines, what kind
 * of input it is, how to colour it, where its first real syntax error is, what an event typed alone
 * says, and what completion can offer at the cursor. The REPL asks here instead of driving the
 * generated lexer and parser itself; only this package sees them.
 *
 * <p>The input of a REPL is a statement ({@code event}, {@code const}, {@code pattern}, {@code
 * test}), a clause on its own line that extends the pattern typed before it ({@code within 5 min}),
 * an event literal ({@code Login(user: "al") at 5s}, the time optional), an event as a JSON object,
 * or a command ({@code :load FILE}, one line).
 */
public final class SourceAnalysis {
  /** Whether an input is whole. */
  public enum Completeness {
    /** Nothing but white space and comments. */
    EMPTY,
    /** Whole: it can run as it is. */
    COMPLETE,
    /**
     * Not yet whole, and more lines could make it so: brackets, a string or a block comment are
     * open, it ends with an operator, or its only syntax errors are at its very end (as in {@code
     * pattern P} before its {@code match} clause).
     */
    INCOMPLETE,
    /** It has a syntax error before its end, which more lines cannot repair. */
    WRONG
  }

  /** What an input is, judged by its first characters and tokens. */
  public enum InputKind {
    /** Nothing but white space, comments and semicolons. */
    EMPTY,
    /** A command: the input starts with {@code :}. */
    COMMAND,
    /** An event as a JSON object: the input starts with <code>{</code>. */
    JSON,
    /** An {@code event} or {@code const} declaration. */
    DECLARATION,
    /** A {@code pattern} (or {@code internal pattern}). */
    PATTERN,
    /** A {@code test}. */
    TEST,
    /** A clause alone ({@code within 5 min}, {@code emit ...}): it extends the pattern before. */
    CLAUSE,
    /** An event literal: a name and an open parenthesis, {@code Login(user: "al") at 5s}. */
    EVENT,
    /** None of these. */
    OTHER;

    /** True for the kinds that are Motif statements. */
    public boolean isStatement() {
      return this == DECLARATION || this == PATTERN || this == TEST;
    }
  }

  private SourceAnalysis() {}

  // ---- kind and completeness ----

  /** What the input is. */
  public static InputKind kind(String input) {
    String t = input.strip();
    if (t.startsWith(":")) {
      return InputKind.COMMAND;
    }
    if (t.startsWith("{")) {
      return InputKind.JSON;
    }
    return kind(Lexemes.significant(input));
  }

  private static InputKind kind(List<Token> tokens) {
    int i = 0;
    while (i < tokens.size() && tokens.get(i).getType() == MotifLexer.SEMI) {
      i++;
    }
    if (i == tokens.size()) {
      return InputKind.EMPTY;
    }
    return switch (tokens.get(i).getType()) {
      case MotifLexer.EVENT, MotifLexer.CONST -> InputKind.DECLARATION;
      case MotifLexer.PATTERN, MotifLexer.INTERNAL_PATTERN -> InputKind.PATTERN;
      case MotifLexer.TEST -> InputKind.TEST;
      case MotifLexer.PARTITION,
          MotifLexer.MATCH,
          MotifLexer.WHERE,
          MotifLexer.WITHIN,
          MotifLexer.AFTER,
          MotifLexer.EMIT,
          MotifLexer.ON ->
          InputKind.CLAUSE;
      case MotifLexer.IDENT, MotifLexer.QUOTED_IDENT ->
          i + 1 < tokens.size() && tokens.get(i + 1).getType() == MotifLexer.LPAREN
              ? InputKind.EVENT
              : InputKind.OTHER;
      default -> InputKind.OTHER;
    };
  }

  /**
   * Whether the input is whole. A command is always whole (it is one line). Any input is incomplete
   * while a bracket, a string or a block comment is open or it ends with an operator or a keyword
   * that needs more after it; a statement also while its only errors are at its end, and a pattern
   * until it has its {@code match} clause. An event, a clause or a JSON object is whole once its
   * brackets close.
   */
  public static Completeness completeness(String input) {
    if (input.isBlank()) {
      return Completeness.EMPTY;
    }
    InputKind kind = kind(input);
    if (kind == InputKind.COMMAND) {
      return Completeness.COMPLETE;
    }
    List<Token> tokens = Lexemes.all(input);
    if (isOpen(tokens)) {
      return Completeness.INCOMPLETE;
    }
    return switch (kind) {
      case EMPTY -> Completeness.EMPTY;
      case DECLARATION, TEST -> statementCompleteness(input);
      case PATTERN ->
          tokens.stream().noneMatch(t -> t.getType() == MotifLexer.MATCH)
              ? Completeness.INCOMPLETE
              : statementCompleteness(input);
      case EVENT ->
          errorBefore(event(input).diagnostics(), input.stripTrailing().length())
              ? Completeness.WRONG
              : Completeness.COMPLETE;
      default -> Completeness.COMPLETE;
    };
  }

  /**
   * True when the tokens end inside an open construct: unbalanced brackets, an unterminated block
   * comment, or a trailing operator or keyword that needs more after it.
   */
  private static boolean isOpen(List<Token> tokens) {
    int depth = 0;
    Token last = null;
    for (Token t : tokens) {
      switch (t.getType()) {
        case MotifLexer.LPAREN, MotifLexer.LBRACE -> depth++;
        case MotifLexer.RPAREN, MotifLexer.RBRACE -> depth--;
        case MotifLexer.UNTERMINATED_COMMENT -> {
          return true;
        }
        default -> {}
      }
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        last = t;
      }
    }
    if (depth > 0) {
      return true;
    }
    if (last == null) {
      return false;
    }
    return switch (last.getType()) {
      case MotifLexer.ARROW,
          MotifLexer.ARROW_ANY,
          MotifLexer.STRICT,
          MotifLexer.BAR,
          MotifLexer.AMP,
          MotifLexer.COMMA,
          MotifLexer.COLON,
          MotifLexer.AND,
          MotifLexer.OR,
          MotifLexer.PLUS,
          MotifLexer.MINUS,
          MotifLexer.STAR,
          MotifLexer.SLASH,
          MotifLexer.EQ,
          MotifLexer.ASSIGN,
          MotifLexer.LT,
          MotifLexer.GT,
          MotifLexer.LE,
          MotifLexer.GE,
          MotifLexer.NEQ,
          MotifLexer.MATCH,
          MotifLexer.WHERE,
          MotifLexer.WITHIN,
          MotifLexer.EMIT,
          MotifLexer.BY,
          MotifLexer.PATTERN,
          MotifLexer.INTERNAL_PATTERN,
          MotifLexer.EVENT,
          MotifLexer.NOT ->
          true;
      default -> false;
    };
  }

  private static Completeness statementCompleteness(String input) {
    SourceParser.Fragment<Statement> f = SourceParser.parseStatement(new Source("<input>", input));
    if (!f.hasErrors()) {
      return Completeness.COMPLETE;
    }
    return errorBefore(f.diagnostics(), input.stripTrailing().length())
        ? Completeness.WRONG
        : Completeness.INCOMPLETE;
  }

  private static boolean errorBefore(List<Diagnostic> diagnostics, int end) {
    for (Diagnostic d : diagnostics) {
      if (d.isError() && d.span().start() < end) {
        return true;
      }
    }
    return false;
  }

  // ---- highlighting and errors ----

  /**
   * The stretches of the input to colour, in order, not overlapping, with the first real syntax
   * error (see {@link #syntaxError}) marked over whatever was there. A command gets its name marked
   * only. A string or block comment still open at the end is being typed: it is marked as a string
   * or a comment, and no syntax error is marked then.
   *
   * @param continuedPattern the text of the pattern a clause typed alone extends, or null
   */
  public static List<Highlight> highlights(String input, String continuedPattern) {
    List<Highlight> out = new ArrayList<>();
    String trimmed = input.stripLeading();
    if (trimmed.startsWith(":")) {
      int start = input.length() - trimmed.length();
      int end = start;
      while (end < input.length() && !Character.isWhitespace(input.charAt(end))) {
        end++;
      }
      out.add(new Highlight(start, end, Highlight.Category.COMMAND));
      return out;
    }
    int previous = -1;
    int previousAt = -1; // where the previous significant token's highlight is in out
    boolean openAtEnd = false;
    for (Token t : Lexemes.all(input)) {
      int start = t.getStartIndex();
      int end = Lexemes.end(t);
      int type = t.getType();
      Highlight.Category category = category(type, end >= input.length());
      if (type == MotifLexer.IDENT
          && (previous == MotifLexer.INTEGER || previous == MotifLexer.FLOAT)
          && isUnit(t.getText())) {
        // The number before was a duration's (or a count's): 5 min, 30s, 10 events.
        category = Highlight.Category.DURATION;
        Highlight number = out.get(previousAt);
        out.set(
            previousAt, new Highlight(number.start(), number.end(), Highlight.Category.DURATION));
      }
      if (category != null) {
        out.add(new Highlight(start, end, category));
      }
      openAtEnd =
          (type == MotifLexer.UNTERMINATED_STRING || type == MotifLexer.UNTERMINATED_COMMENT)
              && end >= input.length();
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        previous = type;
        previousAt = out.size() - 1;
      }
    }
    if (openAtEnd) {
      return out;
    }
    Optional<Span> error = syntaxError(input, continuedPattern);
    return error.isEmpty() ? out : overlay(out, error.get().start(), error.get().end());
  }

  /** The category of a token, or null for white space. */
  private static Highlight.Category category(int type, boolean atEnd) {
    return switch (type) {
      case MotifLexer.STRING -> Highlight.Category.STRING;
      case MotifLexer.UNTERMINATED_STRING ->
          atEnd ? Highlight.Category.STRING : Highlight.Category.ERROR;
      case MotifLexer.INTEGER, MotifLexer.FLOAT -> Highlight.Category.NUMBER;
      case MotifLexer.LINE_COMMENT, MotifLexer.BLOCK_COMMENT, MotifLexer.UNTERMINATED_COMMENT ->
          Highlight.Category.COMMENT;
      case MotifLexer.UNKNOWN_CHAR, MotifLexer.UNTERMINATED_QUOTED_IDENT ->
          Highlight.Category.ERROR;
      case MotifLexer.IDENT, MotifLexer.QUOTED_IDENT, MotifLexer.NON_ASCII_IDENT ->
          Highlight.Category.IDENTIFIER;
      case MotifLexer.WS -> null;
      default ->
          Lexemes.isKeyword(type)
              ? Highlight.Category.KEYWORD
              : Lexemes.isSymbol(type) ? Highlight.Category.OPERATOR : null;
    };
  }

  /** A word the language takes as the unit after a number: a duration's, or {@code events}. */
  private static boolean isUnit(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return AstBuilder.unitMillis(w) > 0 || w.equals("events") || w.equals("event");
  }

  /** The highlights with {@code [from, to)} marked as an error over whatever was there. */
  private static List<Highlight> overlay(List<Highlight> highlights, int from, int to) {
    List<Highlight> out = new ArrayList<>();
    Highlight error = new Highlight(from, to, Highlight.Category.ERROR);
    boolean added = false;
    for (Highlight h : highlights) {
      if (h.end() <= from || h.start() >= to) {
        if (!added && h.start() >= to) {
          out.add(error);
          added = true;
        }
        out.add(h);
        continue;
      }
      if (h.start() < from) {
        out.add(new Highlight(h.start(), from, h.category()));
      }
      if (!added) {
        out.add(error);
        added = true;
      }
      if (h.end() > to) {
        out.add(new Highlight(to, h.end(), h.category()));
      }
    }
    if (!added) {
      out.add(error);
    }
    return out;
  }

  /**
   * The first syntax error in the input that is not merely the input stopping early (a statement
   * still being typed), as {@code [start, end)} in the input. A statement is parsed as typed; an
   * event literal alone; a clause as part of the pattern it extends. Other inputs have none.
   *
   * @param continuedPattern the text of the pattern a clause typed alone extends, or null (a clause
   *     then has none: running it says what is wrong)
   */
  public static Optional<Span> syntaxError(String input, String continuedPattern) {
    String prefix = "";
    List<Diagnostic> diagnostics;
    InputKind kind = kind(input);
    if (kind.isStatement()) {
      diagnostics = SourceParser.parse(new Source("<input>", input)).diagnostics();
    } else if (kind == InputKind.CLAUSE && continuedPattern != null) {
      prefix = continuedPattern + "\n";
      diagnostics = SourceParser.parse(new Source("<input>", prefix + input)).diagnostics();
    } else if (kind == InputKind.EVENT) {
      diagnostics = event(input).diagnostics();
    } else {
      return Optional.empty();
    }
    int from = prefix.length();
    int end = from + input.stripTrailing().length();
    for (Diagnostic d : diagnostics) {
      int start = d.span().start();
      if (d.isError() && start >= from && start < end) {
        int stop = Math.min(Math.max(d.span().end(), start + 1), from + input.length());
        return Optional.of(new Span(start - from, stop - from));
      }
    }
    return Optional.empty();
  }

  // ---- events ----

  /** An event literal typed alone, parsed: {@code Login(user: "al") at 5s}, the time optional. */
  public static ParsedEvent event(String input) {
    SourceParser.Fragment<Statement.EventLiteral> f =
        SourceParser.parseEvent(new Source("<input>", input));
    boolean hasTime = hasTime(Lexemes.significant(input));
    Statement.EventLiteral literal = f.value();
    if (literal == null) {
      return new ParsedEvent(null, Map.of(), null, hasTime, f.diagnostics());
    }
    Map<String, Expr> fields = new LinkedHashMap<>();
    for (Statement.FieldValue v : literal.event().fields()) {
      fields.putIfAbsent(v.name().name(), v.value());
    }
    return new ParsedEvent(
        literal.event().type().name(), fields, literal.time(), hasTime, f.diagnostics());
  }

  /** True when {@code at} follows the closing parenthesis of the literal's first bracket. */
  private static boolean hasTime(List<Token> tokens) {
    int depth = 0;
    boolean closed = false;
    for (Token t : tokens) {
      switch (t.getType()) {
        case MotifLexer.LPAREN -> depth++;
        case MotifLexer.RPAREN -> closed = --depth == 0 || closed;
        case MotifLexer.AT -> {
          if (closed && depth == 0) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }

  // ---- completion ----

  /** What the text before the cursor (up to the word being completed) expects next. */
  public static CompletionContext completionContext(String before) {
    List<Token> tokens = Lexemes.significant(before);
    if (tokens.isEmpty()) {
      return context(CompletionContext.Expecting.STATEMENT, List.of(), tokens, false);
    }
    int first = tokens.get(0).getType();
    int previous = tokens.get(tokens.size() - 1).getType();
    int beforePrevious = tokens.size() >= 2 ? tokens.get(tokens.size() - 2).getType() : -1;
    boolean inMatch = inMatch(tokens);
    if (first == MotifLexer.EVENT) {
      // event Name(field type, ...): after a field name comes its type.
      boolean fieldType =
          !enclosingCalls(tokens).isEmpty()
              && previous == MotifLexer.IDENT
              && (beforePrevious == MotifLexer.LPAREN || beforePrevious == MotifLexer.COMMA);
      return context(
          fieldType
              ? CompletionContext.Expecting.FIELD_TYPE
              : CompletionContext.Expecting.DECLARED_NAME,
          List.of(),
          tokens,
          false);
    }
    if (previous == MotifLexer.EMIT
        || previous == MotifLexer.COLON && inMatch && beforePrevious == MotifLexer.IDENT) {
      return context(CompletionContext.Expecting.EVENT_TYPE, List.of(), tokens, inMatch);
    }
    List<String> keywords =
        switch (previous) {
          case MotifLexer.AFTER -> List.of("match skip");
          case MotifLexer.SKIP_ -> List.of("past last", "to next");
          case MotifLexer.ON -> List.of("timeout emit");
          default -> List.of();
        };
    return context(
        keywords.isEmpty()
            ? CompletionContext.Expecting.EXPRESSION
            : CompletionContext.Expecting.KEYWORDS,
        keywords,
        tokens,
        inMatch);
  }

  private static CompletionContext context(
      CompletionContext.Expecting expecting,
      List<String> keywords,
      List<Token> tokens,
      boolean inMatch) {
    InputKind kind = kind(tokens);
    boolean inPattern = kind == InputKind.PATTERN || kind == InputKind.CLAUSE;
    return new CompletionContext(expecting, keywords, enclosingCalls(tokens), inMatch, inPattern);
  }

  /** The names before each open parenthesis, innermost first: {@code Login(lower(} gives both. */
  private static List<String> enclosingCalls(List<Token> tokens) {
    Deque<String> stack = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      int type = tokens.get(i).getType();
      if (type == MotifLexer.LPAREN) {
        stack.push(
            i > 0 && tokens.get(i - 1).getType() == MotifLexer.IDENT
                ? tokens.get(i - 1).getText()
                : "");
      } else if (type == MotifLexer.RPAREN && !stack.isEmpty()) {
        stack.pop();
      }
    }
    return List.copyOf(stack);
  }

  /** True when the last clause begun in the tokens is {@code match}. */
  private static boolean inMatch(List<Token> tokens) {
    boolean in = false;
    for (int i = 0; i < tokens.size(); i++) {
      in = inMatchAfter(tokens, i, in);
    }
    return in;
  }

  /** Whether the text is in a {@code match} clause after token {@code i}. */
  private static boolean inMatchAfter(List<Token> tokens, int i, boolean in) {
    return switch (tokens.get(i).getType()) {
      case MotifLexer.MATCH -> i == 0 || tokens.get(i - 1).getType() != MotifLexer.AFTER;
      case MotifLexer.WHERE,
          MotifLexer.WITHIN,
          MotifLexer.EMIT,
          MotifLexer.PARTITION,
          MotifLexer.AFTER,
          MotifLexer.ON,
          MotifLexer.PATTERN,
          MotifLexer.INTERNAL_PATTERN ->
          false;
      default -> in;
    };
  }

  /**
   * The bindings of the pattern in the text, with their event types' names: each {@code x: Type} of
   * its {@code match} clause, the first for a name bound twice.
   */
  public static Map<String, String> bindings(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Token> tokens = Lexemes.significant(text);
    boolean in = false;
    for (int i = 0; i < tokens.size(); i++) {
      in = inMatchAfter(tokens, i, in);
      Token t = tokens.get(i);
      if (in
          && t.getType() == MotifLexer.IDENT
          && i + 2 < tokens.size()
          && tokens.get(i + 1).getType() == MotifLexer.COLON
          && tokens.get(i + 2).getType() == MotifLexer.IDENT) {
        out.putIfAbsent(t.getText(), tokens.get(i + 2).getText());
      }
    }
    return out;
  }
}
