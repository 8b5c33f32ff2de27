package io.motif.engine.automaton;

/**
 * A name bound in a pattern, as the runtime reads it. {@code repeated}: it holds a list (it sits
 * under a repetition that can take more than one event); {@code negated}: it names a {@code not}
 * atom's event, which no match holds.
 */
public record Binding(int slot, String name, boolean repeated, boolean negated) {}
