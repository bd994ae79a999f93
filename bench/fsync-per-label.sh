#!/usr/bin/env bash
# Durability cost (docs/BENCHMARKS.md, "Durability: fsyncs per label"): counts the fsync and fdatasync calls the
# edge process makes while it prints N labels. Forges and imports a vault, starts the emulated printer (with its
# scanner) and the edge as separate processes, attaches
#     strace -f -c -e trace=fsync,fdatasync -p <edge pid>
# and lets the emulated PLC trigger N items of one TRIGGERED job.
# Usage: bench/fsync-per-label.sh [N] [RATE]       (defaults 1000 labels at 100/s; needs strace)
#        EDGE_JAR=… SIM_JAR=… bench/fsync-per-label.sh   measures other builds (e.g. one with synchronous=NORMAL)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RATE=${2:-100}
EDGE_JAR=${EDGE_JAR:-edge-core/target/yima-edge.jar}
SIM_JAR=${SIM_JAR:-simulator/target/yima-sim.jar}
[[ -f $EDGE_JAR && -f $SIM_JAR ]] || mvn -B -q -DskipTests package
command -v strace >/dev/null || { echo "needs strace (apt-get install -y strace)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/yima-fsync-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
APP=581865877
printf %s 'benchKey16bytes!' > "$WORK/key"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PRINTER=$(free_port); SCANNER=$(free_port); PLC=$(free_port)

java -jar "$SIM_JAR" forge --count $(( N + 10000 )) --key-file "$WORK/key" --out "$WORK/pkg" --seed 1 >/dev/null
java -jar "$EDGE_JAR" import --vault "$WORK/vault.db" --application $APP --key-file "$WORK/key" "$WORK"/pkg/* >/dev/null
cat > "$WORK/edge.yaml" <<YAML
vault: { path: $WORK/vault.db }
applications: [ { id: $APP } ]
status: { bind: 127.0.0.1, port: 0 }
lines:
  - id: L1
    application: $APP
    mode: TRIGGERED
    printer: { uri: "tcp://127.0.0.1:$PRINTER", language: zpl, graphic: Z64, status_poll: 1s }
    label: { width_mm: 30, height_mm: 20, dpi: 300, size_mm: 10, human_readable: true }
    scanner: { uri: "tcp://127.0.0.1:$SCANNER", no_read: ERROR }
    plc: { bind: 127.0.0.1, port: $PLC, heartbeat: 2s }
    job_defaults: { symbol: QR, brand: Yima Tea, title: Green tea, ean: "6901234567892", activity: bench,
                    wxa_appid: wx0000000000000000, wxa_path: pages/index }
YAML
java -jar "$SIM_JAR" printer --protocol zpl --port "$PRINTER" --scanner-port "$SCANNER" >"$WORK/printer.log" 2>&1 &
pids+=($!)
java -Xmx256m -jar "$EDGE_JAR" run --config "$WORK/edge.yaml" >"$WORK/edge.log" 2>&1 &
EDGE=$!
pids+=($EDGE)
for _ in $(seq 600); do   # the edge is up when its PLC port accepts a connection (60 s at most)
  (exec 3<>/dev/tcp/127.0.0.1/$PLC) 2>/dev/null && break
  kill -0 $EDGE || { cat "$WORK/edge.log"; exit 1; }
  sleep 0.1
done
strace -f -c -e trace=fsync,fdatasync -o "$WORK/strace.txt" -p $EDGE 2>/dev/null &
STRACE=$!
# The first trigger waits until strace has attached (the edge's main thread shows a tracer).
for _ in $(seq 100); do grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$EDGE/status && break; sleep 0.1; done
java -jar "$SIM_JAR" plc --edge 127.0.0.1:$PLC --items "$N" --rate "$RATE" --settle-ms 3000 > "$WORK/plc.log" 2>&1
kill -INT $STRACE; wait $STRACE 2>/dev/null || true
echo "machine: $(nproc) cores; edge: $EDGE_JAR"
tail -3 "$WORK/plc.log"
cat "$WORK/strace.txt"
calls=$(awk '$NF ~ /^(fsync|fdatasync)$/ {s += $4} END {print s+0}' "$WORK/strace.txt")
echo "labels: $N, fsync+fdatasync calls: $calls, per label: $(awk -v c="$calls" -v n="$N" 'BEGIN {printf "%.2f", c/n}')"
