package io.motif.bench;

import java.util.Arrays;

/**
 * The limit: for each workload, a hand-written loop that does the least work that can find the same
 * matches as Motif (the same semantics, checked by the suite), on primitive arrays indexed by the
 * key (keys are dense ints here), with no objects per event and no output objects. It is what a
 * programmer would write for exactly one pattern, and so the bound no general engine can beat on
 * this machine.
 *
 * <ul>
 *   <li>SEQ2 {@code A -> B(x > a.x)}: per key the pending A's as packed {@code time<<7|x}, in time
 *       order; a B drops the expired prefix and completes (removes) every pending A with a smaller
 *       x.
 *   <li>SEQ4 {@code A -> B -> C -> D}: with skip-till-next-match every attempt waiting at a stage
 *       takes the same next event, so per key three lists of start times; B moves stage 1 to 2, C
 *       moves 2 to 3, D completes stage 3 (each dropping what the window has closed).
 *   <li>RISING {@code A -> B(price > prev.price)+ -> C}: per key the attempts as (start, last
 *       price, taken a B yet); a B raises every attempt it fits, a C completes those with a B.
 *   <li>NEGATION {@code A -> not B -> C}: per key the pending start times; a B clears them, a C
 *       completes those still in the window and clears the rest.
 *   <li>ABSENCE {@code A -> not B within W}: one global FIFO of A's (their deadlines are in arrival
 *       order) and per key the index of its last B; before each event, every A whose window ended
 *       strictly before it completes unless its key saw a B after it.
 *   <li>ANY_REPEAT {@code A ->> B+ ->> C}: per key a running count of B's and the pending A's with
 *       the count at their arrival; a C completes {@code 2^k - 1} matches per A in its window with
 *       k B's since. This counts the combinations without materialising them.
 * </ul>
 */
public final class LimitAdapter implements EngineAdapter {
  private Workload w;
  private long window;
  private byte[] type;
  private int[] key;
  private long[] x;
  private double[] price;
  private long[] time;

  private long matches;

  // per key lists (lazily allocated): up to three long lists and one double list
  private long[][] l1;
  private long[][] l2;
  private long[][] l3;
  private double[][] d1;
  private int[] n1;
  private int[] n2;
  private int[] n3;

  // ABSENCE: the global FIFO of A's and each key's last B
  private int[] fifo;
  private int head;
  private int tail;
  private int[] lastB;

  @Override
  public boolean supports(Workload w) {
    return true;
  }

  @Override
  public boolean sameSemanticsAsMotif(Workload w) {
    return true;
  }

  @Override
  public String semantics(Workload w) {
    return "hand-written loop for " + w.shape + " with Motif's semantics (see LimitAdapter)";
  }

  @Override
  public void setup(Workload w) {
    this.w = w;
    this.window = w.windowMillis;
    this.type = w.type;
    this.x = w.x;
    this.price = w.price;
    this.time = w.time;
    this.key = new int[w.size];
    for (int i = 0; i < w.size; i++) {
      key[i] = (int) w.key[i];
    }
  }

  /** Empties the per-key state, reusing the arrays (so a run allocates only as lists grow). */
  @Override
  public void reset() {
    int k = w.keys;
    matches = 0;
    if (l1 == null) {
      l1 = new long[k][];
      l2 = new long[k][];
      l3 = new long[k][];
      d1 = w.shape == Workload.Shape.RISING ? new double[k][] : null;
      n1 = new int[k];
      n2 = new int[k];
      n3 = new int[k];
      if (w.shape == Workload.Shape.ABSENCE) {
        fifo = new int[w.size];
        lastB = new int[k];
      }
    }
    Arrays.fill(n1, 0);
    Arrays.fill(n2, 0);
    Arrays.fill(n3, 0);
    if (lastB != null) {
      head = 0;
      tail = 0;
      Arrays.fill(lastB, -1);
    }
  }

  @Override
  public long matches() {
    return matches;
  }

  @Override
  public void send(int i) {
    switch (w.shape) {
      case SEQ2 -> seq2(i);
      case SEQ4 -> seq4(i);
      case RISING -> rising(i);
      case NEGATION -> negation(i);
      case ABSENCE -> absence(i);
      case ANY_REPEAT -> anyRepeat(i);
      default -> throw new AssertionError();
    }
  }

  private static long[] grow(long[] a, int n) {
    if (a == null) {
      return new long[4];
    }
    return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
  }

  private void seq2(int i) {
    int t = type[i];
    int k = key[i];
    if (t == Workload.A) {
      long[] a = l1[k] = grow(l1[k], n1[k]);
      a[n1[k]++] = time[i] << 7 | x[i];
    } else if (t == Workload.B) {
      int n = n1[k];
      if (n == 0) {
        return;
      }
      long[] a = l1[k];
      long oldest = (time[i] - window) << 7;
      long bx = x[i];
      int out = 0;
      for (int j = 0; j < n; j++) {
        long p = a[j];
        if (p < oldest) {
          continue; // the window closed
        }
        if (bx > (p & 127)) {
          matches++;
        } else {
          a[out++] = p;
        }
      }
      n1[k] = out;
    }
  }

