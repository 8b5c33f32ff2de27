package io.motif.ast;

import io.motif.source.Span;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Span helpers for tests: {@link #strip} rebuilds any AST record tree with every span set to {@link
 * Span#NONE}, so that two trees compare by structure alone; {@link #forEach} visits every node with
 * its parent. Both walk record components by reflection, so new node types need no change here.
 */
public final class Spans {
  private Spans() {}

  /** A copy of {@code value} with every {@link Span} replaced by {@link Span#NONE}. */
  @SuppressWarnings("unchecked")
  public static <T> T strip(T value) {
    return (T) rebuild(value);
  }

  private static Object rebuild(Object value) {
    if (value instanceof Span) {
      return Span.NONE;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(rebuild(o));
      }
      return List.copyOf(out);
    }
    if (value instanceof Record record) {
      RecordComponent[] components = record.getClass().getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] = rebuild(read(components[i], record));
      }
      try {
        Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot rebuild " + record.getClass(), e);
      }
    }
    return value; // strings, numbers, booleans, enums, null
  }

  /** Calls {@code visitor(node, parent)} for every node below and including {@code root}. */
  public static void forEach(Node root, BiConsumer<Node, Node> visitor) {
    visit(root, null, visitor);
  }

  private static void visit(Object value, Node parent, BiConsumer<Node, Node> visitor) {
    if (value instanceof List<?> list) {
      for (Object o : list) {
        visit(o, parent, visitor);
      }
    } else if (value instanceof Record record) {
      Node self = value instanceof Node n ? n : parent;
      if (value instanceof Node n) {
        visitor.accept(n, parent);
      }
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        Object child = read(c, record);
        if (!(child instanceof Span)) {
          visit(child, self, visitor);
        }
      }
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
