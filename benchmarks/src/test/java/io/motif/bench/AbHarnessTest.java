package io.motif.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AbHarnessTest {
  /**
   * The same build on both sides, each in a loader of its own: both run, and their ratio is a ratio
   * of two positive figures (not a measurement: a unit test times nothing).
   */
  @Test
  void comparesTwoBuildsLoadedApart() throws Exception {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] build = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      build[i] = Path.of(entries[i]).toUri().toURL();
    }
    AbHarness.Result r = AbHarness.compare("W0-idle", 3, build, build);
    assertTrue(r.a() > 0 && r.b() > 0 && r.ratio() > 0, r.toString());
    // a match clause of one's own over the workload's stream, through the embedding API
    AbHarness.Result own = AbHarness.compare("W0-idle", "a: B => b: B(x > a.x)", 3, build, build);
    assertTrue(own.a() > 0 && own.b() > 0 && own.ratio() > 0, own.toString());
  }
}
