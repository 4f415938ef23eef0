#!/usr/bin/env python3
"""Reference values for ABStats' survival analysis (Sources/ABStats/Survival), from lifelines.

Seeded time-to-event data (exponential and Weibull times, random and administrative censoring,
some rounded to whole days so that ties occur) are stored as life tables. lifelines gives the
Kaplan–Meier curve and its exponential-Greenwood band (KaplanMeierFitter), the median and its
interval (median_survival_times on the band), the log-rank test (statistics.logrank_test) and
the restricted mean survival time (utils.restricted_mean_survival_time). lifelines' RMST
"variance" is the variance of min(T, τ), not of the estimate, so the estimate's variance,
Σ A_i² d_i / (n_i (n_i − d_i)) with A_i the area under the curve from t_i to τ, is evaluated
here from lifelines' event table.

The RMST difference's z-test (p-value, interval) uses scipy's normal on those values, and a
seeded bootstrap of units (numpy Kaplan–Meier) checks its standard error independently.

Regenerate with:  python3 Tests/Reference/make_survival_reference.py   (needs lifelines, numpy)
"""
import math
import warnings

import lifelines
import scipy
import numpy as np
from scipy import stats
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from lifelines.utils import median_survival_times, restricted_mean_survival_time

from fixture_writer import write_fixture


def finite_or_none(x):
    x = float(x)
    return x if math.isfinite(x) else None


def life_table(times, events):
    rows = {}
    for t, e in zip(times, events):
        d, c = rows.get(float(t), (0, 0))
        rows[float(t)] = (d + int(e), c + int(not e))
    return [{"time": t, "events": d, "censored": c} for t, (d, c) in sorted(rows.items())]


def rmst_variance(kmf, horizon):
    table = kmf.event_table
    sf = kmf.survival_function_.iloc[:, 0]
    event_times = [t for t in table.index if table.loc[t, "observed"] > 0 and 0 < t <= horizon]
    total = 0.0
    for t in event_times:
        n, d = table.loc[t, "at_risk"], table.loc[t, "observed"]
        if n == d:
            continue
        later = [u for u in event_times if u > t] + [horizon]
        grid = [t] + later
        area = sum(sf.loc[:grid[i]].iloc[-1] * (grid[i + 1] - grid[i]) for i in range(len(grid) - 1))
        total += area * area * d / (n * (n - d))
    return total


def km_rmst(times, events, horizon):
    """RMST of one group by a plain numpy Kaplan–Meier (for the bootstrap; no lifelines)."""
    order = np.argsort(times, kind="stable")
    t, e = times[order], events[order]
    unique = np.unique(t[e])
    at_risk = np.array([(t >= u).sum() for u in unique])
    deaths = np.array([((t == u) & e).sum() for u in unique])
    surv = np.cumprod(1 - deaths / at_risk)
    grid = np.concatenate([[0.0], unique[unique < horizon], [horizon]])
    steps = np.concatenate([[1.0], surv[unique < horizon]])
    return float(np.sum(steps * np.diff(grid)))


def rmst_bootstrap_se(tc, ec, tv, ev, horizon, seed, replicates=1000):
    """Standard error of the RMST difference from resampling units in each group."""
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(replicates):
        ic = rng.integers(0, len(tc), len(tc))
        iv = rng.integers(0, len(tv), len(tv))
        diffs.append(km_rmst(tv[iv], ev[iv], horizon) - km_rmst(tc[ic], ec[ic], horizon))
    return float(np.std(diffs, ddof=1))


