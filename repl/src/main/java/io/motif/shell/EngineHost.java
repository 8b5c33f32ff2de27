package io.motif.shell;

import io.motif.engine.CompiledScript;
import io.motif.engine.Engine;
import io.motif.engine.EngineStats;
import io.motif.engine.Event;
import io.motif.io.Durations;
import io.motif.io.EventText;
import io.motif.io.Times;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The session's engine and the time it runs on: the engine (made again by {@code :reset}), its
 * subscriptions that print derived events, the events sent to it, the clock (event time or the wall
 * clock, whose timer moves the watermark), the log {@code :why} replays, and the counters {@code
 * :stats} shows.
 *
 * <p>The engine is single-threaded, and in wall-clock mode a timer thread moves its watermark:
 * every engine call goes through {@link #lock}.
 */
final class EngineHost {
  /** How often the wall clock moves the watermark. */
  static final long TICK_MILLIS = 200;

  final Console console;
  final Clock clock;

  /** Guards every call into the engine. */
  final ReentrantLock lock = new ReentrantLock();

  private final boolean startTicker;

  private Engine engine;

  /** What was done to the engine since it was made, for :why (under the lock). */
  private final EngineLog log = new EngineLog();

  private long maxDelay;
  private volatile boolean wallClock;
  private ScheduledExecutorService ticker;

  /** The latest event time sent, or MIN_VALUE. */
  private long latestTime = Long.MIN_VALUE;

  // Counters since the engine started; the engine keeps its own too.
  private long processingNanos;

  /** Derived events printed; during a quiet replay they are counted, not printed. */
  volatile long derivedCount;

  volatile boolean quiet;

  /** Set during a replay: late events are counted, and only the first few printed. */
  private Replay replay;

  private long lastReplayEvents;
  private long lastReplayNanos;

  EngineHost(Console console, Clock clock, boolean startTicker) {
    this.console = console;
    this.clock = clock;
    this.startTicker = startTicker;
    this.engine = newEngine();
  }

  private Engine newEngine() {
    log.restart(maxDelay);
    Engine e =
        Engine.builder()
            .maxDelay(maxDelay)
            .lateHandler(this::late)
            .errorHandler((message, cause) -> console.error("engine error: " + message))
            .build();
    e.subscribe(
        "*",
        d -> {
          derivedCount++;
          if (!quiet) {
            console.derived(EventText.render(d));
          }
        });
    e.subscribeInternal(
        d -> {
          if (!quiet) {
            console.internal(EventText.render(d));
          }
        });
    return e;
  }

  private void late(Event e) {
    if (replay != null && !replay.reportLate()) {
      return;
    }
    console.error(
        "late event, not processed: "
            + EventText.render(e)
            + " (the watermark is at "
            + Times.format(engine.watermark())
            + (wallClock ? ", the wall clock" : "")
            + "; :set max-delay accepts events out of order)");
  }

  /** Runs {@code body} on the engine under the lock, timing it as processing. */
  <T> T withEngine(Supplier<T> body) {
    lock.lock();
    long t0 = clock.nanos();
    try {
      return body.get();
    } finally {
      processingNanos += clock.nanos() - t0;
      lock.unlock();
    }
  }

  void withEngine(Runnable body) {
    withEngine(
        () -> {
          body.run();
          return null;
        });
  }

  // ---- rules ----

  /** Deploys a compiled script (its patterns are added, or replace those of the same name). */
  void deploy(CompiledScript script) {
    withEngine(
        () -> {
          engine.deploy(script);
          log.deployed(script);
        });
  }

  /** Deploys a script compiled from the whole session; the partial matches this drops. */
  long redeploy(CompiledScript whole) {
    return withEngine(
        () -> {
          long before = engine.stats().partialMatches();
          engine.deploy(whole);
          log.deployed(whole);
          return before;
        });
  }

  void undeploy(String pattern) {
    withEngine(
        () -> {
          engine.undeploy(pattern);
          log.undeployed(pattern);
        });
  }

  /**
   * A fresh engine, with {@code whole} deployed unless null: partial matches, time and counters
   * start over.
   */
  void restart(CompiledScript whole) {
    lock.lock();
    try {
      engine = newEngine();
      if (whole != null) {
        engine.deploy(whole);
        log.deployed(whole);
      }
    } finally {
      lock.unlock();
    }
    latestTime = Long.MIN_VALUE;
    processingNanos = 0;
    derivedCount = 0;
    lastReplayEvents = 0;
    lastReplayNanos = 0;
  }

  // ---- events and time ----

  /** Sends one event, remembering its time. */
  void send(Event e) {
    latestTime = Math.max(latestTime, e.time());
    withEngine(
        () -> {
          engine.send(e);
          log.sent(e);
        });
  }

  /** The time an event typed without a time takes. */
  long now() {
    if (wallClock) {
      return clock.millis();
    }
    long w = withEngine(() -> engine.watermark());
    long t = Math.max(latestTime, w);
    return t == Long.MIN_VALUE ? 0 : t;
  }

  /** Moves event time forward by {@code millis}; false in wall-clock mode. */
  boolean advance(long millis) {
    if (wallClock) {
      return false;
    }
    long from = now();
    long to = from + millis;
    withEngine(
        () -> {
          engine.advanceTime(to);
          log.advanced(to);
        });
    latestTime = Math.max(latestTime, to);
    return true;
  }

  /**
   * A new maximum delay, applied to the running engine: partial matches are kept; a shorter delay
   * processes the buffered events it makes due.
   */
  void maxDelay(long millis) {
    long oldDelay = maxDelay;
    maxDelay = millis;
    withEngine(
        () -> {
          engine.maxDelay(millis);
          log.maxDelay(millis);
        });
    console.println(
        "max delay " + Durations.format(millis) + " (was " + Durations.format(oldDelay) + ")");
  }

  /** Event time or wall-clock time. */
  void wallClock(boolean on) {
    if (on == wallClock) {
      console.println("the clock is already " + (on ? "the wall clock" : "event time"));
      return;
    }
    wallClock = on;
    if (on) {
      tick();
      if (startTicker) {
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "motif-wall-clock");
                  t.setDaemon(true);
                  return t;
                });
        ticker.scheduleAtFixedRate(
            this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      }
      console.println(
          "clock: wall time. Events typed without `at` take the current time, and"
              + " the watermark follows the clock (now - max delay) every "
              + TICK_MILLIS
              + " ms.");
    } else {
      stopTicker();
      console.println("clock: event time. Time moves with the events sent and :advance.");
      long w = withEngine(() -> engine.watermark());
      if (w != Long.MIN_VALUE && w > latestTime) {
        // The watermark never goes back: it stays where the wall clock took it.
        console.println(
            "  the watermark stays at "
                + Times.format(w)
                + " (the wall clock's),"
                + " so events before it are late"
                + (latestTime == Long.MIN_VALUE
                    ? ""
                    : " (the last event sent was at " + Times.format(latestTime) + ")")
                + "; :reset starts time over (keeping the patterns)");
      }
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      console.error("wall clock: " + e);
    }
  }

  /** In wall-clock mode, moves the watermark to now minus the maximum delay. */
  void tick() {
    if (!wallClock) {
      return;
    }
    lock.lock();
    try {
      if (wallClock) {
        long to = clock.millis() - maxDelay;
        engine.advanceTime(to);
        log.advanced(to);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the wall clock's timer. */
  void close() {
    stopTicker();
  }

  private void stopTicker() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
    }
  }

  // ---- what commands show ----

  /** A copy of the log of what was done to the engine, taken under the lock, for :why. */
  EngineLog logCopy() {
    lock.lock();
    try {
      return log.copy();
    } finally {
      lock.unlock();
    }
  }

  EngineStats stats() {
    return withEngine(() -> engine.stats());
  }

  List<String> partials(String pattern) {
    return withEngine(() -> engine.describePartials(pattern));
  }

  long watermark() {
    return withEngine(() -> engine.watermark());
  }

  long latestTime() {
    return latestTime;
  }

  /** Events the engine holds back for the maximum delay, not yet processed. */
  long buffered() {
    return withEngine(() -> engine.stats().buffered());
  }

  long maxDelay() {
    return maxDelay;
  }

  boolean wallClock() {
    return wallClock;
  }

  long processingNanos() {
    return processingNanos;
  }

  // ---- replays ----

  long lastReplayEvents() {
    return lastReplayEvents;
  }

  long lastReplayNanos() {
    return lastReplayNanos;
  }

  void replayDone(long events, long nanos) {
    lastReplayEvents = events;
    lastReplayNanos = nanos;
  }

  /** The replay running, which counts late events, or null. */
  void replay(Replay r) {
    this.replay = r;
  }
}
