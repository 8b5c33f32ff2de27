package io.motif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `motif run --provenance`: each derived event names the input lines it was made from. */
class ProvenanceRunTest {
  private static final String RULES =
      """
      event Login(user string, ip string, ok boolean)
      pattern Burst partition by user
        match f: Login(not ok){2} -> s: Login(ok) within 1 min
        after match skip past last
        emit Alert(user: s.user, ip: s.ip)
      pattern Spray partition by ip
        match a: Alert -> b: Alert(user != a.user) within 10 min
        emit Spray(ip: a.ip, first: a.user, second: b.user)
      """;

  @TempDir Path tmp;

  private static String login(long time, String user, boolean ok) {
    return "{\"type\":\"Login\",\"time\":"
        + time
        + ",\"user\":\""
        + user
        + "\",\"ip\":\"a\",\"ok\":"
        + ok
        + "}\n";
  }

  private Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void positionsAcrossInputsAndThroughAChain() throws IOException {
    Path rules = file("r.motif", RULES);
    Path one =
        file(
            "one.jsonl",
            login(0, "al", false)
                + login(1_000, "bo", false)
                + login(2_000, "al", false)
                + login(3_000, "al", true));
    Path two =
        file(
            "two.csv",
            "type,time,user,ip,ok\n"
                + "Login,4000,bo,a,false\nLogin,5000,cy,a,false\nLogin,6000,bo,a,true\n");
    Cli.Result r = Cli.run("run", "--provenance", rules.toString(), one.toString(), two.toString());
    assertEquals(0, r.code(), r::toString);
    String a = one.toString();
    String b = two.toString();
    assertEquals(
        List.of(
            "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"ip\":\"a\",\"@provenance\":[\""
                + a
                + ":1\",\""
                + a
                + ":3\",\""
                + a
                + ":4\"]}",
            "{\"type\":\"Alert\",\"time\":6000,\"user\":\"bo\",\"ip\":\"a\",\"@provenance\":[\""
                + a
                + ":2\",\""
                + b
                + ":2\",\""
                + b
                + ":4\"]}",
            "{\"type\":\"Spray\",\"time\":6000,\"ip\":\"a\",\"first\":\"al\",\"second\":\"bo\","
                + "\"@provenance\":[\""
                + a
                + ":1\",\""
                + a
                + ":2\",\""
                + a
                + ":3\",\""
                + a
                + ":4\",\""
                + b
                + ":2\",\""
                + b
                + ":4\"]}"),
        r.out().lines().toList());
  }

  @Test
  void standardInputOutOfOrderAndWithoutTheOption() throws IOException {
    Path rules = file("r.motif", RULES);
    // Out of order within the delay: the lines are the lines read, not the order of time.
    String in = login(1_000, "al", false) + login(0, "al", false) + login(3_000, "al", true);
    Cli.Result r =
        Cli.runWithInput(in, "run", "--provenance", "--max-delay", "5s", rules.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        "{\"type\":\"Alert\",\"time\":3000,\"user\":\"al\",\"ip\":\"a\","
            + "\"@provenance\":[\"<stdin>:1\",\"<stdin>:2\",\"<stdin>:3\"]}\n",
        r.out());
    Cli.Result plain = Cli.runWithInput(in, "run", "--max-delay", "5s", rules.toString());
    assertFalse(plain.out().contains("@provenance"), plain::toString);
  }

  @Test
  void positionsSurviveAResumedRun() throws IOException {
    Path rules = file("r.motif", RULES);
    Path first = file("first.jsonl", login(0, "al", false) + login(1_000, "al", false));
    Path second = file("second.jsonl", login(2_000, "al", true));
    Path state = tmp.resolve("state.bin");
    Cli.Result r1 =
        Cli.run(
            "run", "--provenance", "--state", state.toString(), rules.toString(), first.toString());
    assertEquals(0, r1.code(), r1::toString);
    assertEquals("", r1.out());
    Cli.Result r2 =
        Cli.run(
            "run",
            "--provenance",
            "--state",
            state.toString(),
            rules.toString(),
            second.toString());
    assertEquals(0, r2.code(), r2::toString);
    // The first two lines were read by the first run, from its own input: the state keeps
    // their origins and the names of the inputs they number.
    assertEquals(
        "{\"type\":\"Alert\",\"time\":2000,\"user\":\"al\",\"ip\":\"a\",\"@provenance\":[\""
            + first
            + ":1\",\""
            + first
            + ":2\",\""
            + second
            + ":1\"]}\n",
        r2.out());
  }
}
