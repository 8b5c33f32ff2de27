package io.motif.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator of random values for {@link Property}, with a shrinker: {@link #next} draws a value
 * from a seeded {@link Random}; {@link #shrink} lists smaller values to try when one fails, the
 * boldest first. Shrinking lives beside generation, not inside it, so a test can shrink structure
 * (drop an event, replace a node by its child) rather than the seed a value came from.
 */
public interface Gen<T> {
  T next(Random random);

  /** Smaller candidates for {@code value}, the boldest first; none when it is smallest. */
  List<T> shrink(T value);

  /** How a failure report shows a value. */
  default String show(T value) {
    return String.valueOf(value);
  }

  static <T> Gen<T> of(Function<Random, T> next, Function<T, List<T>> shrink) {
    return of(next, shrink, String::valueOf);
  }

  static <T> Gen<T> of(
      Function<Random, T> next, Function<T, List<T>> shrink, Function<T, String> show) {
    return new Gen<>() {
      @Override
      public T next(Random random) {
        return next.apply(random);
      }

      @Override
      public List<T> shrink(T value) {
        return shrink.apply(value);
      }

      @Override
      public String show(T value) {
        return show.apply(value);
      }
    };
  }

  /** This generator, with values shown by {@code show} (say, ASTs as text); apply it last. */
  default Gen<T> showing(Function<T, String> show) {
    return of(this::next, this::shrink, show);
  }

  /** Values that do not shrink. */
  static <T> Gen<T> of(Function<Random, T> next) {
    return of(next, v -> List.of());
  }

  /** This generator, except that one draw in {@code oneIn} is an edge case from {@code edges}. */
  default Gen<T> withEdges(int oneIn, List<T> edges) {
    return of(
        r -> r.nextInt(oneIn) == 0 ? edges.get(r.nextInt(edges.size())) : next(r), this::shrink);
  }

  /** One of {@code values}, uniformly; shrinks towards the first. */
  static <T> Gen<T> elements(List<T> values) {
    return of(
        r -> values.get(r.nextInt(values.size())),
        v -> values.subList(0, Math.max(0, values.indexOf(v))));
  }

  /** A record (or pair) of two generated parts, shrunk one part at a time. */
  static <A, B, R> Gen<R> combine(
      Gen<A> a, Gen<B> b, BiFunction<A, B, R> make, Function<R, A> partA, Function<R, B> partB) {
    return of(
        r -> make.apply(a.next(r), b.next(r)),
        v -> {
          List<R> out = new ArrayList<>();
          a.shrink(partA.apply(v)).forEach(x -> out.add(make.apply(x, partB.apply(v))));
          b.shrink(partB.apply(v)).forEach(y -> out.add(make.apply(partA.apply(v), y)));
          return out;
        });
  }

  /**
   * Longs in {@code [min, max]}: half uniform, half small (a random bit length, so that every
   * magnitude is as likely), and one in twenty an end of the range or 0, 1, -1. Shrinks towards 0,
   * or the end nearest it.
   */
  static Gen<Long> longs(long min, long max) {
    long target = Math.max(min, Math.min(max, 0));
    List<Long> edges = new ArrayList<>(new LinkedHashSet<>(List.of(min, max, target)));
    for (long e : new long[] {1, -1}) {
      if (e >= min && e <= max && !edges.contains(e)) {
        edges.add(e);
      }
    }
    return Gen.<Long>of(
            r -> {
              if (r.nextBoolean()) {
                return min == Long.MIN_VALUE && max == Long.MAX_VALUE
                    ? r.nextLong()
                    : max < Long.MAX_VALUE
                        ? r.nextLong(min, max + 1)
                        : r.nextLong(min - 1, max) + 1;
              }
              boolean up = target == min || (target != max && r.nextBoolean());
              // Unsigned: the distance to the far end may not fit a long, but it fits 64 unsigned
              // bits.
              long room = up ? max - target : target - min;
              int bits = r.nextInt(65 - Long.numberOfLeadingZeros(room));
              long offset = bits == 0 ? 0 : r.nextLong() >>> (64 - bits);
              if (Long.compareUnsigned(offset, room) > 0) {
                offset = Long.remainderUnsigned(offset, room + 1);
              }
              return up ? target + offset : target - offset;
            },
            v -> towards(v, target))
        .withEdges(20, edges);
  }

  static Gen<Integer> ints(int min, int max) {
    Gen<Long> longs = longs(min, max);
    return of(
        r -> (int) (long) longs.next(r),
        v -> longs.shrink((long) v).stream().map(Math::toIntExact).toList());
  }

  /** Lists of {@code min} to {@code max} elements, short ones likelier; see {@link #shrinkList}. */
  static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    return of(
        r -> {
          int size = r.nextInt(min, r.nextInt(min, max + 1) + 1);
          List<T> out = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            out.add(element.next(r));
          }
          return out;
        },
        list -> shrinkList(list, min, element::shrink));
  }

  // ---- shrinkers, for generators written in tests ----

  /** {@code target}, then halfway there, a quarter of the way, ..., down to one step. */
  static List<Long> towards(long value, long target) {
    List<Long> out = new ArrayList<>();
    if (value != target) {
      out.add(target);
    }
    for (long gap = (value - target) / 2; gap != 0; gap /= 2) {
      out.add(value - gap);
    }
    return out;
  }

  /** Towards 0: 0, the whole part, halves; a non-finite value shrinks to 0 and to 1. */
  static List<Double> towardsZero(double value) {
    if (!Double.isFinite(value)) {
      return List.of(0.0, 1.0);
    }
    List<Double> out = new ArrayList<>();
    double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
    if (value != 0) {
      out.add(0.0);
    }
    if (whole != value) {
      out.add(whole);
    }
    if (Math.abs(value) > 1 || whole != value) {
      out.add(value / 2);
    }
    return out;
  }

  /**
   * Simpler values of the kinds the engine passes around, kind and class kept: a Long or Double
   * nearer 0, a shorter String, false for true; other values do not shrink.
   */
  static List<Object> simpler(Object value) {
    List<?> out =
        value instanceof Long l
            ? towards(l, 0)
            : value instanceof Double d
                ? towardsZero(d)
                : value instanceof String s
                    ? shorter(s)
                    : Boolean.TRUE.equals(value) ? List.of(false) : List.of();
    return new ArrayList<>(out);
  }

  /** Shorter strings, cut at code points so that no surrogate pair is split. */
  static List<String> shorter(String s) {
    int[] cps = s.codePoints().toArray();
    List<List<Integer>> shorter =
        shrinkList(Arrays.stream(cps).boxed().toList(), 0, c -> List.of());
    return shorter.stream()
        .map(l -> new String(l.stream().mapToInt(Integer::intValue).toArray(), 0, l.size()))
        .toList();
  }

  /**
   * Shorter lists (halves, then one element fewer at each place), never below {@code minSize}; then
   * the list with one element shrunk.
   */
  static <T> List<List<T>> shrinkList(List<T> list, int minSize, Function<T, List<T>> element) {
    List<List<T>> out = new ArrayList<>();
    int n = list.size();
    if (n > minSize + 1) {
      out.add(new ArrayList<>(list.subList(0, minSize)));
    }
    // ArrayList copies, not List.copyOf: generated lists may hold nulls.
    for (int cut = n / 2; cut > 1; cut /= 2) {
      if (n - cut >= minSize) {
        out.add(new ArrayList<>(list.subList(cut, n)));
        out.add(new ArrayList<>(list.subList(0, n - cut)));
      }
    }
    if (n - 1 >= minSize) {
      for (int i = 0; i < n; i++) {
        List<T> fewer = new ArrayList<>(list);
        fewer.remove(i);
        out.add(fewer);
      }
    }
    for (int i = 0; i < n; i++) {
      for (T smaller : element.apply(list.get(i))) {
        List<T> copy = new ArrayList<>(list);
        copy.set(i, smaller);
        out.add(copy);
      }
    }
    return out;
  }
}
