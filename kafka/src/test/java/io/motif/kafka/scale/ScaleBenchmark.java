package io.motif.kafka.scale;

import io.motif.engine.CompiledScript;
import io.motif.engine.Limits;
import io.motif.engine.Motif;
import io.motif.kafka.KafkaBroker;
import io.motif.kafka.MotifTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * What a task's state costs as its partial matches grow, for each state layout, against a real
 * broker in this JVM (issue 20, item 6). Not a unit test: run it with {@code
 * kafka/scale-benchmark.sh}; docs/kafka.md ("Scale: what state costs") has the method and figures.
 *
 * <p>For each size N and layout, on fresh topics and a fresh application:
 *
 * <ol>
 *   <li><b>Load</b>: N {@code Start} events of distinct keys into each of the input partitions (one
 *       task each), so every task's engine holds N waiting partial matches. The loading instance
 *       checkpoints every {@code loadInterval} inputs (default N): today's whole-engine snapshots
 *       at the default interval would make loading 1 M keys take hours.
 *   <li><b>Measured</b>: a second instance on the same state directory, with the default settings,
 *       gets M inputs, half new {@code Start}s, half {@code Finish}es completing loaded keys, so
 *       the partial matches stay near N. Event time rises 1 ms an input: nothing expires.
 *   <li><b>Restore</b>: a third instance with an empty state directory rebuilds every task from the
 *       changelogs.
 * </ol>
 *
 * A probe (a {@code Start} and its {@code Finish} in every partition) ends each phase: its derived
 * events, read with {@code read_committed}, say that every task got there.
 */
public final class ScaleBenchmark {
  /** The rules: each {@code Start} waits an hour for the {@code Finish} of its id. */
  public static final String RULES =
      """
      event Start(id string)
      event Finish(id string)

      pattern Wait
        partition by id
        match a: Start -> b: Finish
        within 1 h
        emit Done(id: b.id)
      """;

  /** The event time of the first input: rises 1 ms per input in each partition. */
  static final long BASE_TIME = 1_780_000_000_000L;

  private static final String GROUP = "motif-task-metrics";

