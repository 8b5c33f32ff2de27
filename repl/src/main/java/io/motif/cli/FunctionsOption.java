package io.motif.cli;

import io.motif.function.FunctionRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --functions JAR|DIR}: user functions, found through {@link java.util.ServiceLoader} in the
 * jars given (a directory stands for every jar in it), next to the standard library.
 */
final class FunctionsOption {
  @Option(
      names = "--functions",
      paramLabel = "JAR|DIR",
      description =
          "Load user-defined functions from these jars (or every jar in a directory);"
              + " they are found through META-INF/services/io.motif.function.FunctionProvider."
              + " May be repeated.")
  List<Path> paths = new ArrayList<>();

  private FunctionRegistry registry;

  /** The standard functions plus those of the jars given. */
  FunctionRegistry registry() {
    if (registry != null) {
      return registry;
    }
    if (paths.isEmpty()) {
      registry = FunctionRegistry.standard();
      return registry;
    }
    List<URL> urls = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new Misuse(p + ": no such jar or directory (--functions)");
      }
      try {
        if (Files.isDirectory(p)) {
          try (Stream<Path> jars = Files.list(p)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
              urls.add(jar.toUri().toURL());
            }
          }
        } else {
          urls.add(p.toUri().toURL());
        }
      } catch (MalformedURLException e) {
        throw new Misuse(p + ": not a usable path (--functions)");
      } catch (IOException e) {
        throw new Misuse(p + ": cannot read: " + e.getMessage());
      }
    }
    ClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), FunctionRegistry.class.getClassLoader());
    try {
      registry = FunctionRegistry.load(loader);
    } catch (ServiceConfigurationError e) {
      throw new Misuse("cannot load the functions in " + paths + ": " + e.getMessage());
    }
    return registry;
  }
}
