package io.motif.shell;

import io.motif.parse.MotifLexer;
import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the input as it is typed, from the Motif lexer's tokens: keywords, strings, numbers
 * (with their duration units), comments, event types, and a command's name. The first syntax
 * error that is not merely the input stopping early (a statement still being typed) is
 * underlined in red from its position.
 */
final class MotifHighlighter implements Highlighter {
  /** What a stretch of the input is. */
  enum Kind { KEYWORD, STRING, NUMBER, COMMENT, TYPE, COMMAND, ERROR }

  /** A classified stretch of the input, {@code [start, end)}. */
  record Stretch(int start, int end, Kind kind) {}

  static final Set<String> UNITS = Set.of("ms", "s", "sec", "secs", "second", "seconds", "m",
      "min", "mins", "minute", "minutes", "h", "hour", "hours", "d", "day", "days", "events");

  private final Supplier<Set<String>> types;
  private final Supplier<String> lastPattern;
  private String cachedBuffer;
  private int[] cachedError;

  /**
   * {@code types} gives the event type names to colour; {@code lastPattern} the text of the
   * pattern a clause typed alone would extend (or null).
   */
  MotifHighlighter(Supplier<Set<String>> types, Supplier<String> lastPattern) {
    this.types = types;
    this.lastPattern = lastPattern;
  }

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    AttributedStringBuilder sb = new AttributedStringBuilder();
    int at = 0;
    for (Stretch s : classify(buffer)) {
      if (s.start() > at) {
        sb.append(buffer.substring(at, s.start()));
      }
      sb.styled(style(s.kind()), buffer.substring(s.start(), s.end()));
      at = s.end();
    }
    if (at < buffer.length()) {
      sb.append(buffer.substring(at));
    }
    return sb.toAttributedString();
  }

  static AttributedStyle style(Kind kind) {
    return switch (kind) {
      case KEYWORD -> AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
      case STRING -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case NUMBER -> AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
      case COMMENT -> AttributedStyle.DEFAULT.faint().italic();
      case TYPE -> AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
      case COMMAND -> AttributedStyle.BOLD;
      case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).underline();
    };
  }

  /** The stretches of the input to colour, in order, not overlapping. */
  List<Stretch> classify(String buffer) {
    List<Stretch> out = new ArrayList<>();
    String trimmed = buffer.stripLeading();
    if (trimmed.startsWith(":")) {
      int start = buffer.length() - trimmed.length();
      int end = start;
      while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
        end++;
      }
      out.add(new Stretch(start, end, Kind.COMMAND));
      return out;
    }
    Set<String> typeNames = types.get();
    MotifLexer lexer = new MotifLexer(CharStreams.fromString(buffer));
    lexer.removeErrorListeners();
    int previous = -1;
    boolean unterminatedAtEnd = false;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      int start = t.getStartIndex();
      int end = t.getStopIndex() + 1;
      Kind kind = switch (t.getType()) {
        case MotifLexer.STRING -> Kind.STRING;
        case MotifLexer.UNTERMINATED_STRING -> end >= buffer.length() ? Kind.STRING : Kind.ERROR;
        case MotifLexer.INTEGER, MotifLexer.FLOAT -> Kind.NUMBER;
        case MotifLexer.LINE_COMMENT, MotifLexer.BLOCK_COMMENT, MotifLexer.UNTERMINATED_COMMENT ->
            Kind.COMMENT;
        case MotifLexer.UNKNOWN_CHAR, MotifLexer.UNTERMINATED_QUOTED_IDENT -> Kind.ERROR;
        case MotifLexer.IDENT -> previous == MotifLexer.INTEGER || previous == MotifLexer.FLOAT
            ? (UNITS.contains(t.getText().toLowerCase(java.util.Locale.ROOT)) ? Kind.NUMBER : null)
            : typeNames.contains(t.getText()) ? Kind.TYPE : null;
        default -> isKeyword(t.getType()) ? Kind.KEYWORD : null;
      };
      if (kind != null) {
        Stretch last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.kind() == kind && last.end() == start) {
          out.set(out.size() - 1, new Stretch(last.start(), end, kind)); // 30s: one number
        } else {
          out.add(new Stretch(start, end, kind));
        }
      }
      unterminatedAtEnd = (t.getType() == MotifLexer.UNTERMINATED_STRING
          || t.getType() == MotifLexer.UNTERMINATED_COMMENT) && end >= buffer.length();
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        previous = t.getType();
      }
    }
    // A string or comment still open at the end is being typed, not wrong.
    int[] error = unterminatedAtEnd ? null : error(buffer);
    return error == null ? out : overlay(out, error[0], error[1]);
  }

  /** The stretches with {@code [from, to)} marked as an error over whatever was there. */
  private static List<Stretch> overlay(List<Stretch> stretches, int from, int to) {
    List<Stretch> out = new ArrayList<>();
    boolean added = false;
    for (Stretch s : stretches) {
      if (s.end() <= from || s.start() >= to) {
        if (!added && s.start() >= to) {
          out.add(new Stretch(from, to, Kind.ERROR));
          added = true;
        }
        out.add(s);
        continue;
      }
      if (s.start() < from) {
        out.add(new Stretch(s.start(), from, s.kind()));
      }
      if (!added) {
        out.add(new Stretch(from, to, Kind.ERROR));
        added = true;
      }
      if (s.end() > to) {
        out.add(new Stretch(to, s.end(), s.kind()));
      }
    }
    if (!added) {
      out.add(new Stretch(from, to, Kind.ERROR));
    }
    return out;
  }

  static boolean isKeyword(int type) {
    return type >= MotifLexer.EVENT && type <= MotifLexer.FALSE;
  }

  /**
   * {@code [start, end)} of the first syntax error that is not at the end of the input, or null.
   * Statements are parsed as typed; an event as in a test's {@code given}; a clause alone as part
   * of the pattern it extends.
   */
  int[] error(String buffer) {
    if (buffer.equals(cachedBuffer)) {
      return cachedError;
    }
    int[] result = findError(buffer);
    cachedBuffer = buffer;
    cachedError = result;
    return result;
  }

  private int[] findError(String buffer) {
    String prefix;
    String suffix;
    switch (Session.kind(buffer)) {
      case STATEMENT -> {
        prefix = "";
        suffix = "";
      }
      case CLAUSE -> {
        String last = lastPattern.get();
        if (last == null) {
          return null;
        }
        prefix = last + "\n";
        suffix = "";
      }
      case EVENT -> {
        prefix = "test \"input\" {\n  given\n    ";
        suffix = (Session.hasTime(buffer) ? "" : " at 0s")
            + "\n  expect nothing\n}\n";
      }
      default -> {
        return null;
      }
    }
    String text = prefix + buffer + suffix;
    List<Diagnostic> diagnostics =
        SourceParser.parse(new Source("<input>", text)).diagnostics();
    int end = prefix.length() + buffer.stripTrailing().length();
    for (Diagnostic d : diagnostics) {
      int start = d.span().start();
      if (d.isError() && start >= prefix.length() && start < end) {
        int stop = Math.min(Math.max(d.span().end(), start + 1), prefix.length() + buffer.length());
        return new int[] {start - prefix.length(), stop - prefix.length()};
      }
    }
    return null;
  }
}
