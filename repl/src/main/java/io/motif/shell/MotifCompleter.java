package io.motif.shell;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.parse.MotifLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion. In a command line: command names, then their arguments (pattern names, files,
 * settings). In Motif text: after {@code x.} the fields of {@code x}'s event type (for a binding
 * of the pattern being typed, or a type name); after {@code emit} or {@code x:} event types;
 * inside {@code Type(...)} that type's fields; in field declarations the field types; elsewhere
 * keywords, event types, the bindings of the pattern being typed, functions and constants.
 */
final class MotifCompleter implements Completer {
  static final List<String> STATEMENT_KEYWORDS = List.of("event", "const", "pattern", "test");
  static final List<String> CLAUSE_KEYWORDS =
      List.of("partition by", "match", "where", "within", "after match skip", "emit",
          "on timeout emit");
  static final List<String> EXPRESSION_KEYWORDS = List.of("not", "and", "or", "in", "between",
      "is", "null", "like", "matches", "true", "false", "prev");
  static final List<String> FIELD_TYPES =
      List.of("string", "long", "int", "double", "float", "boolean", "time", "any");
  private static final Pattern FIRST_LAST =
      Pattern.compile("(?i)\\b(first|last)\\s*\\(\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*\\)\\s*$");

  private final Session session;
  private final Map<String, String> functions = new LinkedHashMap<>();
  private final Completer files = new Completers.FileNameCompleter();

  MotifCompleter(Session session, FunctionRegistry registry) {
    this.session = session;
    for (ScalarFunction f : registry.scalars()) {
      functions.put(f.name(), signature(f.name(), f.signatures()));
    }
    for (AggregateFunction f : registry.aggregates()) {
      functions.put(f.name(), signature(f.name(), f.signatures()));
    }
    functions.putIfAbsent("time", "time(binding) -> time");
  }

  private static String signature(String name, List<Signature> signatures) {
    return signatures.isEmpty() ? name : signatures.get(0).render(name);
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
    String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    if (before.stripLeading().startsWith(":")) {
      command(reader, line, before, word, candidates);
    } else {
      motif(line.line(), before.substring(0, before.length() - word.length()), word,
          candidates);
    }
  }

  /** Every candidate for the text with the cursor at its end, before JLine filters them. */
  List<Candidate> candidates(LineReader reader, String text) {
    StatementParser.Words words = StatementParser.Words.of(text, text.length());
    List<Candidate> out = new ArrayList<>();
    complete(reader, words, out);
    return out;
  }

  // ---- commands ----

  private void command(LineReader reader, ParsedLine line, String before, String word,
      List<Candidate> out) {
    String[] parts = before.stripLeading().split("\\s+", -1);
    if (parts.length == 1) {
      for (Commands.Command c : Commands.ALL) {
        out.add(new Candidate(c.name(), c.name(), "commands", c.summary(), null, null, true));
      }
      return;
    }
    String name = parts[0].toLowerCase(Locale.ROOT);
    int arg = parts.length - 2;
    switch (name) {
      case ":help", ":h", ":?" -> {
        if (arg == 0) {
          for (Commands.Command c : Commands.ALL) {
            String bare = c.name().substring(1);
            out.add(new Candidate(bare, bare, "commands", c.summary(), null, null, true));
          }
        }
      }
      case ":explain", ":partials", ":drop", ":why" -> {
        if (arg == 0) {
          for (String p : session.patterns().keySet()) {
            out.add(new Candidate(p, p, "patterns", null, null, null, true));
          }
          if (name.equals(":drop")) {
            for (String d : session.declarations().keySet()) {
              out.add(new Candidate(d, d, "declarations", null, null, null, true));
            }
          }
        }
      }
      case ":load", ":replay" -> {
        if (word.startsWith("-") && name.equals(":replay")) {
          for (String o : List.of("--speed", "--max", "--quiet")) {
            out.add(new Candidate(o, o, "options", null, null, null, true));
          }
        } else if (reader != null) {
          files.complete(reader, line, out);
        }
      }
      case ":set" -> {
        if (arg == 0) {
          out.add(new Candidate("max-delay", "max-delay", "settings",
              "accept events out of order by up to this much", null, null, true));
          out.add(new Candidate("clock", "clock", "settings", "event or wall", null, null,
              true));
        } else if (arg == 1 && parts[1].equalsIgnoreCase("clock")) {
          out.add(new Candidate("event", "event", "clocks", "time moves with the events", null,
              null, true));
          out.add(new Candidate("wall", "wall", "clocks", "time moves with the clock", null,
              null, true));
        }
      }
      case ":reset" -> {
        if (arg == 0) {
          out.add(new Candidate("all", "all", "options", "forget the rules too", null, null,
              true));
        }
      }
      default -> { }
    }
  }

