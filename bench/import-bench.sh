#!/usr/bin/env bash
# Vault import benchmark (docs/BENCHMARKS.md, "Vault import"): forges N codes (default 1,000,000 = 100 files),
# then times side by side
#   (a) the baseline a technician would script: base64 -d | openssl enc -d -aes-128-cbc | sqlite3 ".import"
#       into a table with unique index, code and url;
#   (b) yima-edge import of the same files with -Xmx256m (peak heap from the GC log, peak RSS, DB size).
# Usage: bench/import-bench.sh [COUNT] [RUNS]      (needs openssl, sqlite3, GNU time)
#        BEFORE_JAR=/path/old-yima-edge.jar bench/import-bench.sh ...   also times an older build in each run
#        PKG=/tmp/pkg bench/import-bench.sh ...   reuses (or keeps) the forged files in /tmp/pkg
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
RUNS=${2:-1}
WORK=$(mktemp -d /tmp/yima-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
KEY='benchKey16bytes!'
HEX=$(printf %s "$KEY" | od -An -tx1 | tr -d ' \n')
APP=581865877
printf %s "$KEY" > "$WORK/key"

[[ -f edge-core/target/yima-edge.jar && -f simulator/target/yima-sim.jar ]] || mvn -B -q -DskipTests package
if [[ -n "${PKG:-}" ]]; then
  mkdir -p "$PKG"
  ln -s "$(cd "$PKG" && pwd)" "$WORK/pkg"
else
  mkdir "$WORK/pkg"
fi
[[ -n "$(ls "$WORK/pkg")" ]] ||
  java -jar simulator/target/yima-sim.jar forge --count "$COUNT" --key-file "$WORK/key" --out "$WORK/pkg" --seed 1 >/dev/null
echo "machine: $(nproc) cores, $(uname -srm); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "package: $COUNT codes in $(ls "$WORK/pkg" | wc -l) files, $(du -smL "$WORK/pkg" | cut -f1) MB of base64"

baseline() {
  rm -f "$WORK/baseline.db"
  sqlite3 "$WORK/baseline.db" "CREATE TABLE code(matrix TEXT NOT NULL, code TEXT NOT NULL UNIQUE,
                               idx INTEGER NOT NULL UNIQUE, url TEXT NOT NULL UNIQUE);"
  local t0=$(date +%s.%N)
  WORK="$WORK" HEX="$HEX" /usr/bin/time -f "%U %S" -o "$WORK/baseline.cpu" bash -c '
    for f in "$WORK"/pkg/*.b64; do
      openssl base64 -d -A -in "$f" | openssl enc -d -aes-128-cbc -K "$HEX" -iv "$HEX"
    done | sqlite3 "$WORK/baseline.db" ".mode list" ".separator \" \"" ".import /dev/stdin code"'
  local t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}

edge() {
  rm -f "$WORK"/edge.db*
  local t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$WORK/rss" java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar "${1:-edge-core/target/yima-edge.jar}" \
      import --vault "$WORK/edge.db" --application "$APP" --key-file "$WORK/key" "$WORK"/pkg/*.b64 > "$WORK/edge.out"
  local t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}

for run in $(seq 1 "$RUNS"); do
  if [[ -n "${BEFORE_JAR:-}" ]]; then
    o=$(edge "$BEFORE_JAR")
    read -r orss ou os < "$WORK/rss"
    echo "run $run: before ($BEFORE_JAR) ${o} s wall, $(echo "$ou $os" | awk '{printf "%.1f", $1 + $2}') s CPU," \
         "peak RSS $(( orss / 1024 )) MB ($(cat "$WORK/edge.out"))"
  fi
  b=$(baseline)
  e=$(edge)
  rows=$(sqlite3 "$WORK/baseline.db" "SELECT count(*) FROM code")
  heap=$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1)
  read -r rss eu es < "$WORK/rss"
  bcpu=$(awk '{printf "%.1f", $1 + $2}' "$WORK/baseline.cpu")
  ecpu=$(echo "$eu $es" | awk '{printf "%.1f", $1 + $2}')
  echo "run $run: baseline ${b} s wall, ${bcpu} s CPU ($rows rows, $(( $(stat -c %s "$WORK/baseline.db") / 1000000 )) MB)" \
       "| yima-edge import ${e} s wall, ${ecpu} s CPU ($(cat "$WORK/edge.out"))" \
       "| speed-up wall $(echo "$b $e" | awk '{printf "%.1f", $1 / $2}')x, CPU $(echo "$bcpu $ecpu" | awk '{printf "%.1f", $1 / $2}')x" \
       "| peak heap ${heap:-?} MB (-Xmx256m), peak RSS $(( rss / 1024 )) MB" \
       "| vault $(( $(stat -c %s "$WORK/edge.db") / 1000000 )) MB"
done
