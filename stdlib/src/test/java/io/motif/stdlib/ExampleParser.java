package io.motif.stdlib;

import io.motif.function.Accumulator;
import io.motif.function.AggregateFunction;
import io.motif.function.ScalarFunction;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the examples on the reference page: Motif literals ({@code 42}, {@code -2.5}, {@code
 * 'text'} with Motif's escapes, {@code true}, {@code null}), lists {@code [1, 2]}, events {@code
 * Login(ip: '10.0.0.1')} (as maps with a {@code type}), and calls whose arguments are literals or
 * calls, optionally followed by a field ({@code first(f).ip}). It evaluates them through the SPI,
 * as the engine would, without the engine (which stdlib cannot see).
 */
final class ExampleParser {
  private final String text;
  private int pos;

  private ExampleParser(String text) {
    this.text = text;
  }

  /** A literal value, the whole text. */
  static Object literal(String text) {
    ExampleParser p = new ExampleParser(text);
    Object v = p.value();
    p.end();
    return v;
  }

  /** Evaluates a scalar call whose arguments are literals or calls. */
  static Object evaluate(String text) {
    ExampleParser p = new ExampleParser(text);
    Object v = p.expression();
    p.end();
    return v;
  }

  /** The function a call names: {@code sum} in {@code sum(f.amount)}. */
  static String calledName(String text) {
    ExampleParser p = new ExampleParser(text);
    return p.identifier();
  }

  /**
   * Evaluates an aggregate call over the values its argument takes: nulls skipped, the rest added
   * in order; then the field after the call, if any ({@code first(f).ip}).
   */
  static Object aggregate(AggregateFunction f, String call, String values) {
    ExampleParser p = new ExampleParser(call);
    p.identifier();
    p.expect('(');
    int depth = 1;
    while (depth > 0) {
      char c = p.next();
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '\'' || c == '"') {
        p.pos--;
        p.string();
      }
    }
    Object input = literal(values);
    if (!(input instanceof List<?> list)) {
      throw p.error("the values of an aggregate example must be a list");
    }
    Accumulator acc = f.empty();
    for (Object v : list) {
      if (v != null) {
        acc = acc.add(v);
      }
    }
    Object result = p.fields(acc.result());
    p.end();
    return result;
  }

  private Object expression() {
    skipSpace();
    char c = peek();
    if (Character.isLetter(c)
        && !startsWithWord("true")
        && !startsWithWord("false")
        && !startsWithWord("null")) {
      int start = pos;
      String name = identifier();
      skipSpace();
      if (peek() == '(' && Calls.REGISTRY.scalar(name) != null) {
        return fields(call(name));
      }
      pos = start;
    }
    return value();
  }

  private Object call(String name) {
    ScalarFunction f = Calls.REGISTRY.scalar(name);
    expect('(');
    List<Object> args = new ArrayList<>();
    skipSpace();
    if (peek() != ')') {
      do {
        args.add(expression());
        skipSpace();
      } while (accept(','));
    }
    expect(')');
    return Calls.call(f, args.toArray());
  }

  private Object fields(Object v) {
    skipSpace();
    while (accept('.')) {
      String field = identifier();
      v = v instanceof Map<?, ?> m ? m.get(field) : null;
      skipSpace();
    }
    return v;
  }

  private Object value() {
    skipSpace();
    char c = peek();
    if (c == '-') {
      pos++;
      Object v = value();
      if (!(v instanceof Number)) {
        throw error("a number after '-'");
      }
      return Values.negate(v);
    }
    if (Character.isDigit(c)) {
      return number();
    }
    if (c == '\'' || c == '"') {
      return string();
    }
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (peek() != ']') {
        do {
          list.add(value());
          skipSpace();
        } while (accept(','));
      }
      expect(']');
      return list;
    }
    String word = identifier();
    switch (word) {
      case "true":
        return true;
      case "false":
        return false;
      case "null":
        return null;
      default:
        return event(word);
    }
  }

  private Map<String, Object> event(String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", type);
    expect('(');
    skipSpace();
    if (peek() != ')') {
      do {
        String field = identifier();
        expect(':');
        e.put(field, value());
        skipSpace();
      } while (accept(','));
    }
    expect(')');
    return e;
  }

  private Object number() {
    int start = pos;
    boolean isFloat = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
        isFloat = true;
        pos++;
      } else if (c == 'e' || c == 'E') {
        isFloat = true;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
      } else {
        break;
      }
    }
    String n = text.substring(start, pos).replace("_", "");
    return isFloat ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
  }

  private String string() {
    char quote = next();
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == quote) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '\\', '\'', '"', '/' -> sb.append(e);
        case 'u' -> {
          sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("unknown escape \\" + e + " (Motif rejects it)");
      }
    }
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("a name");
    }
    return text.substring(start, pos);
  }

  private boolean startsWithWord(String w) {
    return text.startsWith(w, pos)
        && (pos + w.length() == text.length()
            || !Character.isLetterOrDigit(text.charAt(pos + w.length())));
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("more text");
    }
    return text.charAt(pos++);
  }

  private boolean accept(char c) {
    skipSpace();
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("'" + c + "'");
    }
  }

  private void end() {
    skipSpace();
    if (pos != text.length()) {
      throw error("the end");
    }
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException(
        "in example `" + text + "` at " + pos + ": expected " + expected);
  }
}
