package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Limits;
import io.motif.engine.OverflowPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, without a broker: options, configuration, --describe and exit codes. */
class MotifKafkaAppTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MotifKafkaApp.commandLine(new MotifKafkaApp());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path rules(String text) throws IOException {
    Path p = dir.resolve("logins.motif");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void describePrintsThePlanAndTheTopology() throws IOException {
    Path rules = rules(Scenarios.KEYED);
    Run r =
        run(
            "--bootstrap-servers",
            "localhost:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--late",
            "late",
            "--describe");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("motif-kafka: 1 stage: user [Strikes, Stale, Unpaid, Twice]: Login by"),
        r.out());
    assertTrue(r.out().contains("motif-events-repartition"), r.out());
    assertTrue(r.out().contains("motif-engine"), r.out());
    for (String store :
        List.of(
            "motif-checkpoint", "motif-input-log", "motif-partitions", "motif-partitions-timers")) {
      assertTrue(r.out().contains(store), store + " in\n" + r.out());
    }
  }

  @Test
  void rulesWithErrorsExitWithOne() throws IOException {
    Path rules = rules("pattern Broken match a: Login(ok == ) within 5s\n");
    Run r =
        run(
            "--bootstrap-servers",
            "localhost:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("logins.motif:1:"), r.err());
  }

  @Test
  void misuseExitsWithTwo() throws IOException {
    Path rules = rules(Scenarios.KEYED);
    assertEquals(2, run("--rules", rules.toString(), "--input", "in").exit());
    Run r =
        run(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--max-delay",
            "5 parsecs");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown duration unit 'parsecs'"), r.err());
    r =
        run(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--guarantee",
            "at_most_once");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--guarantee must be exactly_once_v2 or at_least_once"), r.err());
  }

  @Test
  void exactlyOnceByDefaultAndSettingsFromFileAndOptions() throws Exception {
    Path rules = rules(Scenarios.KEYED);
    Path config = dir.resolve("streams.properties");
    Files.writeString(config, "security.protocol=SSL\ncommit.interval.ms=500\n");
    MotifKafkaApp app = new MotifKafkaApp();
    new CommandLine(app)
        .parseArgs(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--config",
            config.toString(),
            "-p",
            "commit.interval.ms=200",
            "--max-delay",
            "5s");
    Properties p = app.streamsConfig();
    assertEquals("exactly_once_v2", p.get("processing.guarantee"));
    assertEquals("motif-logins", p.get("application.id"));
    assertEquals("SSL", p.get("security.protocol"));
    assertEquals("200", p.get("commit.interval.ms"));
    assertEquals(5000L, app.maxDelayMillis);
    assertEquals(
        MotifProcessingExceptionHandler.class.getName(), p.get("processing.exception.handler"));
    assertEquals(null, p.get("errors.dead.letter.queue.topic.name"));
    new CommandLine(app)
        .parseArgs(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--dead-letter",
            "bad-events");
    assertEquals("bad-events", app.streamsConfig().get("errors.dead.letter.queue.topic.name"));
  }

  @Test
  void limitsAndTheAuditTopicFromOptions() throws Exception {
    Path rules = rules(Scenarios.KEYED);
    MotifKafkaApp app = new MotifKafkaApp();
    new CommandLine(app)
        .parseArgs(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out");
    assertEquals(Limits.DEFAULT, app.limits(), "no option: the engine's defaults");
    new CommandLine(app)
        .parseArgs(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--max-runs-per-partition",
            "4",
            "--max-runs",
            "7",
            "--max-partitions",
            "5",
            "--max-buffered",
            "9",
            "--cascade-depth",
            "3",
            "--overflow",
            "refuse-new",
            "--max-bytes",
            "1000",
            "--audit",
            "motif-audit");
    assertEquals(new Limits(4, 7, 5, 9, 3, OverflowPolicy.REFUSE_NEW, 1000), app.limits());
    assertTrue(
        app.topology().build().describe().toString().contains("topic: motif-audit"),
        "the audit topic is written");
    Run r =
        run(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--overflow",
            "sideways");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("expected evict-oldest or refuse-new, not sideways"), r.err());
    r =
        run(
            "--bootstrap-servers",
            "b:1",
            "--rules",
            rules.toString(),
            "--input",
            "in",
            "--output",
            "out",
            "--max-partitions",
            "0",
            "--describe");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("limits must be positive"), r.err());
  }

  @Test
  void describeNamesEveryStageOfTheLoginsExample() throws IOException {
    Path rules = rules(StagePlanTest.logins());
    Run r =
        run(
            "--bootstrap-servers",
            "localhost:1",
            "--rules",
            rules.toString(),
            "--input",
            "logins",
            "--output",
            "alerts",
            "--describe");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "motif-kafka: 2 stages: user [BruteForce]: Login by user;"
                    + " ip [SprayFromOneAddress]: Alert by ip (Alert from user)\n"),
        r.out());
    assertTrue(r.out().contains("motif-user-to-ip-repartition"), r.out());
  }
}
