package io.motif.engine;

import io.motif.engine.check.Checker;
import io.motif.engine.automaton.AutomatonCompiler;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.plan.CheckedScript;
import io.motif.engine.plan.PatternPlan;
import io.motif.function.FunctionRegistry;
import io.motif.parse.ParseResult;
import io.motif.parse.SourceParser;
import io.motif.source.Diagnostic;
import io.motif.source.Diagnostics;
import io.motif.source.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's entry point: Motif source text to a {@link CompiledScript}, or diagnostics.
 *
 * <pre>{@code
 * Compilation c = Motif.compile("rules.motif", text);
 * if (c.hasErrors()) { System.err.print(c.render()); return; }
 * Engine engine = Engine.builder().build();
 * engine.deploy(c.script());
 * engine.subscribe("Alert", e -> System.out.println(e));
 * engine.send(Event.of("Login", 0, Map.of("user", "al", "ok", false)));
 * }</pre>
 */
public final class Motif {
  private Motif() {}

  /** Compiles with the functions found through {@link java.util.ServiceLoader}. */
  public static Compilation compile(String name, String text) {
    return compile(new Source(name, text), FunctionRegistry.standard());
  }

  public static Compilation compile(String name, String text, FunctionRegistry functions) {
    return compile(new Source(name, text), functions);
  }

  public static Compilation compile(Source source, FunctionRegistry functions) {
    // Checking and compiling recurse over the tree; a deep but legal input (long operator chains)
    // must not overflow the caller's stack, so they run on a thread with a large one.
    Compilation[] result = new Compilation[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread t = new Thread(null, () -> {
      try {
        result[0] = compileHere(source, functions);
      } catch (StackOverflowError e) {
        Diagnostics d = new Diagnostics();
        d.error(io.motif.source.Codes.TOO_DEEP, "the rules nest too deeply to compile; split"
            + " long expressions or patterns", new io.motif.source.Span(0, 0));
        result[0] = new Compilation(source, null, d.sorted());
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    }, "motif-compiler", 512L * 1024 * 1024);
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
    CheckedScript checked = new Checker(functions, diagnostics, parsed.brokenNames())
        .check(parsed.script());
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
    CompiledScript script = diagnostics.hasErrors() ? null
        : new CompiledScript(source, checked, automata);
    return new Compilation(source, script, all);
  }
}
