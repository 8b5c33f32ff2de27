package io.motif.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/** An event's fields as an unmodifiable map: a view over its shape and values, in order. */
final class FieldMap extends AbstractMap<String, Object> {
  private final EventShape shape;
  private final Object[] values;

  FieldMap(EventShape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  @Override
  public Object get(Object key) {
    int i = shape.indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return shape.indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
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
            return i < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= values.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>(shape.name(i), values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
