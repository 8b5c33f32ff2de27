package io.motif.shell;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Signature;
import io.motif.parse.CompletionContext;
import io.motif.parse.SourceAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion. In a command line: command names, then their arguments (pattern names, files,
 * settings). In Motif text: after {@code x.} the fields of {@code x}'s event type (for a binding of
 * the pattern being typed, or a type name); after {@code emit} or {@code x:} event types; inside
 * {@code Type(...)} that type's fields; in field declarations the field types; elsewhere keywords,
 * event types, the bindings of the pattern being typed, functions and constants. What the text
 * expects at the cursor comes from the front end ({@link SourceAnalysis}); the names offered for it
 * from the session.
 */
final class MotifCompleter implements Completer {
  static final List<String> STATEMENT_KEYWORDS = List.of("event", "const", "pattern", "test");
  static final List<String> CLAUSE_KEYWORDS =
      List.of(
          "partition by",
          "match",
          "where",
          "within",
          "after match skip",
          "emit",
          "on timeout emit");
  static final List<String> EXPRESSION_KEYWORDS =
      List.of(
          "not", "and", "or", "in", "between", "is", "null", "like", "matches", "true", "false",
          "prev");
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
      motif(line.line(), before.substring(0, before.length() - word.length()), word, candidates);
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

  private void command(
      LineReader reader, ParsedLine line, String before, String word, List<Candidate> out) {
    String[] parts = before.stripLeading().split("\\s+", -1);
    if (parts.length == 1) {
      for (CommandTable.Command c : CommandTable.ALL) {
        out.add(new Candidate(c.name(), c.name(), "commands", c.summary(), null, null, true));
      }
      return;
    }
    String name = parts[0].toLowerCase(Locale.ROOT);
    int arg = parts.length - 2;
    switch (name) {
      case ":help", ":h", ":?" -> {
        if (arg == 0) {
          for (CommandTable.Command c : CommandTable.ALL) {
            String bare = c.name().substring(1);
            out.add(new Candidate(bare, bare, "commands", c.summary(), null, null, true));
          }
        }
      }
      case ":explain", ":partials", ":drop", ":why" -> {
        if (arg == 0) {
          for (String p : session.workspace().patterns().keySet()) {
            out.add(new Candidate(p, p, "patterns", null, null, null, true));
          }
          if (name.equals(":drop")) {
            for (String d : session.workspace().declarations().keySet()) {
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
          out.add(
              new Candidate(
                  "max-delay",
                  "max-delay",
                  "settings",
                  "accept events out of order by up to this much",
                  null,
                  null,
                  true));
          out.add(new Candidate("clock", "clock", "settings", "event or wall", null, null, true));
        } else if (arg == 1 && parts[1].equalsIgnoreCase("clock")) {
          out.add(
              new Candidate(
                  "event", "event", "clocks", "time moves with the events", null, null, true));
          out.add(
              new Candidate(
                  "wall", "wall", "clocks", "time moves with the clock", null, null, true));
        }
      }
      case ":reset" -> {
        if (arg == 0) {
          out.add(new Candidate("all", "all", "options", "forget the rules too", null, null, true));
        }
      }
      default -> {}
    }
  }

  // ---- Motif text ----

  /**
   * {@code text} is the whole input, {@code before} what precedes the word being completed, and
   * {@code word} its part before the cursor.
   */
  private void motif(String text, String before, String word, List<Candidate> out) {
    Map<String, List<String>> types = session.workspace().knownTypes();
    String last =
        SourceAnalysis.kind(text) == SourceAnalysis.InputKind.CLAUSE ? session.lastPattern() : null;
    Map<String, String> bindings =
        SourceAnalysis.bindings(last == null ? text : last + "\n" + text);
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
        String label = type == null ? null : session.workspace().fieldTypeLabel(type, f);
        out.add(new Candidate(head + "." + f, f, "fields", label, null, null, false));
      }
      return;
    }
    CompletionContext context = SourceAnalysis.completionContext(before);
    switch (context.expecting()) {
      case STATEMENT -> {
        keywords(STATEMENT_KEYWORDS, out);
        if (session.lastPattern() != null) {
          keywords(CLAUSE_KEYWORDS, out);
        }
        types(types, out);
        return;
      }
      case FIELD_TYPE -> {
        for (String t : FIELD_TYPES) {
          out.add(new Candidate(t, t, "field types", null, null, null, false));
        }
        return;
      }
      case DECLARED_NAME -> {
        return;
      }
      case EVENT_TYPE -> {
        types(types, out);
        return;
      }
      case KEYWORDS -> {
        keywords(context.keywords(), out);
        return;
      }
      case EXPRESSION -> {}
      default -> throw new AssertionError(context.expecting());
    }
    // Inside Type(...): that type's fields first.
    for (String callee : context.enclosingCalls()) {
      if (types.containsKey(callee)) {
        for (String f : types.get(callee)) {
          out.add(
              new Candidate(
                  f,
                  f,
                  "fields of " + callee,
                  session.workspace().fieldTypeLabel(callee, f),
                  null,
                  null,
                  false));
        }
        break;
      }
    }
    bindings.forEach(
        (name, type) ->
            out.add(
                new Candidate(
                    name, name, "bindings", type == null ? null : type, null, null, false)));
    if (context.inMatch() && context.enclosingCalls().isEmpty()) {
      types(types, out);
    }
    functions.forEach(
        (name, sig) -> out.add(new Candidate(name, name, "functions", sig, null, null, false)));
    for (String c : session.workspace().constants()) {
      out.add(new Candidate(c, c, "constants", null, null, null, false));
    }
    keywords(EXPRESSION_KEYWORDS, out);
    if (context.inPattern()) {
      keywords(CLAUSE_KEYWORDS, out);
    }
  }

  private static void keywords(List<String> words, List<Candidate> out) {
    for (String k : words) {
      out.add(new Candidate(k, k, "keywords", null, null, null, true));
    }
  }

  private static void types(Map<String, List<String>> types, List<Candidate> out) {
    types.forEach(
        (name, fields) ->
            out.add(
                new Candidate(
                    name,
                    name,
                    "event types",
                    fields.isEmpty() ? null : String.join(", ", fields),
                    null,
                    null,
                    false)));
  }
}
