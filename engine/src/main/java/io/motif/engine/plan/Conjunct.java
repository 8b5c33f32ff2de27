package io.motif.engine.plan;

import io.motif.source.Span;

/**
 * One {@code and}-ed part of a {@code where} clause, with the bindings it reads (a bit per binding
 * slot), so the compiler can check it as soon as they can no longer change. {@code span} is where
 * it is written (for {@code motif why}).
 */
public record Conjunct(TypedExpr condition, long bindingsRead, String text, Span span) {}
