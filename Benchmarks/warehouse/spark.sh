#!/usr/bin/env bash
# By hand, not in CI: the welcome experiment's summary over one event log, computed four ways, each
# timed with its peak memory and compared with the collector's (compare.py):
#   file      abkit aggregate --events (the collector, one process)
#   spark     --warehouse sc://…, Spark reading the JSON-lines file itself (--events-path)
#   parquet   the same over a Parquet copy of the log (timestamps typed), written once by Spark
#   postgres  --warehouse postgres://…, the log loaded once by `abkit load`
# Then the rows the query sends back and Spark's plan of it, before and as run (spark-welcome-plan.txt
# and spark-welcome-executed.txt are those of the 10M-event log).
#
# Usage: Benchmarks/warehouse/spark.sh EVENTS.jsonl [RUNS]
#   e.g. the README's log of 10,253,049 events (1.4 GB; about 20 minutes in all, one run):
#   abkit simulate --experiment Experiments/welcome-message-timing.json --users 10526315 --seed 7 -o welcome.jsonl
#   RUNS (default 1) repeats the four, alternating, so that a burst of load on a shared machine
#   falls on all of them.
# Needs: a release abkit (ABKIT, default .build/release/abkit); a Spark Connect server on this
# machine, since it reads the files by path (ABKIT_SPARK, default sc://127.0.0.1:15002, as
# `eval "$(.ci/start-spark)"` starts it: local[2], 2 GiB driver) and the virtual environment
# that start-spark made (ABKIT_SPARK_VENV, default /tmp/abkit-spark-venv), with pyspark's Spark
# Connect client added (`pip install 'pyspark[connect]==4.0.1'`: grpcio, pandas, pyarrow) for
# spark_client.py; Debian's postgresql (.ci/start-postgres starts the cluster);
# `ss` (iproute2), to find the server's process by its port.
# WORK (default /tmp/abkit-spark-bench) keeps the Parquet copy, and the database keeps the loaded
# log, so a second run over the same file skips both: they are one-time costs, timed when paid.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { awk 'NR > 1 && !/^#/ {exit} NR > 1' "$0"; exit 64; }
events="$(realpath "$1")"
runs="${2:-1}"
experiment=Experiments/welcome-message-timing.json
abkit="$(realpath "${ABKIT:-.build/release/abkit}")"
server="${ABKIT_SPARK:-sc://127.0.0.1:15002}"
python="${ABKIT_SPARK_VENV:-/tmp/abkit-spark-venv}/bin/python"
work="${WORK:-/tmp/abkit-spark-bench}"
mkdir -p "$work"
lines="$(wc -l < "$events")"
parquet="$work/$(basename "$events" .jsonl).parquet"
db="postgres://abkit@127.0.0.1:54329/abkit_spark_$lines"
eval "$(.ci/start-postgres)"

# The server's JVM, found by its port: its resident memory is what Spark needs for the query.
port="${server#sc://*:}"
port="${port%%[/;]*}"
jvm="$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
[ -n "$jvm" ] || { echo "spark.sh: no local process listens on port $port ($server)" >&2; exit 69; }
echo "events: $lines lines in $events; Spark server pid $jvm ($server); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs a command under /usr/bin/time while sampling the JVM's resident set every 0.2 s. The JVM's
# own peak (VmHWM) counts from its start, so it would include earlier queries; the samples show
# what the server held during this one. Prints: seconds, abkit's peak, the server's before/peak.
timed() {
    local label="$1"
    shift
    local before
    before="$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")"
    (while sleep 0.2; do awk '/VmRSS/ {print $2}' "/proc/$jvm/status"; done) > "$work/rss" &
    local sampler=$!
    /usr/bin/time -f "%e %M" -o "$work/time" "$@"
    kill "$sampler"
    wait "$sampler" 2>/dev/null || true
    local seconds kb peak
    read -r seconds kb < "$work/time"
    peak="$(sort -n "$work/rss" | tail -1)"
    printf '%-9s %8s s   abkit peak %5d MiB   Spark JVM %5d -> %5d MiB\n' "$label" "$seconds" $((kb / 1024)) $((before / 1024)) $((${peak:-$before} / 1024))
}

if [ ! -f "$parquet/_SUCCESS" ]; then
    timed "to-parquet" "$python" Benchmarks/warehouse/spark_client.py parquet "$server" "$events" "$parquet"
fi
echo "parquet copy: $(du -sm "$parquet" | cut -f1) MiB in $(find "$parquet" -name '*.parquet' | wc -l) files"

# A database per input size; reused when it holds every line (a clean log loads all of them).
if [ "$(psql -Atq "$db" -c "SELECT count(*) FROM events" 2>/dev/null || true)" != "$lines" ]; then
    psql -q "$ABKIT_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS abkit_spark_$lines" -c "CREATE DATABASE abkit_spark_$lines"
    timed "pg-load" "$abkit" load --warehouse "$db" --events "$events" --experiment "$experiment"
fi

aggregate=("$abkit" aggregate --quiet --experiment "$experiment")
for run in $(seq 1 "$runs"); do
    echo "== run $run of $runs ($(date +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    timed file "${aggregate[@]}" --events "$events" -o "$work/file.json"
    timed spark "${aggregate[@]}" --warehouse "$server" --events-path "$events" --events-format json -o "$work/spark.json"
    python3 Benchmarks/warehouse/compare.py "$work/file.json" "$work/spark.json"
    timed parquet "${aggregate[@]}" --warehouse "$server" --events-path "$parquet" --events-format parquet -o "$work/parquet.json"
    python3 Benchmarks/warehouse/compare.py "$work/file.json" "$work/parquet.json"
    timed postgres "${aggregate[@]}" --warehouse "$db" --events-table events -o "$work/postgres.json"
    python3 Benchmarks/warehouse/compare.py "$work/file.json" "$work/postgres.json"
done

# What comes back: the rows of the query abkit runs, counted by running it once more on Parquet;
# that run also gives the plan as executed (which joins were broadcast, which shuffles reused).
"$abkit" sql --dialect spark --experiment "$experiment" --events-path "$parquet" --events-format parquet --inline-values > "$work/query.sql"
echo "rows back: $("$python" Benchmarks/warehouse/spark_client.py rows "$server" "$work/query.sql" "$work/executed.txt")"
head -3 "$work/executed.txt"
"$python" Benchmarks/warehouse/spark_client.py plan "$server" "$work/query.sql" > "$work/plan.txt"
head -2 "$work/plan.txt"
echo "plans: $work/plan.txt (EXPLAIN FORMATTED), $work/executed.txt (as run)"
