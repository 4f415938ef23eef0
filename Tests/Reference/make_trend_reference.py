#!/usr/bin/env python3
"""Reference values for ABStats' trend tests across ordered groups (Sources/ABStats/Trend).

Cochran–Armitage (proportions): z = Σxᵢ(sᵢ − s̄) / √(p̄(1 − p̄) Σnᵢ(sᵢ − s̄)²), evaluated with numpy,
and cross-checked two ways before anything is written:
  * R's published example of prop.trend.test (smokers 83/86, 90/93, 129/136, 70/82, scores 1..4:
    X-squared = 8.2249, p-value = 0.004132) — z² must equal it;
  * statsmodels' Table.test_ordinal_association (a permutation variance, N − 1 in place of N):
    its z·√(N/(N − 1)) must equal ours.
Linear contrast (means): cᵢ = sᵢ − mean(s), t = Σcᵢȳᵢ / √Σcᵢ²vᵢ/nᵢ on Welch–Satterthwaite df, from
seeded per-unit rows with numpy/scipy.stats.t; cross-checked against scipy's Welch t-test
(ttest_ind(equal_var=False)) in the two-group case, which it must reproduce.

Regenerate with:  python3 Tests/Reference/make_trend_reference.py   (needs numpy, scipy, statsmodels)
"""

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import Table

from fixture_writer import write_fixture


def cochran_armitage(units, conversions, scores):
    n, x, s = (np.asarray(v, dtype=float) for v in (units, conversions, scores))
    total = n.sum()
    p = x.sum() / total
    sbar = (n * s).sum() / total
    sxx = (n * (s - sbar) ** 2).sum()
    t = (x * (s - sbar)).sum()
    z = t / np.sqrt(p * (1 - p) * sxx)
    return {"statistic": z, "pValue": 2 * stats.norm.sf(abs(z)), "pValueIncreasing": stats.norm.sf(z),
            "pValueDecreasing": stats.norm.cdf(z), "slope": t / sxx, "standardError": np.sqrt(p * (1 - p) / sxx)}


def statsmodels_check(units, conversions, scores, z):
    table = np.column_stack([np.asarray(units) - np.asarray(conversions), conversions]).astype(float)
    result = Table(table).test_ordinal_association(row_scores=np.asarray(scores, float), col_scores=np.array([0.0, 1.0]))
    total = table.sum()
    assert abs(result.zscore * np.sqrt(total / (total - 1)) - z) < 1e-9 * max(1, abs(z)), (result.zscore, z)


def proportion_case(cid, units, conversions, scores):
    ref = cochran_armitage(units, conversions, scores)
    statsmodels_check(units, conversions, scores, ref["statistic"])
    return {"id": cid, "units": list(map(int, units)), "conversions": list(map(int, conversions)),
            "scores": list(map(float, scores)), **{k: float(v) for k, v in ref.items()}}


def linear_contrast(groups, scores):
    s = np.asarray(scores, float)
    c = s - s.mean()
    means = np.array([g.mean() for g in groups])
    terms = np.array([ci * ci * g.var(ddof=1) / len(g) for ci, g in zip(c, groups)])
    var = terms.sum()
    df = var ** 2 / sum(t * t / (len(g) - 1) for t, g in zip(terms, groups))
    t = (c * means).sum() / np.sqrt(var)
    css = (c * c).sum()
    return {"statistic": t, "degreesOfFreedom": df, "pValue": 2 * stats.t.sf(abs(t), df),
            "pValueIncreasing": stats.t.sf(t, df), "pValueDecreasing": stats.t.cdf(t, df),
            "slope": (c * means).sum() / css, "standardError": np.sqrt(var) / css}


def sufficient_contrast(groups, scores):
    """The same contrast from (units, sum, sumSquares), as Experiments/summaries give them."""
    s = np.asarray(scores, float)
    c = s - s.mean()
    n = np.array([g[0] for g in groups], float)
    mean = np.array([g[1] for g in groups]) / n
    var = (np.array([g[2] for g in groups]) - n * mean ** 2) / (n - 1)
    terms = c * c * var / n
    se2 = terms.sum()
    df = se2 ** 2 / (terms ** 2 / (n - 1)).sum()
    t = (c * mean).sum() / np.sqrt(se2)
    return {"statistic": float(t), "degreesOfFreedom": float(df), "pValue": float(2 * stats.t.sf(abs(t), df))}


