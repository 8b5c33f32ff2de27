package io.motif.cli.why;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.motif.engine.Event;
import io.motif.engine.Trace;
import io.motif.io.EventText;
import io.motif.io.Times;
import io.motif.source.Span;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The explanation {@code motif why} and {@code :why} print for one event and one pattern, as
 * aligned text or as one JSON object (docs/cli.md describes both). It renders a {@link WhyTrace}:
 * the event, every attempt alive before it in its partition with what the event did to it and why,
 * the attempts of other partitions, whether it started an attempt, and the attempts that ended
 * before and with it.
 */
public final class WhyReport {
  /** Attempts of other partitions listed before the rest are counted. */
  static final int OTHERS_SHOWN = 20;

  /** Attempts that ended before the event, shown: the latest so many. */
  static final int ENDED_SHOWN = 10;

  private static final int LABEL = 10;

  /**
   * How the caller names things.
   *
   * @param label an input event's name ({@code line 4}, {@code #4}), or null for a derived event
   * @param where a source position ({@code rules.motif:5:9}), or null to show none
   */
  public record Names(Function<Event, String> label, Function<Span, String> where) {}

  private final String pattern;
  private final WhyTrace trace;
  private final Names names;
  private final boolean partitioned;

  /** {@code partitioned}: the pattern has {@code partition by}. */
  public WhyReport(String pattern, boolean partitioned, WhyTrace trace, Names names) {
    this.pattern = pattern;
    this.partitioned = partitioned;
    this.trace = trace;
    this.names = names;
  }

  // ---- text ----

  /** The explanation as text; {@code notProcessed} says why the event never reached the pattern. */
  public String text(String notProcessed) {
    StringBuilder sb = new StringBuilder();
    Event target = trace.target();
    row(sb, "", "event", label(target) + ": " + EventText.render(target));
    row(sb, "", "pattern", pattern);
    Trace.Step step = trace.step();
    if (step == null) {
      row(sb, "", "", notProcessed);
      return sb.toString();
    }
    if (partitioned) {
      row(
          sb,
          "",
          "partition",
          step.partition() == null
              ? "none: the event has no partition key"
              : EventText.value(step.partition()));
    }
    List<Trace.Verdict> mine = new ArrayList<>();
    List<Trace.Verdict> others = new ArrayList<>();
    for (Trace.Verdict v : step.attempts()) {
      (isMine(step, v) ? mine : others).add(v);
    }
    sb.append('\n')
        .append(count(mine.size(), "attempt"))
        .append(" alive before it")
        .append(partitioned && step.partition() != null ? " in its partition" : "")
        .append(mine.isEmpty() ? "" : ":")
        .append('\n');
    int n = 0;
    for (Trace.Verdict v : mine) {
      sb.append('\n');
      attemptText(sb, "attempt " + (++n), v.attempt());
      verdictText(sb, v);
    }
    if (!others.isEmpty()) {
      sb.append('\n')
          .append(count(others.size(), "attempt"))
          .append(" in other partitions," + " which the event cannot join")
          .append(step.partition() == null ? " (it has no partition key)" : "")
          .append(":\n");
      int shown = 0;
      for (Trace.Verdict v : others) {
        if (shown++ == OTHERS_SHOWN) {
          sb.append("  ... and ").append(others.size() - OTHERS_SHOWN).append(" more\n");
          break;
        }
        sb.append("  attempt ")
            .append(++n)
            .append("  partition ")
            .append(EventText.value(v.attempt().partition()))
            .append("  at ")
            .append(v.attempt().at().text())
            .append("  events ")
            .append(eventLabels(v.attempt()))
            .append('\n');
      }
    }
    sb.append("\nnew attempt\n");
    verdictText(sb, step.start());
    List<Trace.End> before = endedBefore(step);
    List<Trace.End> shown = before.subList(Math.max(0, before.size() - ENDED_SHOWN), before.size());
    endedText(
        sb,
        "ended before it"
            + (partitioned && step.partition() != null ? " in its partition" : "")
            + (shown.size() < before.size() ? " (the latest " + shown.size() + " shown)" : ""),
        before.size(),
        shown);
    endedText(sb, "ended with it", trace.endedWith().size(), trace.endedWith());
    return sb.toString();
  }

  /**
   * The attempts that ended before the event and without a match, that it might have extended:
   * those of its partition (all of them without {@code partition by}), oldest first.
   */
  private List<Trace.End> endedBefore(Trace.Step step) {
    List<Trace.End> out = new ArrayList<>();
    for (Trace.End end : trace.endedBefore()) {
      if (step.partition() != null && step.partition().equals(end.attempt().partition())) {
        out.add(end);
      }
    }
    return out;
  }

