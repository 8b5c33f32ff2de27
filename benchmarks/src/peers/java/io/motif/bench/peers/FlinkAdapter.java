package io.motif.bench.peers;

import io.motif.bench.EngineAdapter;
import io.motif.bench.Workload;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.configuration.Configuration;

/**
 * Flink CEP 2.3's {@link NFA}, driven in-process the way its keyed {@code CepOperator} drives it in
 * event time, with no cluster: per key an {@link NFAState} (the operator's keyed value state, here
 * a hash map), one {@link SharedBuffer} over an in-memory keyed state store ({@link
 * HeapKeyedStore}, standing in for the heap state backend, the current key set before each access),
 * and an event-time timer service (a priority queue of (timestamp, key), deduplicated like
 * Flink's). For each event, with the watermark at its timestamp: fire the timers due (each advances
 * its key's NFA to the watermark), then for the event's key {@code advanceTime}, {@code process},
 * register the window timer when a new partial match started, and store the state when it changed.
 * Matches are materialised as Flink materialises them ({@code Map<String, List<T>>}) and counted.
 *
 * <p>Semantics: {@code followedBy} is relaxed contiguity (skip-till-next-match), every event that
 * satisfies the first condition starts a match, {@code noSkip()} keeps all matches. Flink's {@code
 * within(W)} keeps a partial match while {@code t - start < W}; Motif's {@code within W} while
 * {@code t - start <= W}: with millisecond times the adapter gives Flink {@code W + 1 ms}. With
 * that, W1, W2, W4 and W5 have Motif's semantics (checked). W3 uses {@code oneOrMore().greedy()}
 * with a condition that reads the last accepted B (or the A) as Motif's {@code prev}, but its
 * semantics differ: when a C completes a match the looping computation stays alive (the loop
 * state's ignore edge looks only at the loop's own condition, which a C fails), so one A matches
 * again with more B's before a later C, where Motif's {@code ->} must take the C and ends the run
 * (10,170 matches against 9,626); it is run and counted, not compared. W8 ({@code ->>} with
 * repetition) is left to Motif.
 */
public final class FlinkAdapter implements EngineAdapter {
  /**
   * The event: a type code and the fields; the timestamp travels beside it, as in a StreamRecord.
   */
  public static final class FEv implements Serializable {
    private static final long serialVersionUID = 1L;
    public int type;
    public long key;
    public long x;
    public double price;

    public FEv() {}

    FEv(int type, long key, long x, double price) {
      this.type = type;
      this.key = key;
      this.x = x;
      this.price = price;
    }
  }

  static final class IsType extends SimpleCondition<FEv> {
    private static final long serialVersionUID = 1L;
    private final int type;

    IsType(int type) {
      this.type = type;
    }

    @Override
    public boolean filter(FEv e) {
      return e.type == type;
    }
  }

