package io.motif.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field names of events, in order: events with the same names share one shape, so an event
 * holds only its type, time, shape and values, and a field is found by scanning a few names that
 * are hot in the cache (compared by identity first: the compiler's names are interned). Shapes are
 * canonical up to {@value #CACHED} distinct ones; past that, new shapes still work but are not
 * shared. Create one with {@link #of} and build events with {@link Event#of(String, long,
 * EventShape, Object...)} to skip the map an event is otherwise built from.
 */
public final class EventShape {
  private static final int CACHED = 4096;

  /** Wider shapes get a hash index, built once per shape. */
  private static final int INDEXED = 12;

  private static final Map<List<String>, EventShape> CANONICAL = new ConcurrentHashMap<>();
  private static volatile EventShape recent;
  static final EventShape EMPTY = of();

  private final String[] names;
  private final List<String> list;
  private volatile Map<String, Integer> index;

  private EventShape(String[] names) {
    this.names = names;
    this.list = List.of(names);
  }

  /** The shape with these field names, in this order; names must be distinct and not null. */
  public static EventShape of(String... names) {
    EventShape r = recent;
    if (r != null && sameNames(r.names, names)) {
      return r;
    }
    List<String> key = List.of(names); // a copy; rejects null names
    EventShape s = CANONICAL.get(key);
    if (s == null) {
      if (new HashSet<>(key).size() != names.length) {
        throw new IllegalArgumentException("field names repeat: " + key);
      }
      String[] interned = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        interned[i] = names[i].intern();
      }
      s = new EventShape(interned);
      if (CANONICAL.size() < CACHED) {
        EventShape raced = CANONICAL.putIfAbsent(key, s);
        s = raced == null ? s : raced;
      }
    }
    recent = s;
    return s;
  }

  /**
   * The shape with the first {@code length} names of {@code names}: for a reader that collects
   * names in a reused buffer. The common case, the shape of the event read just before, copies
   * nothing.
   */
  public static EventShape of(String[] names, int length) {
    EventShape r = recent;
    if (r != null && sameNames(r.names, names, length)) {
      return r;
    }
    return of(Arrays.copyOf(names, length));
  }

  private static boolean sameNames(String[] a, String[] b) {
    return a.length == b.length && sameNames(a, b, b.length);
  }

  /** Whether {@code a} is the first {@code length} names of {@code b}. */
  private static boolean sameNames(String[] a, String[] b, int length) {
    if (a.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (a[i] != b[i] && !a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** The field names, in order. */
  public List<String> names() {
    return list;
  }

  /** How many fields the shape has. */
  public int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  /** The position of a field, or -1. */
  int indexOf(Object name) {
    String[] ns = names;
    for (int i = 0; i < ns.length; i++) {
      if (ns[i] == name) {
        return i;
      }
    }
    if (ns.length > INDEXED) {
      Map<String, Integer> m = index;
      if (m == null) {
        m = new HashMap<>();
        for (int i = ns.length - 1; i >= 0; i--) {
          m.put(ns[i], i);
        }
        index = m;
      }
      Integer i = m.get(name);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < ns.length; i++) {
      if (ns[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return Arrays.toString(names);
  }
}
