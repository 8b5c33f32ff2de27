package io.motif.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's fields: names and values in two arrays, in order, immutable. Events have few fields,
 * so a scan that compares names by identity first beats hashing (conditions read fields by names
 * the compiler holds); past {@link #INDEXED} fields a hash index is built once.
 */
final class FieldMap extends AbstractMap<String, Object> {
  private static final int INDEXED = 12;
  static final FieldMap EMPTY = new FieldMap(new String[0], new Object[0]);

  private final String[] names;
  private final Object[] values;
  private Map<String, Integer> index;

  FieldMap(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  private int indexOf(Object key) {
    String[] ns = names;
    for (int i = 0; i < ns.length; i++) {
      if (ns[i] == key) {
        return i;
      }
    }
    if (ns.length > INDEXED) {
      if (index == null) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = ns.length - 1; i >= 0; i--) {
          m.put(ns[i], i);
        }
        index = m;
      }
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < ns.length; i++) {
      if (ns[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < names.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= names.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>(names[i], values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return names.length;
      }
    };
  }
}
