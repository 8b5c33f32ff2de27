package io.motif.shell;

import io.motif.parse.Highlight;
import io.motif.parse.SourceAnalysis;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the input as it is typed, from the front end's {@link SourceAnalysis#highlights}:
 * keywords, strings, numbers (with their duration units), comments, event types (the names the
 * session knows as types), and a command's name. The first syntax error that is not merely the
 * input stopping early (a statement still being typed) is underlined in red from its position.
 */
final class MotifHighlighter implements Highlighter {
  /** What a stretch of the input is. */
  enum Kind {
    KEYWORD,
    STRING,
    NUMBER,
    COMMENT,
    TYPE,
    COMMAND,
    ERROR
  }

  /** A classified stretch of the input, {@code [start, end)}. */
  record Stretch(int start, int end, Kind kind) {}

  private final Supplier<Set<String>> types;
  private final Supplier<String> lastPattern;
  private String cachedBuffer;
  private String cachedPattern;
  private List<Highlight> cached;

  /**
   * {@code types} gives the event type names to colour; {@code lastPattern} the text of the pattern
   * a clause typed alone would extend (or null).
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
    Set<String> typeNames = types.get();
    List<Stretch> out = new ArrayList<>();
    for (Highlight h : analyse(buffer)) {
      Kind kind = kind(h, buffer, typeNames);
      if (kind == null) {
        continue;
      }
      Stretch last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.kind() == kind && last.end() == h.start()) {
        out.set(out.size() - 1, new Stretch(last.start(), h.end(), kind)); // 30s: one number
      } else {
        out.add(new Stretch(h.start(), h.end(), kind));
      }
    }
    return out;
  }

  /** How the shell colours a highlight: names only when they are event types. */
  private static Kind kind(Highlight h, String buffer, Set<String> typeNames) {
    return switch (h.category()) {
      case KEYWORD -> Kind.KEYWORD;
      case STRING -> Kind.STRING;
      case NUMBER, DURATION -> Kind.NUMBER;
      case COMMENT -> Kind.COMMENT;
      case COMMAND -> Kind.COMMAND;
      case ERROR -> Kind.ERROR;
      case IDENTIFIER ->
          typeNames.contains(buffer.substring(h.start(), h.end())) ? Kind.TYPE : null;
      case OPERATOR -> null;
    };
  }

  /**
   * The analysis of the input, kept for the last input: JLine highlights the same buffer again on
   * every redisplay, and finding the syntax error parses it.
   */
  private List<Highlight> analyse(String buffer) {
    String pattern = lastPattern.get();
    if (!buffer.equals(cachedBuffer) || !Objects.equals(pattern, cachedPattern)) {
      cached = SourceAnalysis.highlights(buffer, pattern);
      cachedBuffer = buffer;
      cachedPattern = pattern;
    }
    return cached;
  }

  /**
   * The first syntax error that is not at the end of the input, or null. Statements are parsed as
   * typed; an event alone; a clause alone as part of the pattern it extends.
   */
  Span error(String buffer) {
    return SourceAnalysis.syntaxError(buffer, lastPattern.get()).orElse(null);
  }
}
