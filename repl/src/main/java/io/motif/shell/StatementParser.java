package io.motif.shell;

import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Tells JLine when the input is a complete statement. The Motif parser decides: the input is
 * incomplete while brackets, strings or comments are open, after a trailing operator, or when the
 * only errors in it are at its very end (it stops before a statement is whole, as {@code pattern
 * P} without {@code match} does). Commands ({@code :...}) are one line; an empty line ends any
 * input.
 */
final class StatementParser implements Parser {
  private static final Pattern STATEMENT =
      Pattern.compile("(?is)\\s*(event|const|pattern|test)\\b.*");
  private static final Pattern PATTERN = Pattern.compile("(?is)\\s*pattern\\b.*");
  private static final Pattern MATCH = Pattern.compile("(?i)\\bmatch\\b");

  @Override
  public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && isIncomplete(line)) {
      throw new EOFError(-1, -1, "incomplete statement", "statement");
    }
    return new Words(line, cursor);
  }

  /** True while the shell should keep reading lines for this input. */
  static boolean isIncomplete(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.startsWith(":")) {
      return false;
    }
    if (text.contains("\n") && text.substring(text.lastIndexOf('\n') + 1).isBlank()) {
      return false; // an empty line ends the input, complete or not
    }
    if (SourceParser.isIncomplete(text)) {
      return true;
    }
    if (!STATEMENT.matcher(text).matches()) {
      return false;
    }
    if (PATTERN.matcher(text).matches() && !MATCH.matcher(text).find()) {
      return true; // `pattern P` and clauses before `match`: the pattern is still to come
    }
    SourceParser.Fragment<?> f = SourceParser.parseStatement(new Source("<input>", text));
    if (!f.hasErrors()) {
      return false;
    }
    int end = text.stripTrailing().length();
    for (Diagnostic d : f.diagnostics()) {
      if (d.isError() && d.span().start() < end) {
        return false;
      }
    }
    return true;
  }

  /** The input split at white space, for completion (a later issue). */
  private record Words(String line, int cursor, List<String> words, int wordIndex,
      int wordCursor) implements CompletingParsedLine {
    Words(String line, int cursor) {
      this(line, cursor, split(line), index(line, cursor), offset(line, cursor));
    }

    @Override
    public String word() {
      return wordIndex < words.size() ? words.get(wordIndex) : "";
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word().length();
    }

    private static List<String> split(String line) {
      List<String> out = new ArrayList<>();
      for (String w : line.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
      return out;
    }

    private static int index(String line, int cursor) {
      String before = line.substring(0, Math.min(cursor, line.length()));
      int n = split(before).size();
      return before.isEmpty() || Character.isWhitespace(before.charAt(before.length() - 1))
          ? n : Math.max(0, n - 1);
    }

    private static int offset(String line, int cursor) {
      String before = line.substring(0, Math.min(cursor, line.length()));
      int i = before.length();
      while (i > 0 && !Character.isWhitespace(before.charAt(i - 1))) {
        i--;
      }
      return before.length() - i;
    }
  }
}
