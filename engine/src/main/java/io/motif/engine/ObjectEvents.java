package io.motif.engine;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps Java records and beans onto events: the simple class name is the type. */
final class ObjectEvents {
  private ObjectEvents() {}

  static Event toEvent(Object o, long time) {
    Class<?> c = o.getClass();
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          rc.getAccessor().setAccessible(true);
          fields.put(rc.getName(), convert(rc.getAccessor().invoke(o)));
        }
      } else {
        BeanInfo info = Introspector.getBeanInfo(c, Object.class);
        for (PropertyDescriptor p : info.getPropertyDescriptors()) {
          if (p.getReadMethod() != null) {
            fields.put(p.getName(), convert(p.getReadMethod().invoke(o)));
          }
        }
      }
    } catch (ReflectiveOperationException | IntrospectionException e) {
      throw new IllegalArgumentException("cannot read " + c.getName() + " as an event", e);
    }
    return Event.of(c.getSimpleName(), time, fields);
  }

  private static Object convert(Object v) {
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (v instanceof Character ch) {
      return ch.toString();
    }
    return v;
  }
}
