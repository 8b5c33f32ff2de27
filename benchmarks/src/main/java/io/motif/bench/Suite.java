package io.motif.bench;

import com.sun.management.ThreadMXBean;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite in one command (run.sh calls it):
 *
 * <ol>
 *   <li><b>check</b>: every engine runs every workload it can express once; where its semantics are
 *       Motif's, its match count must equal the hand-written loop's (and so Motif's), or the suite
 *       stops with exit code 1. W8's peak partial matches are sampled here.
 *   <li><b>bench</b>: {@link CepBenchmark} for each supported engine × workload, one JMH fork (one
 *       JVM) each, with {@code -prof gc}.
 *   <li><b>retained</b>: {@link Retained} for each engine on W1–W5, one JVM each.
 *   <li>the table: printed, written to {@code target/results.md}, and put into the README between
 *       its {@code <!-- results -->} markers when {@code --readme FILE} is given.
 * </ol>
 *
 * Options: {@code --engines a,b}, {@code --workloads W1,W2} ({@code long} stands for the
 * 1,000,000-event variants of {@link Workload#longNames()}, which only run when named), {@code
 * --warmup N}, {@code --iterations N}, {@code --time SECONDS}, {@code --skip-bench}, {@code
 * --skip-retained}, {@code --readme FILE}, {@code --note TEXT} (added under the table).
 *
 * <p>One class of some 530 lines because it is the suite's script, its steps in the order they run;
 * the engines, workloads and measurements it drives live in classes of their own.
 */
public final class Suite {
  private final List<String> engines = new ArrayList<>();
  private final List<String> workloads = new ArrayList<>(Workload.names());
  private int warmup = 2;
  private int iterations = 5;
  private int seconds = 1;
  private boolean bench = true;
  private boolean retained = true;
  private Path readme;
  private String note = "";

  /** Results by workload, then engine. */
  private final Map<String, Map<String, Row>> rows = new LinkedHashMap<>();

  private final List<String> log = new ArrayList<>();

  static final class Row {
    long matches = -1;
    boolean sameSemantics;
    double checkRate;
    long peakPartials = -1;
    double rate = Double.NaN;
    double rateError = Double.NaN;
    double cpuRate = Double.NaN;
    double bytesPerEvent = Double.NaN;
    double retained = Double.NaN;
    String failure;
    boolean onePass;
    int prefix;
    long resetBytes;
    int size;
  }

  public static void main(String[] args) throws Exception {
    Suite s = new Suite();
    s.parse(args);
    System.exit(s.run());
  }

  private void parse(String[] args) {
    for (String e : EngineAdapter.ENGINES) {
      if (EngineAdapter.available(e)) {
        engines.add(e);
      } else {
        log.add(e + ": adapter not built (run.sh builds with -Ppeers)");
      }
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--engines" -> {
          List<String> want = List.of(args[++i].split(","));
          engines.retainAll(want);
        }
        case "--workloads" -> {
          workloads.clear();
          for (String name : args[++i].split(",")) {
            if (name.equals("long")) {
              workloads.addAll(Workload.longNames());
            } else {
              workloads.add(name);
            }
          }
        }
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--time" -> seconds = Integer.parseInt(args[++i]);
        case "--skip-bench" -> bench = false;
        case "--skip-retained" -> retained = false;
        case "--readme" -> readme = Path.of(args[++i]);
        case "--note" -> note = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
  }

  private int run() throws Exception {
    long start = System.nanoTime();
    String loadBefore = load();
    int failures = check();
    if (failures > 0) {
      System.out.println(
          "\nFAILED: "
              + failures
              + " engine(s) disagree with Motif's semantics on"
              + " workloads where they should agree (see above).");
      return 1;
    }
    if (bench) {
      benchAll();
    }
    if (retained) {
      retainedAll();
    }
    String table = table();
    System.out.println();
    System.out.println(table);
    String targets = targets();
    System.out.println(targets);
    String elapsed =
        String.format(
            Locale.ROOT,
            "Suite time: %.1f min. Load average (1, 5, 15"
                + " min) at the start: %s; at the end: %s (other work on the machine shows here).",
            (System.nanoTime() - start) / 60e9,
            loadBefore,
            load());
    System.out.println(elapsed);
    String doc =
        "Measured "
            + LocalDate.now()
            + " on "
            + machine()
            + "\n\n"
            + table
            + "\n"
            + targets
            + "\n"
            + elapsed
            + (note.isEmpty() ? "" : " " + note)
            + "\n";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "results.md"), doc);
    if (readme != null) {
      updateReadme(doc);
    }
    for (String l : log) {
      System.out.println("note: " + l);
    }
    return 0;
  }

  private Row row(String workload, String engine) {
    return rows.computeIfAbsent(workload, k -> new LinkedHashMap<>())
        .computeIfAbsent(engine, k -> new Row());
  }

  // ---- 1. check ----

  private int check() {
    System.out.println(
        "== check: one pass per engine and workload; counts must agree where the"
            + " semantics are Motif's");
    int failures = 0;
    for (String wname : workloads) {
      Workload w = Workload.get(wname);
      long expected = -1;
      for (String engine : orderForCheck()) {
        EngineAdapter a = EngineAdapter.create(engine);
        if (!a.supports(w)) {
          System.out.printf("  %-11s %-7s not expressed: %s%n", wname, engine, a.semantics(w));
          continue;
        }
        Row r = row(wname, engine);
        r.sameSemantics = a.sameSemanticsAsMotif(w);
        int n = slow(engine, w) ? SLOW_PREFIX : w.size;
        r.size = w.size;
        try {
          a.setup(w);
          a.reset();
          long allocated = allocated();
          a.reset();
          r.resetBytes = allocated() - allocated;
          long peak = 0;
          boolean sample = w.shape == Workload.Shape.ANY_REPEAT && engine.equals("motif");
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            a.send(i);
            if (sample && (i & 255) == 0) {
              peak = Math.max(peak, a.partialMatches());
            }
          }
          long ns = System.nanoTime() - t0;
          r.matches = a.matches();
          r.checkRate = n / (ns / 1e9);
          r.prefix = n < w.size ? n : 0;
          r.peakPartials = sample ? peak : -1;
          a.close();
        } catch (Exception | Error e) {
          r.failure = e.toString();
          System.out.printf("  %-11s %-7s FAILED: %s%n", wname, engine, e);
          e.printStackTrace(System.out);
          failures++;
          continue;
        }
        if (engine.equals("limit")) {
          expected = r.matches;
        }
        if (r.prefix > 0) {
          expected = limitCount(w, r.prefix);
        }
        String verdict =
            (!r.sameSemantics
                    ? "other semantics, not compared"
                    : r.matches == expected ? "agrees" : "DISAGREES with the loop's " + expected)
                + (r.prefix > 0 ? " (on the first " + r.prefix + " events)" : "");
        if (r.sameSemantics && r.matches != expected) {
          failures++;
          r.failure = "count " + r.matches + " != " + expected;
        }
        if (r.prefix > 0) {
          expected = row(wname, "limit").matches;
        }
        System.out.printf(
            Locale.ROOT,
            "  %-11s %-7s %,12d matches  %,12.0f ev/s (one pass)  %s%s%n",
            wname,
            engine,
            r.matches,
            r.checkRate,
            verdict,
            r.peakPartials >= 0
                ? String.format(Locale.ROOT, "; peak partial matches %,d", r.peakPartials)
                : "");
      }
    }
    return failures;
  }

  /** Events the check sends to an engine too slow for the whole stream (see {@link #slow}). */
  static final int SLOW_PREFIX = 20_000;

  /**
   * Siddhi on the absence: every partition's scheduler runs on every time change, about 6,000
   * events/s here (30 s a pass); it is checked on a prefix and not run under JMH.
   */
  static boolean slow(String engine, Workload w) {
    return engine.equals("siddhi") && w.shape == Workload.Shape.ABSENCE;
  }

  private static long limitCount(Workload w, int n) {
    LimitAdapter l = new LimitAdapter();
    l.setup(w);
    l.reset();
    for (int i = 0; i < n; i++) {
      l.send(i);
    }
    return l.matches();
  }

  /** Bytes this thread has allocated so far (HotSpot). */
  private static long allocated() {
    return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  /** The loop first: its count is the reference the others are held to. */
  private List<String> orderForCheck() {
    List<String> order = new ArrayList<>();
    if (engines.contains("limit")) {
      order.add("limit");
    } else {
      throw new IllegalArgumentException("the check needs the limit engine");
    }
    for (String e : engines) {
      if (!e.equals("limit")) {
        order.add(e);
      }
    }
    return order;
  }

  // ---- 2. bench ----

  private void benchAll() {
    System.out.println(
        "\n== bench: JMH, one fork per engine × workload, "
            + warmup
            + " warmup + "
            + iterations
            + " measurement iterations of "
            + seconds
            + " s, -prof gc");
    for (String wname : workloads) {
      for (String engine : engines) {
        Row r = rows.getOrDefault(wname, Map.of()).get(engine);
        if (r == null || r.failure != null) {
          continue;
        }
        if (r.prefix > 0) {
          // one invocation would take longer than a whole run's budget allows: report the pass
          r.rate = r.checkRate;
          r.onePass = true;
          System.out.printf(
              Locale.ROOT,
              "  %-11s %-7s %,14.0f ev/s  (one pass, not JMH: too slow)%n",
              wname,
              engine,
              r.rate);
          continue;
        }
        ChainedOptionsBuilder o =
            new OptionsBuilder()
                .include(
                    Pattern.quote(CepBenchmark.class.getName())
                        + (r.size == Workload.LONG_EVENTS ? "\\.runLong$" : "\\.run$"))
                .param("engine", engine)
                .param("workload", wname)
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xms3g", "-Xmx3g")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        long t0 = System.nanoTime();
        try {
          RunResult res = new Runner(o.build()).runSingle();
          Result primary = res.getPrimaryResult();
          r.rate = primary.getScore();
          r.rateError = primary.getScoreError();
          Result cpuNanos = res.getSecondaryResults().get("cpuNanos");
          Result events = res.getSecondaryResults().get("events");
          if (cpuNanos != null && events != null && cpuNanos.getScore() > 0) {
            r.cpuRate = events.getScore() / (cpuNanos.getScore() / 1e9);
          }
          Result norm = res.getSecondaryResults().get("gc.alloc.rate.norm");
          if (norm != null) {
            // the untimed reset before each invocation runs inside JMH's iteration: take it out
            r.bytesPerEvent = Math.max(0, norm.getScore() - r.resetBytes / (double) r.size);
          }
        } catch (Exception e) {
          r.failure = "JMH: " + e.getMessage();
        }
        System.out.printf(
            Locale.ROOT,
            "  %-11s %-7s %,14.0f ev/s  %,14.0f ev/CPU-s  %,10.1f" + " B/event  (%.0f s)%s%n",
            wname,
            engine,
            r.rate,
            r.cpuRate,
            r.bytesPerEvent,
            (System.nanoTime() - t0) / 1e9,
            r.failure == null ? "" : "  " + r.failure);
      }
    }
  }

  // ---- 3. retained ----

  private static final List<String> RETAINED_WORKLOADS = List.of("W1", "W2", "W3", "W4", "W5");

  private void retainedAll() throws Exception {
    System.out.println(
        "\n== retained bytes per partial match: "
            + Retained.STARTS
            + " starts, heap after GC before and after, one JVM each");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    for (String wname : RETAINED_WORKLOADS) {
      if (!workloads.contains(wname)) {
        continue;
      }
      for (String engine : engines) {
        Row r = rows.getOrDefault(wname, Map.of()).get(engine);
        if (r == null || r.failure != null) {
          continue;
        }
        Process p =
            new ProcessBuilder(
                    java,
                    "-Xms2g",
                    "-Xmx2g",
                    "-XX:+UseParallelGC",
                    "-cp",
                    cp,
                    Retained.class.getName(),
                    engine,
                    wname)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.startsWith("RETAINED ")) {
              r.retained = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("note:")) {
              log.add(line.substring(5).trim());
            }
          }
        }
        p.waitFor();
        System.out.printf(
            Locale.ROOT, "  %-11s %-7s %,10.1f B/partial match%n", wname, engine, r.retained);
      }
    }
  }

  // ---- 4. the table ----

  private static String num(double v, String fmt) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, fmt, v);
  }

  private String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| workload | engine | events/s | ± (99.9%) | × Motif | events/CPU-s | × Motif (CPU)"
            + " | B/event | retained B/partial match | matches | same semantics as Motif |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (String wname : workloads) {
      Map<String, Row> byEngine = rows.get(wname);
      if (byEngine == null) {
        continue;
      }
      Row motif = byEngine.get("motif");
      for (Map.Entry<String, Row> e : byEngine.entrySet()) {
        Row r = e.getValue();
        double ratio = motif == null ? Double.NaN : r.rate / motif.rate;
        double cpuRatio = motif == null ? Double.NaN : r.cpuRate / motif.cpuRate;
        String matches =
            r.matches < 0
                ? "—"
                : String.format(Locale.ROOT, "%,d", r.matches)
                    + (r.prefix > 0
                        ? String.format(Locale.ROOT, " (first %,d events)", r.prefix)
                        : "");
        if (r.peakPartials >= 0) {
          matches += String.format(Locale.ROOT, " (peak %,d partial)", r.peakPartials);
        }
        sb.append("| ")
            .append(wname)
            .append(" | ")
            .append(e.getKey())
            .append(" | ")
            .append(num(r.rate, "%,.0f"))
            .append(r.onePass ? " (one pass)" : "")
            .append(" | ")
            .append(num(r.rateError, "%,.0f"))
            .append(" | ")
            .append(num(ratio, "%.2f"))
            .append(" | ")
            .append(num(r.cpuRate, "%,.0f"))
            .append(" | ")
            .append(num(cpuRatio, "%.2f"))
            .append(" | ")
            .append(num(r.bytesPerEvent, "%,.1f"))
            .append(" | ")
            .append(num(r.retained, "%,.0f"))
            .append(" | ")
            .append(matches)
            .append(" | ")
            .append(
                r.failure != null
                    ? "FAILED: " + r.failure
                    : r.sameSemantics ? "yes, checked" : "no")
            .append(" |\n");
      }
    }
    return sb.toString();
  }

  /** Whether the targets are judged on CPU time ({@code cpuRate}) rather than wall time. */
  private boolean byCpu;

  private double rate(String w, String e) {
    Row r = rows.getOrDefault(w, Map.of()).get(e);
    return r == null ? Double.NaN : byCpu ? r.cpuRate : r.rate;
  }

  private String targets() {
    byCpu = false;
    String wall = targetLines();
    byCpu = true;
    String cpu = targetLines();
    byCpu = false;
    return "Targets of issue 7 in this run, on JMH's wall-clock events/s:\n"
        + wall
        + "\nThe same on events per CPU-second of the benchmark thread:\n"
        + cpu;
  }

  private String targetLines() {
    StringBuilder sb = new StringBuilder();
    for (String w : List.of("W1", "W2", "W3", "W4", "W5")) {
      double motif = rate(w, "motif");
      double best = Double.NaN;
      String who = "";
      for (String peer : List.of("esper", "flink", "siddhi")) {
        double v = rate(w, peer);
        if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
          best = v;
          who = peer;
        }
      }
      double ratio = motif / best;
      sb.append(
          String.format(
              Locale.ROOT,
              "- %s: Motif %s the best peer (%s): %s× (target ≥ 10×) %s%n",
              w,
              "vs",
              who.isEmpty() ? "none" : who,
              num(ratio, "%.2f"),
              Double.isNaN(ratio) ? "not measured" : ratio >= 10 ? "MET" : "not met"));
    }
    for (String w : List.of("W1", "W4")) {
      double ratio = rate(w, "limit") / rate(w, "motif");
      sb.append(
          String.format(
              Locale.ROOT,
              "- %s: the loop is %s× Motif (target ≤ 3×) %s%n",
              w,
              num(ratio, "%.2f"),
              Double.isNaN(ratio) ? "not measured" : ratio <= 3 ? "MET" : "not met"));
    }
    sb.append(
        spread(
            "W6 windows 1 s … 1000 s",
            List.of("W6-1s", "W1", "W6-100s", "W6-1000s"),
            1.25,
            "within 20 %"));
    sb.append(
        spread(
            "W7 keys 10 … 1,000,000", List.of("W7-10", "W1", "W7-10k", "W7-1M"), 2.0, "within 2×"));
    Row idle = rows.getOrDefault("W0-idle", Map.of()).get("motif");
    double idleBytes = idle == null ? Double.NaN : idle.bytesPerEvent;
    sb.append(
        String.format(
            Locale.ROOT,
            "- W0-idle: Motif allocates %s B per event that starts and"
                + " extends nothing (target 0) %s%n",
            num(idleBytes, "%.1f"),
            Double.isNaN(idleBytes) ? "not measured" : idleBytes < 1 ? "MET" : "not met"));
    Row w1 = rows.getOrDefault("W1", Map.of()).get("motif");
    double ret = w1 == null ? Double.NaN : w1.retained;
    sb.append(
        String.format(
            Locale.ROOT,
            "- W1: Motif retains %s B per partial match (target ≤ 64)" + " %s%n",
            num(ret, "%.0f"),
            Double.isNaN(ret) ? "not measured" : ret <= 64 ? "MET" : "not met"));
    return sb.toString();
  }

  /** max/min of Motif's rate over the workloads, against a bound. */
  private String spread(String what, List<String> ws, double bound, String target) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    StringBuilder each = new StringBuilder();
    for (String w : ws) {
      double v = rate(w, "motif");
      if (Double.isNaN(v)) {
        return "- " + what + ": not measured\n";
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
    }
    double ratio = max / min;
    return String.format(
        Locale.ROOT,
        "- %s: Motif %s ev/s, fastest/slowest %.2f (target %s) %s%n",
        what,
        each,
        ratio,
        target,
        ratio <= bound ? "MET" : "not met");
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String machine() {
    StringBuilder sb = new StringBuilder();
    sb.append(Runtime.getRuntime().availableProcessors()).append(" cores, ");
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          sb.append(String.format(Locale.ROOT, "%.1f GiB memory, ", kb / 1048576.0));
        }
      }
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          sb.append(l.substring(l.indexOf(':') + 1).trim()).append(", ");
          break;
        }
      }
    } catch (Exception e) {
      // not Linux: leave it out
    }
    sb.append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"));
    return sb.toString();
  }

  private void updateReadme(String doc) throws Exception {
    String begin = "<!-- results:begin -->";
    String end = "<!-- results:end -->";
    File f = readme.toFile();
    String text = f.exists() ? Files.readString(readme) : "";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    String block = begin + "\n" + doc + end;
    text =
        b >= 0 && e > b
            ? text.substring(0, b) + block + text.substring(e + end.length())
            : text + "\n" + block + "\n";
    Files.writeString(readme, text);
  }
}
