package io.motif.shell;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.EventType;
import io.motif.engine.FieldType;
import io.motif.engine.PatternInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the user has entered: the session's declarations and patterns, kept as text by name in the
 * order the engine has them, with what compiling them told (the declared types, the constants, the
 * script each pattern was compiled in), the undeclared types seen in events sent, and the pattern a
 * clause typed next extends. The vocabulary completion and highlighting read comes from here.
 *
 * <p>Belongs to the thread that reads input.
 */
final class Workspace {
  private final Map<String, String> declarations = new LinkedHashMap<>();
  private final Map<String, String> patterns = new LinkedHashMap<>();

  /** Each deployed pattern's compiled script (which explains it). */
  private final Map<String, CompiledScript> compiledIn = new LinkedHashMap<>();

  private EventSchema schema = EventSchema.none();
  private Set<String> constants = Set.of();

  /** Undeclared types seen in events sent, with the fields seen (for completion). */
  private final Map<String, Set<String>> seenTypes = new LinkedHashMap<>();

  private final Map<String, Integer> seenCounts = new LinkedHashMap<>();

  /** The text of the pattern deployed by the last input, which a clause typed next extends. */
  private String lastPattern;

  // ---- the texts ----

  /** The declarations by name, in order. */
  Map<String, String> declarations() {
    return declarations;
  }

  /** The patterns by name, in the order the engine has them. */
  Map<String, String> patterns() {
    return patterns;
  }

  /** The declarations' texts, one after the other. */
  String declarationsText() {
    return join(declarations.values());
  }

  /** The patterns' texts, one after the other. */
  String patternsText() {
    return join(patterns.values());
  }

  /** The whole session as one script: declarations, then patterns. */
  String wholeText() {
    return declarationsText() + patternsText();
  }

  /** The texts, each followed by a line break. */
  static String join(Iterable<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }

  /** The pattern a clause typed next would extend, or null. */
  String lastPattern() {
    return lastPattern;
  }

  void lastPattern(String text) {
    lastPattern = text;
  }

  // ---- changes ----

  /** The declarations replaced, e.g. by a candidate set that compiled. */
  void declarations(Map<String, String> replacement) {
    Map<String, String> copy = new LinkedHashMap<>(replacement);
    declarations.clear();
    declarations.putAll(copy);
  }

  /** Adds or replaces a pattern, compiled in {@code script}; a replaced one goes last. */
  void putPattern(String name, String text, CompiledScript script) {
    // The engine puts a replaced pattern last, so the session's order follows it.
    patterns.remove(name);
    patterns.put(name, text);
    compiledIn.remove(name);
    compiledIn.put(name, script);
  }

  void removePattern(String name) {
    patterns.remove(name);
    compiledIn.remove(name);
  }

  /**
   * Takes the declared types and constants of a script compiled from the whole session, and the
   * patterns compiled in it.
   */
  void adopt(CompiledScript whole) {
    schema = whole.schema();
    constants = Set.copyOf(whole.constants().keySet());
    seenTypes.keySet().removeAll(schema.types().keySet());
    takeAutomata(whole);
  }

  /** Takes the session's patterns as compiled in a script of the whole session. */
  void takeAutomata(CompiledScript whole) {
    for (String p : patterns.keySet()) {
      compiledIn.put(p, whole);
    }
  }

  /** Forgets everything: declarations, patterns, types seen. */
  void clear() {
    declarations.clear();
    patterns.clear();
    compiledIn.clear();
    seenTypes.clear();
    seenCounts.clear();
    schema = EventSchema.none();
    constants = Set.of();
    lastPattern = null;
  }

  /** Remembers the fields of an event of an undeclared type (bounded), for completion. */
  void remember(Event e) {
    if (schema.types().containsKey(e.type())) {
      return;
    }
    int n = seenCounts.merge(e.type(), 1, Integer::sum);
    if (n <= 100 && seenTypes.size() < 1000) {
      seenTypes.computeIfAbsent(e.type(), k -> new LinkedHashSet<>()).addAll(e.fields().keySet());
    }
  }

  // ---- what the session knows ----

  EventSchema schema() {
    return schema;
  }

  /** The script a deployed pattern was compiled in, or null. */
  CompiledScript compiledIn(String pattern) {
    return compiledIn.get(pattern);
  }

  Set<String> constants() {
    return constants;
  }

  Map<String, Set<String>> seenTypes() {
    return seenTypes;
  }

  /**
   * Every event type the session knows, with its field names: declared types, types patterns emit
   * (a pattern without {@code emit} derives one named after it, with its bindings), and undeclared
   * types seen in events sent.
   */
  Map<String, List<String>> knownTypes() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    schema.types().forEach((name, info) -> out.put(name, new ArrayList<>(info.fields().keySet())));
    compiledIn.forEach(
        (name, script) -> {
          for (PatternInfo.Output o : script.pattern(name).outputs()) {
            List<String> fields = out.computeIfAbsent(o.type(), k -> new ArrayList<>());
            for (String f : o.fields()) {
              if (!fields.contains(f)) {
                fields.add(f);
              }
            }
          }
        });
    seenTypes.forEach((name, fields) -> out.computeIfAbsent(name, k -> new ArrayList<>(fields)));
    return out;
  }

  /** The declared type of a field, as Motif writes it, or null. */
  String fieldTypeLabel(String type, String field) {
    FieldType t = schema.fieldType(type, field);
    return t == null ? null : t.label();
  }

  EventType declaredType(String name) {
    return schema.types().get(name);
  }
}
