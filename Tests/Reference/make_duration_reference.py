#!/usr/bin/env python3
"""Reference values for ABStats' experiment duration (Sources/ABStats/Power/ExperimentDuration.swift),
from statsmodels' NormalIndPower.

Units per arm come from NormalIndPower.solve_power (polished with brentq on statsmodels' own
power() to 1e-14, as make_bayes_reference.py does, so that the rounding up is not decided by
solve_power's early stop). Control needs ⌈nobs1⌉ units and each other arm ⌈ratio × nobs1⌉; the
experiment needs ⌈total / (daily eligible units × traffic share)⌉ days.

Inversely, after N days control has N × daily × share / (1 + (variants − 1) × ratio) units, and
the detectable effect size solves power(d, nobs1) = target (solve_power, polished); the lift is
read back from Cohen's h (rates) or d × sd (means).

Regenerate with:  python3 Tests/Reference/make_duration_reference.py   (needs statsmodels, scipy)
"""
import math

import numpy as np
import scipy
import statsmodels
from scipy import optimize
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from fixture_writer import write_fixture

SM_ALTERNATIVE = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}

# (id, metric, lift kind, lift, alpha, power, ratio, alternative, daily eligible, variants, share, days for the MDE)
CASES = [
    ("rate-two-arms-full", ["proportion", 0.1], "relative", 0.05, 0.05, 0.8, 1, "two-sided", 20000, 2, 1.0, 14),
    ("rate-half-traffic", ["proportion", 0.1], "relative", 0.05, 0.05, 0.8, 1, "two-sided", 20000, 2, 0.5, 14),
    ("rate-four-arms", ["proportion", 0.03], "absolute", 0.003, 0.05, 0.8, 1, "two-sided", 50000, 4, 0.2, 21),
    ("rate-one-sided-ratio-2", ["proportion", 0.25], "relative", 0.04, 0.05, 0.9, 2, "greater", 3000, 3, 0.75, 7),
    ("rate-fractional-daily", ["proportion", 0.4], "absolute", -0.05, 0.1, 0.8, 1, "less", 123.5, 2, 0.3, 30),
    ("rate-one-day-enough", ["proportion", 0.2], "absolute", 0.1, 0.05, 0.8, 1, "two-sided", 100000, 2, 1.0, 1),
    ("mean-two-arms", ["mean", 20.0, 35.0], "relative", 0.02, 0.05, 0.8, 1, "two-sided", 8000, 2, 1.0, 28),
    ("mean-five-arms-small-share", ["mean", 3.0, 4.5], "absolute", 0.1, 0.01, 0.95, 0.5, "two-sided", 40000, 5, 0.1, 60),
]


def polish(fn, x0):
    lo, hi = x0 * 0.9, x0 * 1.1
    while fn(lo) * fn(hi) > 0:
        lo, hi = lo / 2, hi * 2
    return optimize.brentq(fn, lo, hi, xtol=1e-300, rtol=1e-14, maxiter=500)


def main():
    engine = NormalIndPower()
    rows = []
    for cid, metric, kind, lift, alpha, target, ratio, alt, daily, variants, share, mde_days in CASES:
        sm_alt = SM_ALTERNATIVE[alt]
        if metric[0] == "proportion":
            base = metric[1]
            effect = proportion_effectsize(base + (lift if kind == "absolute" else base * lift), base)
        else:
            base = metric[1]
            effect = (lift if kind == "absolute" else base * lift) / metric[2]
        raw = engine.solve_power(effect_size=effect, nobs1=None, alpha=alpha, power=target, ratio=ratio, alternative=sm_alt)
        n = polish(lambda x: engine.power(effect, x, alpha, ratio=ratio, alternative=sm_alt) - target, float(raw))
        control_units, variant_units = math.ceil(n), math.ceil(n * ratio)
        total = control_units + (variants - 1) * variant_units
        days = math.ceil(total / (daily * share))
        nobs_after = mde_days * daily * share / (1 + (variants - 1) * ratio)
        raw_es = engine.solve_power(effect_size=None, nobs1=nobs_after, alpha=alpha, power=target, ratio=ratio, alternative=sm_alt)
        sign = -1 if alt == "less" else 1
        es = sign * polish(lambda d: engine.power(sign * d, nobs_after, alpha, ratio=ratio, alternative=sm_alt) - target, abs(float(raw_es)))
        if metric[0] == "proportion":
            detectable = math.sin(math.asin(math.sqrt(base)) + es / 2) ** 2 - base
        else:
            detectable = es * metric[2]
        # The days are the least whole number whose traffic covers the total.
        assert (days - 1) * daily * share < total <= days * daily * share
        rows.append({"id": cid, "metric": metric, "liftKind": kind, "lift": lift, "alpha": alpha, "power": target,
                     "ratio": ratio, "alternative": alt, "dailyEligibleUnits": daily, "variants": variants,
                     "trafficShare": share, "nobs1": float(n), "controlUnits": control_units, "variantUnits": variant_units,
                     "totalUnits": total, "days": days, "mdeDays": mde_days, "nobs1AfterDays": nobs_after,
                     "detectableEffectSize": float(es), "detectableAbsoluteLift": float(detectable)})
        print(cid, n, total, days, nobs_after, es, detectable)
    write_fixture("duration_reference.json", "make_duration_reference.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__}, cases=rows)


if __name__ == "__main__":
    main()
