package io.motif.bench.peers;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * An in-memory keyed state store for Flink's {@code SharedBuffer}, in the manner of the heap state
 * backend: objects are kept as they are (no serialization), each map state holds one map per key,
 * and every access goes to the map of the current key, which the driver sets before each access (as
 * the keyed operator sets the current key before processing a record or a timer). A key whose map
 * becomes empty is removed, as the heap backend does. Only map state is needed.
 */
final class HeapKeyedStore implements KeyedStateStore {
  private Object currentKey;

  void setCurrentKey(Object key) {
    this.currentKey = key;
  }

  @Override
  public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
    return new KeyedMap<>();
  }

  private final class KeyedMap<UK, UV> implements MapState<UK, UV> {
    private final HashMap<Object, HashMap<UK, UV>> byKey = new HashMap<>();

    private HashMap<UK, UV> current() {
      return byKey.get(currentKey);
    }

    @Override
    public UV get(UK k) {
      HashMap<UK, UV> m = current();
      return m == null ? null : m.get(k);
    }

    @Override
    public void put(UK k, UV v) {
      byKey.computeIfAbsent(currentKey, x -> new HashMap<>()).put(k, v);
    }

    @Override
    public void putAll(Map<UK, UV> all) {
      if (!all.isEmpty()) {
        byKey.computeIfAbsent(currentKey, x -> new HashMap<>()).putAll(all);
      }
    }

    @Override
    public void remove(UK k) {
      HashMap<UK, UV> m = current();
      if (m != null) {
        m.remove(k);
        if (m.isEmpty()) {
          byKey.remove(currentKey);
        }
      }
    }

    @Override
    public boolean contains(UK k) {
      HashMap<UK, UV> m = current();
      return m != null && m.containsKey(k);
    }

    @Override
    public Iterable<Map.Entry<UK, UV>> entries() {
      HashMap<UK, UV> m = current();
      return m == null ? Collections.emptySet() : m.entrySet();
    }

    @Override
    public Iterable<UK> keys() {
      HashMap<UK, UV> m = current();
      return m == null ? Collections.emptySet() : m.keySet();
    }

    @Override
    public Iterable<UV> values() {
      HashMap<UK, UV> m = current();
      return m == null ? Collections.emptyList() : m.values();
    }

    @Override
    public Iterator<Map.Entry<UK, UV>> iterator() {
      return entries().iterator();
    }

    @Override
    public boolean isEmpty() {
      HashMap<UK, UV> m = current();
      return m == null || m.isEmpty();
    }

    @Override
    public void clear() {
      byKey.remove(currentKey);
    }
  }

  // ---- state kinds the shared buffer does not use ----

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("only map state is used by the shared buffer");
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> d) {
    throw unused();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
      org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
      org.apache.flink.api.common.state.v2.ListStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <UK, UV> org.apache.flink.api.common.state.v2.MapState<UK, UV> getMapState(
      org.apache.flink.api.common.state.v2.MapStateDescriptor<UK, UV> d) {
    throw unused();
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
      org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> d) {
    throw unused();
  }

  @Override
  public <IN, ACC, OUT>
      org.apache.flink.api.common.state.v2.AggregatingState<IN, OUT> getAggregatingState(
          org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<IN, ACC, OUT> d) {
    throw unused();
  }

  @Override
  public String getBackendTypeIdentifier() {
    return "motif-bench-heap";
  }
}
