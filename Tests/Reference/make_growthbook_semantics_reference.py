#!/usr/bin/env python3
"""Writes Tests/ABAssignTests/Fixtures/growthbook-semantics.json with GrowthBook's own Python
SDK, so ABAssign's tests check its GrowthBook semantics case by case.

The SDK is not installed by this script. Make a virtual environment once:
  python3 -m venv /tmp/gbvenv && /tmp/gbvenv/bin/pip install growthbook
then run:
  /tmp/gbvenv/bin/python Tests/Reference/make_growthbook_semantics_reference.py

Sections (each case records what the SDK answered):
  padded       [version, growthbook.core.paddedVersionString(version)]
  versions     {attribute, operator, operand, expected}: evalCondition on {"v": attribute}
               with {"v": {operator: operand}} for the six version operators; random versions
               with a leading v, prerelease tags, build metadata, 1 to 5 parts, numbers
  groups       {condition, attributes, savedGroups, expected}: $inGroup / $notInGroup, and the
               $notRegex / $notRegexi operators
  typedGroups  {condition, attributes, savedGroups, expected}: $savedGroup references to typed
               list groups (with attributeKey), condition groups (nested, and in cycles), and
               $inGroup/$notInGroup on typed groups (drawn from their own random generator, so
               adding them left the other sections unchanged)
  experiments  {experiment, attributes, qaMode, forcedVariations, features, result}:
               GrowthBook(...).run(Experiment(**experiment)) with force, filters, ranges,
               namespaces, parentConditions (gate or not) on given parent features, active,
               status, QA mode, single-variation experiments, unknown hash versions
  sticky       {steps: [{experiment, attributes, result, docs}]}: one InMemoryStickyBucketService
               per sequence; a user bucketed at 50/50 keeps the variation at 20/80, at a lower
               coverage and when targeting changes, is re-bucketed when bucketVersion rises,
               is blocked by minBucketVersion, and fallback attributes and
               disableStickyBucketing behave as in the SDK; docs is the store after the step
  features     {feature, attributes, result}: GrowthBook(features=payload).eval_feature(key)
               over one payload with force, rollout and experiment rules (see PAYLOAD)
  stickyFeatures {attributes, steps: [{features, result, docs}]}: one feature's experiment rule
               evaluated with a sticky-bucket service as its weights change and its bucketVersion
               rises, the SDK deriving the identifier attributes from the payload (own generator)

Conditions stick to comparisons on which the JavaScript and Python SDKs agree (numbers with
numbers, strings with strings): ABAssign follows the JavaScript SDK's coercions elsewhere.
A fixed random seed keeps the output stable.
"""
import copy
import json
import os
import random

import growthbook
from growthbook import Experiment, GrowthBook, InMemoryStickyBucketService
from growthbook.core import evalCondition, paddedVersionString

rng = random.Random(20261203)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ABAssignTests", "Fixtures",
                   "growthbook-semantics.json")


# ---------------------------------------------------------------- versions
def random_version():
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(["", "v", "1", "01", "1.0", "1.0.0", "v1.0.0", "1.0.0-0", "1.0.0-alpha", "1.0.0+build",
                           "1.0.0-rc.1+build.7", "10.0.0", "9.99.999", "1.2.3.4", "1..2", "1.2.3-", "v2", "99999.1.0",
                           "100000.0.0", "1.0.0-beta.11", "1.0.0-beta.2", "1-2-3", "1.2.3~", "0.0.0", "1.0.0-A"])
    parts = [str(rng.choice([0, 1, 2, 3, 9, 10, 11, 12, 99, 100, rng.randrange(1000), rng.randrange(100000)]))
             for _ in range(rng.choice([1, 2, 3, 3, 3, 3, 4]))]
    text = ".".join(parts)
    if rng.random() < 0.35:
        tag = rng.choice(["alpha", "beta", "rc", "pre", "dev", "SNAPSHOT", "0", "1", "10", "x7"])
        if rng.random() < 0.5:
            tag += "." + str(rng.randrange(20))
        text += "-" + tag
    if rng.random() < 0.2:
        text += "+" + rng.choice(["build", "build.7", "sha.5114f85", "20261203", "x-y"])
    if rng.random() < 0.25:
        text = "v" + text
    return text


