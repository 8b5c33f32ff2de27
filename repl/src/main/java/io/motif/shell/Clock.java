package io.motif.shell;

import java.util.concurrent.TimeUnit;

/** Where the shell's time comes from; tests pass one that ticks by a fixed step. */
public interface Clock {
  /** Monotonic nanoseconds, for rates and a replay's pacing. */
  long nanos();

  /** Epoch milliseconds, for wall-clock mode. */
  long millis();

  /** Waits this long (a replay's pacing). */
  default void sleep(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  /** The system's clocks. */
  Clock SYSTEM =
      new Clock() {
        @Override
        public long nanos() {
          return System.nanoTime();
        }

        @Override
        public long millis() {
          return System.currentTimeMillis();
        }
      };
}
