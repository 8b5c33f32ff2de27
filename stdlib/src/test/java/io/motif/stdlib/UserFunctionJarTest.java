package io.motif.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.function.AggregateFunction;
import io.motif.function.FunctionProvider;
import io.motif.function.FunctionRegistry;
import io.motif.function.ScalarFunction;
import io.motif.function.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's function in a jar of its own is found through ServiceLoader: the provider shown on the
 * reference page is compiled here against the SPI, packaged with its service file, and loaded
 * through a class loader of its own, as a program that runs Motif would load a user's jar.
 */
class UserFunctionJarTest {
  @TempDir Path dir;

  private Path buildJar() throws IOException {
    String source;
    try (InputStream in = getClass().getResourceAsStream("/udf/ShoutFunctions.java")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path src = dir.resolve("src/com/example/motif/ShoutFunctions.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK, not a JRE");
    String spi = Path.of(classpathOf(FunctionProvider.class)).toString();
    StringWriter errors = new StringWriter();
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("--release", "17", "-classpath", spi, "-d", classes.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(src.toFile()))
            .call();
    assertTrue(ok, () -> "the example provider compiles:\n" + errors);

    Path jar = dir.resolve("shout.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("META-INF/services/" + FunctionProvider.class.getName()));
      j.write("com.example.motif.ShoutFunctions\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
      }
    }
    return jar;
  }

  private static URI classpathOf(Class<?> c) {
    try {
      return c.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aProviderInAJarIsFoundThroughServiceLoader() throws IOException {
    Path jar = buildJar();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      FunctionRegistry registry = FunctionRegistry.load(loader);

      ScalarFunction shout = registry.scalar("SHOUT"); // names are case-insensitive
      assertNotNull(shout, "the user's scalar function is registered");
      assertEquals(Type.STRING, shout.resultType(List.of(Type.STRING)));
      assertNull(shout.resultType(List.of(Type.LONG)), "the checker sees its signature");
      assertEquals("HI!", Calls.call(shout, "hi"));
      assertNull(Calls.call(shout, (Object) null), "SQL nulls, as for built-ins");
      assertEquals("'HI!'", shout.example().get(1));

      AggregateFunction product = registry.aggregate("product");
      assertNotNull(product, "the user's aggregate is registered");
      assertEquals(Type.DOUBLE, product.resultType(Type.LONG));
      assertEquals(24.0, Calls.fold(product, List.of(2L, 3L, 4L)).result());
      assertNull(product.empty().result());

      // The built-ins come along, from the parent loader.
      assertNotNull(registry.scalar("round"));
      assertNotNull(registry.aggregate("count_distinct"));
      assertEquals(Calls.REGISTRY.scalars().size() + 1, registry.scalars().size());
    }
    assertNull(FunctionRegistry.standard().scalar("shout"), "nothing leaks into other loaders");
  }
}
