#!/usr/bin/env bash
# The README's run command: build once if needed, then run the demo line on the simulator.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -f simulator/target/yima-sim.jar || ! -f edge-core/target/yima-edge.jar ]]; then
  mvn -B -q -DskipTests package
fi
exec java -jar simulator/target/yima-sim.jar demo "$@"
