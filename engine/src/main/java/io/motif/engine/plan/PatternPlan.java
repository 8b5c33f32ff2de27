package io.motif.engine.plan;

import java.util.List;
import java.util.Set;

/**
 * A checked pattern: everything the compiler needs, typed, and nothing of the syntax tree.
 *
 * @param windowMillis the {@code within} duration, or -1
 * @param windowEvents the {@code within N events} count, or -1
 * @param streamTypes the event types the pattern names (positive or negated): its stream
 * @param emit null for the default output (one field per binding)
 */
public record PatternPlan(
    String name,
    List<KeyItem> partitionBy,
    PNode match,
    List<Conjunct> where,
    long windowMillis,
    long windowEvents,
    Skip skip,
    EmitPlan emit,
    EmitPlan onTimeout,
    List<BindingInfo> bindings,
    List<AggSpec> aggregates,
    Set<String> streamTypes,
    int atomCount) {
  public PatternPlan {
    partitionBy = List.copyOf(partitionBy);
    where = List.copyOf(where);
    bindings = List.copyOf(bindings);
    aggregates = List.copyOf(aggregates);
    streamTypes = Set.copyOf(streamTypes);
  }
}
