package io.motif.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, except that it never consumes a statement keyword ({@code event}, {@code
 * const}, {@code pattern}, {@code test}): a mistake stays inside its own statement, the next
 * statement parses cleanly, and one mistake gives one diagnostic.
 */
final class StatementRecoveryStrategy extends DefaultErrorStrategy {
  private static final IntervalSet STATEMENT_STARTS =
      new IntervalSet(
          MotifLexer.EVENT,
          MotifLexer.CONST,
          MotifLexer.PATTERN,
          MotifLexer.TEST,
          MotifLexer.INTERNAL_PATTERN);

  /** Soft keywords: names where nothing else could stand, so ANTLR may take them for a name. */
  private static final IntervalSet SOFT_KEYWORDS =
      new IntervalSet(
          MotifLexer.BY,
          MotifLexer.ON,
          MotifLexer.TIMEOUT,
          MotifLexer.AT,
          MotifLexer.NOTHING,
          MotifLexer.GIVEN,
          MotifLexer.EXPECT,
          MotifLexer.SKIP_,
          MotifLexer.AFTER);

  /**
   * Between statements, a token that cannot start one is reported (unless it is left over from a
   * mistake already reported) and skipped up to the next statement. ANTLR's own sync would throw
   * here, and the script rule would end, silently dropping the rest of the file.
   */
  @Override
  public void sync(Parser recognizer) throws RecognitionException {
    if (recognizer.getContext().getRuleIndex() != MotifParser.RULE_script) {
      super.sync(recognizer);
      return;
    }
    int la = recognizer.getInputStream().LA(1);
    if (la == Token.EOF || la == MotifLexer.SEMI || STATEMENT_STARTS.contains(la)) {
      return;
    }
    reportUnwantedToken(recognizer); // silent while in error recovery mode
    IntervalSet stop = new IntervalSet(MotifLexer.SEMI, Token.EOF);
    consumeUntil(recognizer, stop); // also stops at statement keywords
  }

  /**
   * No conjured token before a soft keyword: {@code Login(ok: true) expect nothing} lacks {@code
   * at}, and reading {@code expect} as the missing time would report a second, spurious error after
   * it.
   */
  @Override
  protected boolean singleTokenInsertion(Parser recognizer) {
    if (SOFT_KEYWORDS.contains(recognizer.getInputStream().LA(1))) {
      return false;
    }
    return super.singleTokenInsertion(recognizer);
  }

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    if (STATEMENT_STARTS.contains(recognizer.getInputStream().LA(1))) {
      return;
    }
    super.recover(recognizer, e);
  }

  /**
   * Marks the rule being matched as failed, even when a token is conjured or deleted and parsing
   * goes on: in rules that match a set of tokens ({@code identifier}, {@code number}) ANTLR leaves
   * no error node for a conjured token, and the statement would otherwise reach the AST builder
   * with an empty name or number.
   */
  @Override
  public Token recoverInline(Parser recognizer) throws RecognitionException {
    ParserRuleContext ctx = recognizer.getContext();
    Token token = super.recoverInline(recognizer);
    if (ctx.exception == null) {
      ctx.exception = new InputMismatchException(recognizer);
    }
    return token;
  }

  @Override
  protected void consumeUntil(Parser recognizer, IntervalSet set) {
    IntervalSet stop = new IntervalSet(set);
    stop.addAll(STATEMENT_STARTS);
    super.consumeUntil(recognizer, stop);
  }

  @Override
  protected Token singleTokenDeletion(Parser recognizer) {
    if (STATEMENT_STARTS.contains(recognizer.getInputStream().LA(1))) {
      return null;
    }
    return super.singleTokenDeletion(recognizer);
  }
}
