package io.motif.reference;

import io.motif.ast.Expr;
import io.motif.ast.Statement;
import io.motif.engine.Event;
import io.motif.function.FunctionRegistry;
import io.motif.function.Values;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tables of events in the reference corpus ({@code .cases} files), for people to read: {@code
 * Login(user: "al", ok: false) at 30s}. Input lines are parsed by the Motif parser itself (as the
 * {@code given} part of a test block); output is rendered the same way, nested events and lists
 * included, so an expected table is plain text. The corpus writes every time as whole seconds or
 * milliseconds ({@code 60s}, never {@code 1min}), a notation of its own: the event text a user
 * reads ({@code motif test}, the shell) is {@code io.motif.io.EventText}, in {@code motif-io},
 * which the engine's tests cannot depend on (it depends on the engine).
 */
public final class EventTable {
  private static final ReferenceExpr LITERALS =
      new ReferenceExpr(FunctionRegistry.standard(), Map.of());

  private EventTable() {}

  /** Parses event lines ({@code Type(field: value, ...) at TIME}); comments allowed. */
  public static List<Event> parse(String lines) {
    String text = "test \"events\" {\n  given\n" + lines + "\n  expect nothing\n}\n";
    ParseResult parsed = SourceParser.parse(new Source("events", text));
    if (parsed.hasErrors()) {
      throw new IllegalArgumentException(
          "bad event lines:\n" + lines + "\n" + parsed.diagnostics());
    }
    Statement.TestDecl test = (Statement.TestDecl) parsed.script().statements().get(0);
    List<Event> out = new ArrayList<>();
    for (Statement.EventLiteral e : test.given()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Statement.FieldValue f : e.event().fields()) {
        fields.put(f.name().name(), constant(f.value()));
      }
      Object time = constant(e.time());
      if (!(time instanceof Long t)) {
        throw new IllegalArgumentException("an event time must be a duration: " + e);
      }
      out.add(Event.of(e.event().type().name(), t, fields));
    }
    return out;
  }

  private static Object constant(Expr e) {
    return LITERALS.eval(e, ReferenceExpr.Scope.of(Map.of(), Set.of()));
  }

  /** One line per event. */
  public static String render(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      sb.append(render(e)).append('\n');
    }
    return sb.toString();
  }

  /** {@code Type(field: value, ...) at 5s}; doubles keep their {@code .0}. */
  public static String render(Event e) {
    StringBuilder sb = new StringBuilder(e.type()).append('(');
    String sep = "";
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      sb.append(sep).append(f.getKey()).append(": ").append(value(f.getValue()));
      sep = ", ";
    }
    return sb.append(") at ").append(time(e.time())).toString();
  }

  static String time(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  static String value(Object v) {
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof Event e) {
      return render(e);
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      String sep = "";
      for (Object x : l) {
        sb.append(sep).append(value(x));
        sep = ", ";
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      String sep = "";
      for (Map.Entry<?, ?> x : m.entrySet()) {
        sb.append(sep).append(x.getKey()).append(": ").append(value(x.getValue()));
        sep = ", ";
      }
      return sb.append('}').toString();
    }
    return v instanceof Double d ? Values.text(d) : String.valueOf(v);
  }
}
