#!/usr/bin/env bash
# The scale benchmark of docs/kafka.md ("Scale: what state costs"): a Kafka broker, the
# application and the load in one JVM. Arguments go to io.motif.kafka.scale.ScaleBenchmark, e.g.
#   kafka/scale-benchmark.sh --sizes 10000,100000,1000000 --layouts keyed,whole --measured 20000
# Options: --sizes N,... (partial matches per task), --tasks 4, --layouts keyed,whole (the default),
# --measured M (inputs of the measured phase, all tasks), --threads 1 (stream threads),
# --load-interval 0 (checkpoint interval while loading; 0: the size), --warmup true (a small
# unreported run per layout first), --dir DIR (state),
# --out FILE (appends the table). HEAP (default 12g) sets the JVM's largest heap.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -o -q -pl kafka -am test-compile
cp="kafka/target/test-classpath.txt"
mvn -o -q -pl kafka dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp"
# This tree's own modules, not the copies installed in ~/.m2.
deps="$(tr ':' '\n' < "$cp" | sed -E 's#^.*/io/motif/motif-([a-z]+)/.*\.jar$#\1/target/classes#' | paste -sd:)"
exec java -Xmx"${HEAP:-12g}" -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "kafka/target/test-classes:kafka/target/classes:$deps" \
  io.motif.kafka.scale.ScaleBenchmark "$@"