def near(version):
    """A version close to `version`, so comparisons are not decided by the first part alone."""
    if rng.random() < 0.3:
        return version
    core = version.lstrip("v").split("+")[0].split("-")[0].split(".")
    i = rng.randrange(len(core))
    if core[i].isdigit():
        core[i] = str(max(0, int(core[i]) + rng.choice([-1, 1, 10])))
    out = ".".join(core)
    if rng.random() < 0.3:
        out += "-" + rng.choice(["alpha", "beta.1", "rc.2", "0"])
    if rng.random() < 0.2:
        out += "+meta"
    return ("v" if rng.random() < 0.2 else "") + out


padded = []
for _ in range(400):
    v = random_version()
    padded.append([v, paddedVersionString(v)])

VERSION_OPS = ["$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte"]
versions = []
for i in range(1200):
    op = VERSION_OPS[i % 6]
    if i % 25 == 0:
        a, b = rng.choice([0, 1, 2, 10, 1.5, 3]), rng.choice([0, 1, 2, 10, 1.5, 3])  # numbers on both sides
    else:
        a = random_version()
        b = near(a) if rng.random() < 0.7 else random_version()
    versions.append({"attribute": a, "operator": op, "operand": b,
                     "expected": evalCondition({"v": a}, {"v": {op: b}})})

# ---------------------------------------------------------------- saved groups and $notRegex
GROUPS = {"admins": ["u1", "u2", "u3"], "betaCountries": ["US", "CA", "de"], "numbers": [1, 2, 3, 10],
          "empty": [], "mixed": ["1", 2, "three"]}
groups = []
for _ in range(300):
    gid = rng.choice(list(GROUPS) + ["missing"])
    op = rng.choice(["$inGroup", "$notInGroup"])
    pool = ["u1", "u2", "u4", "US", "DE", "de", "CA", "1", "three", 1, 2, 4, 10]
    kind = rng.randrange(4)
    if kind == 0:
        attrs = {}
    elif kind == 1:
        attrs = {"a": [rng.choice(pool) for _ in range(rng.randrange(0, 4))]}
    else:
        attrs = {"a": rng.choice(pool)}
    cond = {"a": {op: gid}}
    if rng.random() < 0.2:
        cond = {"$or": [cond, {"b": rng.choice(["x", "y"])}]}
        attrs["b"] = rng.choice(["x", "z"])
    groups.append({"condition": cond, "attributes": attrs, "savedGroups": GROUPS,
                   "expected": evalCondition(attrs, cond, GROUPS)})
for _ in range(100):
    op = rng.choice(["$notRegex", "$notRegexi"])
    pattern = rng.choice(["^a", "b$", "[0-9]+", "^HELLO", "x|y", "ab+c"])
    value = rng.choice(["abc", "ABC", "hello world", "Hello", "xyz", "123", "abbbc", ""])
    cond = {"s": {op: pattern}}
    groups.append({"condition": cond, "attributes": {"s": value}, "savedGroups": {},
                   "expected": evalCondition({"s": value}, cond)})

