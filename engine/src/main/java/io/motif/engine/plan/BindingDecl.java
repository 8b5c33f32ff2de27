package io.motif.engine.plan;

/**
 * A name bound in a pattern. {@code repeated}: it holds a list (it sits under a repetition that can
 * take more than one event). {@code eventType} is null when branches bind different types.
 */
public record BindingDecl(
    int slot, String name, boolean repeated, boolean negated, String eventType) {}
