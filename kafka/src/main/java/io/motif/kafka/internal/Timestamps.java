package io.motif.kafka.internal;

/**
 * Record timestamps for what Motif writes. A broker refuses a record whose timestamp is too far
 * ahead of its clock ({@code log.message.timestamp.after.max.ms}, one hour by default), and Kafka
 * has no negative timestamps: the event time is clamped into [0, now]. The event keeps its own time
 * in the payload.
 */
public final class Timestamps {
  private Timestamps() {}

  public static long clamp(long eventTime, long now) {
    return Math.max(0, Math.min(eventTime, now));
  }
}
