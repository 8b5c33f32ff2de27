package io.motif.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link MotifKafkaApp#main} in a child JVM, with the test's class path (and module path, when the
 * tests run on it), its standard output and error in a file. Killed with {@link
 * Process#destroyForcibly()}: SIGKILL, no shutdown hook, no commit, no leaving the group.
 */
final class ChildApp implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildApp(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The application's arguments for a {@link LiveStream}, exactly-once, tuned for quick recovery:
   * commits every 100 ms, a checkpoint every 5 inputs, a dead member out of the group after 2 s
   * (the broker must allow it), a dead instance's open transaction aborted after 4 s.
   */
  static List<String> args(KafkaBroker broker, Path rules, String applicationId, Path stateDir) {
    return new ArrayList<>(
        List.of(
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--rules",
            rules.toString(),
            "--input",
            LiveStream.INPUT,
            "--output",
            LiveStream.OUTPUT,
            "--late",
            LiveStream.LATE,
            "--application-id",
            applicationId,
            "--checkpoint-interval",
            "5",
            "--watermark-interval",
            "50ms",
            "--state-dir",
            stateDir.toString(),
            "-p",
            "commit.interval.ms=100",
            "-p",
            "session.timeout.ms=2000",
            "-p",
            "heartbeat.interval.ms=500",
            "-p",
            "producer.transaction.timeout.ms=4000"));
  }

  /** Broker settings {@link #args} needs: short sessions, open transactions aborted soon. */
  static final Map<String, String> BROKER =
      Map.of(
          "group.min.session.timeout.ms", "1000",
          "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");

  static ChildApp start(Path log, Map<String, String> systemProperties, List<String> args)
      throws IOException {
    String classPath = System.getProperty("java.class.path");
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      classPath = classPath + File.pathSeparator + modulePath;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(classPath);
    command.add(MotifKafkaApp.class.getName());
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildApp(p, log);
  }

  boolean logContains(String text) throws IOException {
    return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM outlived SIGKILL");
    }
  }

  /**
   * SIGTERM: the application closes cleanly (commits, leaves the group) in its shutdown hook. The
   * exit status is then 143, the JVM's after SIGTERM, whatever main would have returned.
   */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not stop on SIGTERM; see " + log);
    }
    int exit = process.exitValue();
    if (exit != 0 && exit != 128 + 15) {
      throw new AssertionError("the child JVM exited with " + exit + " on SIGTERM; see " + log);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
