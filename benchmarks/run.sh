#!/usr/bin/env bash
# Builds the benchmarks with the peer engines (-Ppeers) and runs the whole suite of issue 7:
# the match-count check, JMH (one JVM per engine × workload, -prof gc), the retained-memory
# harness, then prints the table and puts it into benchmarks/README.md.
#
#   benchmarks/run.sh                       # everything (about 15 minutes on 2 cores)
#   benchmarks/run.sh --workloads W1,W4 --engines limit,motif,esper
#   benchmarks/run.sh --skip-bench --skip-retained   # the semantic check alone (about 1 minute)
#   benchmarks/run.sh --runs 3 --workloads short,long --latency motif,esper   # issue 18 (~80 min)
#
# Options are Suite's (see io.motif.bench.Suite). Exit code 1 when an engine that should agree
# with Motif reports a different number of matches.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mvn -q -B -Ppeers -pl benchmarks -am package -DskipTests
cd "$here"
readme=()
if [ "$#" -eq 0 ]; then
  readme=(--readme README.md)   # only a full run replaces the table in the README
fi
exec java -Xms4g -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp target/benchmarks.jar io.motif.bench.Suite "${readme[@]}" "$@"
