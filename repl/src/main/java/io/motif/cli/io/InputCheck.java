package io.motif.cli.io;

import io.motif.engine.CompiledScript;
import io.motif.engine.Event;
import io.motif.engine.EventShape;
import io.motif.engine.EventType;
import io.motif.engine.Motif;
import io.motif.engine.PatternInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the input events that are probably mistakes, for the warnings of {@code motif run}'s
 * summary: events of a type that no pattern reads and the rules do not declare (a declared type no
 * pattern reads is taken to be deliberate), and fields that the declared type of an event does not
 * declare. Cheap on the common path: an event of the same type and shape as the last clean one
 * costs a comparison, any other clean one a few hash lookups; nothing is allocated unless the event
 * is one to count. At most {@value #MAX_TRACKED} distinct types and fields are told apart; the rest
 * are counted together.
 */
public final class InputCheck {
  /** Distinct unread types, and distinct undeclared fields, that are named one by one. */
  static final int MAX_TRACKED = 1000;

  /** Warnings printed one by one; the rest are summed up in one line. */
  static final int MAX_SHOWN = 20;

  private final Set<String> read = new HashSet<>();
  private final Map<String, EventType> declared;

  /** The last clean event's type and shape (shapes are canonical, so compared by identity). */
  private String cleanType;

  private EventShape cleanShape;

  /** Unread undeclared types: events by type, in order of first appearance. */
  private Map<String, long[]> unread;

  /** Undeclared fields of declared types: events by type, then by field. */
  private Map<String, Map<String, long[]>> undeclared;

  private int tracked;
  private long untrackedEvents;

  public InputCheck(CompiledScript script) {
    for (PatternInfo p : script.patterns()) {
      read.addAll(p.reads());
    }
    this.declared = script.schema().types();
  }

  /** Looks at one input event. */
  public void event(Event e) {
    EventShape shape = e.shape();
    String type = e.type();
    if (shape == cleanShape && type.equals(cleanType)) {
      return;
    }
    EventType info = declared.get(type);
    boolean clean = true;
    if (info == null) {
      if (!read.contains(type)) {
        unreadType(type);
        clean = false;
      }
    } else {
      List<String> names = shape.names();
      for (int i = 0; i < names.size(); i++) {
        if (!info.fields().containsKey(names.get(i))) {
          undeclaredField(type, names.get(i));
          clean = false;
        }
      }
    }
    if (clean) {
      cleanType = type;
      cleanShape = shape;
    }
  }

  private void unreadType(String type) {
    if (unread == null) {
      unread = new LinkedHashMap<>();
    }
    long[] n = unread.get(type);
    if (n == null) {
      if (tracked >= MAX_TRACKED) {
        untrackedEvents++;
        return;
      }
      tracked++;
      n = new long[1];
      unread.put(type, n);
    }
    n[0]++;
  }

  private void undeclaredField(String type, String field) {
    if (undeclared == null) {
      undeclared = new LinkedHashMap<>();
    }
    Map<String, long[]> fields = undeclared.get(type);
    long[] n = fields == null ? null : fields.get(field);
    if (n == null) {
      if (tracked >= MAX_TRACKED) {
        untrackedEvents++;
        return;
      }
      tracked++;
      n = new long[1];
      undeclared.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, n);
    }
    n[0]++;
  }

  /** True when there is something to warn about. */
  public boolean any() {
    return unread != null || undeclared != null;
  }

  /**
   * The warnings, one message a line, without a prefix: unread types first, then undeclared fields,
   * each in order of first appearance; past {@value #MAX_SHOWN}, one line for the rest.
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(declared.keySet());
    known.addAll(read);
    if (unread != null) {
      for (Map.Entry<String, long[]> u : unread.entrySet()) {
        long n = u.getValue()[0];
        out.add(
            n
                + " input event"
                + (n == 1 ? "" : "s")
                + " of type `"
                + u.getKey()
                + "`, which no pattern reads"
                + Motif.didYouMean(u.getKey(), known));
      }
    }
    if (undeclared != null) {
      for (Map.Entry<String, Map<String, long[]>> t : undeclared.entrySet()) {
        for (Map.Entry<String, long[]> f : t.getValue().entrySet()) {
          long n = f.getValue()[0];
          out.add(
              n
                  + " event"
                  + (n == 1 ? "" : "s")
                  + " of type `"
                  + t.getKey()
                  + "` "
                  + (n == 1 ? "has" : "have")
                  + " field `"
                  + f.getKey()
                  + "`, which `event "
                  + t.getKey()
                  + "` does not declare"
                  + Motif.didYouMean(f.getKey(), declared.get(t.getKey()).fields().keySet()));
        }
      }
    }
    int hidden = Math.max(0, out.size() - MAX_SHOWN);
    if (hidden == 0 && untrackedEvents == 0) {
      return out;
    }
    List<String> shown = new ArrayList<>(out.subList(0, Math.min(out.size(), MAX_SHOWN)));
    shown.add(
        "and "
            + (hidden == 0
                ? ""
                : hidden
                    + " more types or fields like these, not shown"
                    + (untrackedEvents == 0 ? "" : ", and "))
            + (untrackedEvents == 0
                ? ""
                : untrackedEvents + " events of still other types or fields, not told apart"));
    return shown;
  }
}