  // ---- Motif text ----

  /**
   * {@code text} is the whole input, {@code before} what precedes the word being completed, and
   * {@code word} its part before the cursor.
   */
  private void motif(String text, String before, String word, List<Candidate> out) {
    Map<String, List<String>> types = session.knownTypes();
    String last = Session.kind(text) == Session.Kind.CLAUSE ? session.lastPattern() : null;
    Map<String, String> bindings = bindings(last == null ? text : last + "\n" + text);
    int dot = word.lastIndexOf('.');
    if (dot >= 0) {
      String head = word.substring(0, dot);
      String type = null;
      List<String> fields = null;
      if (head.isEmpty()) {
        Matcher m = FIRST_LAST.matcher(before);
        if (m.find()) {
          type = bindings.get(m.group(2));
        }
      } else if (head.equals("prev")) {
        fields = new ArrayList<>();
        for (String t : new LinkedHashSet<>(bindings.values())) {
          for (String f : types.getOrDefault(t, List.of())) {
            if (!fields.contains(f)) {
              fields.add(f);
            }
          }
        }
      } else if (bindings.containsKey(head)) {
        type = bindings.get(head);
      } else if (types.containsKey(head)) {
        type = head;
      }
      if (fields == null) {
        fields = type == null ? List.of() : types.getOrDefault(type, List.of());
      }
      for (String f : fields) {
        String label = type == null ? null : session.fieldTypeLabel(type, f);
        out.add(new Candidate(head + "." + f, f, "fields", label, null, null, false));
      }
      return;
    }
    List<Token> tokens = tokens(before);
    Token previous = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    if (tokens.isEmpty()) {
      keywords(STATEMENT_KEYWORDS, out);
      if (session.lastPattern() != null) {
        keywords(CLAUSE_KEYWORDS, out);
      }
      types(types, out);
      return;
    }
    int statement = tokens.get(0).getType();
    Deque<String> callees = callees(tokens);
    if (statement == MotifLexer.EVENT) {
      // event Name(field type, ...): after a field name comes its type.
      if (!callees.isEmpty() && previous.getType() == MotifLexer.IDENT && tokens.size() >= 2
          && (tokens.get(tokens.size() - 2).getType() == MotifLexer.LPAREN
              || tokens.get(tokens.size() - 2).getType() == MotifLexer.COMMA)) {
        for (String t : FIELD_TYPES) {
          out.add(new Candidate(t, t, "field types", null, null, null, false));
        }
      }
      return;
    }
    int p = previous.getType();
    if (p == MotifLexer.EMIT
        || p == MotifLexer.COLON && tokens.size() >= 2 && inMatch(tokens)
            && tokens.get(tokens.size() - 2).getType() == MotifLexer.IDENT) {
      types(types, out);
      return;
    }
    if (p == MotifLexer.AFTER) {
      keywords(List.of("match skip"), out);
      return;
    }
    if (p == MotifLexer.SKIP_) {
      keywords(List.of("past last", "to next"), out);
      return;
    }
    if (p == MotifLexer.ON) {
      keywords(List.of("timeout emit"), out);
      return;
    }
    // Inside Type(...): that type's fields first.
    for (String callee : callees) {
      if (types.containsKey(callee)) {
        for (String f : types.get(callee)) {
          out.add(new Candidate(f, f, "fields of " + callee, session.fieldTypeLabel(callee, f),
              null, null, false));
        }
        break;
      }
    }
    bindings.forEach((name, type) -> out.add(new Candidate(name, name, "bindings",
        type == null ? null : type, null, null, false)));
    if (inMatch(tokens) && callees.isEmpty()) {
      types(types, out);
    }
    functions.forEach((name, sig) -> out.add(new Candidate(name, name, "functions", sig, null,
        null, false)));
    for (String c : session.constants()) {
      out.add(new Candidate(c, c, "constants", null, null, null, false));
    }
    keywords(EXPRESSION_KEYWORDS, out);
    if (statement == MotifLexer.PATTERN || Session.kind(before) == Session.Kind.CLAUSE) {
      keywords(CLAUSE_KEYWORDS, out);
    }
  }

