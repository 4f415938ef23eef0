#!/usr/bin/env python3
"""The bundled log of two concurrent lifecycle experiments, and the reference for
`abkit interactions` over it (Tests/ABCommandLineTests/Commands/InteractionsRunnerTests.swift).

Experiments/welcome-message-timing.json (A: immediate / one-hour / next-morning, exposure
`signup_completed`) and Experiments/onboarding-checklist.json (B: five-steps / three-steps, exposure
`checklist_shown`) run on the same new users: every user signs up and gets a welcome variant; four in
five also see a checklist variant an hour or two later. Both exposures are logged with their
experiment and variant. 7-day activation (`first_project_created`) has a planted interaction: the
one-hour email helps more with the three-step checklist. Unsubscribes have none.

The reference is computed from the generated users themselves (not from the log): each cell's units
and conversions, and statsmodels' OLS y ~ A * B with HC0 covariance (per-cell p(1 - p)/n, the form
ABStats uses for rates), whose interaction coefficients are the difference-in-differences contrasts;
the joint χ² is statsmodels' Wald test.

Regenerate with:  python3 Tests/Reference/make_concurrent_experiments.py   (needs numpy, statsmodels)
"""
import gzip
import json
import os
from datetime import datetime, timedelta, timezone

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm

from fixture_writer import write_fixture

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LOG = os.path.join(ROOT, "Experiments", "data", "welcome-x-checklist.jsonl.gz")
FIXTURES = os.path.join(ROOT, "Tests", "ABCommandLineTests", "Fixtures")

A, B = "welcome-message-timing", "onboarding-checklist"
A_ARMS = ["immediate", "one-hour", "next-morning"]
B_ARMS = ["five-steps", "three-steps"]
START = datetime(2026, 9, 1, tzinfo=timezone.utc)


def activation(i, j):
    """7-day activation by cell: arm effects plus one-hour × three-steps = +6 points."""
    return 0.20 + [0, 0.02, 0.01][i] + [0, 0.03][j] + (0.06 if (i, j) == (1, 1) else 0)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def fit(a, b, y, k, m, alpha=0.05):
    columns = [np.ones(len(a))] + [(a == i).astype(float) for i in range(1, k)] + [(b == j).astype(float) for j in range(1, m)]
    interactions = []
    for i in range(1, k):
        for j in range(1, m):
            interactions.append(len(columns))
            columns.append(((a == i) & (b == j)).astype(float))
    x = np.column_stack(columns)
    result = sm.OLS(y, x).fit(cov_type="HC0")
    r = np.zeros((len(interactions), x.shape[1]))
    for row, column in enumerate(interactions):
        r[row, column] = 1
    wald = result.wald_test(r, use_f=False, scalar=True)
    ci = result.conf_int(alpha)
    contrasts = []
    for index, column in enumerate(interactions):
        i, j = 1 + index // (m - 1), 1 + index % (m - 1)
        contrasts.append({"experimentArm": A_ARMS[i], "otherArm": B_ARMS[j], "estimate": float(result.params[column]),
                          "standardError": float(result.bse[column]), "pValue": float(result.pvalues[column]),
                          "lower": float(ci[column, 0]), "upper": float(ci[column, 1])})
    cells = [[[int(((a == i) & (b == j)).sum()), int(y[(a == i) & (b == j)].sum())] for j in range(m)] for i in range(k)]
    return {"cells": cells, "contrasts": contrasts, "chiSquare": float(wald.statistic),
            "degreesOfFreedom": int(wald.df_denom), "pValue": float(wald.pvalue)}


def main():
    rng = np.random.default_rng(20260901)
    users = 12_000
    lines = []
    a_arm, b_arm, activated, unsubscribed = [], [], [], []
    for n in range(users):
        uid = "u%05d" % n
        signup = START + timedelta(seconds=int(rng.integers(0, 14 * 86400)), milliseconds=int(rng.integers(0, 1000)))
        i = int(rng.integers(0, 3))
        lines.append({"user_id": uid, "event": "signup_completed", "timestamp": stamp(signup), "experiment": A,
                      "variant": A_ARMS[i], "country": "US", "platform": "web"})
        j = None
        if rng.random() < 0.8:
            j = int(rng.integers(0, 2))
            shown = signup + timedelta(minutes=int(rng.integers(30, 180)))
            lines.append({"user_id": uid, "event": "checklist_shown", "timestamp": stamp(shown), "experiment": B,
                          "variant": B_ARMS[j], "platform": "web"})
        p = activation(i, 0 if j is None else j)
        converted = rng.random() < p
        if converted:
            # Within 7 days of the welcome exposure, after the checklist (so both windows hold it).
            at = signup + timedelta(hours=3, seconds=int(rng.integers(0, 6 * 86400)))
            lines.append({"user_id": uid, "event": "first_project_created", "timestamp": stamp(at)})
        left = rng.random() < 0.03
        if left:
            lines.append({"user_id": uid, "event": "unsubscribed", "timestamp": stamp(signup + timedelta(days=int(rng.integers(1, 10))))})
        if rng.random() < 0.4:
            lines.append({"user_id": uid, "event": "session_start", "timestamp": stamp(signup + timedelta(days=7, hours=int(rng.integers(1, 20))))})
        if rng.random() < 0.1:
            lines.append({"user_id": uid, "event": "purchase", "timestamp": stamp(signup + timedelta(days=int(rng.integers(1, 25)))),
                          "amount": round(float(rng.lognormal(3, 0.7)), 2)})
        if j is not None:
            a_arm.append(i)
            b_arm.append(j)
            activated.append(1.0 if converted else 0.0)
            unsubscribed.append(1.0 if left else 0.0)
    # The end of observation, long after every window closed, so no unit is still maturing.
    lines.append({"user_id": "observer", "event": "page_view", "timestamp": stamp(START + timedelta(days=60))})
    lines.sort(key=lambda line: (line["timestamp"], line["user_id"], line["event"]))
    with gzip.GzipFile(LOG, "wb", mtime=0) as out:
        for line in lines:
            out.write((json.dumps(line, separators=(",", ":")) + "\n").encode())
    print("wrote", os.path.normpath(LOG), len(lines), "lines")
    a, b = np.array(a_arm), np.array(b_arm)
    reference = {"experiment": A, "other": B, "usersInBoth": len(a_arm), "usersOnlyExperiment": users - len(a_arm),
                 "metrics": {"activated_7d": fit(a, b, np.array(activated), 3, 2),
                             "unsubscribed": fit(a, b, np.array(unsubscribed), 3, 2)}}
    for metric, values in reference["metrics"].items():
        print(metric, [round(c["estimate"], 4) for c in values["contrasts"]], round(values["pValue"], 5))
    write_fixture("concurrent_interaction_reference.json", "make_concurrent_experiments.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
                  directory=FIXTURES, **reference)


if __name__ == "__main__":
    main()
