package io.motif.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motif.engine.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which scripts can be spread over partitions, and the record key each event gets. */
class PartitionPlanTest {
  private static PartitionPlan plan(String rules) {
    return PartitionPlan.of(Scenarios.compile(rules));
  }

  private static Event ev(String type, Object... kv) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      f.put((String) kv[i], kv[i + 1]);
    }
    return Event.of(type, 0, f);
  }

  @Test
  void patternsPartitionedAlikeArePartitioned() {
    PartitionPlan p = plan(Scenarios.KEYED);
    assertTrue(p.partitioned(), p.describe());
    assertEquals(List.of(List.of("user")), p.routing().get("Login"));
    assertEquals(List.of(List.of("user")), p.routing().get("Payment"));
    assertEquals("\"al\"", p.keyOf(ev("Login", "user", "al", "ok", true)));
    assertEquals(p.keyOf(ev("Login", "user", "al")), p.keyOf(ev("Order", "user", "al")));
    assertEquals(
        "partitioned: Login by user, Logout by user, Order by user, Payment by user", p.describe());
  }

  @Test
  void derivedEventsReadByAnotherPatternNeedOneTask() {
    PartitionPlan p = plan(Scenarios.COMPOSED);
    assertFalse(p.partitioned());
    assertEquals(
        List.of(
            "pattern Spray reads Fails events, which pattern Burst derives (a derived event stays in"
                + " the engine that derived it)",
            "pattern Quiet has no `partition by`"),
        p.reasons());
    assertEquals("", p.keyOf(ev("Login", "user", "al")));
  }

  @Test
  void differentKeysForOneTypeNeedOneTask() {
    PartitionPlan p =
        plan(
            """
        pattern ByUser partition by user match a: Login -> b: Login within 1 min
        pattern ByIp partition by ip match a: Login -> b: Logout within 1 min
        """);
    assertFalse(p.partitioned());
    assertEquals(
        List.of(
            "patterns ByUser and ByIp partition Login events by different fields" + " (user; ip)"),
        p.reasons());
  }

  @Test
  void aFinerKeyIsServedByItsCommonPrefix() {
    PartitionPlan p =
        plan(
            """
        pattern ByUser partition by user match a: Login -> b: Login within 1 min
        pattern ByUserAndIp partition by user, ip match a: Login -> b: Login within 1 min
        """);
    assertTrue(p.partitioned(), p.describe());
    assertEquals(List.of(List.of("user")), p.routing().get("Login"));
    assertEquals(
        p.keyOf(ev("Login", "user", "al", "ip", "a")),
        p.keyOf(ev("Login", "user", "al", "ip", "b")));
  }

  @Test
  void compositeKeysJoinTheirValues() {
    PartitionPlan p =
        plan(
            """
        pattern Venue partition by symbol, venue match a: Trade -> b: Trade within 1 min
        """);
    assertEquals("\"ACME\",\"X\"", p.keyOf(ev("Trade", "symbol", "ACME", "venue", "X")));
  }

  @Test
  void perTypeKeysRouteEqualValuesTogether() {
    PartitionPlan p =
        plan(
            """
        pattern Shipped
          partition by Order.id, Shipment.order_id
          match o: Order -> s: Shipment
          within 1 day
        """);
    assertTrue(p.partitioned(), p.describe());
    assertEquals(p.keyOf(ev("Order", "id", 7L)), p.keyOf(ev("Shipment", "order_id", 7.0)));
    assertNotEquals(p.keyOf(ev("Order", "id", 7L)), p.keyOf(ev("Shipment", "order_id", "7")));
    assertNotEquals(p.keyOf(ev("Order", "id", 1L)), p.keyOf(ev("Order", "id", true)));
  }

  @Test
  void nestedKeysAndMapsAreCanonical() {
    PartitionPlan p =
        plan(
            """
        pattern Nested partition by who.id match a: Login -> b: Login within 1 min
        """);
    assertEquals("3", p.keyOf(ev("Login", "who", Map.of("id", 3.0))));
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1L);
    ab.put("b", 2L);
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", 2.0);
    ba.put("a", 1L);
    assertEquals(
        p.keyOf(ev("Login", "who", Map.of("id", ab))),
        p.keyOf(ev("Login", "who", Map.of("id", ba))));
  }

  @Test
  void eventsWithoutTheKeyGetTheEmptyKey() {
    PartitionPlan p = plan(Scenarios.KEYED);
    assertEquals(PartitionPlan.NO_KEY, p.keyOf(ev("Login", "ip", "1.2.3.4")));
    assertEquals(PartitionPlan.NO_KEY, p.keyOf(ev("Heartbeat")));
    assertNotEquals(PartitionPlan.NO_KEY, p.keyOf(ev("Login", "user", "")));
  }
}