# ---------------------------------------------------------------- typed saved groups
rng2 = random.Random(20261204)
TYPED = {
    "staff": {"type": "list", "attributeKey": "email", "values": ["a@x.com", "b@x.com"]},
    "staffIds": {"type": "list", "attributeKey": "id", "values": ["u1", "u2", 7]},
    "noKey": {"type": "list", "values": ["US", "CA"]},
    "usPro": {"type": "condition", "condition": {"country": "US", "plan": "pro"}},
    "staffOrUsPro": {"type": "condition", "condition": {"$or": [{"$savedGroup": {"id": "staff"}},
                                                                 {"$savedGroup": {"id": "usPro"}}]}},
    "loopA": {"type": "condition", "condition": {"$or": [{"$savedGroup": {"id": "loopB"}}, {"plan": "pro"}]}},
    "loopB": {"type": "condition", "condition": {"$savedGroup": {"id": "loopA"}}},
    "nested": {"type": "condition", "condition": {"tags": {"$elemMatch": {"$savedGroup": {"id": "noKey", "attributeKey": "c"}}}}},
    "legacy": ["u1", "u3"],
}
typed_groups = []
for _ in range(300):
    attrs = {"id": rng2.choice(["u1", "u2", "u3", "u9", 7]), "email": rng2.choice(["a@x.com", "c@x.com"]),
             "country": rng2.choice(["US", "CA", "DE"]), "plan": rng2.choice(["free", "pro"]),
             "tags": [{"c": rng2.choice(["US", "FR"])} for _ in range(rng2.randrange(3))]}
    if rng2.random() < 0.2:
        del attrs[rng2.choice(["email", "country", "id"])]
    gid = rng2.choice(list(TYPED) + ["missing"])
    kind = rng2.randrange(5)
    if kind == 0:
        cond = {"$savedGroup": {"id": gid, "attributeKey": rng2.choice(["country", "id", "email"])}}
    elif kind == 1:
        cond = {"id": {rng2.choice(["$inGroup", "$notInGroup"]): gid}}
    elif kind == 2:
        cond = {"$not": {"$savedGroup": {"id": gid}}}
    else:
        cond = {"$savedGroup": {"id": gid}}
    typed_groups.append({"condition": cond, "attributes": attrs, "savedGroups": TYPED,
                         "expected": evalCondition(attrs, cond, TYPED)})

# ---------------------------------------------------------------- experiments
PARENTS = {
    "parent-on": {"defaultValue": True},
    "parent-off": {"defaultValue": False},
    "parent-color": {"defaultValue": "blue", "rules": [{"condition": {"country": "US"}, "force": "red"}]},
    "parent-num": {"defaultValue": 3, "rules": [{"coverage": 0.5, "force": 7, "hashAttribute": "id"}]},
}


def random_user(i):
    user = {"id": "user-%d" % rng.randrange(10**6)}
    if i % 17 == 0:
        user = {}
    elif i % 23 == 0:
        user = {"id": rng.randrange(1, 10**5)}
    user["country"] = rng.choice(["US", "DE", "IN", "BR"])
    user["plan"] = rng.choice(["free", "pro"])
    if rng.random() < 0.5:
        user["deviceId"] = "dev-%d" % rng.randrange(10**6)
    return user


def random_experiment(i):
    n = rng.choice([1, 2, 2, 3, 4])
    exp = {"key": rng.choice(["exp-a", "exp-b", "welcome-timing", "exp-%d" % (i % 50)]),
           "variations": [rng.choice([0, "v", True, {"x": 1}]) if j else "control" for j in range(n)]}
    exp["variations"] = ["var-%d" % j for j in range(n)] if rng.random() < 0.6 else exp["variations"]
    if rng.random() < 0.5:
        w = [rng.random() + 0.05 for _ in range(n)]
        t = sum(w)
        exp["weights"] = [x / t for x in w]
    if rng.random() < 0.4:
        exp["coverage"] = rng.choice([0, 0.25, 0.5, 0.9, 1])
    if rng.random() < 0.3:
        exp["hashVersion"] = rng.choice([1, 2, 2, 3])
    if rng.random() < 0.2:
        exp["seed"] = rng.choice(["seed-1", "", "abc"])
    if rng.random() < 0.15:
        exp["force"] = rng.choice([0, 1, n - 1, n, -1])
    if rng.random() < 0.15:
        exp["active"] = False
    if rng.random() < 0.15:
        exp["status"] = rng.choice(["draft", "running", "stopped"])
    if rng.random() < 0.2:
        start = round(rng.random() * 0.6, 2)
        exp["namespace"] = ["ns-%d" % rng.randrange(2), start, round(start + 0.4, 2)]
    if rng.random() < 0.25:
        exp["filters"] = [{"seed": rng.choice(["f1", "f2"]), "ranges": [[0, rng.choice([0.3, 0.5, 0.8])]],
                           "hashVersion": rng.choice([1, 2]), "attribute": rng.choice(["id", "deviceId"])}
                          for _ in range(rng.choice([1, 1, 2]))]
    if rng.random() < 0.2:
        # explicit ranges, one per variation, with gaps
        edges = sorted(rng.random() for _ in range(2 * n))
        exp["ranges"] = [[round(edges[2 * j], 4), round(edges[2 * j + 1], 4)] for j in range(n)]
    if rng.random() < 0.25:
        exp["condition"] = rng.choice([{"country": "US"}, {"plan": {"$in": ["pro"]}},
                                       {"country": {"$ne": "DE"}}, {"plan": "free", "country": {"$in": ["IN", "BR"]}}])
    if rng.random() < 0.25:
        parent = rng.choice(list(PARENTS))
        value = {"parent-on": True, "parent-off": True, "parent-color": "red", "parent-num": 7}[parent]
        exp["parentConditions"] = [{"id": parent, "condition": {"value": value}, "gate": rng.random() < 0.5}]
        if rng.random() < 0.2:
            exp["parentConditions"].append({"id": "no-such-feature", "condition": {"value": {"$exists": False}}})
    if rng.random() < 0.3:
        exp["meta"] = [{"key": "k%d" % j, "name": "Variant %d" % j} for j in range(n)]
    return exp