  private static void keywords(List<String> words, List<Candidate> out) {
    for (String k : words) {
      out.add(new Candidate(k, k, "keywords", null, null, null, true));
    }
  }

  private static void types(Map<String, List<String>> types, List<Candidate> out) {
    types.forEach((name, fields) -> out.add(new Candidate(name, name, "event types",
        fields.isEmpty() ? null : String.join(", ", fields), null, null, false)));
  }

  private static List<Token> tokens(String text) {
    MotifLexer lexer = new MotifLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    List<Token> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        out.add(t);
      }
    }
    return out;
  }

  /** The names before each open parenthesis, innermost first: {@code Login(lower(} gives both. */
  private static Deque<String> callees(List<Token> tokens) {
    Deque<String> stack = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      int type = tokens.get(i).getType();
      if (type == MotifLexer.LPAREN) {
        stack.push(i > 0 && tokens.get(i - 1).getType() == MotifLexer.IDENT
            ? tokens.get(i - 1).getText() : "");
      } else if (type == MotifLexer.RPAREN && !stack.isEmpty()) {
        stack.pop();
      }
    }
    return stack;
  }

  /** True when the last clause begun in the tokens is {@code match}. */
  private static boolean inMatch(List<Token> tokens) {
    boolean in = false;
    for (int i = 0; i < tokens.size(); i++) {
      switch (tokens.get(i).getType()) {
        case MotifLexer.MATCH -> in = i == 0 || tokens.get(i - 1).getType() != MotifLexer.AFTER;
        case MotifLexer.WHERE, MotifLexer.WITHIN, MotifLexer.EMIT, MotifLexer.PARTITION,
            MotifLexer.AFTER, MotifLexer.ON, MotifLexer.PATTERN -> in = false;
        default -> { }
      }
    }
    return in;
  }

  /**
   * The bindings of the pattern in {@code text}, with their event types: each {@code x: Type}
   * of its {@code match} clause.
   */
  static Map<String, String> bindings(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Token> tokens = tokens(text);
    boolean in = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      switch (t.getType()) {
        case MotifLexer.MATCH -> in = i == 0 || tokens.get(i - 1).getType() != MotifLexer.AFTER;
        case MotifLexer.WHERE, MotifLexer.WITHIN, MotifLexer.EMIT, MotifLexer.PARTITION,
            MotifLexer.AFTER, MotifLexer.ON, MotifLexer.PATTERN -> in = false;
        case MotifLexer.IDENT -> {
          if (in && i + 2 < tokens.size() && tokens.get(i + 1).getType() == MotifLexer.COLON
              && tokens.get(i + 2).getType() == MotifLexer.IDENT) {
            out.putIfAbsent(t.getText(), tokens.get(i + 2).getText());
          }
        }
        default -> { }
      }
    }
    return out;
  }
}
