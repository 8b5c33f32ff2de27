package io.motif.cli.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The bytes of a growing file, read as {@code tail -F} reads it: at the end of the file it waits,
 * polling, for more, and never ends. When the file is rotated (the name now stands for another
 * file: its file key changed) the rest of the old file is read, then the new one from its start;
 * when it is truncated (shorter than what was read), it is read again from its start. While the
 * name stands for no file, it waits for one. A line the old file left without its line break is
 * ended by one, so that it does not run into the new file's first line.
 *
 * <p>The reading ends (as at the end of a file) when the reading thread is interrupted, when {@code
 * stop} says so (it is asked at every poll), after {@link #stop()} or {@link #close()}. Before it
 * waits, {@code idle} runs (once each time the input goes quiet): the place to flush.
 */
public final class FollowInputStream extends InputStream {
  private final Path path;
  private final long pollMillis;
  private final Runnable idle;
  private final BooleanSupplier stop;

  /** The open file (not a channel: reading it is not undone by an interrupt), or null. */
  private RandomAccessFile channel;

  private Object fileKey;
  private long position;
  private int lastByte = '\n';
  private boolean lineBreakOwed;
  private volatile boolean stopped;

  /** Follows {@code path}, which need not exist yet. */
  public FollowInputStream(Path path, long pollMillis, Runnable idle, BooleanSupplier stop) {
    this.path = path;
    this.pollMillis = pollMillis;
    this.idle = idle;
    this.stop = stop;
  }

  /** Makes the reading end, as at the end of a file, at its next wait. */
  public void stop() {
    stopped = true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    boolean idled = false;
    while (true) {
      if (lineBreakOwed) {
        lineBreakOwed = false;
        b[off] = '\n';
        lastByte = '\n';
        return 1;
      }
      if (channel == null) {
        open();
      }
      if (channel != null) {
        int n = channel.read(b, off, len);
        if (n > 0) {
          position += n;
          lastByte = b[off + n - 1];
          return n;
        }
        if (switched()) {
          continue;
        }
      }
      if (stopped || stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        return -1;
      }
      if (!idled) {
        idled = true;
        idle.run();
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  /** Opens the file from its start, if there is one now. */
  private void open() throws IOException {
    if (!Files.isRegularFile(path)) {
      return;
    }
    try {
      channel = new RandomAccessFile(path.toFile(), "r");
    } catch (FileNotFoundException e) {
      return;
    }
    fileKey = key(channel.length());
    position = 0;
  }

  /**
   * At the end of the open file: whether the name now stands for another file or the file was
   * truncated; then the reading goes on from the start of what the name stands for.
   */
  private boolean switched() throws IOException {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false; // moved away, not yet replaced: wait (the old file may still grow)
    }
    boolean rotated =
        now.fileKey() != null ? !now.fileKey().equals(fileKey) : now.size() < position;
    boolean truncated = !rotated && now.size() < position;
    if (!rotated && !truncated) {
      return false;
    }
    channel.close();
    channel = null;
    if (lastByte != '\n' && lastByte != '\r') {
      lineBreakOwed = true;
    }
    open();
    return true;
  }

  private Object key(long size) throws IOException {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key != null ? key : size;
    } catch (NoSuchFileException e) {
      return size;
    }
  }

  @Override
  public void close() throws IOException {
    stopped = true;
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
