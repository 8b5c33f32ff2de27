package io.motif.shell;

import io.motif.parse.SourceAnalysis;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Tells JLine when the input is a complete statement, and where the word being completed starts.
 * The front end decides completeness ({@link SourceAnalysis#completeness}): the input is incomplete
 * while brackets, strings or comments are open, after a trailing operator, or when the only errors
 * in it are at its very end (it stops before a statement is whole, as {@code pattern P} without
 * {@code match} does). Commands ({@code :...}) are one line; an empty line ends any input.
 */
final class StatementParser implements Parser {
  @Override
  public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && isIncomplete(line)) {
      throw new EOFError(-1, -1, "incomplete statement", "statement");
    }
    return Words.of(line, cursor);
  }

  /**
   * True while the shell should keep reading lines for this input: while the front end finds it
   * {@link SourceAnalysis.Completeness#INCOMPLETE incomplete}, unless its last line is empty (an
   * empty line ends the input, complete or not, so that running it says what is wrong).
   */
  static boolean isIncomplete(String text) {
    if (text.contains("\n") && text.substring(text.lastIndexOf('\n') + 1).isBlank()) {
      return false;
    }
    return SourceAnalysis.completeness(text) == SourceAnalysis.Completeness.INCOMPLETE;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '`';
  }

  /**
   * The input split into words for completion. In a command line ({@code :load FILE}) words are
   * separated by white space, so a file name is one word; in Motif text a word is a name with its
   * dots ({@code s.us}), so completing replaces just the name being typed.
   */
  record Words(String line, int cursor, List<String> words, int wordIndex, int start, int end)
      implements CompletingParsedLine {

    static Words of(String line, int cursor) {
      int c = Math.max(0, Math.min(cursor, line.length()));
      boolean command = line.stripLeading().startsWith(":");
      int start = c;
      while (start > 0
          && (command
              ? !Character.isWhitespace(line.charAt(start - 1))
              : isWordChar(line.charAt(start - 1)))) {
        start--;
      }
      int end = c;
      while (end < line.length()
          && (command ? !Character.isWhitespace(line.charAt(end)) : isWordChar(line.charAt(end)))) {
        end++;
      }
      List<String> words = new ArrayList<>();
      int index = -1;
      int before = 0;
      int i = 0;
      while (i < line.length()) {
        if (!(command ? !Character.isWhitespace(line.charAt(i)) : isWordChar(line.charAt(i)))) {
          i++;
          continue;
        }
        int j = i;
        while (j < line.length()
            && (command ? !Character.isWhitespace(line.charAt(j)) : isWordChar(line.charAt(j)))) {
          j++;
        }
        if (i == start) {
          index = words.size();
        } else if (j <= start) {
          before++;
        }
        words.add(line.substring(i, j));
        i = j;
      }
      if (index < 0) {
        // The cursor is between words: completion starts an empty one there.
        index = before;
        words.add(index, "");
      }
      return new Words(line, c, words, index, start, end);
    }

    @Override
    public String word() {
      return line.substring(start, end);
    }

    @Override
    public int wordCursor() {
      return cursor - start;
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor();
    }

    @Override
    public int rawWordLength() {
      return end - start;
    }
  }
}
