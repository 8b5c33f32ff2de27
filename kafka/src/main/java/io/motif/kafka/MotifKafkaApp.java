package io.motif.kafka;

import io.motif.engine.Compilation;
import io.motif.engine.Limits;
import io.motif.engine.Motif;
import io.motif.engine.OverflowPolicy;
import io.motif.io.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a Motif rules file as a Kafka Streams application: events from one topic, derived events to
 * another, exactly-once by default. Start as many instances (with the same {@code
 * --application-id}) as the input has partitions to spread the work; see docs/kafka.md.
 *
 * <pre>
 * java -cp motif-kafka.jar:... io.motif.kafka.MotifKafkaApp --bootstrap-servers localhost:9092 \
 *     --rules logins.motif --input logins --output alerts --late late-logins --max-delay 5s
 * </pre>
 */
@Command(
    name = "motif-kafka",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    versionProvider = MotifKafkaApp.Version.class,
    description = {
      "Run Motif rules over a Kafka topic with Kafka Streams: events in, derived"
          + " events out as JSON, one engine per stream task, state in changelog-backed stores.",
      "Input records are JSON events ({\"type\":\"Login\",\"time\":1700000000000,"
          + "\"user\":\"al\"}); malformed ones are logged and skipped (or sent to --dead-letter) unless --strict."
    },
    footer = {
      "",
      "Exit codes: 0 stopped normally (143 when stopped by SIGTERM: the JVM sets it), 1 errors"
          + " in the rules or a failed application, 2 misuse.",
      "",
      "Example:",
      "  motif-kafka --bootstrap-servers localhost:9092 --rules logins.motif"
          + " --input logins --output alerts --late late-logins --max-delay 5s"
    })