  private boolean isMine(Trace.Step step, Trace.Verdict v) {
    return step.partition() != null
        && v.reasons().stream()
            .noneMatch(r -> r.kind() == Trace.Kind.PARTITION || r.kind() == Trace.Kind.NO_KEY);
  }

  private void attemptText(StringBuilder sb, String title, Trace.Attempt a) {
    sb.append(title)
        .append(partitioned ? "  partition " + EventText.value(a.partition()) : "")
        .append('\n');
    int width = 0;
    for (Trace.TracedEvent e : a.events()) {
      width = Math.max(width, label(e.event()).length() + 2);
    }
    boolean first = true;
    for (Trace.TracedEvent e : a.events()) {
      row(
          sb,
          "  ",
          first ? "events" : "",
          pad(label(e.event()), width) + EventText.render(e.event()));
      first = false;
    }
    row(sb, "  ", "at", atom(a.at()));
    List<String> next = new ArrayList<>();
    for (Trace.Atom x : a.next()) {
      next.add(x.arrow() + " " + atom(x));
    }
    row(
        sb,
        "  ",
        "next",
        next.isEmpty()
            ? "nothing: it waits for its window to close"
            : String.join("\n" + " ".repeat(LABEL), next));
  }

  private void verdictText(StringBuilder sb, Trace.Verdict v) {
    row(sb, "  ", "verdict", verdict(v));
    boolean first = true;
    for (Trace.Reason r : v.reasons()) {
      row(sb, "  ", first ? "why" : "", reason(r));
      first = false;
    }
  }

  private void endedText(StringBuilder sb, String title, int count, List<Trace.End> ends) {
    sb.append('\n').append(title).append(": ").append(count == 0 ? "none" : count).append('\n');
    int n = 0;
    for (Trace.End end : ends) {
      sb.append('\n');
      attemptText(sb, "ended " + (++n), end.attempt());
      row(
          sb,
          "  ",
          "ended at",
          Times.format(end.time())
              + (end.cause() == null
                  ? ", as time passed"
                  : ", by "
                      + label(end.cause().event())
                      + ": "
                      + EventText.render(end.cause().event())));
      row(sb, "  ", "why", reason(end.reason()));
    }
  }

  private String verdict(Trace.Verdict v) {
    List<String> into = new ArrayList<>();
    for (Trace.Move m : v.moves()) {
      into.add(
          "`"
              + m.into().text()
              + "`"
              + (m.into().arrow() == null ? "" : " (" + m.into().arrow() + ")")
              + (m.completes() ? ", completing a match" : ""));
    }
    String moves = String.join(" and into ", into);
    return switch (v.outcome()) {
      case TAKEN -> "taken into " + moves;
      case TAKEN_AND_WAITS -> "taken into " + moves + "; it also waits on without it (->>)";
      case WAITS -> "not taken; it waits for a later event";
      case ENDS -> "not taken; it ends";
      case STARTS -> "starts an attempt at " + moves;
      case STARTS_NONE -> "starts no attempt";
    };
  }

  private String reason(Trace.Reason r) {
    String where = r.span() == null ? null : names.where().apply(r.span());
    return kind(r.kind()) + "  " + (where == null ? "" : where + "  ") + r.message();
  }

  private static String kind(Trace.Kind k) {
    return pad(
            switch (k) {
              case NO_KEY -> "no key";
              case STRICT -> "=>";
              default -> k.name().toLowerCase(Locale.ROOT);
            },
            9)
        .stripTrailing();
  }

  private String atom(Trace.Atom a) {
    String where = a.span() == null ? null : names.where().apply(a.span());
    return a.text() + (where == null ? "" : "  " + where);
  }

  private String label(Event e) {
    String l = names.label().apply(e);
    return l == null ? "derived" : l;
  }

  private String eventLabels(Trace.Attempt a) {
    List<String> out = new ArrayList<>();
    a.events().forEach(e -> out.add(label(e.event())));
    return String.join(", ", out);
  }

