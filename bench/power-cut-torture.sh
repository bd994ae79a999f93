#!/usr/bin/env bash
# Many-trial torture (docs/line-torture.md): runs PowerCutIT (mode "power": SIGKILL + drop every unsynced write,
# needs fuse3 and python3-fusepy) or CrashTortureIT (mode "kill": SIGKILL only) with TRIALS jobs of 250 items,
# one outage per job and a second one in about a third of them, and prints the run's summary line:
#   power-cut torture: J jobs, O outages, L labels printed, D printed twice, X lost, P line problems
# Usage: bench/power-cut-torture.sh [TRIALS] [power|kill] [SEED]     (defaults: 150 power 7)
# Exit status: the test's (non-zero when a code was printed twice or lost).
set -uo pipefail
cd "$(dirname "$0")/.."
TRIALS=${1:-150}
MODE=${2:-power}
SEED=${3:-7}
case "$MODE" in
  power) TEST=PowerCutIT ;;
  kill) TEST=CrashTortureIT ;;
  *) echo "mode must be power or kill" >&2; exit 2 ;;
esac
echo "machine: $(nproc) cores; vault: $(grep -o 'PRAGMA synchronous=[A-Z]*' edge-core/src/main/java/io/yima/vault/CodeVault.java)"
start=$(date +%s)
log=simulator/target/$TEST-torture-mvn.log
mvn -B -q -pl simulator -am test -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtorture.trials="$TRIALS" -Dtorture.seed="$SEED" >"$log" 2>&1
status=$?
out=simulator/target/surefire-reports/io.yima.sim.crash.$TEST-output.txt
grep -E "torture|line problem|lost:" "$out" | head -40
grep -c "power cut: dropped" "$out" | sed 's/^/lazyfs cuts logged: /'
grep -E "Tests run:|FAIL|ERROR\]   |expected|but was" "$log" | head -20
echo "$TEST, $TRIALS trials, seed $SEED: exit $status in $(( $(date +%s) - start )) s"
exit $status
