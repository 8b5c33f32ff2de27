package io.motif.engine.plan;

import io.motif.function.AggregateFunction;

/**
 * An aggregate over a repeated binding: each event of the binding is turned into a value by {@code
 * argument} (where {@link TypedExpr.Element} is that event) and, unless null, added to the
 * accumulator. When the argument reads nothing but the element and constants it is kept
 * incrementally, as events are accepted; when it reads another binding or {@code prev}, it is
 * {@code incremental == false} and recomputed when read, so that those keep their values as they
 * are then (LANGUAGE.md §8).
 */
public record Aggregation(
    int slot,
    AggregateFunction function,
    int binding,
    TypedExpr argument,
    String text,
    boolean incremental) {}