public final class MotifKafkaApp implements Callable<Integer> {
  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--rules",
      required = true,
      paramLabel = "FILE",
      description = "The .motif rules to run.")
  Path rules;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "TOPIC",
      description = "The topic events are read from.")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "TOPIC",
      description = "The topic derived events are written to.")
  String output;

  @Option(
      names = "--late",
      paramLabel = "TOPIC",
      description = "The topic late input events are written to (default: dropped).")
  String late;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description =
          "The Kafka Streams application id: consumer group, prefix of internal"
              + " topics (default: motif-RULESNAME).")
  String applicationId;

  @Option(
      names = "--max-delay",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = DurationOption.class,
      description = "Accept events out of order by up to this much event time (e.g. 5s).")
  long maxDelayMillis;

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Inputs between two checkpoints of a task's engine (default 1000); with --state keyed"
              + " a task also checkpoints each time its watermark moves.")
  int checkpointInterval;

  @Option(
      names = "--state",
      paramLabel = "LAYOUT",
      defaultValue = "keyed",
      description =
          "How a task keeps its engine's state: keyed (default: one store entry per pattern and"
              + " partition key, checkpoints write what changed, restarts load keys as needed) or"
              + " whole (a snapshot of the whole engine every --checkpoint-interval inputs).")
  StateLayout state;

  /** The two layouts of a task's state (see {@link MotifTopology.Builder#keyedState}). */
  enum StateLayout {
    keyed,
    whole
  }

  @Option(
      names = "--idle-advance",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = DurationOption.class,
      description =
          "After this much wall-clock time without input, a task's watermark follows"
              + " the wall clock, so absences complete in quiet tasks. For live streams only"
              + " (default 0: never).")
  long idleMillis;

  @Option(
      names = "--idle-source",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = DurationOption.class,
      description =
          "After this much wall-clock time without a watermark marker from a source (an input"
              + " partition, or a task of an earlier stage), it no longer holds a task's watermark"
              + " back; its later events may be late (default 0: never).")
  long idleSourceMillis;

  @Option(
      names = "--watermark-interval",
      paramLabel = "DURATION",
      defaultValue = "200ms",
      converter = DurationOption.class,
      description =
          "The least wall-clock time between two watermark markers of one source (default"
              + " 200ms; 0: one for each move).")
  long watermarkMillis;

  @Option(
      names = "--dead-letter",
      paramLabel = "TOPIC",
      description =
          "Where input records that cannot be read (or processed) go, with the error in their"
              + " headers (default: logged and skipped).")
  String deadLetter;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "Partitions of each keyed stage's repartition topics: the most tasks a stage"
              + " runs (default: as many as the input topic; the single stage always has 1).")
  Integer partitions;

  @Option(
      names = "--provenance",
      description =
          "Adds to each derived event the field \"@provenance\": the input records it"
              + " was made from, through chains of patterns, as TOPIC-PARTITION@OFFSET.")
  boolean provenance;

  @Option(
      names = "--input-partitioned",
      description =
          "The input topic already keeps each key of every stage that reads it in one"
              + " partition (or has one partition): the stages reading input only skip their"
              + " repartition topic.")
  boolean inputPartitioned;

  @Option(
      names = "--max-partitions",
      paramLabel = "N",
      description = "Live partitions (keys) of one pattern in a task (default 100000).")
  Integer maxPartitions;

  @Option(
      names = "--max-runs",
      paramLabel = "N",
      description = "Partial matches of all patterns together in a task (default 250000).")
  Long maxRuns;

  @Option(
      names = "--max-runs-per-partition",
      paramLabel = "N",
      description = "Partial matches of one pattern in one partition (default 10000).")
  Integer maxRunsPerPartition;

  @Option(
      names = "--max-buffered",
      paramLabel = "N",
      description =
          "Events a task holds for its watermark; past it the oldest is processed early"
              + " (default 100000).")
  Integer maxBuffered;

  @Option(
      names = "--cascade-depth",
      paramLabel = "N",
      description = "Levels of derived events fed back as input (default 16).")
  Integer cascadeDepth;

  @Option(
      names = "--max-bytes",
      paramLabel = "N",
      description =
          "The estimated bytes a task's partial matches and held events may take (default: half"
              + " the JVM's largest heap).")
  Long maxBytes;

  @Option(
      names = "--overflow",
      paramLabel = "evict-oldest|refuse-new",
      defaultValue = "evict-oldest",
      converter = OverflowOption.class,
      description =
          "At a bound, evict the oldest partial matches (default) or refuse new ones. Either is"
              + " counted in the task's metrics and logged once per task.")
  OverflowPolicy overflow;

  @Option(
      names = "--audit",
      paramLabel = "TOPIC",
      description =
          "Each task writes a JSON record to TOPIC when it deploys the rules and when it finds"
              + " them changed: its patterns' fingerprints, what was kept, added, changed, dropped.")
  String audit;

  @Option(
      names = "--type-field",
      paramLabel = "NAME",
      defaultValue = "type",
      description = "The JSON field naming the event type (default type).")
  String typeField;

  @Option(
      names = "--time-field",
      paramLabel = "NAME",
      defaultValue = "time",
      description = "The JSON field holding the event time (default time).")
  String timeField;

  @Option(
      names = "--guarantee",
      paramLabel = "exactly_once_v2|at_least_once",
      defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
      description = "processing.guarantee (default exactly_once_v2).")
  String guarantee;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the local state stores live (Kafka Streams' state.dir).")
  Path stateDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Stream threads in this instance (default 1).")
  int threads;

  @Option(
      names = "--strict",
      description =
          "Stop on a malformed input record, or one that fails in processing, instead of"
              + " logging and skipping it (or sending it to --dead-letter).")
  boolean strict;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A properties file of further Kafka Streams settings (security, ...).")
  Path config;

  @Option(
      names = {"-p", "--property"},
      paramLabel = "KEY=VALUE",
      description = "A further Kafka Streams setting; wins over --config.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--describe",
      description = "Print the stages the rules are split into and the topology, then exit.")
  boolean describe;

  @Spec CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger();

  public static void main(String[] args) {
    System.exit(commandLine(new MotifKafkaApp()).execute(args));
  }

  /** The command line for an app instance, with Motif's exit codes. */
  static CommandLine commandLine(MotifKafkaApp app) {
    CommandLine cl = new CommandLine(app);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("motif-kafka: " + e.getMessage());
          return 1;
        });
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    String g = guarantee.toLowerCase(Locale.ROOT);
    if (!g.equals(StreamsConfig.EXACTLY_ONCE_V2) && !g.equals(StreamsConfig.AT_LEAST_ONCE)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--guarantee must be "
              + StreamsConfig.EXACTLY_ONCE_V2
              + " or "
              + StreamsConfig.AT_LEAST_ONCE
              + ", not "
              + guarantee);
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    MotifTopology.Builder builder;
    try {
      builder = topology();
    } catch (RulesException e) {
      err.print(e.getMessage());
      err.flush();
      return 1;
    }
    if (!describe) {
      builder.inputPartitions(inputPartitions(streamsConfig()));
    }
    Topology topology = builder.build();
    if (describe) {
      out.println("motif-kafka: " + builder.stages().describe());
      out.print(topology.describe());
      out.flush();
      return 0;
    }
    KafkaStreams streams = new KafkaStreams(topology, streamsConfig());
    streams.setUncaughtExceptionHandler(
        e -> {
          err.println("motif-kafka: the application failed: " + e);
          err.flush();
          exitCode.set(1);
          stopped.countDown();
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    // On SIGTERM the hook wakes the main thread and waits for it to close the application
    // cleanly (commit, leave the group) before the JVM exits.
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                closed.await(40, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "motif-kafka-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("motif-kafka: " + builder.stages().describe());
    err.flush();
    streams.start();
    stopped.await();
    close(streams);
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that the application is closed
    }
    return exitCode.get();
  }

  /** Stops a running {@link #call()}, as SIGTERM does: it closes the application and returns. */
  void stop() {
    stopped.countDown();
  }

  /** Leaves the group on close, so the next instance need not wait for the session timeout. */
  static void close(KafkaStreams streams) {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }

  /** The rules compiled and the topology configured from the options. */
  MotifTopology.Builder topology() throws IOException, RulesException {
    String text = Files.readString(rules, StandardCharsets.UTF_8);
    Compilation c = Motif.compile(rules.toString(), text);
    if (c.hasErrors()) {
      throw new RulesException(c.render());
    }
    JsonEventSerde in = new JsonEventSerde(c.script().schema(), typeField, timeField);
    MotifTopology.Builder b =
        MotifTopology.builder(c.script())
            .input(input)
            .output(output)
            .late(late)
            .maxDelay(Duration.ofMillis(maxDelayMillis))
            .checkpointInterval(checkpointInterval)
            .keyedState(state == StateLayout.keyed)
            .idleAdvance(Duration.ofMillis(idleMillis))
            .idleSource(Duration.ofMillis(idleSourceMillis))
            .watermarkInterval(Duration.ofMillis(watermarkMillis))
            .inputSerde(in)
            .inputPartitioned(inputPartitioned)
            .provenance(provenance)
            .limits(limits())
            .audit(audit);
    if (partitions != null) {
      b.partitions(partitions);
    }
    return b;
  }

  /** The engine's bounds from the options, the defaults for the others. */
  Limits limits() {
    try {
      return limitsOrThrow();
    } catch (IllegalArgumentException e) {
      if (spec == null) {
        throw e;
      }
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Limits limitsOrThrow() {
    Limits l = Limits.DEFAULT.withPolicy(overflow);
    if (maxPartitions != null) {
      l = l.withMaxPartitions(maxPartitions);
    }
    if (maxRuns != null) {
      l = l.withMaxRuns(maxRuns);
    }
    if (maxRunsPerPartition != null) {
      l = l.withMaxRunsPerPartition(maxRunsPerPartition);
    }
    if (maxBuffered != null) {
      l = l.withMaxBuffered(maxBuffered);
    }
    if (cascadeDepth != null) {
      l = l.withCascadeDepth(cascadeDepth);
    }
    if (maxBytes != null) {
      l = l.withMaxBytes(maxBytes);
    }
    return l;
  }

  /** Reads {@code --overflow evict-oldest|refuse-new}. */
  static final class OverflowOption implements CommandLine.ITypeConverter<OverflowPolicy> {
    @Override
    public OverflowPolicy convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "evict-oldest" -> OverflowPolicy.EVICT_OLDEST;
        case "refuse-new" -> OverflowPolicy.REFUSE_NEW;
        default ->
            throw new CommandLine.TypeConversionException(
                "expected evict-oldest or refuse-new, not " + value);
      };
    }
  }

  /**
   * The input topic's partition count, from the cluster: each task waits to hear every input
   * partition before its watermark moves.
   */
  private int inputPartitions(Properties config) throws Exception {
    Properties p = new Properties();
    for (String k : config.stringPropertyNames()) {
      if (AdminClientConfig.configNames().contains(k)) {
        p.put(k, config.getProperty(k));
      }
    }
    try (Admin admin = Admin.create(p)) {
      return admin
          .describeTopics(List.of(input))
          .allTopicNames()
          .get(60, TimeUnit.SECONDS)
          .get(input)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot read the partitions of topic " + input + ": " + e.getCause().getMessage(), e);
    }
  }

  /** Kafka Streams settings: defaults, then --config, then --property. */
  Properties streamsConfig() throws IOException {
    Properties p = new Properties();
    p.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        applicationId != null ? applicationId : defaultApplicationId(rules));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.toLowerCase(Locale.ROOT));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        strict
            ? LogAndFailExceptionHandler.class.getName()
            : LogAndContinueExceptionHandler.class.getName());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        strict
            ? LogAndFailProcessingExceptionHandler.class.getName()
            : MotifProcessingExceptionHandler.class.getName());
    if (deadLetter != null) {
      p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetter);
    }
    if (stateDir != null) {
      p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    }
    if (config != null) {
      try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    p.putAll(properties);
    return p;
  }

  static String defaultApplicationId(Path rules) {
    String name = rules.getFileName().toString().replaceFirst("\\.motif$", "");
    return "motif-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The rules do not compile; the message is the rendered diagnostics. */
  static final class RulesException extends Exception {
    private static final long serialVersionUID = 1L;

    RulesException(String rendered) {
      super(rendered);
    }
  }

  /** {@code --version}: Motif's version (filtered into motif-repl) and Kafka Streams'. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = MotifKafkaApp.class.getResourceAsStream("/motif-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "motif-kafka " + p.getProperty("version", "unknown"),
        "Kafka Streams " + AppInfoParser.getVersion()
      };
    }
  }

  /** Reads {@code 5s}, {@code 250ms}, {@code 2min}: a duration in milliseconds. */
  static final class DurationOption implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Durations.parseMillis(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
