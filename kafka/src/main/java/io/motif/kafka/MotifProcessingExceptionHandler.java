package io.motif.kafka;

import java.util.Set;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' processing exception handler for Motif: an input record that fails in the steps
 * before any state is touched (its time out of range, say) is logged and skipped, and goes to the
 * dead-letter topic when {@code errors.dead.letter.queue.topic.name} is set; a failure anywhere
 * else (in an engine task, or writing its output) fails the task, so that its transaction is
 * aborted and the task restarts from its last commit rather than going on with half an input
 * applied.
 */
public class MotifProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {
  /** The steps a record may fail in and be skipped: they keep no state of it yet. */
  static final Set<String> SKIPPABLE = Set.of("motif-input", "motif-origin", "motif-time");

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (SKIPPABLE.contains(context.processorNodeId())) {
      return super.handleError(context, record, exception);
    }
    return Response.fail();
  }
}
