package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.eval.EvalContext;
import io.motif.engine.eval.Evaluator;
import io.motif.engine.eval.ExprCompiler;
import io.motif.engine.eval.Num;
import io.motif.function.Accumulator;

/**
 * A reusable evaluation context over a run's bindings; one per pattern, reset per use. A run does
 * not copy the single binding its own newest event fills into its array (that would cost an array
 * per started attempt): {@code ownSlot} names that binding and {@code own} its event. In an atom's
 * condition, {@code atomSlot} names the atom's own single binding, which means the event tested.
 *
 * <p>Most aggregates are kept incrementally in {@code accs}. One whose argument reads another
 * binding or {@code prev} is recomputed when read, over the run's taken events ({@code steps},
 * newest first, and {@code pending}, an event being taken into position {@code pendingPos}), each
 * element read with every other binding as it is now (LANGUAGE.md §8: per element of the repeated
 * binding, the other bindings keep their values).
 */
final class RunContext implements EvalContext {
  private final Automaton automaton;
  private final Accumulator[] emptyAccs;
  Event current;
  Event prev;
  Event[] singles;
  Accumulator[] accs;
  int ownSlot = -1;
  Event own;
  int atomSlot = -1;
  Event atomEvent;
  Step steps;
  Event pending;
  int pendingPos = -1;

  /**
   * A single binding whose event is not read unless an expression needs it ({@code -1}: none): the
   * packed row's item at {@code deferredSlot}, and the partition key that is its field {@code
   * keyField} (see {@code Matches#emitPair}). A match from a row whose first event is long out of
   * cache then reads none of it for {@code emit Alert(user: a.user)} under {@code partition by
   * user}.
   */
  private int deferredSlot = -1;

  private Object deferredItem;
  private String keyField;
  private Object partitionKey;

  /** Where unboxed arithmetic leaves its values (see {@link EvalContext#numbers}). */
  private final Num numbers = new Num();

  /** The context an aggregate's argument is read in, element by element (made on first need). */
  private RunContext element;

  /** Where a function that throws is reported; null: not reported (the tracer's re-evaluation). */
  private final FunctionFailures failures;

  RunContext(Automaton automaton, Accumulator[] emptyAccs, FunctionFailures failures) {
    this.automaton = automaton;
    this.emptyAccs = emptyAccs;
    this.failures = failures;
  }

  RunContext set(Event current, Event prev, Event[] singles, Accumulator[] accs) {
    return set(current, prev, singles, accs, -1, null);
  }

  RunContext set(
      Event current, Event prev, Event[] singles, Accumulator[] accs, int ownSlot, Event own) {
    this.current = current;
    this.prev = prev;
    this.singles = singles;
    this.accs = accs;
    this.ownSlot = ownSlot;
    this.own = own;
    this.atomSlot = -1;
    this.atomEvent = null;
    this.steps = null;
    this.pending = null;
    this.pendingPos = -1;
    this.deferredSlot = -1;
    this.deferredItem = null;
    this.keyField = null;
    this.partitionKey = null;
    return this;
  }

  /** See {@link #deferredSlot}; {@code keyField} interned, or null. */
  RunContext defer(int slot, Object item, String keyField, Object partitionKey) {
    this.deferredSlot = slot;
    this.deferredItem = item;
    this.keyField = keyField;
    this.partitionKey = partitionKey;
    return this;
  }

  /** In an atom's condition: its own single binding {@code slot} holds the event tested. */
  RunContext atom(int slot, Event event) {
    this.atomSlot = slot;
    this.atomEvent = event;
    return this;
  }

  /** The taken events, for aggregates recomputed when read. */
  RunContext over(Step steps, Event pending, int pendingPos) {
    this.steps = steps;
    this.pending = pending;
    this.pendingPos = pendingPos;
    return this;
  }

  @Override
  public void functionFailed(String function, RuntimeException cause) {
    if (failures != null) {
      failures.failed(function, cause);
    }
  }

  @Override
  public Event current() {
    return current;
  }

  @Override
  public Event prev() {
    return prev;
  }

  @Override
  public Event binding(int slot) {
    if (slot == atomSlot) {
      return atomEvent;
    }
    if (slot == ownSlot) {
      return own;
    }
    if (slot == deferredSlot) {
      return (Event) deferredItem;
    }
    return singles == null ? null : singles[slot];
  }

  @Override
  public Object bindingField(int slot, String name) {
    if (slot == deferredSlot && name == keyField) {
      return partitionKey; // the event's own field value (PartitionKeys#exactKeyField), not read
    }
    return ExprCompiler.field(binding(slot), name);
  }

  @Override
  public Num numbers() {
    return numbers;
  }

  @Override
  public Object aggregate(int slot) {
    if (automaton.aggIncremental(slot)) {
      return accs == null ? emptyAccs[slot].result() : accs[slot].result();
    }
    return recompute(slot);
  }

  private Object recompute(int slot) {
    int b = automaton.aggBinding(slot);
    int n = 0;
    for (Step s = steps; s != null; s = s.previous()) {
      if (automaton.binding(s.pos()) == b) {
        n++;
      }
    }
    boolean withPending = pending != null && automaton.binding(pendingPos) == b;
    Event[] elements = new Event[n + (withPending ? 1 : 0)];
    int i = n;
    for (Step s = steps; s != null; s = s.previous()) {
      if (automaton.binding(s.pos()) == b) {
        elements[--i] = s.event();
      }
    }
    if (withPending) {
      elements[n] = pending;
    }
    if (element == null) {
      element = new RunContext(automaton, emptyAccs, failures);
    }
    RunContext inner = element;
    Evaluator argument = automaton.aggArgument(slot);
    Accumulator acc = emptyAccs[slot];
    for (Event e : elements) {
      inner
          .set(e, prev, singles, accs, ownSlot, own)
          .atom(atomSlot, atomEvent)
          .over(steps, pending, pendingPos);
      Object v = argument.eval(inner);
      if (v != null) {
        acc = acc.add(v);
      }
    }
    return acc.result();
  }
}