  /** Index of the first start time still in the window (lists are in time order). */
  private static int firstLive(long[] a, int n, long oldest) {
    int j = 0;
    while (j < n && a[j] < oldest) {
      j++;
    }
    return j;
  }

  private void seq4(int i) {
    int t = type[i];
    int k = key[i];
    long oldest = time[i] - window;
    switch (t) {
      case Workload.A -> {
        long[] a = l1[k] = grow(l1[k], n1[k]);
        a[n1[k]++] = time[i];
      }
      case Workload.B -> n1[k] = move(l1, n1, l2, n2, k, oldest);
      case Workload.C -> n2[k] = move(l2, n2, l3, n3, k, oldest);
      case Workload.D -> {
        int n = n3[k];
        if (n > 0) {
          matches += n - firstLive(l3[k], n, oldest);
          n3[k] = 0;
        }
      }
      default -> {}
    }
  }

  /** Appends the live entries of {@code from[k]} to {@code to[k]}; returns from's new size, 0. */
  private static int move(long[][] from, int[] nf, long[][] to, int[] nt, int k, long oldest) {
    int n = nf[k];
    if (n == 0) {
      return 0;
    }
    long[] src = from[k];
    int j = firstLive(src, n, oldest);
    int m = n - j;
    if (m > 0) {
      long[] dst = to[k];
      int have = nt[k];
      if (dst == null || have + m > dst.length) {
        dst = to[k] = Arrays.copyOf(dst == null ? new long[0] : dst, Math.max(4, (have + m) * 2));
      }
      System.arraycopy(src, j, dst, have, m);
      nt[k] = have + m;
    }
    return 0;
  }

  private void rising(int i) {
    int t = type[i];
    int k = key[i];
    long oldest = time[i] - window;
    if (t == Workload.A) {
      int n = n1[k];
      long[] a = l1[k] = grow(l1[k], n);
      double[] p = d1[k];
      if (p == null || n == p.length) {
        p = d1[k] = p == null ? new double[4] : Arrays.copyOf(p, a.length);
      }
      a[n] = time[i] << 1; // low bit: took a B
      p[n] = price[i];
      n1[k] = n + 1;
    } else if (t == Workload.B) {
      int n = n1[k];
      long[] a = l1[k];
      double[] p = d1[k];
      double bp = price[i];
      int out = 0;
      for (int j = 0; j < n; j++) {
        long s = a[j];
        if ((s >> 1) < oldest) {
          continue;
        }
        if (bp > p[j]) {
          s |= 1;
          p[out] = bp;
        } else {
          p[out] = p[j];
        }
        a[out++] = s;
      }
      n1[k] = out;
    } else if (t == Workload.C) {
      int n = n1[k];
      long[] a = l1[k];
      double[] p = d1[k];
      int out = 0;
      for (int j = 0; j < n; j++) {
        long s = a[j];
        if ((s >> 1) < oldest) {
          continue;
        }
        if ((s & 1) != 0) {
          matches++;
        } else {
          p[out] = p[j];
          a[out++] = s;
        }
      }
      n1[k] = out;
    }
  }

  private void negation(int i) {
    int t = type[i];
    int k = key[i];
    if (t == Workload.A) {
      long[] a = l1[k] = grow(l1[k], n1[k]);
      a[n1[k]++] = time[i];
    } else if (t == Workload.B) {
      n1[k] = 0;
    } else if (t == Workload.C) {
      int n = n1[k];
      if (n > 0) {
        matches += n - firstLive(l1[k], n, time[i] - window);
        n1[k] = 0;
      }
    }
  }

  private void absence(int i) {
    long now = time[i];
    while (head < tail) {
      int a = fifo[head];
      if (time[a] + window >= now) {
        break;
      }
      if (lastB[key[a]] < a) {
        matches++;
      }
      head++;
    }
    int t = type[i];
    if (t == Workload.A) {
      fifo[tail++] = i;
    } else if (t == Workload.B) {
      lastB[key[i]] = i;
    }
  }

  private void anyRepeat(int i) {
    int t = type[i];
    int k = key[i];
    if (t == Workload.A) {
      // pending A: its time and the key's B count at its arrival (n2[k] is that count)
      long[] a = l1[k] = grow(l1[k], n1[k]);
      long[] c = l2[k] = grow(l2[k], n1[k]);
      a[n1[k]] = time[i];
      c[n1[k]] = n2[k];
      n1[k]++;
    } else if (t == Workload.B) {
      n2[k]++;
    } else if (t == Workload.C) {
      int n = n1[k];
      if (n == 0) {
        return;
      }
      long[] a = l1[k];
      long[] c = l2[k];
      int j = firstLive(a, n, time[i] - window);
      long bs = n2[k];
      for (int m = j; m < n; m++) {
        long kb = bs - c[m];
        matches += (1L << kb) - 1;
      }
      if (j > 0) {
        System.arraycopy(a, j, a, 0, n - j);
        System.arraycopy(c, j, c, 0, n - j);
        n1[k] = n - j;
      }
    }
  }
}
