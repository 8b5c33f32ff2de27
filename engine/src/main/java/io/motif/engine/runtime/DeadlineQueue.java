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
 *
 * <p>Deadlines of partitions loaded from a {@link io.motif.engine.PartitionStore} come out of that
 * order (an attempt loaded now may have started long ago): they go to a binary heap beside the
 * ring, and the head is the earlier of the two, by deadline, then first event.
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

  /** The heap of deadlines added out of order: a binary min-heap by (deadline, first event). */
  private long[] heapDeadlines = new long[0];

  private long[] heapFirstSeqs = new long[0];
  private Partition[] heapPartitions = new Partition[0];
  private int heapSize;

  boolean isEmpty() {
    return size == 0 && heapSize == 0;
  }

  /** Whether the head is the heap's (the ring is empty, or its head comes later). */
  private boolean heapFirst() {
    if (heapSize == 0) {
      return false;
    }
    if (size == 0) {
      return true;
    }
    long d = deadlines[head];
    return heapDeadlines[0] < d || (heapDeadlines[0] == d && heapFirstSeqs[0] < firstSeqs[head]);
  }

  long headDeadline() {
    return heapFirst() ? heapDeadlines[0] : deadlines[head];
  }

  long headFirstSeq() {
    return heapFirst() ? heapFirstSeqs[0] : firstSeqs[head];
  }

  Partition headPartition() {
    return heapFirst() ? heapPartitions[0] : partitions[head];
  }

  void poll() {
    if (heapFirst()) {
      heapPoll();
      return;
    }
    partitions[head] = null;
    head = (head + 1) & (deadlines.length - 1);
    size--;
  }

  /** Adds a deadline that may come before those queued (a loaded partition's). */
  void addOutOfOrder(long deadline, long firstSeq, Partition partition) {
    if (heapSize == heapDeadlines.length) {
      int n = Math.max(16, heapSize * 2);
      heapDeadlines = Arrays.copyOf(heapDeadlines, n);
      heapFirstSeqs = Arrays.copyOf(heapFirstSeqs, n);
      heapPartitions = Arrays.copyOf(heapPartitions, n);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(deadline, firstSeq, heapDeadlines[parent], heapFirstSeqs[parent])) {
        break;
      }
      heapSet(i, heapDeadlines[parent], heapFirstSeqs[parent], heapPartitions[parent]);
      i = parent;
    }
    heapSet(i, deadline, firstSeq, partition);
  }

  private void heapPoll() {
    int last = --heapSize;
    long d = heapDeadlines[last];
    long f = heapFirstSeqs[last];
    Partition p = heapPartitions[last];
    heapPartitions[last] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last
          && before(
              heapDeadlines[child + 1],
              heapFirstSeqs[child + 1],
              heapDeadlines[child],
              heapFirstSeqs[child])) {
        child++;
      }
      if (!before(heapDeadlines[child], heapFirstSeqs[child], d, f)) {
        break;
      }
      heapSet(i, heapDeadlines[child], heapFirstSeqs[child], heapPartitions[child]);
      i = child;
    }
    heapSet(i, d, f, p);
  }

  private static boolean before(long d1, long f1, long d2, long f2) {
    return d1 < d2 || (d1 == d2 && f1 < f2);
  }

  private void heapSet(int i, long deadline, long firstSeq, Partition partition) {
    heapDeadlines[i] = deadline;
    heapFirstSeqs[i] = firstSeq;
    heapPartitions[i] = partition;
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
    Arrays.fill(heapPartitions, null);
    heapSize = 0;
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