def group_summary(times, events, alpha, horizon, queries):
    kmf = KaplanMeierFitter(alpha=alpha).fit(times, events)
    ci = kmf.confidence_interval_
    lo_col, hi_col = ci.columns[0], ci.columns[1]
    points = []
    for q in queries:
        s = float(kmf.predict(q))
        row = ci.loc[:q].iloc[-1]
        lower, upper = sorted([float(row[lo_col]), float(row[hi_col])])
        if 0 < s < 1 and math.isfinite(lower) and math.isfinite(upper):
            points.append({"time": q, "survival": s, "lower": lower, "upper": upper})
    med_ci = median_survival_times(ci)
    ends = sorted(finite_or_none(v) if finite_or_none(v) is not None else math.inf for v in med_ci.values[0])
    return kmf, {
        "points": points,
        "median": finite_or_none(kmf.median_survival_time_),
        "medianInterval": [None if math.isinf(v) else v for v in ends],
        "rmst": float(restricted_mean_survival_time(kmf, t=horizon)),
        "rmstVariance": rmst_variance(kmf, horizon),
    }


def case(cid, seed, n_control, n_variant, hazard_ratio, alpha=0.05, horizon=30.0, rounded=False, weibull=False):
    rng = np.random.default_rng(seed)

    def group(n, rate):
        t = rng.weibull(1.5, n) * (12 / rate) if weibull else rng.exponential(12 / rate, n)
        c = np.minimum(rng.exponential(40, n), 45.0)
        times = np.minimum(t, c)
        if rounded:
            times = np.ceil(times)
        return times, t <= c

    tc, ec = group(n_control, 1.0)
    tv, ev = group(n_variant, hazard_ratio)
    queries = [1.0, 3.5, 7.0, 10.0, 14.0, 21.0, 28.0, 35.0]
    _, control = group_summary(tc, ec, alpha, horizon, queries)
    _, variant = group_summary(tv, ev, alpha, horizon, queries)
    lr = logrank_test(tc, tv, event_observed_A=ec, event_observed_B=ev)
    # The RMST difference's z-test as abkit reports it, from lifelines' RMSTs and the variance
    # above, with scipy's normal; the bootstrap checks the variance formula independently.
    # The bootstrap's numpy Kaplan–Meier must agree with lifelines on the full data.
    assert abs(km_rmst(tc, ec, horizon) - control["rmst"]) < 1e-9 and abs(km_rmst(tv, ev, horizon) - variant["rmst"]) < 1e-9
    difference = variant["rmst"] - control["rmst"]
    se = math.sqrt(control["rmstVariance"] + variant["rmstVariance"])
    z = stats.norm.isf(alpha / 2)
    rmst_difference = {
        "difference": difference, "standardError": se, "ci": [difference - z * se, difference + z * se],
        "pValue": float(2 * stats.norm.sf(abs(difference / se))),
        "bootstrapStandardError": rmst_bootstrap_se(tc, ec, tv, ev, horizon, seed + 1000),
    }
    return {"id": cid, "alpha": alpha, "horizon": horizon, "rmstDifference": rmst_difference,
            "controlTable": life_table(tc, ec), "variantTable": life_table(tv, ev),
            "control": control, "variant": variant,
            "logRank": {"statistic": float(lr.test_statistic), "pValue": float(lr.p_value)}}


def main():
    warnings.simplefilter("ignore")
    cases = [
        case("exponential-hr-0.8", 21, 300, 300, 0.8),
        case("no-difference", 22, 250, 260, 1.0),
        case("whole-days-ties", 23, 400, 380, 0.7, rounded=True),
        case("weibull-hr-1.3", 24, 200, 220, 1.3, weibull=True),
        case("small-groups", 25, 25, 30, 0.6, horizon=20.0),
        case("alpha-0.10-days", 26, 150, 150, 0.9, alpha=0.10, rounded=True, horizon=14.0),
    ]
    write_fixture("survival_reference.json", "make_survival_reference.py", {"lifelines": lifelines.__version__, "numpy": np.__version__, "scipy": scipy.__version__}, cases=cases)
    for c in cases:
        print(c["id"], c["control"]["median"], c["control"]["medianInterval"], c["logRank"], round(c["control"]["rmst"], 3))


if __name__ == "__main__":
    main()
