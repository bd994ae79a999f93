#!/usr/bin/env bash
# Paper-out mid-job (issue 20, finding 10): how long from the roll running out to the line's FAULT, and how many
# labels went into the empty printer and were voided. The edge runs as its own process; the rig (printer,
# belt, scanner and PLC emulators) in another, attached to it.
#
#   bench/paper-out.sh EDGE_JAR SIM_JAR RATE [ITEMS] [ROLL] [WORK_DIR]
#
# Prints the rig's paper-out moment, the edge's "PRINTER FAULT" log line, the fault's summary line and the rig's
# tally (rejected PRINTER_FAULT = labels voided at the paper-out).
set -euo pipefail
EDGE_JAR=$1; SIM_JAR=$2; RATE=$3; ITEMS=${4:-300}; ROLL=${5:-150}
W=${6:-$(mktemp -d /tmp/paper-out-bench.XXXXXX)}
mkdir -p "$W"
# 1. a vault with forged codes and an edge config (a one-item in-process rig run writes both)
java -jar "$SIM_JAR" rig --forge $((ITEMS + 200)) --items 1 --rate 1 --settle-ms 2000 --work-dir "$W/seed" \
    > "$W/seed.log" 2>&1
# 2. the edge on its own
java -jar "$EDGE_JAR" run --config "$W/seed/edge.yaml" > "$W/edge.log" 2>&1 &
EDGE=$!
trap 'kill $EDGE 2>/dev/null || true' EXIT
# 3. the rig attached: the roll ends after ROLL labels, a new one 8 s later (after any edge has heard of it)
java -jar "$SIM_JAR" rig --edge-config "$W/seed/edge.yaml" --items "$ITEMS" --rate "$RATE" \
    --paper-out-after "$ROLL" --reload-after-ms 8000 --settle-ms 8000 --work-dir "$W/run" > "$W/rig.log" 2>&1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "paper ran out" "$W/rig.log"
grep -h "FAULT: paper\|PRINTER FAULT" "$W/edge.log" | head -2
grep -h "sent but not printed\|printer fault with" "$W/edge.log" | head -3
grep -h "^labels printed \|^PASS\|^FAIL" "$W/rig.log"
