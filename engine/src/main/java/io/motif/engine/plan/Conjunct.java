package io.motif.engine.plan;

/**
 * One {@code and}-ed part of a {@code where} clause, with the bindings it reads (a bit per binding
 * slot), so the compiler can check it as soon as they can no longer change.
 */
public record Conjunct(PExpr condition, long bindingsRead, String text) {}
