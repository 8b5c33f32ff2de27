package io.motif.reference;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.OperatingSystemMXBean;
import io.motif.ast.Script;
import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential testing: generated programs over every construct of LANGUAGE.md §4 ({@code not}
 * between elements and inside groups, absences with both kinds of window, {@code &} (nested in
 * groups too), {@code on timeout emit}, strings, {@code like}, {@code matches}, {@code ||}, string
 * and time functions, aggregates reading other bindings, per-type keys, chains three patterns
 * deep), run through the engine and through the {@link ReferenceEvaluator}. Their outputs, written
 * as {@code motif run} writes them ({@link JsonLines}), must be the same text, line by line. Most
 * cases end with {@code drain()} (the end of input, compared) and then {@code finish()} (the end of
 * time, compared too); the others go straight to {@code finish()}. Some cases snapshot the engine
 * mid-stream and go on in a restored one; some run it with a small bound on partial matches (which
 * the reference models). After {@code finish()} the engine must hold nothing, and the partial
 * matches it evicted or refused must be those the reference did.
 *
 * <p>Cases come from a seeded generator ({@link CaseGenerator}): {@code -Dmotif.seed=N} (default
 * {@value #DEFAULT_SEED}), {@code -Dmotif.tries=N} cases (default 10,000; the {@code big} Maven
 * profile sets 100,000). Case {@code i} is generated from the seed and {@code i} alone, so {@code
 * -Dmotif.case=i} runs that one case. A failing case is shrunk to a minimal one, reported with both
 * outputs and the original. After every run a table of what the cases covered is printed, and the
 * test fails when an outcome or construct is below its minimum share.
 */
class DifferentialProperties {
  /** Generated cases needing more live partial matches than this in the reference are skipped. */
  static final long RUN_LIMIT = 4000;

  static final long DEFAULT_SEED = 20240301L;

  /** Consecutive cases sharing one program. */
  static final int PROGRAM_REUSE = 2;

  /** Failing cases shrunk and reported in full; the others are listed by number. */
  static final int SHRUNK = 3;

  /** Candidates tried while shrinking one case. */
  static final int SHRINK_BUDGET = 4000;

  /**
   * CPU nanoseconds spent generating, parsing and in the reference, in the engine, comparing,
   * counting coverage, and shrinking.
   */
  static final long[] PHASES = new long[6];

  @Test
  void engineAgreesWithReference() {
    long seed = longProperty("motif.seed", DEFAULT_SEED);
    int tries = (int) longProperty("motif.tries", 10_000);
    long only = longProperty("motif.case", -1);
    Coverage coverage = new Coverage();
    List<String> reports = new ArrayList<>();
    List<Integer> failing = new ArrayList<>();
    Set<String> reported = new HashSet<>(); // programs, shrunk once each
    Arrays.fill(PHASES, 0);
    Harness.ORDERED_CASES[0] = 0;
    Harness.LATER_INDEX_CASES[0] = 0;
    Harness.AGGREGATE_ROW_CASES[0] = 0;
    Harness.LATER_ROW_CASES[0] = 0;
    Harness.LATER_ROW_MATCH_CASES[0] = 0;
    Harness.CONTIGUOUS_ROW_CASES[0] = 0;
    Harness.COUNTED_ROW_CASES[0] = 0;
    Harness.NEGATION_COLUMN_CASES[0] = 0;
    Harness.REPEATED_ROW_CASES[0] = 0;
    long start = now();
    long wallStart = System.nanoTime();
    for (int i = 0; i < tries; i++) {
      if (only >= 0 && i != only) {
        continue;
      }
      long t0 = now();
      GeneratedCase c = generate(seed, i);
      PHASES[0] += now() - t0;
      Trial t = Trial.of(c);
      if (t.discarded()) {
        coverage.discard();
        continue;
      }
      long t1 = now();
      if (t.counted() != null) {
        coverage.count(c, t.script(), t.counted());
      }
      PHASES[4] += now() - t1;
      if (t.problem() != null) {
        failing.add(i);
        if (reports.size() < SHRUNK && reported.add(c.program().render())) {
          reports.add(report(seed, i, t));
        }
      }
    }
    long millis = (now() - start) / 1_000_000;
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    String table = coverage.table(seed, only >= 0 ? 1 : tries, millis, wallMillis, failing.size());
    System.out.println(table);
    System.out.printf(
        "time (s): generating %.1f, parsing and the reference %.1f, the engine %.1f,"
            + " comparing %.1f, coverage %.1f, shrinking %.1f%n",
        PHASES[0] / 1e9,
        PHASES[1] / 1e9,
        PHASES[2] / 1e9,
        PHASES[3] / 1e9,
        PHASES[4] / 1e9,
        PHASES[5] / 1e9);
    System.out.println(
        "partitions loaded back from keyed stores (state kept per key): " + Harness.KEYED_LOADS[0]);
    System.out.println(
        "cases whose engine stepped a partition by its order of waiting rows: "
            + Harness.ORDERED_CASES[0]
            + "; that looked rows up in the index of a position after the start: "
            + Harness.LATER_INDEX_CASES[0]);
    System.out.println(
        "cases whose engine kept a partial match of several events as a packed row: "
            + Harness.LATER_ROW_CASES[0]
            + "; that emitted a match from one: "
            + Harness.LATER_ROW_MATCH_CASES[0]
            + "; whose row held a repeated binding's events: "
            + Harness.REPEATED_ROW_CASES[0]
            + "; whose rows' aggregates were worked out from their events: "
            + Harness.AGGREGATE_ROW_CASES[0]
            + "; in which an event followed a row along `=>`: "
            + Harness.CONTIGUOUS_ROW_CASES[0]
            + "; that kept rows under `within N events`: "
            + Harness.COUNTED_ROW_CASES[0]
            + "; in which a negation's column left a run as it was: "
            + Harness.NEGATION_COLUMN_CASES[0]);
    if (!failing.isEmpty()) {
      fail(
          failing.size()
              + " of "
              + coverage.judged()
              + " cases failed (seed "
              + seed
              + "; cases "
              + failing.subList(0, Math.min(50, failing.size()))
              + (failing.size() > 50 ? " ..." : "")
              + "); the first "
              + reports.size()
              + " (one per program), shrunk:\n\n"
              + String.join("\n\n", reports)
              + "\n\n"
              + table);
    }
    List<String> shortfalls = coverage.shortfalls();
    if (only < 0 && !shortfalls.isEmpty()) {
      fail("coverage below its minimum:\n  " + String.join("\n  ", shortfalls) + "\n" + table);
    }
  }

  /**
   * The process's CPU time in ns (the machine may be shared: wall time says little there; the
   * engine compiles on a thread of its own, and the JIT and the collector count too).
   */
  private static long now() {
    return CPU.getProcessCpuTime();
  }

  private static final OperatingSystemMXBean CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * Case {@code i} of a run: program {@code i / 2} (each program is run over two inputs, which
   * halves the time spent compiling) and input {@code i}.
   */
  static GeneratedCase generate(long seed, int i) {
    return CaseGenerator.generate(
        new Rnd(Rnd.caseSeed(seed, -1 - i / PROGRAM_REUSE)), new Rnd(Rnd.caseSeed(seed, i)));
  }

  private static long longProperty(String name, long orElse) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? orElse : Long.parseLong(v.trim());
  }

  /** Shrinks the failing case and writes everything needed to see and rerun it. */
  private static String report(long seed, int n, Trial original) {
    long[] saved = PHASES.clone();
    long start = now();
    GeneratedCase small =
        Shrinker.shrink(
            original.c(),
            candidate -> original.kind().equals(Trial.of(candidate).kind()),
            SHRINK_BUDGET);
    Trial t = Trial.of(small);
    System.arraycopy(saved, 0, PHASES, 0, PHASES.length);
    PHASES[5] += now() - start;
    return "==== case "
        + n
        + " of seed "
        + seed
        + " (alone: -Dmotif.seed="
        + seed
        + " -Dmotif.case="
        + n
        + "): "
        + t.problem()
        + "\n"
        + "---- minimal case\n"
        + small.describe()
        + t.outputs()
        + "---- original case\n"
        + original.c().describe();
  }

  /**
   * One case run through both sides. {@code problem} is null when they agree; {@code kind} names
   * the kind of problem (shrinking keeps it): {@code compile}, {@code engine failed}, {@code
   * reference failed}, {@code outputs differ}, {@code state left}, {@code late counts}, {@code
   * bound counts}.
   */
  record Trial(
      GeneratedCase c,
      Script script,
      ReferenceEvaluator.Counted counted,
      boolean discarded,
      String kind,
      String problem,
      String referenceText,
      String engineText) {

    static Trial of(GeneratedCase c) {
      long t0 = now();
      try {
        return run(c);
      } finally {
        PHASES[3] += now() - t0;
      }
    }

    private static Trial run(GeneratedCase c) {
      long t0 = now();
      String source = c.program().render();
      Script script;
      try {
        script = PARSED.computeIfAbsent(source, Harness::parse);
      } catch (IllegalArgumentException e) {
        return failed(c, null, null, "compile", e.getMessage());
      }
      ReferenceEvaluator.Counted expected;
      try {
        expected =
            ReferenceEvaluator.evaluateCounted(
                script, c.processed(), RUN_LIMIT, c.bound(), c.refuseNew());
      } catch (ReferenceEvaluator.TooManyRuns tooMany) {
        return new Trial(c, script, null, true, null, null, "", "");
      } catch (RuntimeException e) {
        return failed(c, script, null, "reference failed", stackTrace(e));
      }
      long t1 = now();
      PHASES[1] += t1 - t0;
      PHASES[3] -= t1 - t0;
      Limits limits =
          c.bound() == 0
              ? Limits.DEFAULT
              : Limits.DEFAULT
                  .withMaxRunsPerPartition(c.bound())
                  .withPolicy(
                      c.refuseNew() ? OverflowPolicy.REFUSE_NEW : OverflowPolicy.EVICT_OLDEST);
      Harness.EngineRun run;
      try {
        run = Harness.engine(source, c.arrivals(), c.maxDelay(), c.drain(), c.snapshotAt(), limits);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("does not compile")) {
          return failed(c, script, expected, "compile", e.getMessage());
        }
        return failed(c, script, expected, "engine failed", stackTrace(e));
      } catch (RuntimeException | StackOverflowError e) {
        return failed(c, script, expected, "engine failed", stackTrace(e));
      }
      long t2 = now();
      PHASES[2] += t2 - t1;
      PHASES[3] -= t2 - t1;
      if (c.bound() == 0 && run.stats().evicted() + run.stats().dropped() > 0) {
        // An unbounded case that reached the engine's default bounds (10,000 partial matches a
        // partition: the engine keeps more runs than the reference for some `&` products): the
        // engine counted what it evicted, and the unbounded reference cannot judge the rest.
        return new Trial(c, script, null, true, null, null, "", "");
      }
      JsonLines json = new JsonLines(script);
      String refText = "";
      String engText = "";
      String problem = null;
      if (c.drain()) {
        String ref = json.render(expected.outcome().drained());
        String eng = json.render(run.drained());
        refText += "---- reference at drain()\n" + ref;
        engText += "---- engine at drain()\n" + eng;
        problem = firstDifference(ref, eng, "at drain()");
      }
      String ref = json.render(expected.outcome().finished());
      String eng = json.render(run.finished());
      refText += "---- reference at finish()\n" + ref;
      engText += "---- engine at finish()" + (c.drain() ? " (after drain())" : "") + "\n" + eng;
      if (problem == null) {
        problem = firstDifference(ref, eng, "at finish()");
      }
      if (problem != null) {
        return new Trial(c, script, expected, false, "outputs differ", problem, refText, engText);
      }
      if (run.leftovers() != null) {
        return new Trial(
            c, script, expected, false, "state left", run.leftovers(), refText, engText);
      }
      long late = c.arrivals().size() - c.processed().size();
      if (run.stats().late() != late) {
        return new Trial(
            c,
            script,
            expected,
            false,
            "late counts",
            "the engine counts " + run.stats().late() + " late events, the reference " + late,
            refText,
            engText);
      }
      if (run.stats().evicted() != expected.evicted()
          || run.stats().dropped() != expected.refused()) {
        return new Trial(
            c,
            script,
            expected,
            false,
            "bound counts",
            "the engine counts "
                + run.stats().evicted()
                + " evicted and "
                + run.stats().dropped()
                + " refused, the "
                + "reference "
                + expected.evicted()
                + " and "
                + expected.refused(),
            refText,
            engText);
      }
      return new Trial(c, script, expected, false, null, null, refText, engText);
    }

    private static Trial failed(
        GeneratedCase c,
        Script script,
        ReferenceEvaluator.Counted counted,
        String kind,
        String problem) {
      return new Trial(c, script, counted, false, kind, kind + ": " + problem, "", "");
    }

    String outputs() {
      return referenceText + engineText;
    }
  }

  /** The last programs parsed, by text (consecutive cases share one). */
  private static final Map<String, Script> PARSED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Script> eldest) {
          return size() > 8;
        }
      };

  /** Where two renderings first differ, line by line, or null when they are the same. */
  static String firstDifference(String reference, String engine, String when) {
    if (reference.equals(engine)) {
      return null;
    }
    String[] r = reference.split("\n", -1);
    String[] e = engine.split("\n", -1);
    for (int i = 0; i < Math.max(r.length, e.length); i++) {
      String a = i < r.length ? r[i] : "(nothing)";
      String b = i < e.length ? e[i] : "(nothing)";
      if (!a.equals(b)) {
        return "outputs differ "
            + when
            + " at line "
            + (i + 1)
            + ":\n  reference: "
            + a
            + "\n  engine:    "
            + b;
      }
    }
    return "outputs differ " + when;
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String s = w.toString();
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }
}
