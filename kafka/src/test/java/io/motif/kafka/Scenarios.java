package io.motif.kafka;

import io.motif.engine.Compilation;
import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.Event;
import io.motif.engine.Motif;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated cases for the Kafka tests: a few scripts covering sequences, strict contiguity,
 * absences, timeouts and derived events feeding other patterns; seeded random streams with equal
 * times, events out of order and late, events without the key, and idle wall-clock gaps; and the
 * library engine's answer for a case.
 */
final class Scenarios {
  /** Every pattern partitioned by user: a partitioned plan. */
  static final String KEYED =
      """
      event Login(user string, ip string, ok boolean)
      event Logout(user string)
      event Order(user string, amount long)
      event Payment(user string, amount long)

      pattern Strikes
        partition by user
        match f: Login(ok == false){2} -> s: Login(ok == true)
        within 10s
        after match skip past last
        emit Strikes(user: s.user, ip: s.ip, fails: count(f))

      pattern Stale
        partition by user
        match a: Login(ok == true) -> not Logout
        within 5s
        emit Stale(user: a.user)

      pattern Unpaid
        partition by user
        match o: Order -> p: Payment(amount >= o.amount)
        within 4s
        emit Paid(user: o.user, amount: p.amount)
        on timeout emit Unpaid(user: o.user, amount: o.amount)

      pattern Twice
        partition by user
        match a: Order => b: Order
        emit Twice(user: a.user, total: a.amount + b.amount)
      """;

  /** Derived events read by another pattern, another key, and no key: a single plan. */
  static final String COMPOSED =
      """
      event Login(user string, ip string, ok boolean)

      pattern Burst
        partition by user
        match f: Login(ok == false){2,}
        within 5s
        after match skip past last
        emit Fails(user: last(f).user, ip: last(f).ip, n: count(f))

      pattern Spray
        partition by ip
        match a: Fails -> b: Fails(user != a.user)
        within 10s
        emit Spray(ip: b.ip, first: a.user, second: b.user)

      pattern Quiet
        match a: Login -> not Login
        within 3s
        emit Quiet(user: a.user)
      """;

  static final long BASE_TIME = 1_700_000_000_000L;
  static final long START_WALL = 1_000_000L;

  /** One step of a case: an input event, wall-clock time passing, or a task restart. */
  sealed interface Step permits Send, Idle, Restart {}

  record Send(Event event) implements Step {}

  record Idle(long wallMillis) implements Step {}

  record Restart() implements Step {}

  /** A generated case and the settings it runs with. */
  record Case(
      long seed,
      String rulesName,
      CompiledScript script,
      long maxDelay,
      int checkpointInterval,
      int chunkBytes,
      long idleMillis,
      List<Step> steps) {
    @Override
    public String toString() {
      return "seed "
          + seed
          + " ("
          + rulesName
          + ", maxDelay "
          + maxDelay
          + ", checkpoint every "
          + checkpointInterval
          + ", chunks of "
          + chunkBytes
          + " B, idle "
          + idleMillis
          + ", "
          + steps.size()
          + " steps)";
    }
  }

  /** What the library engine derives, and the late events it refuses, as JSON. */
  record Expected(List<String> derived, List<String> late) {}

  private Scenarios() {}

  static CompiledScript compile(String text) {
    Compilation c = Motif.compile("test.motif", text);
    if (c.hasErrors()) {
      throw new AssertionError(c.render());
    }
    return c.script();
  }

  private static final CompiledScript KEYED_SCRIPT = compile(KEYED);
  private static final CompiledScript COMPOSED_SCRIPT = compile(COMPOSED);

  /** A case from a seed; {@code restarts} adds that many restart steps at random places. */
  static Case generate(long seed, int restarts) {
    Random r = new Random(seed);
    boolean keyed = r.nextInt(3) > 0;
    long maxDelay = r.nextBoolean() ? 0 : 1500;
    int[] intervals = {1, 2, 5, 13, 1000};
    int checkpointInterval = intervals[r.nextInt(intervals.length)];
    int chunkBytes = r.nextBoolean() ? 512 * 1024 : 40 + r.nextInt(200);
    long idle = r.nextBoolean() ? 0 : 2000;
    int n = 30 + r.nextInt(170);
    String[] users = {"al", "bo", "cy", "di", "ed"};
    String[] ips = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
    List<Step> steps = new ArrayList<>();
    long t = BASE_TIME;
    for (int i = 0; i < n; i++) {
      if (idle > 0 && r.nextInt(25) == 0) {
        long[] gaps = {1000, 2000, 5000, 9000};
        steps.add(new Idle(gaps[r.nextInt(gaps.length)]));
      }
      t += r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(2500);
      long time = t;
      if (maxDelay > 0 && r.nextInt(3) == 0) {
        time = t - r.nextInt((int) (maxDelay * 13 / 10));
      }
      Map<String, Object> f = new LinkedHashMap<>();
      if (r.nextInt(20) != 0) {
        f.put("user", users[r.nextInt(keyed ? users.length : 3)]);
      }
      String type;
      int k = keyed ? r.nextInt(10) : 0;
      if (k < 5) {
        type = "Login";
        f.put("ip", ips[r.nextInt(ips.length)]);
        f.put("ok", r.nextInt(5) < 2);
      } else if (k < 6) {
        type = "Logout";
      } else if (k < 8) {
        type = "Order";
        f.put("amount", (long) (1 + r.nextInt(100)));
      } else {
        type = "Payment";
        f.put("amount", (long) (1 + r.nextInt(100)));
      }
      steps.add(new Send(Event.of(type, time, f)));
    }
    for (int i = 0; i < restarts; i++) {
      steps.add(r.nextInt(steps.size() + 1), new Restart());
    }
    return new Case(
        seed,
        keyed ? "KEYED" : "COMPOSED",
        keyed ? KEYED_SCRIPT : COMPOSED_SCRIPT,
        maxDelay,
        checkpointInterval,
        chunkBytes,
        idle,
        steps);
  }

  /**
   * The library engine over the case's steps, with the processor's documented idle rule: after
   * {@code idleMillis} of wall time without input, the watermark is the one the last input (or
   * restart) left plus the wall time since.
   */
  static Expected reference(Case c) {
    List<String> derived = new ArrayList<>();
    List<String> late = new ArrayList<>();
    JsonEventSerde json = JsonEventSerde.forScript(c.script());
    Engine e =
        Engine.builder().maxDelay(c.maxDelay()).lateHandler(ev -> late.add(json(json, ev))).build();
    e.deploy(c.script());
    e.subscribe("*", ev -> derived.add(json(json, ev)));
    long wall = START_WALL;
    long lastInput = wall;
    long base = e.watermark();
    for (Step s : c.steps()) {
      if (s instanceof Send send) {
        e.send(send.event());
        lastInput = wall;
        base = e.watermark();
      } else if (s instanceof Idle idle) {
        wall += idle.wallMillis();
        long quiet = wall - lastInput;
        if (c.idleMillis() > 0
            && quiet >= c.idleMillis()
            && base != Long.MIN_VALUE
            && base + quiet > e.watermark()) {
          e.advanceTime(base + quiet);
        }
      } else {
        lastInput = wall;
        base = e.watermark();
      }
    }
    return new Expected(derived, late);
  }

  static String json(JsonEventSerde serde, Event e) {
    return new String(serde.serializer().serialize("t", e), StandardCharsets.UTF_8);
  }
}
