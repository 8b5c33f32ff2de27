package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How scripts are split into stages by partition key. */
class StagePlanTest {
  /** Three keyings in a chain: per user, per address, per card holder. */
  static final String CHAIN =
      """
      event Login(user string, ip string, ok boolean)
      event Purchase(user string, card string, amount long)

      pattern Burst
        partition by user
        match f: Login(ok == false){2,}
        within 30s
        after match skip past last
        emit Fails(user: last(f).user, ip: last(f).ip, n: count(f))

      pattern Spray
        partition by ip
        match a: Fails -> b: Fails(user != a.user)
        within 2 min
        emit Spray(ip: b.ip, first: a.user, second: b.user)

      pattern SprayedThenBought
        partition by Spray.second, Purchase.user
        match s: Spray -> p: Purchase
        within 1 min
        emit Suspicious(user: p.user, ip: s.ip, amount: p.amount)
      """;

  static String logins() throws IOException {
    return Files.readString(Path.of("..", "examples", "logins.motif"));
  }

  private static StagePlan plan(String rules) {
    return StagePlan.of(Scenarios.compile(rules));
  }

  @Test
  void theLoginsExampleRunsInTwoKeyedStages() throws IOException {
    StagePlan p = plan(logins());
    assertEquals(2, p.stages().size(), p.describe());
    StagePlan.Stage user = p.stages().get(0);
    StagePlan.Stage ip = p.stages().get(1);
    assertEquals("user", user.name());
    assertEquals(List.of("BruteForce"), user.patterns());
    assertEquals(Map.of("Login", List.of(List.of("user"))), user.routing());
    assertEquals("ip", ip.name());
    assertTrue(ip.keyed());
    assertEquals(Map.of("Alert", List.of(List.of("ip"))), ip.routing());
    assertEquals(Set.of("Alert"), p.edge(user, ip));
    assertEquals(Set.of(), p.edge(ip, user));
    assertEquals(
        "2 stages: user [BruteForce]: Login by user; ip [SprayFromOneAddress]: Alert by ip"
            + " (Alert from user)",
        p.describe());
  }

  @Test
  void aChainOfThreeKeyingsIsThreeStagesInOrder() {
    StagePlan p = plan(CHAIN);
    assertEquals(
        List.of("user", "ip", "second-user"), p.stages().stream().map(s -> s.name()).toList());
    StagePlan.Stage third = p.stages().get(2);
    assertEquals(
        Map.of("Purchase", List.of(List.of("user")), "Spray", List.of(List.of("second"))),
        third.routing());
    assertEquals(Set.of("Fails"), p.edge(p.stages().get(0), p.stages().get(1)));
    assertEquals(Set.of("Spray"), p.edge(p.stages().get(1), third));
    assertEquals(Set.of(), p.edge(p.stages().get(0), third));
    assertEquals(Set.of("Fails", "Login", "Purchase", "Spray"), p.reads());
    // A Spray and a Purchase of one person meet in one partition.
    assertEquals(
        third.keyOf(Event.of("Spray", 0, Map.of("ip", "a", "first", "x", "second", "al"))),
        third.keyOf(Event.of("Purchase", 0, Map.of("user", "al", "card", "c", "amount", 1L))));
  }

  @Test
  void aSameKeyChainStaysInOneStage() {
    StagePlan p =
        plan(
            """
            pattern Fail partition by user match f: Login(ok == false)
              emit Failed(user: f.user)
            pattern Twice partition by user match a: Failed -> b: Failed within 1 min
              emit Twice(user: b.user)
            """);
    assertEquals(1, p.stages().size(), p.describe());
    assertEquals(Set.of("Failed"), p.stages().get(0).chained());
  }

  @Test
  void onlyUnkeyedPatternsRunInTheSingleStage() {
    StagePlan p = plan(Scenarios.COMPOSED);
    assertEquals(
        List.of("user", "ip", StagePlan.SINGLE), p.stages().stream().map(s -> s.name()).toList());
    StagePlan.Stage single = p.stage(StagePlan.SINGLE);
    assertFalse(single.keyed());
    assertEquals(List.of("Quiet"), single.patterns());
    assertEquals(PartitionPlan.NO_KEY, single.keyOf(Event.of("Login", 0, Map.of())));
    assertTrue(p.notes().isEmpty());
  }

  @Test
  void stagesThatWouldFeedEachOtherRunAsOne() {
    StagePlan p =
        plan(
            """
            pattern A partition by user match x: X -> y: Y emit Z(ip: x.ip, user: y.user)
            pattern B partition by ip match z: Z -> w: W emit Y(user: w.user, ip: z.ip)
            """);
    assertEquals(1, p.stages().size(), p.describe());
    assertEquals(StagePlan.SINGLE, p.stages().get(0).name());
    assertEquals(1, p.notes().size(), p.notes().toString());
  }

  @Test
  void eventsWithoutTheKeyOrUnreadBelongToNoKeyedStage() {
    StagePlan.Stage user = plan(Scenarios.KEYED).stages().get(0);
    assertNull(user.keyOf(Event.of("Login", 0, Map.of("ip", "1.2.3.4"))));
    assertNull(user.keyOf(Event.of("Heartbeat", 0, Map.of("user", "al"))));
    assertEquals("\"al\"", user.keyOf(Event.of("Login", 0, Map.of("user", "al"))));
    assertFalse(plan(Scenarios.KEYED).reads().contains("Heartbeat"));
  }
}
