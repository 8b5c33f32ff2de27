package io.motif.parse;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.Token;

/** Breaks valid programs: tokens deleted, inserted, swapped or duplicated, text cut or spliced. */
final class Mutations {
  private Mutations() {}

  /** Words and symbols to insert: every keyword and operator, literals, and lexical traps. */
  static final List<String> SNIPPETS =
      List.of(
          "event",
          "const",
          "pattern",
          "test",
          "partition",
          "by",
          "match",
          "where",
          "within",
          "after",
          "skip",
          "emit",
          "on",
          "timeout",
          "given",
          "expect",
          "nothing",
          "at",
          "not",
          "and",
          "or",
          "in",
          "between",
          "is",
          "null",
          "like",
          "matches",
          "true",
          "false",
          "->",
          "->>",
          "=>",
          "==",
          "=",
          "!=",
          "<>",
          "<=",
          ">=",
          "<",
          ">",
          "||",
          "|",
          "&",
          "+",
          "-",
          "*",
          "/",
          "%",
          "?",
          ":",
          ";",
          ",",
          ".",
          "(",
          ")",
          "{",
          "}",
          "{2,}",
          "{5,2}",
          "5",
          "1.5",
          "1e3",
          "99999999999999999999",
          "\"s\"",
          "'x'",
          "5 min",
          "5 minx",
          "10 events",
          "A",
          "x",
          "`q`",
          "past last",
          "to next",
          "#",
          "$",
          "@",
          "\"",
          "'",
          "/*",
          "*/",
          "--",
          "`",
          "\\",
          "😀",
          "\uD800",
          "\u0000",
          "\n",
          "\"\\q\"",
          "\"\\u12\"");

  /** Applies one to four random mutations to {@code text}. */
  static String mutate(String text, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String out = text;
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      out = once(out, r);
    }
    return out;
  }

  private static String once(String text, SplittableRandom r) {
    List<String> segments = segments(text);
    List<Integer> visible = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).isBlank()) {
        visible.add(i);
      }
    }
    int op = r.nextInt(8);
    if (visible.isEmpty() || op == 0) {
      // Insert a snippet at a random character offset, possibly inside a token.
      int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
      return text.substring(0, at) + snippet(r) + text.substring(at);
    }
    int i = visible.get(r.nextInt(visible.size()));
    switch (op) {
      case 1 -> segments.remove(i);
      case 2 -> segments.add(i, snippet(r) + " ");
      case 3 -> segments.set(i, snippet(r));
      case 4 -> {
        int j = visible.get(r.nextInt(visible.size()));
        String s = segments.get(i);
        segments.set(i, segments.get(j));
        segments.set(j, s);
      }
      case 5 -> segments.add(i, segments.get(i));
      case 6 -> {
        return text.substring(0, r.nextInt(text.length() + 1)); // truncate
      }
      default -> {
        int j = Math.min(segments.size(), i + 1 + r.nextInt(4));
        segments.subList(i, j).clear(); // delete a run of tokens
      }
    }
    return String.join("", segments);
  }

  private static String snippet(SplittableRandom r) {
    return SNIPPETS.get(r.nextInt(SNIPPETS.size()));
  }

  /** The text cut at token boundaries, whitespace and comments included: joined, it is the text. */
  static List<String> segments(String text) {
    MotifLexer lexer =
        new MotifLexer(
            CodePointCharStream.fromBuffer(
                CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray()))));
    lexer.removeErrorListeners();
    List<String> out = new ArrayList<>();
    int end = 0;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      out.add(text.substring(t.getStartIndex(), t.getStopIndex() + 1));
      end = t.getStopIndex() + 1;
    }
    if (end < text.length()) {
      out.add(text.substring(end));
    }
    return out;
  }
}
