package io.motif.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

/**
 * The Motif lexer's tokens of a text, for {@link SourceAnalysis}: read as UTF-16 code units, as the
 * parser reads them, so offsets are Java string offsets. What a token is (a keyword, an operator)
 * is read from the lexer's vocabulary, not from how the generated token types are numbered.
 */
final class Lexemes {
  private static final Vocabulary VOCABULARY = MotifLexer.VOCABULARY;

  private Lexemes() {}

  /** Every token of the text, comments and white space included, without the end of input. */
  static List<Token> all(String text) {
    return lex(text, false, Integer.MAX_VALUE);
  }

  /** The tokens of the text that are not comments or white space. */
  static List<Token> significant(String text) {
    return lex(text, true, Integer.MAX_VALUE);
  }

  /** The first {@code max} tokens of the text that are not comments or white space. */
  static List<Token> significant(String text, int max) {
    return lex(text, true, max);
  }

  private static List<Token> lex(String text, boolean significantOnly, int max) {
    MotifLexer lexer = new MotifLexer(SourceParser.utf16(text, "<input>"));
    lexer.removeErrorListeners();
    List<Token> out = new ArrayList<>();
    for (Token t = lexer.nextToken();
        t.getType() != Token.EOF && out.size() < max;
        t = lexer.nextToken()) {
      if (!significantOnly || t.getChannel() == Token.DEFAULT_CHANNEL) {
        out.add(t);
      }
    }
    return out;
  }

  /** A keyword: a token the lexer spells as a fixed word ({@code event}, {@code within}...). */
  static boolean isKeyword(int type) {
    if (type == MotifLexer.INTERNAL_PATTERN) {
      return true; // `internal pattern`, one token with white space inside, so no literal
    }
    String literal = VOCABULARY.getLiteralName(type);
    return literal != null && Character.isLetter(literal.charAt(1));
  }

  /** An operator or punctuation: a token the lexer spells as fixed symbols. */
  static boolean isSymbol(int type) {
    String literal = VOCABULARY.getLiteralName(type);
    return literal != null && !Character.isLetter(literal.charAt(1));
  }

  /** The end offset (exclusive) of a token. */
  static int end(Token t) {
    return t.getStopIndex() + 1;
  }
}
