package io.motif.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential property of {@link DifferentialProperties} over programs whose pattern is a
 * chain of single atoms ({@link CaseGenerator#generateChain}): the shape the engine keeps as packed
 * rows of several events, with everything else of the general cases mixed in (keys, windows, skip
 * policies, bounds, late and out-of-order events, snapshots, state kept per key, chained patterns).
 * Rerun one case with {@code -Dmotif.seed=... -Dmotif.chainCase=N}.
 */
class ChainProperties {
  private static final long DEFAULT_SEED = 0xC4A1_5EEDL;

  @Test
  void engineAgreesWithReferenceOnChains() {
    long seed = Long.getLong("motif.seed", DEFAULT_SEED);
    int tries = Integer.getInteger("motif.chainTries", 2_000);
    int only = Integer.getInteger("motif.chainCase", -1);
    long rowsBefore = Harness.LATER_ROW_CASES[0];
    long matchesBefore = Harness.LATER_ROW_MATCH_CASES[0];
    long repeatedBefore = Harness.REPEATED_ROW_CASES[0];
    long inPlaceBefore = Harness.DEEPENED_IN_PLACE_CASES[0];
    long contiguousBefore = Harness.CONTIGUOUS_ROW_CASES[0];
    int judged = 0;
    int withOutput = 0;
    List<Integer> failing = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      if (only >= 0 && i != only) {
        continue;
      }
      GeneratedCase c =
          CaseGenerator.generateChain(
              new Rnd(Rnd.caseSeed(seed, -1 - i / DifferentialProperties.PROGRAM_REUSE)),
              new Rnd(Rnd.caseSeed(seed, i)));
      DifferentialProperties.Trial t = DifferentialProperties.Trial.of(c);
      if (t.discarded()) {
        continue;
      }
      judged++;
      if (t.counted() != null && !t.counted().outcome().finished().isEmpty()) {
        withOutput++;
      }
      if (t.problem() != null) {
        failing.add(i);
        if (reports.size() < DifferentialProperties.SHRUNK) {
          GeneratedCase small =
              Shrinker.shrink(
                  c,
                  candidate -> t.kind().equals(DifferentialProperties.Trial.of(candidate).kind()),
                  DifferentialProperties.SHRINK_BUDGET);
          DifferentialProperties.Trial s = DifferentialProperties.Trial.of(small);
          reports.add(
              "==== chain case "
                  + i
                  + " of seed "
                  + seed
                  + ": "
                  + s.problem()
                  + "\n---- minimal case\n"
                  + small.describe()
                  + s.outputs());
        }
      }
    }
    long rows = Harness.LATER_ROW_CASES[0] - rowsBefore;
    long matches = Harness.LATER_ROW_MATCH_CASES[0] - matchesBefore;
    long repeated = Harness.REPEATED_ROW_CASES[0] - repeatedBefore;
    long inPlace = Harness.DEEPENED_IN_PLACE_CASES[0] - inPlaceBefore;
    long contiguous = Harness.CONTIGUOUS_ROW_CASES[0] - contiguousBefore;
    System.out.println(
        "chain cases: "
            + judged
            + " judged, "
            + withOutput
            + " with output; the engine kept partial matches of several events as packed rows in "
            + rows
            + ", emitted matches from them in "
            + matches
            + "; such rows held a repeated binding's events in "
            + repeated
            + "; rows were made deeper in place in "
            + inPlace
            + "; events followed rows along `=>` in "
            + contiguous);
    if (!failing.isEmpty()) {
      fail(
          failing.size()
              + " of "
              + judged
              + " chain cases failed (seed "
              + seed
              + "; cases "
              + failing.subList(0, Math.min(50, failing.size()))
              + "), shrunk:\n\n"
              + String.join("\n\n", reports));
    }
    if (only < 0) {
      assertTrue(rows > judged / 5, "packed rows of several events in " + rows + " of " + judged);
      assertTrue(matches > judged / 50, "matches from such rows in " + matches + " of " + judged);
      assertTrue(
          repeated > judged / 50,
          "rows holding a repeated binding's events in " + repeated + " of " + judged);
      assertTrue(
          inPlace > judged / 10, "rows made deeper in place in " + inPlace + " of " + judged);
    }
  }
}