  private static void row(StringBuilder sb, String indent, String label, String text) {
    sb.append(indent)
        .append(pad(label, LABEL))
        .append(text.replace("\n", "\n" + indent))
        .append('\n');
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static String count(long n, String word) {
    return n + " " + (n == 1 ? word : word + "s");
  }

  // ---- JSON ----

  /** The explanation as one JSON object (docs/cli.md, "motif why"). */
  public String json(String notProcessed) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      DefaultPrettyPrinter pretty =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      pretty.indentArraysWith(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeFieldName("event");
      event(g, trace.target());
      g.writeStringField("pattern", pattern);
      Trace.Step step = trace.step();
      g.writeBooleanField("processed", step != null);
      if (step == null) {
        g.writeStringField("notProcessed", notProcessed);
      } else {
        g.writeFieldName("partition");
        value(g, step.partition());
        g.writeNumberField("watermark", step.watermark());
        g.writeArrayFieldStart("attempts");
        for (Trace.Verdict v : step.attempts()) {
          g.writeStartObject();
          g.writeBooleanField("inPartition", isMine(step, v));
          g.writeFieldName("attempt");
          attempt(g, v.attempt());
          verdictFields(g, v);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("start");
        verdictFields(g, step.start());
        g.writeEndObject();
      }
      if (step != null) {
        List<Trace.End> before = endedBefore(step);
        g.writeNumberField("endedBeforeCount", before.size());
        ends(
            g,
            "endedBefore",
            before.subList(Math.max(0, before.size() - ENDED_SHOWN), before.size()));
        ends(g, "endedWith", trace.endedWith());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private void ends(JsonGenerator g, String name, List<Trace.End> ends) throws IOException {
    g.writeArrayFieldStart(name);
    for (Trace.End end : ends) {
      g.writeStartObject();
      g.writeFieldName("attempt");
      attempt(g, end.attempt());
      g.writeNumberField("time", end.time());
      if (end.cause() != null) {
        g.writeFieldName("cause");
        event(g, end.cause().event());
      }
      g.writeFieldName("reason");
      reason(g, end.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void verdictFields(JsonGenerator g, Trace.Verdict v) throws IOException {
    g.writeStringField("outcome", v.outcome().name().toLowerCase(Locale.ROOT));
    g.writeStringField("verdict", verdict(v));
    g.writeArrayFieldStart("moves");
    for (Trace.Move m : v.moves()) {
      g.writeStartObject();
      g.writeFieldName("into");
      atom(g, m.into());
      g.writeBooleanField("completes", m.completes());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reasons");
    for (Trace.Reason r : v.reasons()) {
      reason(g, r);
    }
    g.writeEndArray();
  }

  private void attempt(JsonGenerator g, Trace.Attempt a) throws IOException {
    g.writeStartObject();
    g.writeFieldName("partition");
    value(g, a.partition());
    g.writeArrayFieldStart("events");
    for (Trace.TracedEvent e : a.events()) {
      event(g, e.event());
    }
    g.writeEndArray();
    g.writeNumberField("position", a.position());
    g.writeFieldName("at");
    atom(g, a.at());
    g.writeArrayFieldStart("next");
    for (Trace.Atom x : a.next()) {
      atom(g, x);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void atom(JsonGenerator g, Trace.Atom a) throws IOException {
    g.writeStartObject();
    g.writeStringField("text", a.text());
    if (a.arrow() != null) {
      g.writeStringField("arrow", a.arrow());
    }
    where(g, a.span());
    g.writeEndObject();
  }

  private void reason(JsonGenerator g, Trace.Reason r) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", r.kind().name().toLowerCase(Locale.ROOT));
    g.writeStringField("message", r.message());
    if (r.text() != null) {
      g.writeStringField("text", r.text());
    }
    where(g, r.span());
    g.writeObjectFieldStart("values");
    for (Map.Entry<String, Object> v : r.values().entrySet()) {
      g.writeFieldName(v.getKey());
      value(g, v.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void where(JsonGenerator g, Span span) throws IOException {
    String where = span == null ? null : names.where().apply(span);
    if (where != null) {
      g.writeStringField("where", where);
    }
  }

  private void event(JsonGenerator g, Event e) throws IOException {
    g.writeStartObject();
    String label = names.label().apply(e);
    if (label != null) {
      g.writeStringField("label", label);
      if (label.matches("line \\d+")) {
        g.writeNumberField("line", Long.parseLong(label.substring(5)));
      }
    } else {
      g.writeBooleanField("derived", true);
    }
    g.writeStringField("text", EventText.render(e));
    g.writeStringField("type", e.type());
    g.writeNumberField("time", e.time());
    g.writeObjectFieldStart("fields");
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      g.writeFieldName(f.getKey());
      value(g, f.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.toString());
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Number n) {
      g.writeNumber(n.longValue());
    } else if (v instanceof Event e) {
      event(g, e);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object x : list) {
        value(g, x);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> en : map.entrySet()) {
        g.writeFieldName(String.valueOf(en.getKey()));
        value(g, en.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(String.valueOf(v));
    }
  }
}