  /** {@code B(x > a.x)}. */
  static final class BAboveA extends IterativeCondition<FEv> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(FEv e, Context<FEv> ctx) throws Exception {
      if (e.type != Workload.B) {
        return false;
      }
      for (FEv a : ctx.getEventsForPattern("a")) {
        return e.x > a.x;
      }
      return false;
    }
  }

  /** {@code B(price > prev.price)}: prev is the last B accepted so far, else the A. */
  static final class Rising extends IterativeCondition<FEv> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(FEv e, Context<FEv> ctx) throws Exception {
      if (e.type != Workload.B) {
        return false;
      }
      FEv prev = null;
      for (FEv b : ctx.getEventsForPattern("b")) {
        prev = b;
      }
      if (prev == null) {
        Iterator<FEv> a = ctx.getEventsForPattern("a").iterator();
        prev = a.hasNext() ? a.next() : null;
      }
      return prev != null && e.price > prev.price;
    }
  }

  private record Timer(long timestamp, Long key) {}

  /**
   * The NFA hands a runtime context to its (rich, composite) conditions; ours never read it, as no
   * condition here is a rich function, so any use fails loudly.
   */
  private static final RuntimeContext NO_CONTEXT =
      (RuntimeContext)
          Proxy.newProxyInstance(
              RuntimeContext.class.getClassLoader(),
              new Class<?>[] {RuntimeContext.class},
              (proxy, method, args) -> {
                if (method.getName().equals("hashCode")) {
                  return 0;
                }
                if (method.getName().equals("equals")) {
                  return proxy == args[0];
                }
                if (method.getName().equals("toString")) {
                  return "no runtime context";
                }
                throw new UnsupportedOperationException("RuntimeContext." + method.getName());
              });

  private Workload w;
  private NFACompiler.NFAFactory<FEv> factory;
  private TypeSerializer<FEv> serializer;
  private FEv[] events;
  private Long[] keys;
  private long[] times;

  private NFA<FEv> nfa;
  private HeapKeyedStore store;
  private SharedBuffer<FEv> buffer;
  private Map<Long, NFAState> states;
  private PriorityQueue<Timer> timers;
  private Set<Timer> timerSet;
  private final AfterMatchSkipStrategy skip = AfterMatchSkipStrategy.noSkip();
  private final TimerService processingTime = () -> 0L;
  private long matches;

  /** The Flink pattern of a workload. */
  static Pattern<FEv, ?> pattern(Workload w) {
    Duration within = Duration.ofMillis(w.windowMillis + 1);
    Pattern<FEv, FEv> a = Pattern.<FEv>begin("a").where(new IsType(Workload.A));
    return switch (w.shape) {
      case SEQ2 -> a.followedBy("b").where(new BAboveA()).within(within);
      case SEQ4 ->
          a.followedBy("b")
              .where(new IsType(Workload.B))
              .followedBy("c")
              .where(new IsType(Workload.C))
              .followedBy("d")
              .where(new IsType(Workload.D))
              .within(within);
      case RISING ->
          a.followedBy("b")
              .where(new Rising())
              .oneOrMore()
              .greedy()
              .followedBy("c")
              .where(new IsType(Workload.C))
              .within(within);
      case NEGATION ->
          a.notFollowedBy("nb")
              .where(new IsType(Workload.B))
              .followedBy("c")
              .where(new IsType(Workload.C))
              .within(within);
      case ABSENCE -> a.notFollowedBy("nb").where(new IsType(Workload.B)).within(within);
      default -> throw new IllegalArgumentException("Flink CEP: not expressed: " + w.shape);
    };
  }

  @Override
  public boolean supports(Workload w) {
    return w.shape != Workload.Shape.ANY_REPEAT;
  }

  @Override
  public boolean sameSemanticsAsMotif(Workload w) {
    return supports(w) && w.shape != Workload.Shape.RISING;
  }

  @Override
  public String semantics(Workload w) {
    if (!supports(w)) {
      return "not expressed";
    }
    String p =
        switch (w.shape) {
          case SEQ2 -> "begin(a:A).followedBy(b: B && x > a.x)";
          case SEQ4 -> "begin(a:A).followedBy(B).followedBy(C).followedBy(D)";
          case RISING ->
              "begin(a:A).followedBy(b: B && price > last(b|a).price).oneOrMore().greedy()"
                  + ".followedBy(C)";
          case NEGATION -> "begin(a:A).notFollowedBy(B).followedBy(C)";
          case ABSENCE -> "begin(a:A).notFollowedBy(B)";
          case ANY_REPEAT -> "not expressed";
        };
    return p
        + ".within("
        + (w.windowMillis + 1)
        + " ms), keyBy(key), noSkip: relaxed contiguity ="
        + " skip-till-next-match; "
        + (sameSemanticsAsMotif(w)
            ? "Motif's semantics"
            : "not Motif's: the loop state outlives a match (see FlinkAdapter)");
  }

  @Override
  public void setup(Workload w) {
    this.w = w;
    factory = NFACompiler.compileFactory(pattern(w), false);
    serializer = TypeInformation.of(FEv.class).createSerializer(new SerializerConfigImpl());
    events = new FEv[w.size];
    keys = new Long[w.size];
    times = w.time;
    for (int i = 0; i < w.size; i++) {
      events[i] = new FEv(w.type[i], w.key[i], w.x[i], w.price[i]);
      keys[i] = w.key[i];
    }
  }

  @Override
  public void reset() throws Exception {
    close();
    nfa = factory.createNFA();
    nfa.open(NO_CONTEXT, new Configuration());
    store = new HeapKeyedStore();
    buffer = new SharedBuffer<>(store, serializer);
    states = new HashMap<>();
    timers = new PriorityQueue<>((p, q) -> Long.compare(p.timestamp, q.timestamp));
    timerSet = new HashSet<>();
    matches = 0;
  }

  @Override
  public void send(int i) throws Exception {
    long t = times[i];
    // the watermark reaches t: timers due fire first, in timestamp order
    while (!timers.isEmpty() && timers.peek().timestamp <= t) {
      Timer timer = timers.poll();
      timerSet.remove(timer);
      store.setCurrentKey(timer.key);
      NFAState s = state(timer.key);
      advanceTime(s, t);
      update(timer.key, s);
    }
    Long key = keys[i];
    store.setCurrentKey(key);
    NFAState s = state(key);
    advanceTime(s, t);
    try (SharedBufferAccessor<FEv> accessor = buffer.getAccessor()) {
      Collection<Map<String, List<FEv>>> found =
          nfa.process(accessor, s, events[i], t, skip, processingTime);
      if (nfa.getWindowTime() > 0 && s.isNewStartPartialMatch()) {
        Timer timer = new Timer(t + nfa.getWindowTime(), key);
        if (timerSet.add(timer)) {
          timers.add(timer);
        }
      }
      count(found);
    }
    update(key, s);
  }

  private NFAState state(Long key) {
    NFAState s = states.get(key);
    return s != null ? s : nfa.createInitialNFAState();
  }

  private void update(Long key, NFAState s) {
    if (s.isStateChanged()) {
      s.resetStateChanged();
      s.resetNewStartPartialMatch();
      states.put(key, s);
    }
  }

  private void advanceTime(NFAState s, long t) throws Exception {
    try (SharedBufferAccessor<FEv> accessor = buffer.getAccessor()) {
      Tuple2<Collection<Map<String, List<FEv>>>, Collection<Tuple2<Map<String, List<FEv>>, Long>>>
          out = nfa.advanceTime(accessor, s, t, skip);
      count(out.f0); // matches completed by time: a trailing notFollowedBy
    }
  }

  private void count(Collection<Map<String, List<FEv>>> found) {
    for (Map<String, List<FEv>> m : found) {
      if (m.get("a").get(0).key >= 0) {
        matches++;
      }
    }
  }

  @Override
  public long matches() {
    return matches;
  }

  @Override
  public long partialMatches() {
    long n = 0;
    for (NFAState s : states.values()) {
      n += s.getPartialMatches().size() - 1; // minus the start state every NFAState keeps
    }
    return n;
  }

  @Override
  public void close() throws Exception {
    if (nfa != null) {
      nfa.close();
      nfa = null;
    }
    if (buffer != null) {
      buffer.releaseCacheStatisticsTimer(); // as CepOperator.close() does: it is a thread
      buffer = null;
    }
  }
}
