package io.motif.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of docs/embedding.md is a complete class: it is compiled with the
 * test class path (javax.tools) and its {@code main} is run; it must not throw. When an {@code
 * ```output} block follows it, what it prints must be exactly that.
 */
class JavaBlocksTest {
  private static final Pattern CLASS =
      Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

  static List<Pages.Block> javaBlocks() {
    return Pages.blocks(Pages.page("embedding.md")).stream()
        .filter(b -> b.language().equals("java"))
        .toList();
  }

  @TestFactory
  Stream<DynamicTest> embeddingExamples() {
    return javaBlocks().stream()
        .map(b -> DynamicTest.dynamicTest(b.where() + " compiles and runs", () -> run(b)));
  }

  @Test
  void theGuideHasItsExamples() {
    assertFalse(javaBlocks().size() < 6, "docs/embedding.md lost its Java examples");
  }

  static void run(Pages.Block b) throws Exception {
    Matcher m = CLASS.matcher(b.text());
    if (!m.find()) {
      fail(b.where() + ": a ```java block must be a complete class with a main method");
    }
    String simple = m.group(1);
    Matcher p = PACKAGE.matcher(b.text());
    String pkg = p.find() ? p.group(1) : "";
    String className = pkg.isEmpty() ? simple : pkg + "." + simple;
    Path dir = Files.createTempDirectory("motif-doc-java");
    Path src = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(simple + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, b.text(), StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    compile(b, src, classes);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, JavaBlocksTest.class.getClassLoader())) {
      Class<?> c = Class.forName(className, true, loader);
      Method main = c.getMethod("main", String[].class);
      if (!Modifier.isStatic(main.getModifiers())) {
        fail(b.where() + ": main must be static");
      }
      String printed = runCapturing(b, main);
      Pages.Block expected = Pages.following(b, "output");
      if (expected != null) {
        assertEquals(
            expected.text().strip(),
            printed.strip().replace("\r\n", "\n"),
            b.where() + ": the ```output block after it must be exactly what it prints");
      }
    }
  }

  private static void compile(Pages.Block b, Path src, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK, not a JRE");
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(src.toFile());
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-d",
                  classes.toString(),
                  "--release",
                  "17",
                  "-Xlint:all",
                  "-Xlint:-options",
                  "-Xlint:-processing",
                  "-Werror"));
      boolean ok = javac.getTask(messages, files, null, options, null, units).call();
      if (!ok) {
        fail(b.where() + ": does not compile:\n" + messages);
      }
    }
  }

  /** Runs main with System.out captured (and still shown), failing on any exception. */
  private static synchronized String runCapturing(Pages.Block b, Method main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream both =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int x) {
                bytes.write(x);
                saved.write(x);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setOut(both);
    try {
      main.invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw new AssertionError(b.where() + ": main threw " + e.getCause(), e.getCause());
    } finally {
      both.flush();
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
