package io.motif.engine.runtime;

import io.motif.engine.EngineErrorHandler;
import io.motif.engine.Event;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import io.motif.engine.Trace;
import io.motif.engine.automaton.Arrow;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.ConditionText;
import io.motif.engine.automaton.SkipPolicy;
import io.motif.engine.automaton.TraceTables;
import io.motif.engine.eval.Evaluator;
import io.motif.function.Accumulator;
import io.motif.function.Values;
import io.motif.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tracing for one pattern ({@link io.motif.engine.Engine#trace}). Before the pattern steps an
 * event, a dry run works out, for every live attempt of every partition and without changing
 * anything, what the event does to it and why (LANGUAGE.md §8, "Taking and skipping", step by step:
 * partition, window, type, {@code =>}, negations crossed, the atom's condition, the {@code where}
 * conjuncts that become checkable); then the real step runs. The places where the runtime ends
 * attempts outside a step's loop (windows closing, the skip policy, the bounds) call back here,
 * each behind one {@code tracer != null} test, so that a pattern not traced pays one null check per
 * event and nothing else.
 *
 * <p>The dry run mirrors {@link Stepper#onEvent} and {@code take}; it reads the runtime's state and
 * never writes it, and evaluates with its own context.
 *
 * <p>One class of some 700 lines: the dry run follows the step decision by decision, and each
 * reason it gives reads the same run, partition and atom tables; apart, the halves would pass that
 * state back and forth.
 */
final class StepExplainer {
  private final PatternRuntime pattern;
  private final PatternHost host;
  private final Automaton automaton;
  private final Trace.Listener listener;
  private final EngineErrorHandler errors;
  private final RunContext ctx;
  private final Event[] noSingles;
  private final Accumulator[] emptyAccs;
  private final int[] posType;
  private final int[] negType;
  private final int[] ownSlot;
  private final long[] reachableNegations;

  /** The atoms as written and their conditions' parts, per position and negation. */
  private final TraceTables tables;

  /** The event being stepped (for the ends it causes), and its sequence number. */
  private Event current;

  private long currentSeq;

  /** Runs already reported as ended, so that none is reported twice. */
  private final Set<Run> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  StepExplainer(
      PatternRuntime pattern,
      PatternHost host,
      Trace.Listener listener,
      EngineErrorHandler errors) {
    this.pattern = pattern;
    this.host = host;
    this.automaton = pattern.automaton;
    this.listener = listener;
    this.errors = errors;
    this.noSingles = new Event[automaton.bindings()];
    this.emptyAccs = automaton.emptyAccumulators();
    // (its re-evaluations are not counted: the pattern's own step reports each failure once)
    this.ctx = new RunContext(automaton, emptyAccs, null);
    int n = automaton.positions();
    this.posType = new int[n];
    this.ownSlot = new int[n];
    this.reachableNegations = new long[n];
    for (int q = 0; q < n; q++) {
      posType[q] = pattern.localType(automaton.type(q));
      ownSlot[q] = automaton.bindingRepeated(q) ? -1 : automaton.binding(q);
      reachableNegations[q] = automaton.negationsFrom(q);
    }
    this.negType = new int[automaton.negations()];
    for (int k = 0; k < negType.length; k++) {
      negType[k] = pattern.localType(automaton.negationType(k));
    }
    this.tables = automaton.traceTables();
  }

  private String bindingName(int slot) {
    return slot >= 0 && slot < automaton.bindings() ? automaton.bindingInfo(slot).name() : null;
  }

  // ---- the step ----

  /**
   * Before {@code e} steps the pattern: what it does to every attempt, and whether it starts one.
   */
  void beforeStep(Event e, long seq, int type) {
    reported.clear();
    current = e;
    currentSeq = seq;
    Object key = pattern.keys.keyOf(e);
    Partition mine = key == null ? null : pattern.partitions.get(key);
    long pseq = mine == null ? 1 : mine.seq + 1;
    List<Trace.Verdict> verdicts = new ArrayList<>();
    List<Run> ending = new ArrayList<>();
    List<Trace.Reason> endReasons = new ArrayList<>();
    boolean wanted;
    try {
      wanted = listener.wantsStep(e);
    } catch (RuntimeException ex) {
      errors.onError("a trace listener of pattern " + automaton.name() + " failed: " + ex, ex);
      wanted = false;
    }
    if (mine != null) {
      boolean[] unmoved = wanted ? null : pattern.tables.unmovedBy(type);
      for (Run r : mine) {
        if (!r.dead && (unmoved == null || !unmoved[r.pos])) {
          verdicts.add(inPartition(r, mine.key, e, seq, pseq, type, ending, endReasons));
        }
      }
    }
    if (!wanted) {
      // Only the attempts this event ends: no step, no look at other partitions.
      for (int i = 0; i < ending.size(); i++) {
        end(ending.get(i), mine.key, endReasons.get(i), e.time(), true);
      }
      return;
    }
    for (Partition other : pattern.partitions) {
      if (other == mine) {
        continue;
      }
      for (Run r : other) {
        if (!r.dead) {
          verdicts.add(elsewhere(r, other.key, key, e));
        }
      }
    }
    Trace.Verdict start = start(e, seq, pseq, type, key);
    Trace.Step step =
        new Trace.Step(automaton.name(), traced(e, seq), key, verdicts, start, host.watermark());
    deliver(() -> listener.onStep(step));
    for (int i = 0; i < ending.size(); i++) {
      end(ending.get(i), mine.key, endReasons.get(i), e.time(), true);
    }
  }

  /** An attempt of the event's partition: mirrors one turn of the loop in onEvent. */
  private Trace.Verdict inPartition(
      Run r,
      Object key,
      Event e,
      long seq,
      long pseq,
      int type,
      List<Run> ending,
      List<Trace.Reason> endReasons) {
    Trace.Attempt attempt = attempt(r, key);
    List<Trace.Reason> reasons = new ArrayList<>();
    List<Trace.Move> moves = new ArrayList<>();
    Trace.Reason window = windowReason(r, e, pseq);
    if (window != null) {
      ending.add(r);
      endReasons.add(window);
      return new Trace.Verdict(attempt, Trace.Outcome.ENDS, moves, List.of(window));
    }
    boolean mustMove = false;
    boolean ofType = false;
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      int q = edge.to();
      if (posType[q] != type) {
        continue;
      }
      ofType = true;
      Trace.Atom into = atom(q, edge.arrow());
      if (edge.arrow() == Arrow.STRICT && pseq != strictReference(r, edge) + 1) {
        long between = pseq - strictReference(r, edge) - 1;
        reasons.add(
            new Trace.Reason(
                Trace.Kind.STRICT,
                "`=> "
                    + into.text()
                    + "` needs the"
                    + " partition's very next event after the attempt's last; "
                    + between
                    + (between == 1
                        ? " event of the partition came"
                        : " events of the partition came")
                    + " between",
                into.text(),
                into.span(),
                Map.of()));
        continue;
      }
      long blocked = blocked(edge.negationMasks(), r.violated);
      if (blocked != 0) {
        reasons.add(negationEarlier(blocked, into));
        continue;
      }
      Trace.Reason why = condition(r, q, e, into);
      if (why == null) {
        why = conjuncts(r, q, e, seq, edge.conjuncts(), into);
      }
      if (why != null) {
        reasons.add(why);
        continue;
      }
      moves.add(new Trace.Move(into, completes(r, q, e, seq, reasons, into)));
      if (edge.arrow() != Arrow.ANY) {
        mustMove = true;
      }
    }
    if (!ofType) {
      reasons.add(typeReason(r.pos, e));
    }
    if (mustMove) {
      return new Trace.Verdict(attempt, Trace.Outcome.TAKEN, moves, reasons);
    }
    long violated = r.violated;
    long negs = reachableNegations[r.pos];
    Trace.Reason hit = null;
    for (int n = 0; n < negType.length; n++) {
      if ((negs & (1L << n)) == 0 || negType[n] != type) {
        continue;
      }
      Trace.Reason h = negationHit(n, r, e);
      if (h != null) {
        violated |= 1L << n;
        reasons.add(h);
        hit = hit == null ? h : hit;
      }
    }
    if (!deadAfterSkip(r, violated)) {
      return new Trace.Verdict(
          attempt,
          moves.isEmpty() ? Trace.Outcome.WAITS : Trace.Outcome.TAKEN_AND_WAITS,
          moves,
          reasons);
    }
    if (!moves.isEmpty()) {
      return new Trace.Verdict(attempt, Trace.Outcome.TAKEN, moves, reasons);
    }
    // Dead anyway (a `=>` not taken, an earlier negation), or only because of this event's hit.
    Trace.Reason end =
        hit != null && !deadAfterSkip(r, r.violated) ? hit : skipEnd(r, r.violated, e);
    if (end != hit) {
      reasons.add(end);
    }
    ending.add(r);
    endReasons.add(end);
    return new Trace.Verdict(attempt, Trace.Outcome.ENDS, moves, reasons);
  }

  /** An attempt of another partition than the event's (or any, when the event has no key). */
  private Trace.Verdict elsewhere(Run r, Object attemptKey, Object eventKey, Event e) {
    Trace.Reason why =
        eventKey == null
            ? noKey(e)
            : new Trace.Reason(
                Trace.Kind.PARTITION,
                "the event is in partition "
                    + TraceText.value(eventKey)
                    + ", the attempt in partition "
                    + TraceText.value(attemptKey),
                null,
                null,
                values("event's key", eventKey, "attempt's key", attemptKey));
    return new Trace.Verdict(attempt(r, attemptKey), Trace.Outcome.WAITS, List.of(), List.of(why));
  }

  private Trace.Reason noKey(Event e) {
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < automaton.keyItems(); k++) {
      String type = automaton.keyType(k);
      if (type == null || type.equals(e.type())) {
        keys.add(String.join(".", automaton.keyPath(k)));
      }
    }
    return new Trace.Reason(
        Trace.Kind.NO_KEY,
        "the event has no partition key ("
            + (keys.isEmpty()
                ? "its type has no key item in `partition by`"
                : String.join(", ", keys) + " missing or null")
            + "), so it neither joins nor starts an attempt",
        null,
        automaton.span(),
        Map.of());
  }

  /** Whether the event starts an attempt, as the start edges of onEvent take it. */
  private Trace.Verdict start(Event e, long seq, long pseq, int type, Object key) {
    List<Trace.Reason> reasons = new ArrayList<>();
    List<Trace.Move> moves = new ArrayList<>();
    boolean ofType = false;
    for (Automaton.Edge edge : automaton.start()) {
      int q = edge.to();
      if (posType[q] != type) {
        continue;
      }
      ofType = true;
      Trace.Atom into = atom(q, null);
      Trace.Reason why = condition(null, q, e, into);
      if (why == null) {
        why = conjuncts(null, q, e, seq, edge.conjuncts(), into);
      }
      if (why != null) {
        reasons.add(why);
        continue;
      }
      moves.add(new Trace.Move(into, completes(null, q, e, seq, reasons, into)));
    }
    if (!ofType) {
      List<String> firsts = new ArrayList<>();
      for (Automaton.Edge edge : automaton.start()) {
        String t = tables.positionAtom(edge.to()).text();
        if (!firsts.contains(t)) {
          firsts.add(t);
        }
      }
      reasons.add(
          new Trace.Reason(
              Trace.Kind.TYPE,
              "an attempt starts with " + quoted(firsts) + "; this is " + article(e.type()),
              null,
              null,
              Map.of()));
    }
    if (key == null) {
      return new Trace.Verdict(null, Trace.Outcome.STARTS_NONE, List.of(), List.of(noKey(e)));
    }
    return new Trace.Verdict(
        null, moves.isEmpty() ? Trace.Outcome.STARTS_NONE : Trace.Outcome.STARTS, moves, reasons);
  }

  // ---- the checks, each as take() makes it ----

  private Trace.Reason windowReason(Run r, Event e, long pseq) {
    long windowMillis = automaton.windowMillis();
    if (windowMillis >= 0 && e.time() - r.firstTime > windowMillis) {
      return new Trace.Reason(
          Trace.Kind.WINDOW,
          "its window had closed: it started at "
              + TraceText.time(r.firstTime)
              + ", within "
              + TraceText.duration(windowMillis)
              + ", and the event is at "
              + TraceText.time(e.time()),
          null,
          automaton.span(),
          values("first event", r.firstTime, "window", windowMillis, "event", e.time()));
    }
    long windowEvents = automaton.windowEvents();
    if (windowEvents >= 0 && pseq - r.firstPseq + 1 > windowEvents) {
      return new Trace.Reason(
          Trace.Kind.WINDOW,
          "its window of "
              + windowEvents
              + " events is"
              + " used up: this would be event "
              + (pseq - r.firstPseq + 1)
              + " of its partition"
              + " since its first",
          null,
          automaton.span(),
          Map.of());
    }
    return null;
  }

  /** The condition of the atom at {@code q} for {@code e}, as take() evaluates it; null if true. */
  private Trace.Reason condition(Run r, int q, Event e, Trace.Atom into) {
    Evaluator cond = automaton.condition(q);
    if (cond == null || tables.conditionParts(q) == null) {
      return null;
    }
    if (Values.isTrue(eval(cond, () -> conditionContext(r, q, e)))) {
      return null;
    }
    for (ConditionText.Part part : tables.conditionParts(q)) {
      if (!Values.isTrue(eval(part.eval(), () -> conditionContext(r, q, e)))) {
        Map<String, Object> values = TraceText.values(part, conditionContext(r, q, e));
        return new Trace.Reason(
            Trace.Kind.CONDITION,
            "the condition of `"
                + into.text()
                + "` is false: `"
                + part.text()
                + "`"
                + shown(values),
            part.text(),
            into.span(),
            values);
      }
    }
    // Each part holds but the whole does not (an evaluation failed): say so plainly.
    return new Trace.Reason(
        Trace.Kind.CONDITION,
        "the condition of `" + into.text() + "` is not true",
        into.text(),
        into.span(),
        Map.of());
  }

  private RunContext conditionContext(Run r, int q, Event e) {
    Event[] singles = r == null ? noSingles : r.singles;
    Accumulator[] accs = r == null ? emptyAccs : r.accs;
    Event prev = r == null ? null : r.last();
    int rOwn = r == null ? -1 : ownSlot[r.pos];
    return ctx.set(e, prev, singles, accs, rOwn, prev).atom(ownSlot[q], e).over(r, null, -1);
  }

  /** The {@code where} conjuncts the edge makes checkable; null when they hold. */
  private Trace.Reason conjuncts(
      Run r, int q, Event e, long seq, int[] conjuncts, Trace.Atom into) {
    if (conjuncts.length == 0) {
      return null;
    }
    Event[] singles = r == null ? noSingles : r.singles;
    Accumulator[] accs = r == null ? emptyAccs : r.accs;
    Event prev = r == null ? null : r.last();
    int rOwn = r == null ? -1 : ownSlot[r.pos];
    int b = automaton.binding(q);
    Accumulator[] newAccs =
        b >= 0 && automaton.bindingRepeated(q) ? accumulate(b, e, prev, singles, accs, rOwn) : accs;
    Event[] newSingles = singles;
    if (rOwn >= 0) {
      newSingles = singles.clone();
      newSingles[rOwn] = prev;
    }
    Event[] s = newSingles;
    for (int c : conjuncts) {
      ConditionText.Part part = tables.wherePart(c);
      if (!Values.isTrue(
          eval(
              automaton.conjunct(c),
              () -> ctx.set(null, e, s, newAccs, ownSlot[q], e).over(r, e, q)))) {
        Map<String, Object> values =
            TraceText.values(part, ctx.set(null, e, s, newAccs, ownSlot[q], e).over(r, e, q));
        return new Trace.Reason(
            Trace.Kind.WHERE,
            "taking it into `"
                + into.text()
                + "`, the"
                + " `where` condition `"
                + part.text()
                + "` is false"
                + shown(values),
            part.text(),
            tables.whereSpan(c),
            values);
      }
    }
    return null;
  }

  private Accumulator[] accumulate(
      int b, Event e, Event prev, Event[] singles, Accumulator[] accs, int rOwn) {
    Accumulator[] newAccs = accs;
    for (int a = 0; a < accs.length; a++) {
      if (automaton.aggBinding(a) != b || !automaton.aggIncremental(a)) {
        continue;
      }
      Object v = eval(automaton.aggArgument(a), () -> ctx.set(e, prev, singles, accs, rOwn, prev));
      if (v != null) {
        if (newAccs == accs) {
          newAccs = accs.clone();
        }
        newAccs[a] = newAccs[a].add(v);
      }
    }
    return newAccs;
  }

  /**
   * Whether taking {@code e} into {@code q} completes a match: the position accepts with no absence
   * pending, and the {@code where} conjuncts still open hold (else a reason is added).
   */
  private boolean completes(
      Run r, int q, Event e, long seq, List<Trace.Reason> reasons, Trace.Atom into) {
    long[] accept = automaton.accept(q);
    if (accept == null || accept[0] != 0) {
      return false;
    }
    int[] open = automaton.openAtCompletion(q);
    if (open.length == 0) {
      return true;
    }
    Event[] singles = r == null ? noSingles : r.singles;
    Accumulator[] accs = r == null ? emptyAccs : r.accs;
    Event prev = r == null ? null : r.last();
    int rOwn = r == null ? -1 : ownSlot[r.pos];
    int b = automaton.binding(q);
    Accumulator[] newAccs =
        b >= 0 && automaton.bindingRepeated(q) ? accumulate(b, e, prev, singles, accs, rOwn) : accs;
    Event[] newSingles = singles;
    if (rOwn >= 0) {
      newSingles = singles.clone();
      newSingles[rOwn] = prev;
    }
    Event[] s = newSingles;
    Step taken = new Step(e, seq, q, automaton.binding(q), r);
    for (int c : open) {
      if (!Values.isTrue(
          eval(
              automaton.conjunct(c),
              () -> ctx.set(null, e, s, newAccs, ownSlot[q], e).over(taken, null, -1)))) {
        ConditionText.Part part = tables.wherePart(c);
        Map<String, Object> values =
            TraceText.values(
                part, ctx.set(null, e, s, newAccs, ownSlot[q], e).over(taken, null, -1));
        reasons.add(
            new Trace.Reason(
                Trace.Kind.WHERE,
                "taking it into `"
                    + into.text()
                    + "` completes the pattern, but the `where` condition `"
                    + part.text()
                    + "` is false"
                    + shown(values)
                    + ", so nothing is emitted",
                part.text(),
                tables.whereSpan(c),
                values));
        return false;
      }
    }
    return true;
  }

  /** This event fulfils negation {@code n} for run {@code r}: the reason, or null. */
  private Trace.Reason negationHit(int n, Run r, Event e) {
    Evaluator c = automaton.negationCondition(n);
    Trace.Atom neg = tables.negationAtom(n);
    if (c == null) {
      return new Trace.Reason(
          Trace.Kind.NEGATION,
          "the event is `"
              + neg.text()
              + "`, which"
              + " the attempt must not meet before its next event",
          neg.text(),
          neg.span(),
          Map.of());
    }
    if (!Values.isTrue(eval(c, () -> negationContext(r, e)))) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (tables.negationParts(n) != null) {
      for (ConditionText.Part part : tables.negationParts(n)) {
        values.putAll(TraceText.values(part, negationContext(r, e)));
      }
    }
    return new Trace.Reason(
        Trace.Kind.NEGATION,
        "the event fits `"
            + neg.text()
            + "`, which"
            + " the attempt must not meet before its next event"
            + shown(values),
        neg.text(),
        neg.span(),
        values);
  }

  private RunContext negationContext(Run r, Event e) {
    return ctx.set(e, r.last(), r.singles, r.accs, ownSlot[r.pos], r.event).over(r, null, -1);
  }

  private Trace.Reason negationEarlier(long blocked, Trace.Atom into) {
    List<String> names = new ArrayList<>();
    Span span = null;
    for (int n = 0; n < negType.length; n++) {
      if ((blocked & (1L << n)) != 0) {
        names.add(tables.negationAtom(n).text());
        span = span == null ? tables.negationAtom(n).span() : span;
      }
    }
    return new Trace.Reason(
        Trace.Kind.NEGATION,
        "on the way to `"
            + into.text()
            + "` it must"
            + " not meet "
            + quoted(names)
            + ", and an earlier event did",
        String.join(", ", names),
        span,
        Map.of());
  }

  private Trace.Reason typeReason(int pos, Event e) {
    List<String> next = new ArrayList<>();
    for (Automaton.Edge edge : automaton.out(pos)) {
      String t = tables.positionAtom(edge.to()).text();
      if (!next.contains(t)) {
        next.add(t);
      }
    }
    String what =
        next.isEmpty()
            ? "it takes no more events (it waits for its window to close)"
            : "it can take next " + quoted(next);
    return new Trace.Reason(
        Trace.Kind.TYPE, what + "; this is " + article(e.type()), null, null, Map.of());
  }

  /** Why a run that did not take the event can take nothing more (deadAfterSkip was true). */
  private Trace.Reason skipEnd(Run r, long violated, Event e) {
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      if (edge.arrow() == Arrow.STRICT) {
        Trace.Atom into = atom(edge.to(), edge.arrow());
        return new Trace.Reason(
            Trace.Kind.STRICT,
            "`=> "
                + into.text()
                + "` needs the"
                + " partition's very next event, and the event ("
                + article(e.type())
                + ") was not"
                + " taken, so the attempt can take nothing more",
            into.text(),
            into.span(),
            Map.of());
      }
    }
    long blocked = violated & reachableNegations[r.pos];
    List<String> names = new ArrayList<>();
    Span span = null;
    for (int n = 0; n < negType.length; n++) {
      if ((blocked & (1L << n)) != 0) {
        names.add(tables.negationAtom(n).text());
        span = span == null ? tables.negationAtom(n).span() : span;
      }
    }
    return new Trace.Reason(
        Trace.Kind.NEGATION,
        "it met " + quoted(names) + ", so it can take nothing more",
        String.join(", ", names),
        span,
        Map.of());
  }

  // ---- the runtime's rules, read-only ----

  private static long strictReference(Run r, Automaton.Edge edge) {
    return edge.strictFrom() < 0 ? r.lastPseq : r.sideLast[edge.strictFrom()];
  }

  /** The violated negations that block every mask, or 0 when some mask is clear. */
  private static long blocked(long[] masks, long violated) {
    if (violated == 0) {
      return 0;
    }
    long all = 0;
    for (long m : masks) {
      if ((m & violated) == 0) {
        return 0;
      }
      all |= m & violated;
    }
    return all;
  }

  /** As PatternTables.deadAfterSkip, with the negations this event adds. */
  private boolean deadAfterSkip(Run r, long violated) {
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      if (edge.arrow() == Arrow.STRICT) {
        continue; // the event was not taken: a `=>` can no longer be
      }
      if (blocked(edge.negationMasks(), violated) == 0) {
        return false;
      }
    }
    long[] accept = automaton.accept(r.pos);
    return accept == null || accept[0] == 0 || blocked(accept, violated) != 0;
  }

  private Object eval(Evaluator ev, Supplier<RunContext> context) {
    try {
      return ev.eval(context.get());
    } catch (RuntimeException ex) {
      return null;
    }
  }

  // ---- ends reported by the runtime's cold paths ----

  /** A run's time window closed without completing (expire, closeWindow). */
  void windowClosed(Partition part, Run r) {
    long end = r.firstTime + automaton.windowMillis();
    end(
        r,
        part.key,
        new Trace.Reason(
            Trace.Kind.WINDOW,
            "its window closed: it started at "
                + TraceText.time(r.firstTime)
                + ", within "
                + TraceText.duration(automaton.windowMillis())
                + ", so its window ended at "
                + TraceText.time(end)
                + ", and the watermark is now past it ("
                + TraceText.time(host.watermark())
                + ")",
            null,
            automaton.span(),
            values(
                "first event",
                r.firstTime,
                "window",
                automaton.windowMillis(),
                "window end",
                end,
                "watermark",
                host.watermark())),
        end,
        false);
  }

  /** A {@code within N events} window used up (prune). */
  void countWindowClosed(Partition part, Run r, Event e) {
    end(
        r,
        part.key,
        new Trace.Reason(
            Trace.Kind.WINDOW,
            "its window of " + automaton.windowEvents() + " events is used up",
            null,
            automaton.span(),
            Map.of()),
        e.time(),
        true);
  }

  /** The skip policy applied after {@code matched} was emitted: the runs it dropped. */
  void skipped(Partition part, Run matched) {
    List<Event> match = new ArrayList<>();
    for (Step s = matched; s != null; s = s.previous()) {
      match.add(0, s.event());
    }
    for (Run r : part) {
      if (r.dead && r != matched && !reported.contains(r)) {
        end(
            r,
            part.key,
            new Trace.Reason(
                Trace.Kind.SKIP,
                "`"
                    + skipText()
                    + "` dropped it"
                    + " when the match "
                    + TraceText.value(match)
                    + " was emitted",
                skipText(),
                automaton.span(),
                values("match", match)),
            matched.last().time(),
            matched.seq == currentSeq);
      }
    }
  }

  private String skipText() {
    String text = "after match skip " + automaton.skip().text();
    return automaton.skip() == SkipPolicy.TO_FIRST || automaton.skip() == SkipPolicy.TO_LAST
        ? text + " " + bindingName(automaton.skipSlot())
        : text;
  }

  /** The per-partition or total bound on partial matches dropped runs (enforceRunBounds). */
  void bounded(Partition part) {
    Limits limits = host.limits();
    String how =
        limits.policy() == OverflowPolicy.EVICT_OLDEST
            ? "evicted (the oldest first)"
            : "refused (the newest first)";
    for (Run r : part) {
      if (r.dead && !reported.contains(r)) {
        end(
            r,
            part.key,
            new Trace.Reason(
                Trace.Kind.BOUND,
                how
                    + " at the bound of "
                    + limits.maxRunsPerPartition()
                    + " partial matches a partition or "
                    + limits.maxRuns()
                    + " in all",
                null,
                null,
                Map.of()),
            current.time(),
            true);
      }
    }
  }

  /** A whole partition evicted or refused at the bound on partitions (admitPartition). */
  void partitionDropped(Partition part, boolean evicted) {
    for (Run r : part) {
      if (!r.dead && !reported.contains(r)) {
        end(
            r,
            part.key,
            new Trace.Reason(
                Trace.Kind.BOUND,
                "its partition was "
                    + (evicted ? "evicted (the oldest first)" : "refused")
                    + " at the bound of "
                    + host.limits().maxPartitions()
                    + " partitions",
                null,
                null,
                Map.of()),
            current.time(),
            true);
      }
    }
  }

  private void end(Run r, Object key, Trace.Reason reason, long time, boolean byEvent) {
    reported.add(r);
    Trace.End end =
        new Trace.End(
            automaton.name(),
            attempt(r, key),
            reason,
            time,
            byEvent && current != null ? traced(current, currentSeq) : null);
    deliver(() -> listener.onEnd(end));
  }

  private void deliver(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ex) {
      errors.onError("a trace listener of pattern " + automaton.name() + " failed: " + ex, ex);
    }
  }

  // ---- values ----

  private Trace.Attempt attempt(Run r, Object key) {
    List<Trace.TracedEvent> events = new ArrayList<>();
    for (Step s = r; s != null; s = s.previous()) {
      events.add(traced(s.event(), s.seq()));
    }
    Collections.reverse(events);
    List<Trace.Atom> next = new ArrayList<>();
    for (Automaton.Edge edge : automaton.out(r.pos)) {
      Trace.Atom a = atom(edge.to(), edge.arrow());
      if (!next.contains(a)) {
        next.add(a);
      }
    }
    return new Trace.Attempt(key, events, r.pos, tables.positionAtom(r.pos), next);
  }

  private Trace.Atom atom(int q, Arrow arrow) {
    Trace.Atom a = tables.positionAtom(q);
    return new Trace.Atom(a.text(), a.span(), arrow == null ? null : arrow.symbol());
  }

  private static Trace.TracedEvent traced(Event e, long seq) {
    return new Trace.TracedEvent(e, seq);
  }

  private static Map<String, Object> values(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String shown(Map<String, Object> values) {
    return values.isEmpty() ? "" : " (" + TraceText.show(values) + ")";
  }

  private static String quoted(List<String> texts) {
    List<String> q = new ArrayList<>();
    texts.forEach(t -> q.add("`" + t + "`"));
    if (q.size() <= 1) {
      return q.isEmpty() ? "nothing" : q.get(0);
    }
    return String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
  }

  private static String article(String type) {
    return (type.isEmpty() || "AEIOUaeiou".indexOf(type.charAt(0)) < 0 ? "a " : "an ") + type;
  }
}
