#!/usr/bin/env python3
"""GrowthBook's Python SDK on the same inputs as ABKit's benchmark.

  inprocess USERS_FILE N     assignments/s for GrowthBook.run(Experiment) and for the bare
                             core functions (gbhash + chooseVariation), first N users
  stream USERS_FILE OUT      reads ids or JSONL users, runs the experiment, writes JSON lines
                             like `abkit assign --input` (the CLI-equivalent); prints users/s
"""
import json
import sys
import time

from growthbook import Experiment, GrowthBook
from growthbook.core import chooseVariation, gbhash, getBucketRanges

KEYS = ["immediate", "one-hour", "next-morning"]
MESSAGES = [{"channel": "email", "delay": "PT0S"}, {"channel": "email", "delay": "PT1H"},
            {"channel": "email", "sendAt": "09:00", "timezone": "user"}]
WEIGHTS = [0.34, 0.33, 0.33]
SEED = "welcome-message-timing"


def experiment():
    return Experiment(key=SEED, seed=SEED, variations=[0, 1, 2], weights=WEIGHTS, hashVersion=2)


def inprocess(path, n):
    ids = open(path, encoding="utf-8").read().split("\n")[:n]
    exp = experiment()
    gb = GrowthBook(attributes={})
    start = time.perf_counter()
    total = 0
    for uid in ids:
        gb.set_attributes({"id": uid})
        total += gb.run(exp).variationId
    elapsed = time.perf_counter() - start
    print(f"python-inprocess\tGrowthBook.run(Experiment)\t{len(ids) / elapsed:.0f}\tassignments/s\t(checksum {total & 0xff})")
    ranges = getBucketRanges(3, 1, WEIGHTS)
    start = time.perf_counter()
    for uid in ids:
        total += chooseVariation(gbhash(SEED, uid, 2), ranges)
    elapsed = time.perf_counter() - start
    print(f"python-inprocess\tcore gbhash+chooseVariation\t{len(ids) / elapsed:.0f}\tassignments/s\t(checksum {total & 0xff})")


def stream(path, out_path):
    exp = experiment()
    gb = GrowthBook(attributes={})
    count = 0
    start = time.perf_counter()
    with open(path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            line = line.rstrip("\r\n")
            if not line:
                continue
            if line.startswith("{"):
                user = json.loads(line)
                uid = str(user["id"])
                attributes = dict(user.get("attributes") or {})
                attributes.setdefault("id", uid)
            else:
                uid, attributes = line, {"id": line}
            gb.set_attributes(attributes)
            r = gb.run(exp)
            v = r.variationId if r.inExperiment else None
            out.write(json.dumps({"id": uid, "experiment": SEED, "inExperiment": r.inExperiment,
                                  "variant": KEYS[v] if v is not None else None, "variationIndex": v,
                                  "hashValue": r.bucket, "reason": "assigned" if r.inExperiment else "not-in-experiment",
                                  "message": MESSAGES[v] if v is not None else None}, separators=(",", ":")) + "\n")
            count += 1
    elapsed = time.perf_counter() - start
    print(f"python-stream\t{path.rsplit('/', 1)[-1]}\t{count / elapsed:.0f}\tusers/s")


if __name__ == "__main__":
    if sys.argv[1] == "inprocess":
        inprocess(sys.argv[2], int(sys.argv[3]))
    else:
        stream(sys.argv[2], sys.argv[3])
