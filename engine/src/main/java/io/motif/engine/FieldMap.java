package io.motif.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/** An event's fields as an unmodifiable map: a view over the event, in order. */
final class FieldMap extends AbstractMap<String, Object> {
  private final Event event;
  private final EventShape shape;

  FieldMap(Event event) {
    this.event = event;
    this.shape = event.shape();
  }

  @Override
  public Object get(Object key) {
    int i = shape.indexOf(key);
    return i < 0 ? null : event.value(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return shape.indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return shape.size();
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
            return i < shape.size();
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= shape.size()) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>(shape.name(i), event.value(i));
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return shape.size();
      }
    };
  }
}