def mean_case(cid, seed, sizes, locations, spreads, scores, lognormal=False):
    rng = np.random.default_rng(seed)
    groups = []
    for n, mu, sd in zip(sizes, locations, spreads):
        g = rng.lognormal(mu, sd, n) if lognormal else rng.normal(mu, sd, n)
        groups.append(g)
    ref = linear_contrast(groups, scores)
    if len(groups) == 2:
        welch = stats.ttest_ind(groups[1], groups[0], equal_var=False)
        assert abs(welch.statistic - ref["statistic"]) < 1e-9 * abs(welch.statistic), (welch.statistic, ref["statistic"])
        assert abs(welch.pvalue - ref["pValue"]) < 1e-9, (welch.pvalue, ref["pValue"])
    return {"id": cid, "scores": list(map(float, scores)),
            "groups": [{"units": int(len(g)), "sum": float(g.sum()), "sumSquares": float((g * g).sum())} for g in groups],
            **{k: float(v) for k, v in ref.items()}}


# R documentation, ?prop.trend.test: X-squared = 8.2249, df = 1, p-value = 0.004132.
smokers, patients = [83, 90, 129, 70], [86, 93, 136, 82]
r_example = cochran_armitage(patients, smokers, [1, 2, 3, 4])
assert abs(r_example["statistic"] ** 2 - 8.2249) < 5e-5, r_example["statistic"] ** 2
assert abs(r_example["pValue"] - 0.004132) < 5e-7, r_example["pValue"]

proportions = [
    proportion_case("r-prop-trend-test-smokers", patients, smokers, [1, 2, 3, 4]),
    proportion_case("welcome-summary-activated-0-1-24", [4012, 3877, 3902], [803, 851, 812], [0, 1, 24]),
    proportion_case("falling-with-delay", [5000, 5000, 5000, 5000], [1100, 1040, 990, 930], [0, 2, 6, 24]),
    proportion_case("two-groups", [1200, 1180], [240, 270], [0, 1]),
    proportion_case("flat", [3000, 3000, 3000], [600, 601, 599], [9, 13, 18]),
    proportion_case("unequal-scores-rare", [20000, 18000, 22000], [40, 52, 71], [-1.5, 0.25, 3]),
]
means = [
    mean_case("normal-rising", 11, [400, 380, 420], [10.0, 10.4, 10.9], [3.0, 3.5, 4.0], [0, 1, 24]),
    mean_case("two-groups-welch", 12, [150, 260], [5.0, 5.6], [2.0, 3.5], [0, 1]),
    mean_case("revenue-lognormal-4", 13, [900, 1000, 1100, 950], [1.0, 1.02, 1.05, 1.0], [1.2, 1.2, 1.3, 1.1], [0, 1, 6, 24],
              lognormal=True),
    mean_case("small-unequal", 14, [8, 15, 30], [2.0, 2.5, 2.2], [0.5, 1.5, 3.0], [1, 2, 4]),
]

# Experiments/summaries/welcome-message-timing.summary.json with doses 0, 1, 24 (hours):
# the numbers Tests/ABKitTests/Trend/TrendAnalysisTests.swift expects from abkit analyze.
welcome_revenue = sufficient_contrast([(4012, 20512.5, 881220.1), (3877, 21003.0, 902113.4), (3902, 20288.0, 871554.9)],
                                      [0, 1, 24])
print("welcome activated_7d:", proportions[1])
print("welcome revenue_30d:", welcome_revenue)

write_fixture("trend_reference.json", "make_trend_reference.py",
              {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
              welcomeRevenue=welcome_revenue, rExample={"statistic": r_example["statistic"], "chiSquared": 8.2249, "pValue": 0.004132},
              proportions=proportions, means=means)
