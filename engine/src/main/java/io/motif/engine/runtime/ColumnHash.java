package io.motif.engine.runtime;

import com.carrotsearch.hppc.BitMixer;
import java.util.Arrays;

/**
 * The rows of a large partition by the exact value of their guard column, for an equality ({@code
 * id == a.id}): a hash table of chains over primitive arrays, so that an event visits only the rows
 * with its value. Entries stay while their rows do: a lookup unlinks those whose rows have gone.
 */
final class ColumnHash extends ColumnIndex {
  private int[] heads = emptyHeads(16);
  private long[] columns = new long[16];
  private long[] seqs = new long[16];
  private int[] next = new int[16];

  /** Entries in the chains; slots below {@code used} not in a chain are in the free list. */
  private int size;

  private int used;
  private int free = -1;

  ColumnHash(int position) {
    super(position);
  }

  private static int[] emptyHeads(int n) {
    int[] h = new int[n];
    Arrays.fill(h, -1);
    return h;
  }

  /** (A column is a double's bits, whose low bits are zero for whole numbers: mixed first.) */
  private static int bucket(long column, int buckets) {
    return (int) BitMixer.mix64(column) & (buckets - 1);
  }

  @Override
  void add(long column, long seq) {
    int e;
    if (free >= 0) {
      e = free;
      free = next[e];
    } else {
      if (used == columns.length) {
        int n = 2 * used;
        columns = Arrays.copyOf(columns, n);
        seqs = Arrays.copyOf(seqs, n);
        next = Arrays.copyOf(next, n);
      }
      e = used++;
    }
    columns[e] = column;
    seqs[e] = seq;
    int b = bucket(column, heads.length);
    next[e] = heads[b];
    heads[b] = e;
    if (++size > heads.length - heads.length / 4) {
      rehash(2 * heads.length);
    }
  }

  private void rehash(int buckets) {
    int[] old = heads;
    heads = emptyHeads(buckets);
    for (int head : old) {
      for (int e = head; e >= 0; ) {
        int after = next[e];
        int b = bucket(columns[e], buckets);
        next[e] = heads[b];
        heads[b] = e;
        e = after;
      }
    }
  }

  @Override
  void clear() {
    Arrays.fill(heads, -1);
    size = 0;
    used = 0;
    free = -1;
  }

  @Override
  int size() {
    return size;
  }

  @Override
  void collect(long current, RunList part, Visits visits) {
    int b = bucket(current, heads.length);
    int previous = -1;
    for (int e = heads[b]; e >= 0; ) {
      int after = next[e];
      if (columns[e] == current) {
        int i = names(part, current, seqs[e]);
        if (i < 0) { // its row has gone or moved on: unlinked
          if (previous < 0) {
            heads[b] = after;
          } else {
            next[previous] = after;
          }
          next[e] = free;
          free = e;
          size--;
          e = after;
          continue;
        }
        visits.add(i);
      }
      previous = e;
      e = after;
    }
  }

  @Override
  boolean givesOut() {
    return false;
  }
}
