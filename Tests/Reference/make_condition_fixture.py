#!/usr/bin/env python3
"""Writes Tests/ABAssignTests/Fixtures/growthbook-conditions.json.

The cases are GrowthBook's published condition cases (see growthbook_condition_cases.py
for their source). Each case also records what the installed GrowthBook Python SDK
(`pip install growthbook`) answers, because recent Python releases (4.x) deliberately
compare strictly (no number/string coercion, a missing attribute never orders) and so
disagree with the published JavaScript-semantics expectations on a few cases. ABAssign
follows the published expectations, like the JavaScript SDK; the tests check that.

Usage: python3 Tests/Reference/make_condition_fixture.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from growthbook_condition_cases import CASES  # noqa: E402

try:
    import growthbook
    from growthbook.core import evalCondition
    sdk_version = getattr(growthbook, "__version__", "unknown")
except ImportError:  # the fixture can still be written from the transcription
    evalCondition = None
    sdk_version = None

out = []
for name, condition, attributes, expected in CASES:
    case = {"name": name, "condition": condition, "attributes": attributes, "expected": expected}
    if evalCondition is not None:
        case["pythonSDK"] = bool(evalCondition(attributes, condition))
    out.append(case)

root = os.path.join(os.path.dirname(__file__), "..", "ABAssignTests", "Fixtures")
path = os.path.join(root, "growthbook-conditions.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"source": "growthbook/growthbook packages/sdk-js/test/cases.json evalCondition (specVersion 0.5.4) "
               "plus case-insensitive cases from specVersion 0.7.1",
               "pythonSDKVersion": sdk_version, "cases": out}, f, ensure_ascii=False, indent=1)
    f.write("\n")
disagree = [c["name"] for c in out if "pythonSDK" in c and c["pythonSDK"] != c["expected"]]
print(f"wrote {len(out)} cases to {os.path.normpath(path)}; Python SDK {sdk_version} disagrees on {len(disagree)}: {disagree}")
