#!/usr/bin/env python3
"""Independent per-variant figures for the bundled Cookie Cats user table.

Reads Experiments/data/cookie_cats.csv.gz with Python's csv module (not ABKit's reader) and
writes units, 1- and 7-day retention counts and the sum and sum of squares of game rounds per
version, plus the two-proportion z-tests of statsmodels, to
Tests/ABCommandLineTests/Fixtures/cookie_cats_reference.json.

Regenerate with:  python3 Tests/Reference/make_cookie_cats_reference.py
"""
import csv
import gzip
import json
import os

from statsmodels.stats.proportion import proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "Experiments", "data", "cookie_cats.csv.gz")
OUT = os.path.join(ROOT, "Tests", "ABCommandLineTests", "Fixtures", "cookie_cats_reference.json")

stats = {}
with gzip.open(DATA, "rt", newline="") as f:
    for row in csv.DictReader(f):
        s = stats.setdefault(row["version"], {"units": 0, "retention_1": 0, "retention_7": 0, "rounds": [], })
        s["units"] += 1
        s["retention_1"] += row["retention_1"] == "True"
        s["retention_7"] += row["retention_7"] == "True"
        s["rounds"].append(int(row["sum_game_rounds"]))

out = {"variants": {}}
for version, s in sorted(stats.items()):
    out["variants"][version] = {
        "units": s["units"], "retention_1": s["retention_1"], "retention_7": s["retention_7"],
        "roundsSum": sum(s["rounds"]), "roundsSumSquares": sum(r * r for r in s["rounds"]),
    }
for metric in ("retention_1", "retention_7"):
    c, v = stats["gate_30"], stats["gate_40"]
    # statsmodels' statistic is first − second; ABKit's is variant − control.
    z, p = proportions_ztest([v[metric], c[metric]], [v["units"], c["units"]])
    out[metric] = {"statistic": float(z), "pValue": float(p)}
with open(OUT, "w") as f:
    json.dump(out, f, indent=2, sort_keys=True)
    f.write("\n")
print(json.dumps(out, indent=2, sort_keys=True))