def result_dict(r):
    return {"inExperiment": r.inExperiment, "variationId": r.variationId, "value": r.value,
            "hashUsed": r.hashUsed, "hashAttribute": r.hashAttribute,
            "hashValue": r.hashValue if isinstance(r.hashValue, str) else growthbook.core._hash_string(r.hashValue),
            "bucket": r.bucket, "key": r.key, "stickyBucketUsed": r.stickyBucketUsed}


experiments = []
for i in range(1500):
    exp = random_experiment(i)
    attrs = random_user(i)
    qa = rng.random() < 0.08
    forced = {exp["key"]: rng.choice([0, 1, 5])} if rng.random() < 0.06 else {}
    gb = GrowthBook(attributes=copy.deepcopy(attrs), features=copy.deepcopy(PARENTS), qa_mode=qa,
                    forced_variations=forced)
    r = gb.run(Experiment(**copy.deepcopy(exp)))
    experiments.append({"experiment": exp, "attributes": attrs, "qaMode": qa, "forcedVariations": forced,
                        "features": PARENTS, "result": result_dict(r)})

# ---------------------------------------------------------------- sticky bucketing
def sticky_steps(user, use_fallback):
    base = {"key": "sticky-exp", "variations": ["a", "b"], "meta": [{"key": "control"}, {"key": "treatment"}],
            "hashVersion": 2}
    if use_fallback:
        base["hashAttribute"] = "id"
        base["fallbackAttribute"] = "deviceId"
    steps = [
        dict(base, weights=[0.5, 0.5]),
        dict(base, weights=[0.2, 0.8]),
        dict(base, weights=[0.2, 0.8], coverage=0.3),
        dict(base, weights=[0.2, 0.8], condition={"country": "nowhere"}),
        dict(base, weights=[0.2, 0.8], bucketVersion=1),
        dict(base, weights=[0.9, 0.1], bucketVersion=1),
        dict(base, weights=[0.2, 0.8], bucketVersion=2, minBucketVersion=1),
        dict(base, weights=[0.2, 0.8], bucketVersion=2, minBucketVersion=1, disableStickyBucketing=True),
        dict(base, weights=[0.5, 0.5], key="other-exp", meta=[{"key": "x"}, {"key": "y"}]),
        dict(base, weights=[0.5, 0.5], variations=["a", "b", "c"],
             meta=[{"key": "control"}, {"key": "treatment"}, {"key": "third"}], bucketVersion=2, minBucketVersion=1),
        dict(base, weights=[0.5, 0.5], meta=None),
        dict(base, weights=[0.5, 0.5], meta=None, key="no-meta"),
    ]
    return steps


