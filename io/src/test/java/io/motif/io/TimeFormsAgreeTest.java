package io.motif.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.motif.engine.BadEventException;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.EventSchema;
import io.motif.engine.Motif;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way of writing a time that the command line reads, {@link Engine#send} reads the same, and
 * so does a test block's {@code at}: there is one parser ({@link EventSchema#parseTime}).
 */
class TimeFormsAgreeTest {
  private static final String RULES =
      """
      event R(seen time)
      event Seen(seen time)
      pattern Echo
        match r: R
        emit Seen(seen: r.seen)
      """;

  /** Each form, and the epoch milliseconds it stands for. */
  private static final Map<String, Long> FORMS =
      Map.of(
          "2024-01-01T10:00:00Z", 1704103200000L,
          "2024-01-01 10:00:00", 1704103200000L,
          "2024-01-01T10:00:00", 1704103200000L,
          "2024-01-01 10:00:00.250Z", 1704103200250L,
          "2024-01-01T12:00:00+02:00", 1704103200000L,
          "2024-01-01 12:00:00+02:00", 1704103200000L,
          "2024-01-01", 1704067200000L,
          " 2024-01-01T10:00:00Z ", 1704103200000L);

  @Test
  void theCommandLineAndEngineSendReadEveryFormAlike() throws BadEventException {
    CompiledScript script = Motif.compile("rules", RULES).script();
    JsonLinesReader reader = new JsonLinesReader(script.schema(), "type", "time");
    for (Map.Entry<String, Long> form : FORMS.entrySet()) {
      Event read = reader.parse("{\"type\":\"R\",\"time\":0,\"seen\":\"" + form.getKey() + "\"}");
      assertEquals(form.getValue(), read.get("seen"), "read by the CLI: " + form.getKey());

      List<Event> seen = new ArrayList<>();
      Engine engine = Engine.builder().build();
      engine.deploy(script);
      engine.subscribe("Seen", seen::add);
      engine.send("R", 0, Map.of("seen", form.getKey()));
      engine.finish();
      assertEquals(1, seen.size(), form.getKey());
      assertEquals(
          form.getValue(), seen.get(0).get("seen"), "sent to the engine: " + form.getKey());
      assertEquals(form.getValue(), EventSchema.parseTime(form.getKey()));
    }
  }

  @Test
  void aTestBlockTakesTheSameForms() {
    String rules =
        RULES
            + """
        test "a local date-time with a space" {
          given R(seen: 0) at "2024-01-01 10:00:00"
          expect Seen(seen: 0) at "2024-01-01T10:00:00Z"
        }
        """;
    assertFalse(
        Motif.compile("rules", rules).hasErrors(), () -> Motif.compile("rules", rules).render());
  }
}
