package io.motif.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler's API: scriptOrThrow, compile(Path), null scripts, and the script's API types. */
class CompilationApiTest {
  static final String RULES =
      """
      event Order(id string, amount double, at time)
      event Shipment(order_id string)

      internal pattern Big
        match o: Order(amount > 100)
        emit BigOrder(id: o.id, amount: o.amount)

      pattern Unshipped
        partition by Order.id, Shipment.order_id
        match o: Order -> not Shipment
        within 1h
        emit Late(id: o.id)

      pattern Pair
        match a: Order -> b: Order
        within 10 events

      test "a big order" {
        given
          Order(id: "1", amount: 200.0, at: 0) at 0s
        expect
          BigOrder(id: "1") at 0s
      }
      """;

  @Test
  void scriptOrThrowRendersEveryError(@TempDir Path dir) throws IOException {
    Compilation c = Motif.compile("bad.motif", "pattern P\n  match a: A(x > )\n");
    assertTrue(c.hasErrors());
    assertNull(c.script());
    CompilationException e = assertThrows(CompilationException.class, c::scriptOrThrow);
    assertTrue(e.getMessage().contains(c.render()), e.getMessage());
    assertTrue(e.getMessage().startsWith(c.errorCount() + " error"), e.getMessage());
    assertEquals(c.diagnostics(), e.diagnostics());
  }

  @Test
  void compileReadsAFileAsUtf8AndNamesItInDiagnostics(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.motif");
    Files.writeString(
        file, "-- café\npattern P\n  match a: A(x == \"é\" +)\n", StandardCharsets.UTF_8);
    Compilation c = Motif.compile(file);
    assertTrue(c.hasErrors());
    assertTrue(c.render().startsWith(file + ":3:"), c.render());
    Files.writeString(file, "pattern P\n  match a: A(name == \"Zoë\")\n", StandardCharsets.UTF_8);
    Engine engine = Engine.builder().build();
    engine.deploy(Motif.compile(file).scriptOrThrow());
    List<Event> out = new ArrayList<>();
    engine.subscribe("P", out::add);
    engine.send("A", 0, Map.of("name", "Zoë"));
    assertEquals(1, out.size());
  }

  @Test
  void aNullScriptIsRefusedWithAMessage() {
    Engine engine = Engine.builder().build();
    NullPointerException e = assertThrows(NullPointerException.class, () -> engine.deploy(null));
    assertTrue(e.getMessage().contains("scriptOrThrow"), e.getMessage());
    NullPointerException r =
        assertThrows(
            NullPointerException.class,
            () -> Engine.builder().restore(new ByteArrayInputStream(new byte[0]), null));
    assertTrue(r.getMessage().contains("rules to restore into"), r.getMessage());
  }

  @Test
  void theScriptDescribesItselfInApiTypes() {
    CompiledScript s = Motif.compile("rules.motif", RULES).scriptOrThrow();
    EventType order = s.eventTypes().get("Order");
    assertEquals("Order", order.name());
    assertEquals(List.of("id", "amount", "at"), List.copyOf(order.fields().keySet()));
    assertEquals(FieldType.TIME, order.fieldType("at"));
    assertEquals("double", order.fieldType("amount").label());

    assertEquals(List.of("Big", "Unshipped", "Pair"), s.patternNames());
    PatternInfo big = s.pattern("Big");
    assertTrue(big.internal());
    assertEquals(Set.of("Order"), big.reads());
    assertEquals(
        List.of(new PatternInfo.Output("BigOrder", List.of("id", "amount"), false)), big.outputs());
    assertEquals(-1, big.windowMillis());

    PatternInfo unshipped = s.pattern("Unshipped");
    assertEquals(Set.of("Order", "Shipment"), unshipped.reads());
    assertEquals(3_600_000, unshipped.windowMillis());
    assertEquals(
        List.of(
            new PartitionKey("Order", List.of("id")),
            new PartitionKey("Shipment", List.of("order_id"))),
        unshipped.partitionBy());
    assertEquals(
        List.of(new PartitionKey("Shipment", List.of("order_id"))), unshipped.keysFor("Shipment"));

    PatternInfo pair = s.pattern("Pair");
    assertEquals(10, pair.windowEvents());
    assertEquals(
        List.of(new PatternInfo.Output("Pair", List.of("a", "b"), false)),
        pair.outputs(),
        "the default output: one field per binding");
    assertNull(s.pattern("Nope"));

    TestCase t = s.tests().get(0);
    assertEquals("a big order", t.name());
    assertEquals(18, t.line());
    assertEquals(1, t.given().size());

    assertTrue(s.explain("Unshipped").contains("Order"), s.explain("Unshipped"));
    assertTrue(s.explainDot("Pair").startsWith("digraph"), s.explainDot("Pair"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.explain("Nope"));
    assertEquals("no pattern named Nope; the patterns are Big, Unshipped, Pair", e.getMessage());
  }

  @Test
  void didYouMeanIsOffered() {
    assertEquals("Login", Motif.closest("Logn", List.of("Login", "Logout")));
    assertEquals("; did you mean `Login`?", Motif.didYouMean("Logn", List.of("Login")));
    assertEquals("", Motif.didYouMean("Alarm", List.of("Alert")));
  }
}
