#!/usr/bin/env python3
"""Reference values for ABStats' non-inferiority tests (Sources/ABStats/NonInferiority), from
statsmodels.

Goal "increase": H0 effect ≤ −margin against H1 effect > −margin, with the one-sided lower bound
at 1 − alpha; goal "decrease": H0 effect ≥ +margin, upper bound. Sample 1 in statsmodels is the
variant, so statsmodels' differences are variant − control and its ratios variant / control.

- Rates, absolute margin: test_proportions_2indep(compare="diff", method="wald", value=∓margin,
  alternative="larger"/"smaller"); the bound from confint_proportions_2indep(method="wald") at
  2·alpha (its one side is the one-sided bound at alpha).
- Rates, relative margin: test_proportions_2indep(compare="ratio", method="log",
  value=1 ∓ margin); the bound from confint_proportions_2indep(compare="ratio", method="log") at
  2·alpha, minus 1.
- Means: weightstats.ttest_ind(usevar="unequal", value=∓margin) on seeded unit-level data, the
  bound from CompareMeans.tconfint_diff(alternative=…, usevar="unequal"); the fixture holds the
  data's sufficient statistics (n, Σx, Σx²).

Regenerate with:  python3 Tests/Reference/make_noninferiority_reference.py   (needs statsmodels)
"""
import math

import numpy as np
import scipy
import statsmodels
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttest_ind

from fixture_writer import write_fixture


def f(x):
    x = float(x)
    assert math.isfinite(x), x
    return x


# (id, control (conversions, units), variant (conversions, units), margin, scale, goal, alpha)
PROPORTIONS = [
    ("diff-increase-noninferior", (1200, 10000), (1185, 10000), 0.01, "absolute", "increase", 0.05),
    ("diff-increase-inferior", (1200, 10000), (1080, 10000), 0.01, "absolute", "increase", 0.05),
    ("diff-increase-borderline", (500, 4000), (470, 4100), 0.02, "absolute", "increase", 0.025),
    ("diff-decrease-unsubscribes", (300, 20000), (320, 20000), 0.004, "absolute", "decrease", 0.05),
    ("diff-decrease-worse", (300, 20000), (390, 20000), 0.002, "absolute", "decrease", 0.10),
    ("diff-small-groups", (12, 60), (14, 55), 0.1, "absolute", "increase", 0.05),
    ("diff-zero-control", (0, 500), (3, 480), 0.02, "absolute", "decrease", 0.05),
    ("ratio-increase-noninferior", (800, 8000), (790, 8000), 0.1, "relative", "increase", 0.05),
    ("ratio-increase-inferior", (800, 8000), (700, 8000), 0.05, "relative", "increase", 0.05),
    ("ratio-decrease", (150, 9000), (160, 9100), 0.25, "relative", "decrease", 0.05),
    ("ratio-decrease-large-margin", (40, 1000), (70, 1000), 1.5, "relative", "decrease", 0.01),
    ("ratio-unequal-groups", (95, 1300), (260, 3900), 0.2, "relative", "increase", 0.10),
]

# (id, seed, control (n, mean, sd), variant (n, mean, sd), margin, goal, alpha)
MEANS = [
    ("welch-increase-noninferior", 31, (2000, 25.0, 12.0), (2100, 24.8, 13.0), 1.0, "increase", 0.05),
    ("welch-increase-inferior", 32, (1500, 25.0, 12.0), (1500, 23.5, 12.0), 0.5, "increase", 0.05),
    ("welch-decrease-latency", 33, (800, 310.0, 90.0), (820, 318.0, 140.0), 15.0, "decrease", 0.05),
    ("welch-decrease-worse", 34, (400, 310.0, 90.0), (380, 340.0, 95.0), 10.0, "decrease", 0.025),
    ("welch-small-unequal", 35, (12, 5.0, 1.0), (30, 4.6, 3.0), 0.8, "increase", 0.10),
    ("welch-tiny", 36, (3, 10.0, 2.0), (4, 9.0, 5.0), 2.0, "increase", 0.05),
]


def proportions():
    rows = []
    for cid, (xc, nc), (xv, nv), margin, scale, goal, alpha in PROPORTIONS:
        sign = -1 if goal == "increase" else 1
        alternative = "larger" if goal == "increase" else "smaller"
        compare, method = ("diff", "wald") if scale == "absolute" else ("ratio", "log")
        value = sign * margin if scale == "absolute" else 1 + sign * margin
        res = test_proportions_2indep(xv, nv, xc, nc, value=value, method=method, compare=compare, alternative=alternative)
        low, upp = confint_proportions_2indep(xv, nv, xc, nc, method=method, compare=compare, alpha=2 * alpha)
        bound = low if goal == "increase" else upp
        pv, pc = xv / nv, xc / nc
        effect = pv - pc if scale == "absolute" else pv / pc - 1
        if scale == "relative":
            bound -= 1
        rows.append({"id": cid, "control": [xc, nc], "variant": [xv, nv], "margin": margin, "scale": scale,
                     "goal": goal, "alpha": alpha, "effect": f(effect), "statistic": f(res.statistic),
                     "pValue": f(res.pvalue), "bound": f(bound), "standardError": f(math.sqrt(res.variance))})
        print("proportions", cid, res.statistic, res.pvalue, bound)
    return rows


def means():
    rows = []
    for cid, seed, (nc, mc, sc), (nv, mv, sv), margin, goal, alpha in MEANS:
        rng = np.random.default_rng(seed)
        control = rng.normal(mc, sc, nc)
        variant = rng.gamma(4, sv / 2, nv) + (mv - 2 * sv)  # skewed, with mean mv and sd sv
        sign = -1 if goal == "increase" else 1
        alternative = "larger" if goal == "increase" else "smaller"
        t, p, df = ttest_ind(variant, control, alternative=alternative, usevar="unequal", value=sign * margin)
        low, upp = CompareMeans(DescrStatsW(variant), DescrStatsW(control)).tconfint_diff(
            alpha=alpha, alternative=alternative, usevar="unequal")
        bound = low if goal == "increase" else upp
        stats = lambda x: [len(x), f(x.sum()), f((x * x).sum())]
        rows.append({"id": cid, "control": stats(control), "variant": stats(variant), "margin": margin, "goal": goal,
                     "alpha": alpha, "effect": f(variant.mean() - control.mean()), "statistic": f(t), "pValue": f(p),
                     "degreesOfFreedom": f(df), "bound": f(bound)})
        print("means", cid, t, p, df, bound)
    return rows


def main():
    write_fixture("noninferiority_reference.json", "make_noninferiority_reference.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
                  proportions=proportions(), means=means())


if __name__ == "__main__":
    main()
