package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A record failing before any state is skipped (dead-lettered); anywhere else the task fails. */
class MotifProcessingExceptionHandlerTest {
  private static ErrorHandlerContext at(String node) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "events";
      }

      @Override
      public int partition() {
        return 0;
      }

      @Override
      public long offset() {
        return 7;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return node;
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 0);
      }

      @Override
      public long timestamp() {
        return 0;
      }

      @Override
      public byte[] sourceRawKey() {
        return null;
      }

      @Override
      public byte[] sourceRawValue() {
        return "{\"type\":\"A\"}".getBytes();
      }
    };
  }

  @Test
  void onlyTheStepsBeforeAnyStateSkip() {
    MotifProcessingExceptionHandler h = new MotifProcessingExceptionHandler();
    h.configure(Map.of("errors.dead.letter.queue.topic.name", "dead"));
    Record<String, String> r = new Record<>("k", "v", 0);
    ProcessingExceptionHandler.Response skip =
        h.handleError(at("motif-time"), r, new IllegalArgumentException("time out of range"));
    assertEquals(ProcessingExceptionHandler.Result.RESUME, skip.result());
    assertEquals(1, skip.deadLetterQueueRecords().size());
    assertEquals("dead", skip.deadLetterQueueRecords().get(0).topic());
    for (String node : new String[] {"motif-engine-user", "motif-derived-event", "motif-key"}) {
      assertEquals(
          ProcessingExceptionHandler.Result.FAIL,
          h.handleError(at(node), r, new IllegalStateException("x")).result(),
          node);
    }
  }
}
