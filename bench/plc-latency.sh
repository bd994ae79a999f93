#!/usr/bin/env bash
# PLC trigger latency, ASCII vs Modbus (edge as server, edge polling the PLC): one rig run per protocol on the
# same machine, each with a fresh vault of forged codes. Usage: bench/plc-latency.sh [ITEMS] [RATE]
# Needs the jars: mvn -B -q -pl simulator -am package -DskipTests
set -euo pipefail
items=${1:-600}
rate=${2:-20}
out=$(mktemp -d)
for plc in ascii modbus-server modbus-client; do
  echo "== $plc: $items items at $rate/s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -jar simulator/target/yima-sim.jar rig --plc "$plc" --items "$items" --rate "$rate" \
      --forge $((items + 100)) --work-dir "$out/$plc" 2>/dev/null | grep -E "printed|trigger->|violation"
  grep -o '"seconds" : [0-9.]*' "$out/$plc/report.json" | sed 's/"seconds" : /run took (s): /'
done
rm -rf "$out"
