#!/usr/bin/env bash
# Production-scale line benchmark (docs/BENCHMARKS.md, "Production scale (issue: 20M codes)"): the same TRIGGERED
# line against vaults of 20k, 1M, 10M and 20M codes at 100 and 300 triggers/s. Three processes per run: the edge
# (java -jar yima-edge.jar run --config, generated YAML), the printer + scanner emulators (yima-sim line-emulators)
# and the bench itself (the PLC, open-loop triggers, and the status-port scraper).
#
# Vaults are built once per size (forge + the edge's own `yima-edge import`) into WORK/vaults/codes-N.db and a
# pristine copy is taken for every run (a run uses codes up); 10M codes take ~2 min to build, 20M ~5 min, and
# 1.6 / 3.2 GB of disk (plus one copy while a run goes on).
#
# Usage: bench/scale-bench.sh WORK_DIR [more bench-scale options]
#   SIZES=20000,1000000 RATES=100,300 ITEMS=3000 LABEL=baseline bench/scale-bench.sh target/bench-scale
#   EDGE_JAR=../other-checkout/edge-core/target/yima-edge.jar LABEL=after bench/scale-bench.sh target/bench-scale
#       measures another build of the edge with this checkout's bench and emulators. Use another WORK_DIR when
#       that build's vault schema differs, so its vaults are imported by its own importer.
# The raw output is kept in WORK_DIR/bench-scale-LABEL-<UTC time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:?usage: bench/scale-bench.sh WORK_DIR [bench-scale options]}
shift
SIZES=${SIZES:-20000,1000000,10000000,20000000}
RATES=${RATES:-100,300}
ITEMS=${ITEMS:-3000}
LABEL=${LABEL:-run}
EDGE_JAR=${EDGE_JAR:-edge-core/target/yima-edge.jar}

[[ -f edge-core/target/yima-edge.jar && -f simulator/target/yima-sim.jar ]] || mvn -B -q -DskipTests package
mkdir -p "$WORK"
OUT="$WORK/bench-scale-$LABEL-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "machine: $(nproc) cores (nproc), $(uname -srm), $(java -version 2>&1 | head -1)"
  echo "edge under test: $EDGE_JAR; bench checkout: $(git log -1 --format="%h %s" 2>/dev/null || echo "no git"); started $(date -u +%FT%TZ)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
java -jar simulator/target/yima-sim.jar bench-scale --work "$WORK" --sizes "$SIZES" --rates "$RATES" \
    --items "$ITEMS" --label "$LABEL" --edge-jar "$EDGE_JAR" "$@" 2>&1 | tee -a "$OUT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); ended $(date -u +%FT%TZ)" | tee -a "$OUT"
echo "raw output: $OUT"
