#!/usr/bin/env python3
"""Writes Tests/ABAssignTests/Fixtures/growthbook-assignments.json with GrowthBook's own
Python SDK (`pip install growthbook`), so ABAssign's tests check bit-for-bit agreement.

Three sections:
  hashes      [seed, value, version, expected]   growthbook.core.gbhash
  ranges      [count, coverage, weights, expected ranges]   growthbook.core.getBucketRanges
  experiments one GrowthBook(attributes={"id": user}).run(Experiment(...)) per case:
              seed, user, weights, coverage, hashVersion, namespace -> inExperiment,
              variationId, bucket (the hash, when the user was hashed into a variant)

User ids include ASCII, numeric strings, accented Latin, CJK, emoji (UTF-16 surrogate
pairs), combining marks, white space, the empty string and ids of 1,000 to 5,000
characters. GrowthBook hashes UTF-16 code units (JavaScript's charCodeAt); the Python
SDK 4.x does the same (it encodes non-ASCII text as UTF-16-LE before hashing).
A fixed random seed keeps the output stable. Usage:
  python3 Tests/Reference/make_growthbook_fixture.py
"""
import json
import os
import random

import growthbook
from growthbook import Experiment, GrowthBook
from growthbook.core import gbhash, getBucketRanges

rng = random.Random(20261123)

SEEDS = ["welcome-message-timing", "onboarding-checklist", "exp1", "", "é-seed", "種子", "🚀launch",
         "reengagement-channel", "a b c", "UPPER-lower_123"]
FIXED_USERS = ["", "1", "0", "123", "user-1", "u", " ", "  padded  ", "é", "e\u0301", "Ñandú", "ü@example.com",
               "用户42", "ユーザー", "사용자", "👍", "👩‍👩‍👧‍👦", "id-🚀-x", "\ud7ff\ue000", "Ω≈ç√∫",
               "tab\tsep", "new\nline", "quote\"d", "back\\slash", "x" * 1000, "y" * 5000,
               "長" * 1500, "😀" * 700]


def random_user():
    kind = rng.randrange(6)
    if kind == 0:
        return "user-%d" % rng.randrange(10**9)
    if kind == 1:
        return "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48))
    if kind == 2:
        return str(rng.randrange(10**12))
    if kind == 3:
        alphabet = "abcdéñüßøå漢字かな한글😀🎉👍🏽"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 24)))
    if kind == 4:
        return "".join(chr(rng.randrange(0x20, 0x7F)) for _ in range(rng.randrange(1, 64)))
    return "".join(chr(rng.choice([rng.randrange(0xA0, 0xD7FF), rng.randrange(0x10000, 0x1FFFF)]))
                   for _ in range(rng.randrange(1, 12)))


def random_weights(n):
    kind = rng.randrange(8)
    if kind == 0:
        return None  # equal weights
    if kind == 1:
        return [rng.random() for _ in range(n)]  # invalid sum -> equal weights
    if kind == 2:
        return [1 / n] * (n + 1)  # wrong length -> equal weights
    if kind == 3:
        w = [0.0] * n
        w[rng.randrange(n)] = 1.0
        return w
    if kind == 4 and n >= 2:
        w = [1.2, -0.2] + [0.0] * (n - 2)  # negative -> equal weights (Python SDK rule)
        return w
    raw = [rng.random() + 0.05 for _ in range(n)]
    total = sum(raw)
    w = [round(x / total, 4) for x in raw]
    w[-1] = round(1 - sum(w[:-1]), 4)
    return w


def random_coverage():
    return rng.choice([None, 1, 1.0, 0, 0.5, 0.3333, 0.9, 0.05, 1.5, -0.2, rng.random()])


def random_namespace():
    if rng.random() < 0.5:
        return None
    start = round(rng.random() * 0.8, 3)
    return [rng.choice(["onboarding-email", "lifecycle", "ns-é", "pricing"]), start, round(start + rng.random() * (1 - start), 3)]


hashes = []
for seed in SEEDS:
    for user in FIXED_USERS:
        for version in (1, 2):
            hashes.append([seed, user, version, gbhash(seed, user, version)])
for _ in range(600):
    seed, user, version = rng.choice(SEEDS), random_user(), rng.choice((1, 2))
    hashes.append([seed, user, version, gbhash(seed, user, version)])

ranges = []
for _ in range(300):
    n = rng.randrange(1, 6)
    coverage = random_coverage()
    weights = random_weights(n)
    c = 1 if coverage is None else coverage
    ranges.append([n, c, weights, [list(r) for r in getBucketRanges(n, c, weights)]])

experiments = []
for i in range(3000):
    n = rng.randrange(2, 5)
    seed = rng.choice([s for s in SEEDS if s]) if i % 7 else "exp-%d" % i
    user = FIXED_USERS[i % len(FIXED_USERS)] if i < 2 * len(FIXED_USERS) else random_user()
    weights = random_weights(n)
    coverage = random_coverage()
    version = rng.choice((1, 2))
    namespace = random_namespace()
    kwargs = dict(key=seed, variations=list(range(n)), hashVersion=version, seed=seed)
    if weights is not None:
        kwargs["weights"] = weights
    if coverage is not None:
        kwargs["coverage"] = coverage
    if namespace is not None:
        kwargs["namespace"] = tuple(namespace)
    result = GrowthBook(attributes={"id": user}).run(Experiment(**kwargs))
    experiments.append({
        "seed": seed, "user": user, "variations": n, "weights": weights, "coverage": coverage,
        "hashVersion": version, "namespace": namespace,
        "inExperiment": result.inExperiment, "variationId": result.variationId,
        "hashUsed": result.hashUsed, "bucket": result.bucket,
    })

path = os.path.join(os.path.dirname(__file__), "..", "ABAssignTests", "Fixtures", "growthbook-assignments.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"generator": "Tests/Reference/make_growthbook_fixture.py",
               "growthbookPythonVersion": getattr(growthbook, "__version__", "unknown"),
               "hashes": hashes, "ranges": ranges, "experiments": experiments}, f, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(hashes)} hashes, {len(ranges)} range sets, {len(experiments)} experiments to {os.path.normpath(path)}")
