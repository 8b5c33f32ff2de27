package io.motif.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, except that it never consumes a statement keyword ({@code event}, {@code const},
 * {@code pattern}, {@code test}): a mistake stays inside its own statement, the next statement
 * parses cleanly, and one mistake gives one diagnostic.
 */
final class StatementRecoveryStrategy extends DefaultErrorStrategy {
  private static final IntervalSet STATEMENT_STARTS = new IntervalSet(MotifLexer.EVENT,
      MotifLexer.CONST, MotifLexer.PATTERN, MotifLexer.TEST);

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    if (STATEMENT_STARTS.contains(recognizer.getInputStream().LA(1))) {
      return;
    }
    super.recover(recognizer, e);
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
