#!/usr/bin/env bash
# The collector side by side with DuckDB at every size (by hand, release build, not in CI).
#
#   bash Benchmarks/events/matrix.sh [EVENTS...]        (default: 100000 1000000 10000000)
#
# For each size, simulates the bundled welcome experiment (`abkit simulate`, about 0.95 lines per
# user) once, then for two experiments — the primary metric alone (benchmark-experiment.json) and
# the full welcome experiment (5 metrics: conversions, a winsorized sum, a funnel, retention) —
# times `abkit aggregate` and DuckDB alternately, 3 rounds, and prints the median wall time, system
# time, peak memory, the ratios and whether every figure agrees (check_agreement.py). DuckDB runs
# with 2 threads, reading the file inside its query: ABKit's warehouse SQL over read_json
# (duckdb_summary.py), and for the one metric also a hand-written query (duckdb_conversions.py);
# the faster of the two is DuckDB's time. Needs: a venv with duckdb
# (DUCKDB_PYTHON, default /tmp/duckvenv/bin/python; `python3 -m venv /tmp/duckvenv && /tmp/duckvenv/bin/pip install duckdb`).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-100000 1000000 10000000}")
read -r -a SIZES <<< "${SIZES[*]}"
PY=${DUCKDB_PYTHON:-/tmp/duckvenv/bin/python}
WORK=${TMPDIR:-/tmp}/abkit-matrix
mkdir -p "$WORK"
# ABKIT=path/to/abkit compares a given binary (e.g. one built before a change); else a fresh release build.
if [ -z "${ABKIT:-}" ]; then
    swift build -c release --product abkit >/dev/null
    ABKIT=.build/release/abkit
fi
declare -A EXPERIMENTS=([one]=Benchmarks/events/benchmark-experiment.json [full]=Experiments/welcome-message-timing.json)

# Runs a command, its wall and system seconds and peak KB to FILE; stops the benchmark if it fails.
timed() {
    local file=$1; shift
    /usr/bin/time -o "$file" -f "%e %S %M" "$@" 2>/dev/null || { echo "failed: $*" >&2; exit 1; }
}

median() { python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }

printf '%-9s %-5s %9s %9s %8s %9s %9s %8s %7s %7s  %s\n' events metric "abkit s" "sys s" "MiB" "duckdb s" "query s" "MiB" ratio mem agreement
for events in "${SIZES[@]}"; do
    log="$WORK/welcome-$events.jsonl"
    if [ ! -f "$log" ]; then
        users=$(( events * 100 / 95 ))
        "$ABKIT" simulate --experiment Experiments/welcome-message-timing.json --users "$users" --seed 7 --quiet -o "$log" 2>/dev/null
    fi
    lines=$(wc -l < "$log")
    for shape in one full; do
        experiment=${EXPERIMENTS[$shape]}
        query="$WORK/$shape.sql"
        "$ABKIT" sql --experiment "$experiment" --properties-column none --inline-values --events-table events > "$query"
        a_wall=(); a_sys=(); a_mem=(); d_wall=(); d_query=(); d_mem=()
        hand=()
        for run in 1 2 3; do
            # Stale outputs must not pass for fresh ones, and a failed run must not pass for a time.
            rm -f "$WORK/summary.json" "$WORK/duckdb.json" "$WORK/hand.out"
            timed "$WORK/time" "$ABKIT" aggregate --quiet --experiment "$experiment" --events "$log" -o "$WORK/summary.json"
            read -r wall sys kb < "$WORK/time"
            a_wall+=("$wall"); a_sys+=("$sys"); a_mem+=("$kb")
            timed "$WORK/time" "$PY" Benchmarks/events/duckdb_summary.py "$log" "$query" 2 "$WORK/duckdb.json" > "$WORK/query-time"
            read -r wall _ kb < "$WORK/time"
            if [ "$shape" = one ]; then
                timed "$WORK/time" "$PY" Benchmarks/events/duckdb_conversions.py "$log" 2 > "$WORK/hand.out"
                read -r hwall _ hkb < "$WORK/time"
                hand=(--hand "$WORK/hand.out")
                if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$hwall" "$wall"; then
                    wall=$hwall; kb=$hkb; tail -1 "$WORK/hand.out" > "$WORK/query-time"
                fi
            fi
            d_wall+=("$wall"); d_mem+=("$kb"); d_query+=("$(tail -1 "$WORK/query-time")")
        done
        agreement=$(python3 Benchmarks/events/check_agreement.py "$experiment" "$WORK/summary.json" "$WORK/duckdb.json" "${hand[@]}" || true)
        aw=$(median "${a_wall[@]}"); as=$(median "${a_sys[@]}"); am=$(median "${a_mem[@]}")
        dw=$(median "${d_wall[@]}"); dq=$(median "${d_query[@]}"); dm=$(median "${d_mem[@]}")
        python3 - "$lines" "$shape" "$aw" "$as" "$am" "$dw" "$dq" "$dm" "$agreement" <<'PY'
import sys
lines, shape, aw, as_, am, dw, dq, dm, agreement = sys.argv[1:]
aw, as_, am, dw, dq, dm = map(float, (aw, as_, am, dw, dq, dm))
print(f"{int(lines):<9} {shape:<5} {aw:9.2f} {as_:9.2f} {am / 1024:8.0f} {dw:9.2f} {dq:9.2f} {dm / 1024:8.0f} {aw / dw:7.2f} {am / dm:7.2f}  {agreement}")
PY
    done
done
