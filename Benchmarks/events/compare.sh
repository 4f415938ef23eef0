#!/usr/bin/env bash
# Collector benchmark, side by side with DuckDB in one run (by hand, not in CI).
#
#   bash Benchmarks/events/compare.sh [EVENTS] [USERS]      (defaults: 10,000,000 events, 1,000,000 users)
#
# Generates the event log once (Benchmarks/events/generate_events.py), builds abkit in release,
# then times `abkit aggregate` and DuckDB's read_json computing the same per-variant 7-day
# conversion counts from the same file, alternating three times each, and prints events/s,
# peak memory, the time ratios (to DuckDB's whole process and to its query alone, which leaves
# out Python's start), and whether the two agree. Needs: pip install duckdb.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-10000000}
USERS=${2:-1000000}
FILE=${TMPDIR:-/tmp}/abkit-bench-${EVENTS}.jsonl
[ -f "$FILE" ] || python3 Benchmarks/events/generate_events.py --users "$USERS" --events "$EVENTS" --output "$FILE"
swift build -c release --product abkit >/dev/null
ABKIT=.build/release/abkit
EXPERIMENT=Benchmarks/events/benchmark-experiment.json
SUMMARY=$(mktemp)

measure() {  # prints "seconds maxKB"
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
}

QUERY=$(mktemp)
best_abkit=999999; best_duck=999999; best_query=999999; mem_abkit=0; mem_duck=0
for run in 1 2 3; do
    read -r secs kb < <(measure "$ABKIT" aggregate --experiment "$EXPERIMENT" --events "$FILE" -o "$SUMMARY")
    echo "run $run: abkit  ${secs}s ${kb} KB"
    best_abkit=$(python3 -c "print(min($best_abkit, $secs))"); mem_abkit=$kb
    # The DuckDB script prints its query's own time last: the process time minus Python's start and import.
    read -r secs kb < <(/usr/bin/time -f "%e %M" python3 Benchmarks/events/duckdb_conversions.py "$FILE" 2 2>&1 >"$QUERY" | tail -1)
    query=$(tail -1 "$QUERY")
    echo "run $run: duckdb ${secs}s ${kb} KB (query alone ${query}s)"
    best_duck=$(python3 -c "print(min($best_duck, $secs))"); mem_duck=$kb
    best_query=$(python3 -c "print(min($best_query, $query))")
done

python3 - "$SUMMARY" "$FILE" "$EVENTS" "$best_abkit" "$best_duck" "$best_query" "$mem_abkit" "$mem_duck" <<'PY'
import json, subprocess, sys
summary, path, events, abkit, duck, query, mem_a, mem_d = sys.argv[1], sys.argv[2], int(sys.argv[3]), *map(float, sys.argv[4:])
ours = {v["key"]: (v["units"], v["conversions"]) for v in json.load(open(summary))["metrics"][0]["variants"]}
out = subprocess.run([sys.executable, "Benchmarks/events/duckdb_conversions.py", path, "2"], capture_output=True, text=True).stdout.split("\n")
theirs = {r["variant"]: (r["units"], r["conversions"]) for r in map(json.loads, filter(lambda l: l.startswith("{"), out))}
print(f"abkit : {events / abkit / 1e6:.2f}M events/s (best of 3, {abkit:.2f}s wall), peak {mem_a / 1024:.0f} MiB")
print(f"duckdb: {events / duck / 1e6:.2f}M events/s (best of 3, {duck:.2f}s wall incl. Python start), peak {mem_d / 1024:.0f} MiB")
print(f"duckdb query alone: {events / query / 1e6:.2f}M events/s (best of 3, {query:.2f}s, without Python's start)")
print(f"abkit / duckdb time ratio: {abkit / duck:.2f} process to process, {abkit / query:.2f} against the query alone (below 1 means abkit is faster)")
print("same per-variant units and conversions:", ours == theirs, ours)
PY
