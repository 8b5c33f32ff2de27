/**
 * The Motif engine. Its API is the package {@code io.motif.engine} (compile with {@code Motif}, run
 * with {@code Engine}); every other package is internal and not exported.
 */
module io.motif.engine {
  requires transitive io.motif.grammar;
  requires transitive io.motif.stdlib;
  requires com.carrotsearch.hppc;
  // ObjectEvents reads a bean's properties through java.beans.Introspector.
  requires java.desktop;

  exports io.motif.engine;
}
