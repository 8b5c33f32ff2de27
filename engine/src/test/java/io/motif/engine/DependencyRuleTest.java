package io.motif.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's rule (STYLE.md), over the compiled classes: the engine's packages stack in
 * pipeline order, and no layer depends on one above it. ArchUnit sees every dependency in the
 * bytecode (fields, signatures, calls, constants), not only imports; since every class of a package
 * is in its layer, a layer cannot reach a higher one through another class either, so the rule
 * holds transitively.
 *
 * <pre>
 * API value types  <  plan  <  eval  <  check, automaton (neither sees the other)
 *                  <  runtime  <  the API facade (Motif, Engine, CompiledScript, ...)
 * </pre>
 *
 * The runtime reads only the compiled automaton, the closures of {@code eval} and the API value
 * types; nothing after the checker reads syntax (AST, parser, ANTLR); the engine reaches the
 * standard library only through the function SPI ({@code io.motif.function}).
 */
class DependencyRuleTest {
  /**
   * The classes of {@code io.motif.engine} that the lower layers may use: values and callbacks that
   * depend on nothing of the engine but each other. Every other class of the package is the facade,
   * above everything. (A new API value type a lower layer needs is added here.)
   */
  static final Set<String> API_VALUE_TYPES =
      Set.of(
          "Event",
          "EventShape",
          "FieldMap",
          "Limits",
          "OverflowPolicy",
          "EngineErrorHandler",
          "EngineStats",
          "PatternStats",
          "RestoreReport",
          "SnapshotException",
          "PartitionState",
          "PartitionStore",
          "Subscriber",
          "Subscription",
          "Trace",
          "EventSchema",
          "EventType",
          "FieldType",
          "BadEventException",
          "ValueCodec",
          "Wtf8");

  private static JavaClasses engine;

  @BeforeAll
  static void importClasses() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.motif.engine");
  }

  /** A class of the API package, its nested classes with it, in {@code names} or not. */
  private static DescribedPredicate<JavaClass> apiClasses(boolean valueTypes) {
    return DescribedPredicate.describe(
        valueTypes ? "API value types" : "the API facade",
        c ->
            c.getPackageName().equals("io.motif.engine")
                && API_VALUE_TYPES.contains(topLevel(c).getSimpleName()) == valueTypes);
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  @Test
  void packagesStackInPipelineOrder() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("values")
        .definedBy(apiClasses(true))
        .layer("plan")
        .definedBy("io.motif.engine.plan..")
        .layer("eval")
        .definedBy("io.motif.engine.eval..")
        .layer("check")
        .definedBy("io.motif.engine.check..")
        .layer("automaton")
        .definedBy("io.motif.engine.automaton..")
        .layer("runtime")
        .definedBy("io.motif.engine.runtime..")
        .layer("facade")
        .definedBy(apiClasses(false))
        .whereLayer("facade")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("runtime")
        .mayOnlyBeAccessedByLayers("facade")
        .whereLayer("check")
        .mayOnlyBeAccessedByLayers("facade")
        .whereLayer("automaton")
        .mayOnlyBeAccessedByLayers("runtime", "facade")
        .whereLayer("eval")
        .mayOnlyBeAccessedByLayers("check", "automaton", "runtime", "facade")
        // The runtime is not among plan's users: it reads what the compiler made of the plan.
        .whereLayer("plan")
        .mayOnlyBeAccessedByLayers("eval", "check", "automaton", "facade")
        .check(engine);
  }

  @Test
  void nothingAfterTheCheckerReadsSyntax() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.motif.engine.plan..",
            "io.motif.engine.eval..",
            "io.motif.engine.automaton..",
            "io.motif.engine.runtime..")
        .or(apiClasses(true))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.motif.ast..", "io.motif.parse..", "org.antlr..")
        .check(engine);
  }

  @Test
  void theEngineReachesTheStandardLibraryOnlyThroughTheFunctionSpi() {
    noClasses()
        .that()
        .resideInAPackage("io.motif.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.motif.stdlib..")
        .check(engine);
  }
}
