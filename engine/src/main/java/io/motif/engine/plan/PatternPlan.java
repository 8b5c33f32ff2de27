package io.motif.engine.plan;

import io.motif.source.Span;
import java.util.List;
import java.util.Set;

/**
 * A checked pattern: everything the compiler needs, typed, and nothing of the syntax tree.
 *
 * @param windowMillis the {@code within} duration, or -1
 * @param windowEvents the {@code within N events} count, or -1
 * @param streamTypes the event types the pattern names (positive or negated): its stream
 * @param emit null for the default output (one field per binding)
 * @param skipSlot the binding slot of {@code x} in {@code after match skip to first/last x}, else
 *     -1
 * @param internal an {@code internal pattern}: its derived events are not output (LANGUAGE.md
 *     §4.5), though they feed other patterns and the subscribers that ask for their type
 * @param span where the pattern's {@code match} clause is written, for errors found later
 */
public record PatternPlan(
    String name,
    List<KeyPath> partitionBy,
    PatternNode match,
    List<Conjunct> where,
    long windowMillis,
    long windowEvents,
    Skip skip,
    int skipSlot,
    boolean internal,
    EmitPlan emit,
    EmitPlan onTimeout,
    List<BindingDecl> bindings,
    List<Aggregation> aggregates,
    Set<String> streamTypes,
    int atomCount,
    Span span) {
  public PatternPlan {
    partitionBy = List.copyOf(partitionBy);
    where = List.copyOf(where);
    bindings = List.copyOf(bindings);
    aggregates = List.copyOf(aggregates);
    streamTypes = Set.copyOf(streamTypes);
  }
}
