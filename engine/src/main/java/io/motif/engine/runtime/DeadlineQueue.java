package io.motif.engine.runtime;

import com.carrotsearch.hppc.LongHashSet;
import java.util.Arrays;

/**
 * The time-window deadlines of one pattern's attempts, oldest first. A pattern has one window
 * length and events are processed in time order, so attempts started later end later: a FIFO (a
 * ring of primitive columns) keeps them ordered with O(1) work per attempt, where a sorted set of
 * timers cost a probe per event. An attempt whose runs all ended early leaves its entry behind; the
 * entry is skipped when it comes due, and {@link #compact} drops such entries once they outnumber
 * the live ones, so the queue stays within twice the live attempts (plus a constant).
 */
final class DeadlineQueue {
  private static final int SLACK = 1024;

  private long[] deadlines = new long[16];
  private long[] firstSeqs = new long[16];
  private Partition[] partitions = new Partition[16];
  private int head;
  private int size;

  /** The size at which the next append compacts first. */
  private int compactAt = SLACK;

  boolean isEmpty() {
    return size == 0;
  }

  long headDeadline() {
    return deadlines[head];
  }

  long headFirstSeq() {
    return firstSeqs[head];
  }

  Partition headPartition() {
    return partitions[head];
  }

  void poll() {
    partitions[head] = null;
    head = (head + 1) & (deadlines.length - 1);
    size--;
  }

  void add(long deadline, long firstSeq, Partition partition) {
    if (size == deadlines.length) {
      grow();
    }
    int i = (head + size) & (deadlines.length - 1);
    deadlines[i] = deadline;
    firstSeqs[i] = firstSeq;
    partitions[i] = partition;
    size++;
  }

  /** True when the queue has grown enough since the last compaction to be worth compacting. */
  boolean wantsCompaction() {
    return size >= compactAt;
  }

  /**
   * Keeps only the entries of attempts that still have runs: those whose first sequence number is
   * in {@code live} and whose partition is still the pattern's. Order is kept.
   */
  void compact(LongHashSet live) {
    int kept = 0;
    int mask = deadlines.length - 1;
    for (int k = 0; k < size; k++) {
      int i = (head + k) & mask;
      Partition p = partitions[i];
      if (live.contains(firstSeqs[i]) && p.current) {
        int j = (head + kept) & mask;
        deadlines[j] = deadlines[i];
        firstSeqs[j] = firstSeqs[i];
        partitions[j] = p;
        kept++;
      }
    }
    for (int k = kept; k < size; k++) {
      partitions[(head + k) & mask] = null;
    }
    size = kept;
    compactAt = Math.max(SLACK, 2 * kept + SLACK);
  }

  void clear() {
    Arrays.fill(partitions, null);
    head = 0;
    size = 0;
    compactAt = SLACK;
  }

  private void grow() {
    int n = deadlines.length;
    long[] d = new long[n * 2];
    long[] s = new long[n * 2];
    Partition[] p = new Partition[n * 2];
    for (int k = 0; k < size; k++) {
      int i = (head + k) & (n - 1);
      d[k] = deadlines[i];
      s[k] = firstSeqs[i];
      p[k] = partitions[i];
    }
    deadlines = d;
    firstSeqs = s;
    partitions = p;
    head = 0;
  }
}
