package io.motif.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An input that may go quiet (standard input, a pipe): a daemon thread reads it, and the thread
 * that reads this stream (the run's thread, the only one that calls the engine) waits for bytes
 * with a timeout, so that while the input is idle it can still move the wall clock, flush the
 * output, and notice a signal to stop. The blocking read is left to the daemon thread: a signal
 * stops the run promptly even while standard input has nothing to give.
 */
final class LiveInput extends InputStream {
  /** Thrown by {@link #read} once the run was told to stop (a signal). */
  static final class Stopped extends IOException {
    Stopped() {
      super("stopped");
    }
  }

  /** What the run does between chunks of input, and while it waits for one. */
  interface Tick {
    /** {@code idle}: no input came for a while; else a chunk of input has just come. */
    void tick(boolean idle);
  }

  private static final Object EOF = new Object();
  private static final byte[] NONE = new byte[0];

  private final ArrayBlockingQueue<Object> chunks = new ArrayBlockingQueue<>(8);
  private final InputStream source;
  private final boolean closeSource;
  private final long pollMillis;
  private final Tick tick;
  private final BooleanSupplier stop;
  private final Thread pump;
  private byte[] chunk = NONE;
  private int pos;
  private boolean done;

  LiveInput(
      InputStream source, boolean closeSource, long pollMillis, Tick tick, BooleanSupplier stop) {
    this.source = source;
    this.closeSource = closeSource;
    this.pollMillis = pollMillis;
    this.tick = tick;
    this.stop = stop;
    this.pump = new Thread(this::pump, "motif-input");
    pump.setDaemon(true);
    pump.start();
  }

  private void pump() {
    byte[] buf = new byte[1 << 16];
    try {
      while (true) {
        Object next;
        try {
          int n = source.read(buf);
          next = n < 0 ? EOF : n == 0 ? null : Arrays.copyOf(buf, n);
        } catch (IOException e) {
          next = e;
        }
        if (next != null) {
          chunks.put(next);
        }
        if (next == EOF || next instanceof IOException) {
          return;
        }
      }
    } catch (InterruptedException closed) {
      // the run is over
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == chunk.length) {
      if (done) {
        return -1;
      }
      if (stop.getAsBoolean()) {
        throw new Stopped();
      }
      Object next = chunks.poll();
      if (next == null) {
        tick.tick(true);
        try {
          next = chunks.poll(pollMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Stopped();
        }
        if (next == null) {
          continue;
        }
      }
      if (next == EOF) {
        done = true;
      } else if (next instanceof IOException e) {
        done = true;
        throw e;
      } else {
        chunk = (byte[]) next;
        pos = 0;
        tick.tick(false);
      }
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return chunk.length - pos;
  }

  @Override
  public void close() throws IOException {
    pump.interrupt();
    if (closeSource) {
      source.close();
    }
  }
}
