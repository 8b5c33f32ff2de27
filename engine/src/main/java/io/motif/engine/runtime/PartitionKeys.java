package io.motif.engine.runtime;

import io.motif.engine.Event;
import io.motif.engine.automaton.Automaton;
import io.motif.engine.eval.ExprCompiler;
import io.motif.function.Values;
import java.util.ArrayList;
import java.util.List;

/** A pattern's {@code partition by}: the key of each event, as a typed value. */
final class PartitionKeys {
  private final boolean perTypeKeys;

  /** The partition key items as arrays: the type each applies to (null: all) and its path. */
  private final String[] keyTypes;

  private final String[][] keyPaths;

  /** The field of a partition key that is one plain field for every type, or null. */
  private final String simpleKey;

  PartitionKeys(Automaton automaton) {
    boolean perType = false;
    this.keyTypes = new String[automaton.keyItems()];
    this.keyPaths = new String[keyTypes.length][];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = automaton.keyType(i);
      String[] path = automaton.keyPath(i).clone();
      for (int j = 0; j < path.length; j++) {
        path[j] = path[j].intern(); // (an event's field names are: compared by identity first)
      }
      keyPaths[i] = path;
      perType |= keyTypes[i] != null;
    }
    this.perTypeKeys = perType;
    this.simpleKey =
        keyPaths.length == 1 && keyTypes[0] == null && keyPaths[0].length == 1
            ? keyPaths[0][0]
            : null;
  }

  /**
   * Whether every key so far was the event's field value itself (no value normalized into another,
   * as an integral double into a long): then a partition's key is the field value of every event in
   * it, the same class and equal, and can stand in for reading it ({@link #simpleKey}).
   */
  private boolean keysExact = true;

  /**
   * The one plain field the pattern is partitioned by, interned, while {@link #keysExact}; else
   * null (several fields, per-type keys, or a key normalized).
   */
  String exactKeyField() {
    return keysExact ? simpleKey : null;
  }

  /** The partition key of an event, or null when it has none (it then never joins). */
  Object keyOf(Event e) {
    if (simpleKey != null) { // partition by one plain field: the usual case
      Object v = e.get(simpleKey);
      if (v instanceof Long || v == null) {
        return v;
      }
      Object k = normalizeKey(v);
      if (k != v) {
        keysExact = false;
      }
      return k;
    }
    int n = keyPaths.length;
    if (n == 0) {
      return "";
    }
    Object single = null;
    List<Object> composite = null;
    int used = 0;
    for (int i = 0; i < n; i++) {
      String type = keyTypes[i];
      if (type != null && !type.equals(e.type())) {
        continue;
      }
      String[] path = keyPaths[i];
      Object v = e.get(path[0]);
      for (int j = 1; j < path.length && v != null; j++) {
        v = ExprCompiler.field(v, path[j]);
      }
      if (v == null) {
        return null;
      }
      v = normalizeKey(v);
      if (used == 0) {
        single = v;
      } else {
        if (composite == null) {
          composite = new ArrayList<>();
          composite.add(single);
        }
        composite.add(v);
      }
      used++;
    }
    if (used == 0) {
      return perTypeKeys ? null : "";
    }
    return composite == null ? single : composite;
  }

  /** Keys compare as typed values: 1 equals 1.0; "1", 1 and true differ. */
  static Object normalizeKey(Object v) {
    v = Values.normalize(v);
    if (v instanceof Double d
        && d == Math.rint(d)
        && !Double.isInfinite(d)
        && Math.abs(d) < 9.0e18) {
      return d.longValue();
    }
    return v;
  }
}
