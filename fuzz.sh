#!/usr/bin/env bash
# Long fuzz runs (docs/fuzzing.md). CI runs every *Fuzz class with jqwik's default tries as part of ./test.sh;
# this runs each named class again and again, with fresh random seeds, until MINUTES have passed, and prints the
# tries made. Usage: ./fuzz.sh [MINUTES] [CLASS...]   (default: 10 minutes each, all four fuzzers)
# A failure ends that class's run (the next class still runs; the exit status is 1); jqwik prints the shrunk sample and the seed to reproduce it in the class's report
# (MODULE/target/surefire-reports/*-output.txt), and re-tries that sample first on the next run.
set -euo pipefail
cd "$(dirname "$0")"
minutes=${1:-10}
shift || true
classes=("$@")
((${#classes[@]})) || classes=(PlcProtocolFuzz ScannerFrameFuzz PrinterStatusFuzz PackageParserFuzz)
tries=${FUZZ_TRIES_PER_ROUND:-20000}
failed=0

module_of() {
  case $1 in
    ScannerFrameFuzz|PrinterStatusFuzz) echo drivers ;;
    *) echo edge-core ;;
  esac
}

for class in "${classes[@]}"; do
  module=$(module_of "$class")
  end=$(( $(date +%s) + minutes * 60 ))
  rounds=0 total=0
  while (( $(date +%s) < end )); do
    mvn -B -o -q -pl "$module" -am test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djqwik.tries.default="$tries" -Dyima.log.level=ERROR >/dev/null 2>&1 || {
      echo "$class: FAILED in round $((rounds + 1)) after $total tries; see $module/target/surefire-reports/" >&2
      failed=1
      continue 2
    }
    report=$(ls "$module"/target/surefire-reports/*."$class"-output.txt)
    made=$(grep -a -o 'tries = [0-9]*' "$report" | awk '{s += $3} END {print s + 0}')
    rounds=$((rounds + 1)) total=$((total + made))
  done
  echo "$class: $rounds rounds, $total tries in ${minutes} min, no failure"
done
exit $failed
