package io.motif.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a restore into given rules did with each pattern ({@link
 * Engine.Builder#restore(java.io.InputStream, CompiledScript)}): {@code kept}, patterns whose
 * fingerprint is unchanged, which continue with their partial matches; {@code changed}, patterns
 * saved with another fingerprint, and {@code added}, patterns the snapshot does not hold, both
 * started fresh; {@code dropped}, patterns of the snapshot the rules no longer declare, whose
 * partial matches are dropped. Each list in the rules' (or, for dropped, the snapshot's) order.
 */
public record RestoreReport(
    List<String> kept, List<String> changed, List<String> added, List<String> dropped) {
  /** Copies the lists. */
  public RestoreReport {
    kept = List.copyOf(kept);
    changed = List.copyOf(changed);
    added = List.copyOf(added);
    dropped = List.copyOf(dropped);
  }

  /** The patterns started fresh: changed, then added. */
  public List<String> startedFresh() {
    List<String> out = new ArrayList<>(changed);
    out.addAll(added);
    return out;
  }

  /** True when every pattern was kept: the rules are the same, pattern by pattern. */
  public boolean unchanged() {
    return changed.isEmpty() && added.isEmpty() && dropped.isEmpty();
  }
}
