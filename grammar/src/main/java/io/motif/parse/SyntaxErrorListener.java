package io.motif.parse;

import io.motif.source.Codes;
import io.motif.source.Diagnostics;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics in the user's words: what was found, and what could
 * stand there, said as "an expression" or "a duration such as `5 min`", never as token names.
 */
final class SyntaxErrorListener extends BaseErrorListener {
  private final Diagnostics diagnostics;
  private final int textLength;
  private int lastErrorOffset = -1;

  /** Where the last `&&` was reported, so its second `&` is not reported again. */
  private int doubleAmpAt = -2;

  /** The names outside ASCII already reported: each once, however often it is written. */
  private final Set<String> reportedNonAscii = new HashSet<>();

  /** Start offsets of the lexical error tokens already reported. */
  private final Set<Integer> reportedLexical = new HashSet<>();

  SyntaxErrorListener(Diagnostics diagnostics, int textLength) {
    this.diagnostics = diagnostics;
    this.textLength = textLength;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
      return; // the lexer never fails: stray characters become UNKNOWN_CHAR tokens
    }
    Span span = spanOf(parser, token);
    if (span.start() == lastErrorOffset) {
      return; // one error per position is enough; recovery often reports twice
    }
    lastErrorOffset = span.start();
    if (reportLexical(token)) {
      return;
    }
    if (token.getType() == MotifLexer.AMP && isDoubleAmp(parser, token)) {
      if (lastErrorOffset - 1 != doubleAmpAt) { // once for the pair
        doubleAmpAt = span.start();
        diagnostics.error(
            Codes.SYNTAX,
            "unexpected `&&`; write `&` to join pattern parts, and"
                + " `and` between two conditions (Motif's boolean operators are `and`, `or`, `not`)",
            span);
      }
      return;
    }
    IntervalSet expected;
    try {
      expected =
          e != null && e.getExpectedTokens() != null
              ? e.getExpectedTokens()
              : parser.getExpectedTokens();
    } catch (RuntimeException ex) {
      expected = new IntervalSet();
    }
    ParserRuleContext ctx = parser.getContext();
    String wanted =
        afterNot(parser, token, expected)
            ? "`in`, `between`, `like` or `matches`"
            : contextPhrase(ctx, expected);
    if (wanted == null) {
      wanted = describe(expected);
    }
    String found =
        token.getType() == Token.EOF
            ? "end of file"
            : startsNextStatement(parser, token)
                ? "end of statement"
                : token.getType() == MotifLexer.QUOTED_IDENT
                    ? token.getText() // already in backquotes
                    : "`" + token.getText() + "`";
    String message =
        wanted == null ? "unexpected " + found : "unexpected " + found + "; expected " + wanted;
    diagnostics.error(Codes.SYNTAX, message, span);
  }

  /**
   * Reports the lexical errors the parser did not: those it met while recovering from an earlier
   * mistake, when ANTLR stays silent. They are mistakes of their own (an unterminated string or
   * comment, a stray character), so each is reported; a run of stray characters counts once.
   */
  void reportLexicalErrors(List<Token> tokens) {
    Token previous = null;
    for (Token t : tokens) {
      boolean runOfStrays =
          previous != null
              && t.getType() == MotifLexer.UNKNOWN_CHAR
              && previous.getType() == MotifLexer.UNKNOWN_CHAR
              && previous.getStopIndex() + 1 == t.getStartIndex();
      if (!runOfStrays && !reportedLexical.contains(t.getStartIndex())) {
        reportLexical(t);
      }
      previous = t;
    }
  }

  /** Reports {@code token} if it is a lexical error; false when it is an ordinary token. */
  private boolean reportLexical(Token token) {
    int start = Math.max(0, token.getStartIndex());
    Span span = new Span(start, Math.max(start, token.getStopIndex() + 1));
    switch (token.getType()) {
      case MotifLexer.UNTERMINATED_STRING ->
          diagnostics.error(
              Codes.UNTERMINATED,
              "unterminated string; close it with a matching quote on the same line",
              span);
      case MotifLexer.UNTERMINATED_COMMENT ->
          diagnostics.error(
              Codes.UNTERMINATED,
              "unterminated block comment; close it with `*/`",
              new Span(start, Math.min(start + 2, textLength)));
      case MotifLexer.UNTERMINATED_QUOTED_IDENT ->
          diagnostics.error(
              Codes.UNTERMINATED,
              "unterminated quoted name; close it with a backquote on the same line, as in"
                  + " `` `from` ``",
              span);
      case MotifLexer.UNKNOWN_CHAR ->
          diagnostics.error(
              Codes.BAD_TOKEN,
              "unexpected character `"
                  + token.getText()
                  + "`"
                  + (token.getText().equals("!")
                      ? "; write `not` (Motif's boolean operators are `and`, `or`, `not`; `!=` is not"
                          + " equal)"
                      : ""),
              span);
      case MotifLexer.NON_ASCII_IDENT -> {
        if (reportedNonAscii.add(token.getText())) {
          diagnostics.error(
              Codes.BAD_TOKEN,
              "`"
                  + token.getText()
                  + "` has letters outside"
                  + " ASCII: write `"
                  + token.getText()
                  + "` in backquotes, as in `` `"
                  + token.getText()
                  + "` ``",
              span);
        }
      }
      default -> {
        return false;
      }
    }
    reportedLexical.add(start);
    return true;
  }

  /**
   * Where an error is shown. At the end of the file, or at a statement keyword that opens a line
   * (the statement being written ended early), that is just after the last token before it: on the
   * line being written, not on an empty last line or the next statement.
   */
  private Span spanOf(Parser parser, Token token) {
    if (token.getType() == Token.EOF || startsNextStatement(parser, token)) {
      Token previous = previousToken(parser, token);
      int at = previous == null ? textLength : Math.min(textLength, previous.getStopIndex() + 1);
      if (token.getType() != Token.EOF) {
        at = Math.min(at, Math.max(0, token.getStartIndex()));
      }
      return new Span(at, at);
    }
    int start = Math.max(0, token.getStartIndex());
    int end = Math.max(start, token.getStopIndex() + 1);
    return new Span(start, end);
  }

  /**
   * {@code x not} followed by something else: the expected set is the one before {@code not} (ANTLR
   * reports from the start of the decision), so it would list {@code and}, {@code or} ...
   */
  private static boolean afterNot(Parser parser, Token token, IntervalSet expected) {
    Token previous = previousToken(parser, token);
    return previous != null
        && previous.getType() == MotifLexer.NOT
        && expected.contains(MotifLexer.IN)
        && !expected.contains(MotifLexer.INTEGER);
  }

  /** {@code token} is one of two adjacent {@code &}: the {@code &&} of other languages. */
  private static boolean isDoubleAmp(Parser parser, Token token) {
    if (!(parser.getInputStream() instanceof BufferedTokenStream tokens)) {
      return false;
    }
    int i = token.getTokenIndex();
    Token before = i > 0 ? tokens.get(i - 1) : null;
    Token after = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
    return before != null
            && before.getType() == MotifLexer.AMP
            && before.getStopIndex() + 1 == token.getStartIndex()
        || after != null
            && after.getType() == MotifLexer.AMP
            && token.getStopIndex() + 1 == after.getStartIndex();
  }

  /** A statement keyword on a later line than the token before it. */
  private static boolean startsNextStatement(Parser parser, Token token) {
    switch (token.getType()) {
      case MotifLexer.EVENT,
          MotifLexer.CONST,
          MotifLexer.PATTERN,
          MotifLexer.TEST,
          MotifLexer.INTERNAL_PATTERN -> {
        Token previous = previousToken(parser, token);
        return previous != null && previous.getLine() < token.getLine();
      }
      default -> {
        return false;
      }
    }
  }

  /** The last token before {@code token} that the parser sees, or null. */
  private static Token previousToken(Parser parser, Token token) {
    if (parser.getInputStream() instanceof BufferedTokenStream tokens) {
      for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
        Token previous = tokens.get(i);
        if (previous.getChannel() == Token.DEFAULT_CHANNEL) {
          return previous;
        }
      }
    }
    return null;
  }

  /** A phrase for errors where the rule says more than the token set. */
  private static String contextPhrase(ParserRuleContext ctx, IntervalSet expected) {
    if (ctx instanceof MotifParser.BetweenExprContext && expected.contains(MotifLexer.AND)) {
      return "`and` and an upper bound, as in `x between 1 and 10`";
    }
    for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
      switch (c.getRuleIndex()) {
        case MotifParser.RULE_patternClause:
          if (c instanceof MotifParser.WithinClauseContext) {
            return "a duration such as `5 min`, or a count such as `100 events`";
          }
          if (c instanceof MotifParser.SkipClauseContext && expected.contains(MotifLexer.IDENT)) {
            return "`past last`, `to next`, `to first x` or `to last x`";
          }
          if (c instanceof MotifParser.PartitionClauseContext
              && expected.contains(MotifLexer.IDENT)
              && !expected.contains(MotifLexer.MATCH)) {
            return "a key such as `user` or `Order.id`";
          }
          return null;
        case MotifParser.RULE_quantifier:
          return "a repetition count such as `{3}`, `{2,}` or `{2,5}`";
        case MotifParser.RULE_fieldDecl:
          return "a field declaration such as `price double`";
        case MotifParser.RULE_eventLiteral:
          if (expected.contains(MotifLexer.AT)) {
            return "`at` and a time such as `at 30s`";
          }
          return null;
        case MotifParser.RULE_statement:
          if (c instanceof MotifParser.TestDeclContext
              && expected.contains(MotifLexer.STRING)
              && expected.size() == 1) {
            return "the test's name as a string, such as `test \"raises one alert\"`";
          }
          return null;
        default:
          break;
      }
    }
    return null;
  }

  private static final int[] EXPRESSION_STARTS = {
    MotifLexer.INTEGER,
    MotifLexer.FLOAT,
    MotifLexer.STRING,
    MotifLexer.TRUE,
    MotifLexer.FALSE,
    MotifLexer.NULL,
    MotifLexer.LPAREN,
    MotifLexer.MINUS
  };
  private static final int[] CLAUSES = {
    MotifLexer.PARTITION,
    MotifLexer.MATCH,
    MotifLexer.WHERE,
    MotifLexer.WITHIN,
    MotifLexer.AFTER,
    MotifLexer.EMIT,
    MotifLexer.ON
  };
  private static final int[] STATEMENTS = {
    MotifLexer.EVENT, MotifLexer.CONST, MotifLexer.PATTERN, MotifLexer.TEST
  };
  // (`internal pattern` starts a statement too; it is left out of the phrase, which names
  // `pattern`.)
  private static final int[] ARROWS = {MotifLexer.ARROW, MotifLexer.ARROW_ANY, MotifLexer.STRICT};
  private static final int[] OPERATORS = {
    MotifLexer.STAR,
    MotifLexer.SLASH,
    MotifLexer.PERCENT,
    MotifLexer.CONCAT,
    MotifLexer.EQ,
    MotifLexer.NEQ,
    MotifLexer.LT,
    MotifLexer.GT,
    MotifLexer.LE,
    MotifLexer.GE,
    MotifLexer.AND,
    MotifLexer.OR,
    MotifLexer.IS,
    MotifLexer.IN,
    MotifLexer.BETWEEN,
    MotifLexer.LIKE
  };

  /** Words for an expected-token set, broad categories first. */
  static String describe(IntervalSet expected) {
    if (expected == null || expected.isNil()) {
      return null;
    }
    Set<Integer> left = new LinkedHashSet<>(expected.toList());
    List<String> phrases = new ArrayList<>();
    if (containsAll(left, EXPRESSION_STARTS)) {
      phrases.add("an expression");
      removeAll(left, EXPRESSION_STARTS);
      left.removeAll(
          List.of(
              MotifLexer.IDENT,
              MotifLexer.QUOTED_IDENT,
              MotifLexer.NOT,
              MotifLexer.PLUS,
              MotifLexer.BY,
              MotifLexer.ON,
              MotifLexer.TIMEOUT,
              MotifLexer.AT,
              MotifLexer.NOTHING,
              MotifLexer.GIVEN,
              MotifLexer.EXPECT,
              MotifLexer.SKIP_,
              MotifLexer.AFTER));
    }
    left.remove(MotifLexer.INTERNAL_PATTERN); // a pattern statement, as `pattern` says
    if (containsAll(left, STATEMENTS)) {
      phrases.add("a statement (`event`, `const`, `pattern` or `test`)");
      removeAll(left, STATEMENTS);
    }
    if (containsAll(left, CLAUSES)) {
      phrases.add("a clause such as `match`, `within` or `emit`");
      removeAll(left, CLAUSES);
    }
    if (containsAll(left, ARROWS)) {
      phrases.add("an arrow (`->`, `->>` or `=>`)");
      removeAll(left, ARROWS);
    }
    boolean operators = containsAll(left, OPERATORS);
    if (operators) {
      removeAll(left, OPERATORS);
      left.removeAll(
          List.of(
              MotifLexer.PLUS,
              MotifLexer.MINUS,
              MotifLexer.ASSIGN,
              MotifLexer.LTGT,
              MotifLexer.NOT,
              MotifLexer.MATCHES,
              MotifLexer.DOT));
    }
    if (left.contains(MotifLexer.IDENT)) {
      phrases.add("a name");
      left.removeAll(
          List.of(
              MotifLexer.IDENT,
              MotifLexer.QUOTED_IDENT,
              MotifLexer.BY,
              MotifLexer.ON,
              MotifLexer.TIMEOUT,
              MotifLexer.AT,
              MotifLexer.NOTHING,
              MotifLexer.GIVEN,
              MotifLexer.EXPECT,
              MotifLexer.SKIP_,
              MotifLexer.AFTER));
    }
    for (int t : left) {
      String p = tokenPhrase(t);
      if (p != null && !phrases.contains(p)) {
        phrases.add(p);
      }
    }
    if (operators) {
      phrases.add("an operator");
    }
    if (phrases.isEmpty()) {
      return null;
    }
    if (phrases.size() > 5) {
      phrases = phrases.subList(0, 5);
    }
    if (phrases.size() == 1) {
      return phrases.get(0);
    }
    return String.join(", ", phrases.subList(0, phrases.size() - 1))
        + " or "
        + phrases.get(phrases.size() - 1);
  }

  private static String tokenPhrase(int type) {
    return switch (type) {
      case Token.EOF -> "the end of the file";
      case MotifLexer.INTEGER -> "a whole number";
      case MotifLexer.FLOAT -> null;
      case MotifLexer.STRING -> "a string";
      case MotifLexer.UNTERMINATED_STRING,
          MotifLexer.UNTERMINATED_COMMENT,
          MotifLexer.UNTERMINATED_QUOTED_IDENT,
          MotifLexer.UNKNOWN_CHAR,
          MotifLexer.QUOTED_IDENT ->
          null;
      default -> {
        String literal = MotifLexer.VOCABULARY.getLiteralName(type);
        yield literal == null ? null : "`" + literal.substring(1, literal.length() - 1) + "`";
      }
    };
  }

  private static boolean containsAll(Set<Integer> set, int[] types) {
    for (int t : types) {
      if (!set.contains(t)) {
        return false;
      }
    }
    return true;
  }

  private static void removeAll(Set<Integer> set, int[] types) {
    for (int t : types) {
      set.remove(t);
    }
  }
}
