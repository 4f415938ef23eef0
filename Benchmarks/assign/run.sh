#!/usr/bin/env bash
# Assignment benchmark, run by hand (not in CI): ABKit in-process and `abkit assign --input`
# next to GrowthBook's Python SDK (`pip install growthbook`) on the same generated users.
# Usage: Benchmarks/assign/run.sh [USERS]   (default 1,000,000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
users="${1:-1000000}"
work="${TMPDIR:-/tmp}/abkit-assign-bench"
mkdir -p "$work"

python3 - "$users" "$work" <<'PY'
import json, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
ids = []
for i in range(n):
    ids.append("user-%d" % rng.randrange(10**9) if i % 2 else "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48)))
open(f"{work}/users.txt", "w").write("\n".join(ids) + "\n")
with open(f"{work}/users.jsonl", "w") as f:
    for i, uid in enumerate(ids):
        f.write(json.dumps({"id": uid, "attributes": {"country": "US" if i % 3 else "FR", "days_inactive": i % 30}}) + "\n")
PY

echo "building release binaries…" >&2
swift build -c release --package-path "$root" --product abkit >&2
swift build -c release --package-path "$root/Benchmarks" --product AssignBenchmark >&2
abkit="$(swift build -c release --package-path "$root" --show-bin-path)/abkit"
bench="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/AssignBenchmark"

results="$work/results.tsv"
: > "$results"
taskset -c 0 "$bench" "$work/users.txt" 2 | tee -a "$results"
py_n=$(( users < 200000 ? users : 200000 ))
taskset -c 0 python3 "$here/bench_growthbook.py" inprocess "$work/users.txt" "$py_n" | tee -a "$results"

for input in users.txt users.jsonl; do
    start=$(date +%s.%N)
    taskset -c 0 "$abkit" assign --experiment "$here/experiment.json" --input "$work/$input" --output "$work/out.jsonl" 2>/dev/null
    end=$(date +%s.%N)
    printf 'abkit-cli\t%s\t%.0f\tusers/s\n' "$input" "$(echo "$users / ($end - $start)" | bc -l)" | tee -a "$results"
done
head -n "$py_n" "$work/users.txt" > "$work/py-users.txt"
head -n "$py_n" "$work/users.jsonl" > "$work/py-users.jsonl"
for input in py-users.txt py-users.jsonl; do
    taskset -c 0 python3 "$here/bench_growthbook.py" stream "$work/$input" "$work/py-out.jsonl" | tee -a "$results"
done

python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
rate = {(r[0], r[1]): float(r[2]) for r in rows}
swift = rate[("swift-inprocess", "plain-v2 assign(id:)")]
print()
print("ratios (ABKit / GrowthBook Python SDK, same users, one core):")
print(f"  in-process  ABKit assign(id:) vs GrowthBook.run:          {swift / rate[('python-inprocess', 'GrowthBook.run(Experiment)')]:.0f}x")
print(f"  in-process  ABKit assign(id:) vs core gbhash+choose:      {swift / rate[('python-inprocess', 'core gbhash+chooseVariation')]:.0f}x")
print(f"  CLI stream  plain ids: abkit vs Python read/run/write:   {rate[('abkit-cli', 'users.txt')] / rate[('python-stream', 'py-users.txt')]:.0f}x")
print(f"  CLI stream  JSONL:     abkit vs Python read/run/write:   {rate[('abkit-cli', 'users.jsonl')] / rate[('python-stream', 'py-users.jsonl')]:.0f}x")
PY
