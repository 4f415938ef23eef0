#!/usr/bin/env bash
# By hand, not in CI: simulated events of the welcome experiment loaded into PostgreSQL, then the
# time to a summary computed in the database (and the rows it sends back) beside the collector
# reading the same file, and whether the two summaries agree (compare.py).
# Usage: Benchmarks/warehouse/run.sh [USERS] [EXPERIMENT...]   (900000 users ≈ 1M events; 9000000 ≈ 10M).
# The first experiment (default: the welcome test) is simulated and loaded; every experiment is
# then analyzed over the same events, e.g. Benchmarks/warehouse/welcome-every-option.json for the
# cost of covariate windows, quantiles, exposure_hour and the timeline.
# Needs Debian's postgresql; starts the cluster of .ci/start-postgres.
set -euo pipefail
cd "$(dirname "$0")/../.."
users="${1:-900000}"
shift || true
experiments=("${@:-Experiments/welcome-message-timing.json}")
eval "$(.ci/start-postgres)"
swift build -c release --product abkit >/dev/null
abkit=.build/release/abkit
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="postgres://abkit@127.0.0.1:54329/abkit_bench"
psql -q "$ABKIT_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS abkit_bench" -c "CREATE DATABASE abkit_bench"
"$abkit" simulate --experiment "${experiments[0]}" --users "$users" --dirty-rate 0.01 --seed 3 -o "$work/events.jsonl"
echo "events: $(wc -l < "$work/events.jsonl") lines"
/usr/bin/time -f "load: %e s" "$abkit" load --warehouse "$db" --events "$work/events.jsonl" --experiment "${experiments[0]}"
psql -q -A -t "$db" -c "SELECT 'table size: ' || pg_size_pretty(pg_total_relation_size('events'))"
for experiment in "${experiments[@]}"; do
    echo "== $experiment"
    "$abkit" sql --experiment "$experiment" --events-table events --inline-values > "$work/query.sql"
    /usr/bin/time -f "query in psql: %e s" psql -q -A -t "$db" -f "$work/query.sql" -o "$work/rows.txt"
    echo "rows transferred: $(wc -l < "$work/rows.txt")"
    /usr/bin/time -f "abkit aggregate --warehouse: %e s" "$abkit" aggregate --experiment "$experiment" --warehouse "$db" --events-table events -o "$work/warehouse.json"
    /usr/bin/time -f "abkit aggregate --events (pull and aggregate in ABKit): %e s" "$abkit" aggregate --experiment "$experiment" --events "$work/events.jsonl" -o "$work/file.json"
    python3 Benchmarks/warehouse/compare.py "$work/file.json" "$work/warehouse.json"
done