  /** Inputs sent between two waits for the broker: a producer far ahead would see them expire. */
  static final int FLUSH_EVERY = 50_000;

  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]*)\"");

  /** A way to keep a task's state: what it sets on the topology's builder. */
  public enum Layout {
    /**
     * Each (pattern, key)'s partial matches one entry of a key-value store, written when an input
     * changed it; the rest checkpointed after each move of time (the default).
     */
    KEYED(b -> b.keyedState(true)),
    /** The earlier layout: the whole engine snapshotted every checkpoint interval, an input log. */
    WHOLE(b -> b.keyedState(false)),
    /**
     * Kept per key, at the default bounds on what an engine holds (100,000 partitions, 250,000
     * partial matches): past half of either, after a checkpoint, the engine drops its partitions
     * and reads back from the store those that inputs need.
     */
    CACHED(
        b ->
            b.keyedState(true)
                .limits(
                    Limits.DEFAULT
                        .withMaxBuffered(Integer.MAX_VALUE)
                        .withMaxBytes(Long.MAX_VALUE)));

    private final Consumer<MotifTopology.Builder> configure;

    Layout(Consumer<MotifTopology.Builder> configure) {
      this.configure = configure;
    }

    static Layout parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What to run.
   *
   * @param sizes partial matches per task, one run per size and layout
   * @param tasks input partitions, so tasks
   * @param layouts the state layouts, each run at every size
   * @param measured inputs of the measured phase, over all tasks (rounded down to a multiple of
   *     twice {@code tasks})
   * @param threads stream threads of each instance
   * @param loadInterval the checkpoint interval while loading; 0: the size (at least 1000)
   * @param dir where state directories go
   */
  public record Options(
      List<Integer> sizes,
      int tasks,
      List<Layout> layouts,
      int measured,
      int threads,
      int loadInterval,
      Path dir) {
    public Options {
      sizes = List.copyOf(sizes);
      layouts = List.copyOf(layouts);
      measured -= measured % (2 * tasks);
      if (tasks < 1 || measured < 2 * tasks || threads < 1 || loadInterval < 0) {
        throw new IllegalArgumentException("tasks, measured inputs and threads must be positive");
      }
      for (int n : sizes) {
        if (measured / tasks / 2 > n) {
          throw new IllegalArgumentException(
              "the measured phase completes "
                  + measured / tasks / 2
                  + " loaded keys a task: more than the size "
                  + n);
        }
      }
    }
  }

  /**
   * One run's figures. Times are wall clock; a metric the layout does not report is -1.
   *
   * @param loadMillis from the first loaded input sent to the load probe read back
   * @param eventsPerSecond measured inputs over the time from the first of them sent to the last
   *     derived event read back (read_committed)
   * @param changelogBytes bytes the broker appended to the application's changelog topics during
   *     the measured phase (the sum of its log sizes, log cleaner off)
   * @param checkpointMaxMillis the largest {@code checkpoint-time-max-ms} over the tasks of the
   *     measured instance (its first checkpoint, just before the measured phase, included)
   * @param outputGapMillis the longest wall-clock time without a derived event arriving, from the
   *     first measured input sent to the last derived event: every stall (a checkpoint, a commit, a
   *     poll) shows here, as the derived events are written in the tasks' transactions
   * @param restoreMillis from starting an instance with an empty state directory to its probe's
   *     derived events read back: joining the group, restoring the stores, rebuilding the engines
   * @param restoreMetricMillis the largest {@code restore-time-ms} over that instance's tasks: the
   *     processor's own share (snapshot read and log replay)
   * @param partialMatches the least {@code partial-matches} over the tasks at the end of the
   *     measured phase (a gauge refreshed every 10 s)
   * @param bounded partial matches evicted or refused, and events forced, over the tasks
   * @param derived derived events read back; {@code expected} of them were expected
   * @param duplicates derived events read twice
   */
  public record Result(
      Layout layout,
      int size,
      int tasks,
      int measured,
      long loadMillis,
      double eventsPerSecond,
      long changelogBytes,
      long checkpointMaxMillis,
      long outputGapMillis,
      long restoreMillis,
      long restoreMetricMillis,
      long partialMatches,
      long bounded,
      int derived,
      int expected,
      int duplicates) {
    public double changelogBytesPerInput() {
      return (double) changelogBytes / measured;
    }

    static String header() {
      return "| partial matches per task | layout | events/s | changelog bytes per input |"
          + " checkpoint max (metric) | longest output gap | restore (empty state dir) |"
          + " restore (metric) | load |\n"
          + "|---|---|---|---|---|---|---|---|---|";
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %,d | %s | %,.0f | %,.0f | %s | %,d ms | %,.1f s | %s | %,.0f s |",
          size,
          layout.label(),
          eventsPerSecond,
          changelogBytesPerInput(),
          checkpointMaxMillis < 0
              ? "n/a"
              : String.format(Locale.ROOT, "%,d ms", checkpointMaxMillis),
          outputGapMillis,
          restoreMillis / 1e3,
          restoreMetricMillis < 0
              ? "n/a"
              : String.format(Locale.ROOT, "%,d ms", restoreMetricMillis),
          loadMillis / 1e3);
    }
  }

  private final KafkaBroker broker;
  private final Options options;
  private final CompiledScript script;

  public ScaleBenchmark(KafkaBroker broker, Options options) {
    this.broker = broker;
    this.options = options;
    this.script = Motif.compile("scale.motif", RULES).script();
  }

  /**
   * Broker settings the figures need: the log cleaner off, so that changelog sizes only grow during
   * the run (the bytes appended are their growth).
   */
  public static final Map<String, String> BROKER = Map.of("log.cleaner.enable", "false");

  /** Every size and layout, in that order (layouts alternate within a size). */
  public List<Result> runAll(Consumer<Result> each) throws Exception {
    List<Result> out = new ArrayList<>();
    for (int n : options.sizes()) {
      for (Layout l : options.layouts()) {
        Result r = run(l, n);
        each.accept(r);
        out.add(r);
      }
    }
    return out;
  }

  /** One size under one layout, on topics and an application of their own, removed after. */
  public Result run(Layout layout, int size) throws Exception {
    String app = "scale-" + layout.label() + "-" + size;
    String input = app + "-in";
    String output = app + "-out";
    int tasks = options.tasks();
    broker.createTopics(Map.of(input, tasks, output, 1));
    Path stateDir = options.dir().resolve(app);
    long[] time = new long[tasks];
    Arrays.fill(time, BASE_TIME);
    int measuredPerTask = options.measured() / tasks;
    int expected = 3 * tasks + options.measured() / 2;
    try (Inputs in = new Inputs(broker, input, time);
        Reader reader = new Reader(broker, output)) {
      // Load.
      int loadInterval = options.loadInterval() > 0 ? options.loadInterval() : Math.max(1000, size);
      long loadStart = System.nanoTime();
      Instance a =
          new Instance(
              app,
              input,
              output,
              layout,
              stateDir.resolve("a"),
              b -> b.checkpointInterval(loadInterval));
      for (int i = 0; i < size; i++) {
        for (int p = 0; p < tasks; p++) {
          in.send(p, "Start", "k" + p + "-" + i);
        }
      }
      long loadMillis = (in.probe("load", reader, a) - loadStart) / 1_000_000;
      a.close();

      // Measured: default settings, the local state of the load.
      Instance b = new Instance(app, input, output, layout, stateDir.resolve("a"), x -> {});
      in.probe("ready", reader, b);
      Map<TopicPartition, Long> before = changelogBytes(app);
      int derivedBefore = reader.count();
      long start = System.nanoTime();
      for (int j = 0; j < measuredPerTask; j++) {
        for (int p = 0; p < tasks; p++) {
          if (j % 2 == 0) {
            in.send(p, "Start", "n" + p + "-" + j);
          } else {
            in.send(p, "Finish", "k" + p + "-" + j / 2);
          }
        }
      }
      in.flush();
      int target = derivedBefore + options.measured() / 2;
      await(() -> reader.count() >= target, "the measured phase's derived events", b, reader);
      long end = reader.arrival(target - 1);
      Map<TopicPartition, Long> after = changelogBytes(app);
      long bytes = 0;
      for (Map.Entry<TopicPartition, Long> e : after.entrySet()) {
        bytes += e.getValue() - before.getOrDefault(e.getKey(), 0L);
      }
      long checkpointMax = b.metricMax("checkpoint-time-max-ms");
      long partialMatches = b.metricMin("partial-matches");
      long bounded =
          Math.max(0, b.metricSum("evicted-total"))
              + Math.max(0, b.metricSum("refused-total"))
              + Math.max(0, b.metricSum("forced-total"));
      long gap = reader.longestGap(start, derivedBefore, target);
      b.close();

      // Restore: an empty state directory, everything from the changelogs.
      long restoreStart = System.nanoTime();
      Instance c = new Instance(app, input, output, layout, stateDir.resolve("c"), x -> {});
      long restoreMillis = (in.probe("restore", reader, c) - restoreStart) / 1_000_000;
      long restoreMetric = c.metricMax("restore-time-ms");
      c.close();
      reader.drain(500);

      return new Result(
          layout,
          size,
          tasks,
          options.measured(),
          loadMillis,
          options.measured() * 1e9 / (end - start),
          bytes,
          checkpointMax,
          gap / 1_000_000,
          restoreMillis,
          restoreMetric,
          partialMatches,
          bounded,
          reader.count(),
          expected,
          reader.duplicates());
    } finally {
      deleteTopics(app, input, output);
      deleteTree(stateDir);
    }
  }

  /** Per changelog partition of {@code app}, the bytes the broker holds. */
  private Map<TopicPartition, Long> changelogBytes(String app) throws Exception {
    Admin admin = broker.admin();
    List<Integer> ids = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
    Map<TopicPartition, Long> out = new HashMap<>();
    for (Map<String, LogDirDescription> dirs :
        admin.describeLogDirs(ids).allDescriptions().get().values()) {
      for (LogDirDescription d : dirs.values()) {
        d.replicaInfos()
            .forEach(
                (tp, info) -> {
                  if (tp.topic().startsWith(app + "-") && tp.topic().endsWith("-changelog")) {
                    out.merge(tp, info.size(), Long::sum);
                  }
                });
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no changelog topics of " + app + " on the broker");
    }
    return out;
  }

  private void deleteTopics(String app, String... topics) throws Exception {
    Admin admin = broker.admin();
    Set<String> names = new HashSet<>(List.of(topics));
    for (String t : admin.listTopics().names().get()) {
      if (t.startsWith(app + "-")) {
        names.add(t);
      }
    }
    admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Waits for {@code done}, failing if the instance dies or 60 minutes pass. */
  private static void await(BooleanSupplier done, String what, Instance app, Reader reader) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
    while (!done.getAsBoolean()) {
      app.check(what);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "waited 60 min for " + what + "; " + reader.count() + " derived events read");
      }
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One instance of the application, started at once. */
  private final class Instance implements AutoCloseable {
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Instance(
        String app,
        String input,
        String output,
        Layout layout,
        Path stateDir,
        Consumer<MotifTopology.Builder> phase) {
      int size = options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0);
      MotifTopology.Builder b =
          MotifTopology.builder(script)
              .input(input)
              .output(output)
              .inputPartitioned(true)
              .inputPartitions(options.tasks())
              // Room for every key and then some: the default bounds would evict beyond 100,000.
              .limits(
                  Limits.DEFAULT
                      .withMaxPartitions(2 * size + 1000)
                      .withMaxRuns(2L * size + 1000)
                      .withMaxBuffered(2 * size + 1000)
                      .withMaxBytes(Long.MAX_VALUE));
      layout.configure.accept(b);
      phase.accept(b);
      Properties p = new Properties();
      p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
      p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
      p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      // A whole-engine checkpoint of 1 M partial matches takes longer than the default 10 s
      // transaction timeout: the task would be fenced and retry for ever.
      p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "600000");
      streams = new KafkaStreams(b.build(), p);
      streams.setUncaughtExceptionHandler(
          e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streams.start();
    }

    void check(String what) {
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("the application failed while waiting for " + what, t);
      }
      KafkaStreams.State s = streams.state();
      if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("the application is " + s + " while waiting for " + what);
      }
    }

    private List<Double> metric(String name) {
      List<Double> out = new ArrayList<>();
      for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
        if (m.getKey().group().equals(GROUP)
            && m.getKey().name().equals(name)
            && !"input".equals(m.getKey().tags().get("stage"))
            && m.getValue().metricValue() instanceof Double d) {
          out.add(d);
        }
      }
      return out;
    }

    long metricMax(String name) {
      return (long) metric(name).stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    }

    long metricMin(String name) {
      return (long) metric(name).stream().mapToDouble(Double::doubleValue).min().orElse(-1);
    }

    long metricSum(String name) {
      List<Double> m = metric(name);
      return m.isEmpty() ? -1 : (long) m.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public void close() {
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofMinutes(5)));
    }
  }

  /** The input producer; each partition's event time rises 1 ms per input. */
  private final class Inputs implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final long[] time;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private int unflushed;

    Inputs(KafkaBroker broker, String topic, long[] time) {
      Properties p = new Properties();
      // The broker shares two cores with the application: batches may wait long for it.
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(600_000));
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(600_000));
      // Not idempotent: on this broker (transactions v2) an idempotent producer's retry was once
      // refused for ever as out of sequence. One request in flight keeps each partition in order;
      // an input a retry repeats would show as a duplicate derived event, which is counted.
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
      p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
      this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
      this.topic = topic;
      this.time = time;
    }

    /** Sends an input; every {@value #FLUSH_EVERY} inputs, waits for the broker to have them. */
    void send(int partition, String type, String id) {
      if (++unflushed >= FLUSH_EVERY) {
        flush();
      }
      long t = time[partition]++;
      producer.send(
          new ProducerRecord<>(
              topic,
              partition,
              null,
              "{\"type\":\"" + type + "\",\"time\":" + t + ",\"id\":\"" + id + "\"}"),
          (meta, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
    }

    /** Waits for the broker to have every input sent; fails if one was lost. */
    void flush() {
      producer.flush();
      unflushed = 0;
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("an input could not be produced", e);
      }
    }

    /**
     * Sends a {@code Start} and its {@code Finish} to every partition and waits for their derived
     * events; returns when the last arrived (System.nanoTime).
     */
    long probe(String phase, Reader reader, Instance app) {
      List<String> ids = new ArrayList<>();
      for (int p = 0; p < time.length; p++) {
        String id = "probe-" + phase + "-" + p;
        send(p, "Start", id);
        send(p, "Finish", id);
        ids.add(id);
      }
      flush();
      await(() -> reader.seenAll(ids), "the " + phase + " probe", app, reader);
      return reader.lastArrivalOf(ids);
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  /** Reads the output topic (read_committed) in its own thread, noting when each record came. */
  private static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean closed;
    private final List<Long> arrivals = new ArrayList<>();
    private final Map<String, Long> seen = new HashMap<>();
    private int duplicates;

    Reader(KafkaBroker broker, String topic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      thread = new Thread(this::loop, "scale-benchmark-reader");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (!closed) {
        var records = consumer.poll(Duration.ofMillis(20));
        long now = System.nanoTime();
        synchronized (this) {
          for (ConsumerRecord<String, String> r : records) {
            Matcher m = ID.matcher(r.value());
            String id = m.find() ? m.group(1) : r.value();
            if (seen.putIfAbsent(id, now) != null) {
              duplicates++;
            }
            arrivals.add(now);
          }
        }
      }
      consumer.close();
    }

    synchronized int count() {
      return arrivals.size();
    }

    synchronized int duplicates() {
      return duplicates;
    }

    synchronized long arrival(int index) {
      return arrivals.get(index);
    }

    synchronized boolean seenAll(List<String> ids) {
      return seen.keySet().containsAll(ids);
    }

    synchronized long lastArrivalOf(List<String> ids) {
      return ids.stream().mapToLong(seen::get).max().orElseThrow();
    }

    /** The longest time between {@code start} and arrivals [from, to) without an arrival. */
    synchronized long longestGap(long start, int from, int to) {
      long last = start;
      long gap = 0;
      for (int i = from; i < to; i++) {
        gap = Math.max(gap, arrivals.get(i) - last);
        last = Math.max(last, arrivals.get(i));
      }
      return gap;
    }

    /** Reads on for {@code millis}: anything more would be a duplicate. */
    void drain(long millis) {
      sleep(millis);
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      thread.join(10_000);
    }
  }

  /**
   * {@code --sizes 10000,100000,1000000 --tasks 4 --layouts keyed,whole --measured 20000 --threads
   * 1 --load-interval 0 --warmup true --dir DIR}; prints a Markdown table and appends it to {@code
   * --out FILE}.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, not " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    Options o =
        new Options(
            Arrays.stream(a.getOrDefault("sizes", "10000,100000,1000000").split(","))
                .map(s -> Integer.valueOf(s.trim().replace("_", "")))
                .toList(),
            Integer.parseInt(a.getOrDefault("tasks", "4")),
            Arrays.stream(a.getOrDefault("layouts", "keyed,whole").split(","))
                .map(Layout::parse)
                .toList(),
            Integer.parseInt(a.getOrDefault("measured", "20000")),
            Integer.parseInt(a.getOrDefault("threads", "1")),
            Integer.parseInt(a.getOrDefault("load-interval", "0")),
            Path.of(a.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/motif-scale")));
    Path out = a.containsKey("out") ? Path.of(a.get("out")) : null;
    String head =
        String.format(
            Locale.ROOT,
            "%nScale benchmark %s: %d tasks, %d measured inputs, %d stream thread(s), %d cores,"
                + " max heap %d MiB%n%n%s",
            Instant.now(),
            o.tasks(),
            o.measured(),
            o.threads(),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20,
            Result.header());
    print(out, head);
    try (KafkaBroker broker = KafkaBroker.start(BROKER)) {
      ScaleBenchmark bench = new ScaleBenchmark(broker, o);
      if (Boolean.parseBoolean(a.getOrDefault("warmup", "true"))) {
        // The first run in a JVM would pay for compiling the application, the broker and the
        // engine: one small unreported run per layout first.
        for (Layout l : o.layouts()) {
          bench.run(l, o.measured() / o.tasks() / 2);
        }
      }
      bench.runAll(
          r ->
              print(
                  out,
                  r.row()
                      + String.format(
                          Locale.ROOT,
                          " <!-- %d/%d derived, %d duplicates, %d bounded, partial matches"
                              + " (least task) %d, changelog %,d bytes -->",
                          r.derived(),
                          r.expected(),
                          r.duplicates(),
                          r.bounded(),
                          r.partialMatches(),
                          r.changelogBytes())));
    }
    System.exit(0);
  }

  private static void print(Path out, String text) {
    System.out.println(text);
    if (out != null) {
      try {
        Files.writeString(out, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
