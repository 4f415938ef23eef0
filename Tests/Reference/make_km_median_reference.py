#!/usr/bin/env python3
"""Reference medians of Kaplan–Meier curves (Sources/ABStats/Survival/KaplanMeier.swift), where
the survival estimate reaches exactly 1/2.

A median is the first event time with S(t) ≤ 1/2. When half of an even group has the event
before any censoring, S lands on exactly 1/2 (71/142, say), and a floating-point product of the
factors (1 − d/n) can come out a hair above or below it, moving the median by one event time.
The truth is computed here with exact fractions (Python's Fraction): S(t) = Π (n_i − d_i)/n_i.
lifelines (KaplanMeierFitter, median_survival_times on its exponential-Greenwood band) supplies
the median's interval and a second median; the script counts where lifelines' floating-point
median (exp of a sum of logs) agrees with the exact one, and the fixture keeps both, with the
median a running product S *= 1 − d/n gives (what ABStats computed before the fix).

Datasets, all seeded: whole-day event times (so ties are common), even and odd group sizes,
administrative censoring only (half of an even group converts before any censoring) or random
censoring too. The first cases are hand-picked exact halves.

Regenerate with:  python3 Tests/Reference/make_km_median_reference.py   (needs lifelines, numpy)
"""
import math
import warnings
from fractions import Fraction

import lifelines
import numpy as np
import scipy
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times

from fixture_writer import write_fixture


def life_table(times, events):
    rows = {}
    for t, e in zip(times, events):
        d, c = rows.get(float(t), (0, 0))
        rows[float(t)] = (d + int(e), c + int(not e))
    return [[t, d, c] for t, (d, c) in sorted(rows.items())]


def exact_median(table):
    """First event time where the exact product of (n − d)/n is ≤ 1/2; None if never."""
    at_risk = sum(d + c for _, d, c in table)
    survival = Fraction(1)
    for t, d, c in table:
        if d > 0:
            survival *= Fraction(at_risk - d, at_risk)
            if survival <= Fraction(1, 2):
                return t, survival == Fraction(1, 2)
        at_risk -= d + c
    return None, False


def float_product_median(table):
    """The median as a running floating-point product S *= 1 − d/n finds it (ABStats before the fix)."""
    at_risk = sum(d + c for _, d, c in table)
    survival = 1.0
    for t, d, c in table:
        if d > 0:
            survival *= 1 - d / at_risk
            if survival <= 0.5:
                return t
        at_risk -= d + c
    return None


def none_if_inf(x):
    x = float(x)
    return x if math.isfinite(x) else None


def dataset(cid, seed, n, scale, censor_after=None, random_censoring=False, alpha=0.05):
    rng = np.random.default_rng(seed)
    event_times = np.ceil(rng.exponential(scale, n))
    follow_up = np.full(n, np.inf if censor_after is None else float(censor_after))
    if random_censoring:
        follow_up = np.minimum(follow_up, np.ceil(rng.exponential(3 * scale, n)))
    times = np.minimum(event_times, follow_up)
    observed = event_times <= follow_up
    table = life_table(times, observed)
    median, exact_half = exact_median(table)
    kmf = KaplanMeierFitter(alpha=alpha).fit(times, observed)
    interval = median_survival_times(kmf.confidence_interval_).values[0]
    lower, upper = sorted(math.inf if not math.isfinite(v) else float(v) for v in interval)
    return {"id": cid, "alpha": alpha, "table": table, "median": median, "exactHalf": exact_half,
            "floatProductMedian": float_product_median(table),
            "lifelinesMedian": none_if_inf(kmf.median_survival_time_),
            "medianInterval": [None if math.isinf(lower) else lower, None if math.isinf(upper) else upper]}


def main():
    warnings.simplefilter("ignore")
    # Even groups with no censoring before the median: the first seed from each start whose
    # whole-day times do not jump over 1/2 in a tie, so that S is exactly 71/142 (say) there.
    cases = []
    for cid, start, n, scale, censor_after in [("even-142-half-before-censoring", 1900, 142, 40.0, 200),
                                               ("even-20-half-before-censoring", 3900, 20, 10.0, 60),
                                               ("even-64-no-censoring", 5900, 64, 15.0, None)]:
        seed = start
        while not (case := dataset(cid, seed, n, scale, censor_after=censor_after))["exactHalf"]:
            seed += 1
        cases.append(case | {"seed": seed})
    rng = np.random.default_rng(19)
    for index in range(180):
        n = int(rng.integers(6, 300))
        if index % 2 == 0:
            n += n % 2  # even groups, where exact halves occur
        scale = float(rng.uniform(3, 60))
        kind = index % 3
        cases.append(dataset(
            f"random-{index}", 2000 + index, n, scale,
            censor_after=None if kind == 0 else int(math.ceil(scale * rng.uniform(1.2, 4))),
            random_censoring=kind == 2, alpha=[0.05, 0.1, 0.01][index % 3 if index % 5 == 0 else 0]))
    halves = [c for c in cases if c["exactHalf"]]
    agree = sum(c["median"] == c["lifelinesMedian"] for c in cases)
    agree_halves = sum(c["median"] == c["lifelinesMedian"] for c in halves)
    assert cases[0]["exactHalf"], "the first case must reach exactly 1/2"
    summary = {"datasets": len(cases), "exactHalves": len(halves), "lifelinesAgrees": agree,
               "lifelinesAgreesOnExactHalves": agree_halves,
               "floatProductAgrees": sum(c["median"] == c["floatProductMedian"] for c in cases)}
    write_fixture("km_median_reference.json", "make_km_median_reference.py",
                  {"lifelines": lifelines.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
                  summary=summary, cases=cases)
    print(summary)
    for c in cases:
        if c["median"] != c["lifelinesMedian"]:
            print("lifelines differs:", c["id"], "exact", c["median"], "lifelines", c["lifelinesMedian"], "half" if c["exactHalf"] else "")


if __name__ == "__main__":
    main()
