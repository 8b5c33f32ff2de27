package io.motif.engine.plan;

import io.motif.function.AggregateFunction;

/**
 * An aggregate kept incrementally for a repeated binding: each event the binding accepts is turned
 * into a value by {@code argument} (where {@link PExpr.Element} is that event) and, unless null,
 * added to the accumulator.
 */
public record AggSpec(int slot, AggregateFunction function, int binding, PExpr argument,
    String text) {}
