package io.motif.engine;

import io.motif.engine.automaton.Automaton;
import io.motif.engine.automaton.AutomatonCompiler;
import io.motif.engine.automaton.CompiledRules;
import io.motif.engine.check.Checker;
import io.motif.engine.check.Near;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.PatternPlan;
import io.motif.function.FunctionRegistry;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Codes;
import io.motif.source.Diagnostic;
import io.motif.source.Diagnostics;
import io.motif.source.Source;
import io.motif.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's entry point: Motif source text to a {@link CompiledScript}, or diagnostics.
 *
 * <pre>{@code
 * CompiledScript script = Motif.compile(Path.of("rules.motif")).scriptOrThrow();
 * Engine engine = Engine.builder().build();
 * engine.deploy(script);
 * engine.subscribe("Alert", e -> System.out.println(e));
 * engine.send(Event.of("Login", 0, Map.of("user", "al", "ok", false)));
 * }</pre>
 *
 * <p>{@link Compilation#scriptOrThrow()} throws a {@link CompilationException} whose message
 * renders every error; {@link Compilation#hasErrors()} and {@link Compilation#render()} let a tool
 * print them (and the warnings) itself.
 */
public final class Motif {
  private Motif() {}

  /**
   * Compiles {@code text}, named {@code name} in diagnostics, with the functions found through
   * {@link java.util.ServiceLoader}.
   */
  public static Compilation compile(String name, String text) {
    return compile(new Source(name, text), FunctionRegistry.standard());
  }

  /** Compiles {@code text}, named {@code name} in diagnostics, with the functions given. */
  public static Compilation compile(String name, String text, FunctionRegistry functions) {
    return compile(new Source(name, text), functions);
  }

  /**
   * Compiles a file read as UTF-8, named in diagnostics as the path is written, with the functions
   * found through {@link java.util.ServiceLoader}.
   *
   * @throws IOException when the file cannot be read (malformed UTF-8 included)
   */
  public static Compilation compile(Path file) throws IOException {
    return compile(file, FunctionRegistry.standard());
  }

  /**
   * Compiles a file read as UTF-8, named in diagnostics as the path is written, with the functions
   * given.
   *
   * @throws IOException when the file cannot be read (malformed UTF-8 included)
   */
  public static Compilation compile(Path file, FunctionRegistry functions) throws IOException {
    return compile(
        new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)), functions);
  }

  /** Compiles a source with the functions given. */
  public static Compilation compile(Source source, FunctionRegistry functions) {
    // Checking and compiling recurse over the tree; a deep but legal input (long operator chains)
    // must not overflow the caller's stack, so they run on a thread with a large one.
    Compilation[] result = new Compilation[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = compileHere(source, functions);
              } catch (StackOverflowError e) {
                Diagnostics d = new Diagnostics();
                d.error(
                    Codes.TOO_DEEP,
                    "the rules nest too deeply to compile; split" + " long expressions or patterns",
                    new Span(0, 0));
                result[0] = new Compilation(source, null, d.sorted());
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "motif-compiler",
            512L * 1024 * 1024);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return result[0];
  }

  private static Compilation compileHere(Source source, FunctionRegistry functions) {
    ParseResult parsed = SourceParser.parse(source);
    Diagnostics diagnostics = new Diagnostics();
    parsed.diagnostics().forEach(diagnostics::add);
    CheckedScript checked =
        new Checker(functions, diagnostics, parsed.brokenNames()).check(parsed.script());
    List<Automaton> automata = new ArrayList<>();
    if (!diagnostics.hasErrors()) {
      for (PatternPlan p : checked.patterns()) {
        Automaton a = AutomatonCompiler.compile(p, diagnostics);
        if (a != null) {
          automata.add(a);
        }
      }
    }
    List<Diagnostic> all = diagnostics.sorted();
    CompiledScript script =
        diagnostics.hasErrors()
            ? null
            : new CompiledScript(new CompiledRules(source, checked, automata));
    return new Compilation(source, script, all);
  }

  /**
   * The known name nearest to a misspelt one, for "did you mean" hints: equal ignoring case, or
   * within an edit distance of a third of the longer name; null when none is near.
   */
  public static String closest(String name, Iterable<String> candidates) {
    return Near.closest(name, candidates);
  }

  /**
   * {@link #closest} as a message tail, as the compiler words it: {@code "; did you mean
   * `Login`?"}, or "" when no candidate is near.
   */
  public static String didYouMean(String name, Iterable<String> candidates) {
    return Near.didYouMean(name, candidates);
  }
}
