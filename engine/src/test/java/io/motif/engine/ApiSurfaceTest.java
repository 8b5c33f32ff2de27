package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's public surface: its module exports only {@code io.motif.engine}, and no public
 * member of that package names a type of an internal package (so nothing internal is reachable from
 * the API).
 */
class ApiSurfaceTest {
  static final Path CLASSES = Path.of("target/classes");

  @Test
  void theModuleExportsOnlyTheApiPackage() throws IOException {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertEquals("io.motif.engine", module.name());
      assertEquals(
          Set.of("io.motif.engine"),
          module.exports().stream()
              .map(ModuleDescriptor.Exports::source)
              .collect(Collectors.toSet()));
      assertEquals(Set.of(), module.opens());
    }
  }

  @Test
  void noPublicMemberOfTheApiNamesAnInternalType() throws Exception {
    Set<String> leaks = new TreeSet<>();
    for (Class<?> c : apiClasses()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      List<Type> named = new ArrayList<>();
      named.add(c.getGenericSuperclass());
      named.addAll(List.of(c.getGenericInterfaces()));
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
          named.add(m.getGenericReturnType());
          named.addAll(List.of(m.getGenericParameterTypes()));
          named.addAll(List.of(m.getGenericExceptionTypes()));
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
          named.addAll(List.of(k.getGenericParameterTypes()));
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
          named.add(f.getGenericType());
        }
      }
      for (Type t : named) {
        collectInternal(t, c.getName(), leaks);
      }
    }
    assertEquals(Set.of(), leaks, "API members that name internal types");
  }

  /** Every class of the package io.motif.engine, nested ones included. */
  static List<Class<?>> apiClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(CLASSES.resolve("io/motif/engine"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$$")) {
          out.add(
              Class.forName(
                  "io.motif.engine." + name.substring(0, name.length() - 6),
                  false,
                  ApiSurfaceTest.class.getClassLoader()));
        }
      }
    }
    return out;
  }

  private static void collectInternal(Type t, String where, Set<String> leaks) {
    if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String pkg = c.getPackageName();
      if (pkg.startsWith("io.motif.")
          && !pkg.equals("io.motif.engine")
          && !pkg.equals("io.motif.source")
          && !pkg.equals("io.motif.function")) {
        leaks.add(where + " -> " + c.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      collectInternal(p.getRawType(), where, leaks);
      for (Type a : p.getActualTypeArguments()) {
        collectInternal(a, where, leaks);
      }
    } else if (t instanceof GenericArrayType g) {
      collectInternal(g.getGenericComponentType(), where, leaks);
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        collectInternal(b, where, leaks);
      }
      for (Type b : w.getLowerBounds()) {
        collectInternal(b, where, leaks);
      }
    }
  }
}