sticky = []
for i in range(120):
    use_fallback = i % 3 == 0
    user = {"id": "sb-user-%d" % rng.randrange(10**6), "country": "US"}
    if use_fallback:
        user["deviceId"] = "dev-%d" % rng.randrange(10**6)
        if i % 2 == 0:
            del user["id"]  # bucketed by the fallback attribute
    service = InMemoryStickyBucketService()
    seq = []
    for j, exp in enumerate(sticky_steps(user, use_fallback)):
        exp = {k: v for k, v in exp.items() if v is not None}
        if i % 4 == 1 and j == 6:
            service = InMemoryStickyBucketService()  # a user new to the store at minBucketVersion 1
        gb = GrowthBook(attributes=copy.deepcopy(user), sticky_bucket_service=service,
                        sticky_bucket_identifier_attributes=["id", "deviceId"])
        gb.refresh_sticky_buckets(force=True)
        r = gb.run(Experiment(**copy.deepcopy(exp)))
        docs = {k: copy.deepcopy(v) for k, v in sorted(service.docs.items())}
        seq.append({"experiment": exp, "freshStore": i % 4 == 1 and j == 6, "result": result_dict(r), "docs": docs})
    sticky.append({"attributes": user, "steps": seq})

# ---------------------------------------------------------------- features
PAYLOAD = {
    "features": {
        "flag-default": {"defaultValue": False},
        "banner-color": {"defaultValue": "grey", "rules": [
            {"id": "r-us", "condition": {"country": "US"}, "force": "red"},
            {"id": "r-roll", "force": "blue", "coverage": 0.4, "hashAttribute": "id"},
            {"id": "r-range", "force": "green", "range": [0.2, 0.6], "seed": "banner", "hashVersion": 2},
        ]},
        "welcome-timing": {"defaultValue": {"delay": "PT0S"}, "rules": [
            {"id": "r-exp", "key": "welcome-timing-exp", "variations": [{"delay": "PT0S"}, {"delay": "PT1H"},
                                                                         {"sendAt": "09:00"}],
             "weights": [0.34, 0.33, 0.33], "coverage": 0.8, "hashVersion": 2, "seed": "wt-seed",
             "meta": [{"key": "immediate"}, {"key": "one-hour"}, {"key": "nine-am"}],
             "condition": {"plan": {"$in": ["free", "pro"]}}},
        ]},
        "checkout": {"defaultValue": "old", "rules": [
            {"id": "r-ns", "key": "checkout-ns", "variations": ["old", "new"], "namespace": ["pricing", 0, 0.5],
             "hashVersion": 2},
            {"id": "r-filter", "key": "checkout-filter", "variations": ["old", "new"],
             "filters": [{"seed": "holdout", "ranges": [[0, 0.7]], "hashVersion": 2}], "hashVersion": 2},
            {"id": "r-ranges", "key": "checkout-ranges", "variations": ["old", "new", "newer"],
             "ranges": [[0, 0.1], [0.5, 0.6], [0.9, 1]], "hashVersion": 1},
        ]},
        "pass-through": {"defaultValue": 0, "rules": [
            {"id": "r-pt", "key": "pt-exp", "variations": [1, 2], "hashVersion": 2,
             "meta": [{"key": "skip", "passthrough": True}, {"key": "two"}]},
            {"id": "r-after", "force": 99},
        ]},
        "gated": {"defaultValue": "gated-default", "rules": [
            {"id": "r-gate", "parentConditions": [{"id": "banner-color", "condition": {"value": "red"}, "gate": True}],
             "force": "allowed"},
        ]},
        "soft-prereq": {"defaultValue": "soft-default", "rules": [
            {"id": "r-soft", "parentConditions": [{"id": "checkout", "condition": {"value": "new"}}], "force": "on-new"},
            {"id": "r-group", "condition": {"id": {"$inGroup": "vip"}}, "force": "vip"},
        ]},
        "cycle-a": {"defaultValue": 1, "rules": [
            {"parentConditions": [{"id": "cycle-b", "condition": {"value": 1}}], "force": 2}]},
        "cycle-b": {"defaultValue": 1, "rules": [
            {"parentConditions": [{"id": "cycle-a", "condition": {"value": 1}}], "force": 2}]},
        "versioned": {"defaultValue": "old-app", "rules": [
            {"id": "r-ver", "condition": {"appVersion": {"$vgte": "2.3.0"}}, "force": "new-app"}]},
        "v1-experiment": {"defaultValue": None, "rules": [
            {"id": "r-v1", "variations": ["a", "b"], "weights": [0.3, 0.7], "fallbackAttribute": "deviceId",
             "hashAttribute": "company"}]},
    },
    "savedGroups": {"vip": ["user-1", "user-2", "user-3", "user-42"]},
}
FEATURE_KEYS = list(PAYLOAD["features"]) + ["no-such-feature"]

