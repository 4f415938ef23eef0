#!/usr/bin/env python3
"""Checks that abkit's summary file and DuckDB's rows (duckdb_summary.py) agree: for every
metric without a dimension, each variant's units, conversions (or funnel step counts) exactly,
and sums to 1e-9 relative. Prints "agree (N figures)" or the first differences, and exits 1 on any.

Usage: check_agreement.py EXPERIMENT.json SUMMARY.json DUCKDB_ROWS.json [--hand HAND.out]
With --hand, the hand-written query's per-variant lines (duckdb_conversions.py) must give the
primary metric's units and conversions too.
"""
import json
import math
import sys

spec, summary, rows = (json.load(open(p)) for p in sys.argv[1:4])
hand = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--hand" else None
metrics = spec["metrics"]
ours = {}
for m in summary["metrics"]:
    if m.get("dimension") or m.get("quantile") is not None:
        continue
    funnel = m.get("funnel")
    if funnel and funnel["basis"] != "exposure":
        continue
    source = funnel["funnel"] if funnel else m["id"]
    step = funnel["step"] if funnel else None
    for v in m["variants"]:
        ours[(source, step, v["key"])] = v
theirs = {}
funnel_depths = {}
for part, metric, dimension, _, variant, bucket, units, events, censored, sum_y, sum_y2, *_ in rows:
    if part != 0 or dimension != -1 or metric < 0:
        continue
    definition = metrics[metric]
    if definition["type"] == "funnel":
        funnel_depths.setdefault((definition["id"], variant), []).append((int(bucket), units))
    else:
        theirs[(definition["id"], None, variant)] = {"units": units, "events": events, "sum": sum_y, "sumSquares": sum_y2}
for (funnel, variant), depths in funnel_depths.items():
    total = sum(units for _, units in depths)
    steps = len(next(m for m in metrics if m["id"] == funnel)["steps"])
    for step in range(1, steps + 1):
        theirs[(funnel, step, variant)] = {"units": total, "events": sum(units for depth, units in depths if depth >= step)}
problems, figures = [], 0
for key, expected in sorted(theirs.items(), key=str):
    got = ours.get(key)
    if got is None:
        problems.append(f"{key}: missing in abkit's summary")
        continue
    pairs = [("units", got["units"], expected["units"])]
    if expected.get("events") is not None:
        pairs.append(("conversions", got.get("conversions"), expected["events"]))
    if expected.get("sum") is not None:
        pairs += [("sum", got.get("sum"), expected["sum"]), ("sumSquares", got.get("sumSquares"), expected["sumSquares"])]
    for name, a, b in pairs:
        figures += 1
        same = a == b if isinstance(b, int) else (a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))
        if not same:
            problems.append(f"{key} {name}: abkit {a}, duckdb {b}")
if hand:
    primary = next((m for m in metrics if m.get("primary")), metrics[0])["id"]
    lines = [json.loads(line) for line in open(hand) if line.startswith("{")]
    if not lines:
        problems.append("the hand-written query printed no variant")
    for line in lines:
        got = ours.get((primary, None, line["variant"]))
        figures += 2
        if got is None or (got["units"], got.get("conversions")) != (line["units"], line["conversions"]):
            problems.append(f"hand-written query, {line['variant']}: duckdb {line}, abkit {got and (got['units'], got.get('conversions'))}")
if len(theirs) != len(ours):
    problems.append(f"abkit has {len(ours)} metric × variant entries, duckdb {len(theirs)}")
if problems:
    print("DISAGREE:", "; ".join(problems[:10]))
    sys.exit(1)
print(f"agree ({figures} figures)")
