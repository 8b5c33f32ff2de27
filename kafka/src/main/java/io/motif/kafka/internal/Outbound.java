package io.motif.kafka.internal;

import io.motif.engine.Event;

/** What the processor forwards: a derived event, or an input event that arrived late. */
public record Outbound(Event event, boolean late) {}