features = []
for i in range(1500):
    attrs = random_user(i)
    if i % 40 == 0:
        attrs["id"] = "user-%d" % rng.choice([1, 2, 3, 42])
    if rng.random() < 0.5:
        attrs["appVersion"] = random_version()
    if rng.random() < 0.4:
        attrs["company"] = rng.choice(["acme", "globex", ""])
    key = FEATURE_KEYS[i % len(FEATURE_KEYS)]
    gb = GrowthBook(attributes=copy.deepcopy(attrs), features=copy.deepcopy(PAYLOAD["features"]),
                    saved_groups=copy.deepcopy(PAYLOAD["savedGroups"]))
    fr = gb.eval_feature(key)
    res = {"value": fr.value, "source": fr.source, "ruleId": fr.ruleId}
    if fr.experimentResult is not None:
        res["experimentResult"] = result_dict(fr.experimentResult)
    features.append({"feature": key, "attributes": attrs, "result": res})

# ---------------------------------------------------------------- sticky buckets through features
rng3 = random.Random(20261205)


def sticky_payload(weights, bucket_version, min_version=0):
    rule = {"id": "r-sticky", "key": "sticky-feature-exp", "variations": ["a", "b", "c"], "weights": weights,
            "hashVersion": 2, "hashAttribute": "userId", "fallbackAttribute": "anonymousId",
            "meta": [{"key": "ka"}, {"key": "kb"}, {"key": "kc"}], "bucketVersion": bucket_version}
    if min_version:
        rule["minBucketVersion"] = min_version
    return {"sticky-feature": {"defaultValue": "none", "rules": [rule]}}


sticky_features = []
for i in range(100):
    attrs = {"userId": "u-%d" % rng3.randrange(10**6)} if i % 4 else {"anonymousId": "anon-%d" % rng3.randrange(10**6)}
    if i % 5 == 0:
        attrs["anonymousId"] = "anon-%d" % rng3.randrange(10**6)
    service = InMemoryStickyBucketService()
    steps = []
    for weights, version, min_version in [([0.34, 0.33, 0.33], 0, 0), ([0.1, 0.1, 0.8], 0, 0), ([0.8, 0.1, 0.1], 1, 0),
                                          ([0.8, 0.1, 0.1], 1, 1), ([0.2, 0.2, 0.6], 2, 0)]:
        feats = sticky_payload(weights, version, min_version)
        gb = GrowthBook(attributes=copy.deepcopy(attrs), features=copy.deepcopy(feats), sticky_bucket_service=service)
        fr = gb.eval_feature("sticky-feature")
        res = {"value": fr.value, "source": fr.source, "ruleId": fr.ruleId}
        if fr.experimentResult is not None:
            res["experimentResult"] = result_dict(fr.experimentResult)
        steps.append({"features": feats, "result": res,
                      "docs": {k: copy.deepcopy(v) for k, v in sorted(service.docs.items())}})
    sticky_features.append({"attributes": attrs, "steps": steps})

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"generator": "Tests/Reference/make_growthbook_semantics_reference.py",
               "growthbookPythonVersion": getattr(growthbook, "__version__", "unknown"),
               "padded": padded, "versions": versions, "groups": groups, "typedGroups": typed_groups,
               "experiments": experiments,
               "sticky": sticky, "payload": PAYLOAD, "features": features, "stickyFeatures": sticky_features},
              f, ensure_ascii=False)
    f.write("\n")
print("wrote", os.path.normpath(OUT), {k: len(v) for k, v in
      [("padded", padded), ("versions", versions), ("groups", groups), ("typedGroups", typed_groups),
       ("experiments", experiments),
       ("sticky", sticky), ("features", features), ("stickyFeatures", sticky_features)]})
