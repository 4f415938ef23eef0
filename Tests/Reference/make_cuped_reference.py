#!/usr/bin/env python3
"""Reference values for ABStats' CUPED (Sources/ABStats/CUPED).

Seeded data are reduced to the sufficient statistics the Swift code sees (n, Σy, Σy², Σx, Σx²,
Σxy per group). The expected answers come from the raw rows, by other routes:
  * theta and the adjusted difference: statsmodels OLS of y on [1, treatment, x − mean(x)];
  * the interval and p-value: scipy's Welch test on the adjusted values y − θ(x − mean(x));
  * the variance reduction: 1 − se²(adjusted Welch) / se²(raw Welch).
The OLS (homoskedastic) standard error is stored too; it differs from the Welch-style one only
by the unequal-variance weighting and θ's own uncertainty (a fraction of a percent here).

Regenerate with:  python3 Tests/Reference/make_cuped_reference.py   (needs numpy, scipy, statsmodels)
"""

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

from fixture_writer import write_fixture


def sums(y, x):
    return {"units": int(len(y)), "sumY": float(y.sum()), "sumYSquares": float((y * y).sum()),
            "sumX": float(x.sum()), "sumXSquares": float((x * x).sum()), "sumXY": float((x * y).sum())}


def case(cid, seed, n_control, n_variant, effect, correlation, alpha=0.05, skewed=False):
    rng = np.random.default_rng(seed)
    def group(n, shift):
        x = rng.lognormal(1.0, 0.8, n) if skewed else rng.normal(10, 3, n)
        noise = rng.normal(0, 3 * np.sqrt(max(1 - correlation**2, 1e-9)), n)
        y = 2 + correlation * (x - x.mean()) + noise + shift + (0.3 * x if skewed else 0)
        return y, x
    yc, xc = group(n_control, 0.0)
    yv, xv = group(n_variant, effect)
    y = np.concatenate([yc, yv]); x = np.concatenate([xc, xv])
    treatment = np.concatenate([np.zeros(n_control), np.ones(n_variant)])
    design = sm.add_constant(np.column_stack([treatment, x - x.mean()]))
    ols = sm.OLS(y, design).fit()
    theta = float(ols.params[2])
    adjusted = y - theta * (x - x.mean())
    ac, av = adjusted[:n_control], adjusted[n_control:]
    welch = stats.ttest_ind(av, ac, equal_var=False)
    ci = welch.confidence_interval(confidence_level=1 - alpha)
    se_adj = float(np.sqrt(ac.var(ddof=1) / n_control + av.var(ddof=1) / n_variant))
    se_raw = float(np.sqrt(yc.var(ddof=1) / n_control + yv.var(ddof=1) / n_variant))
    half = n_control // 2
    return {
        "id": cid, "alpha": alpha,
        "control": sums(yc, xc), "variant": sums(yv, xv),
        "controlHalves": [sums(yc[:half], xc[:half]), sums(yc[half:], xc[half:])],
        "theta": theta, "difference": float(ols.params[1]), "olsStandardError": float(ols.bse[1]),
        "adjustedMeans": [float(ac.mean()), float(av.mean())],
        "standardError": se_adj, "statistic": float(welch.statistic), "pValue": float(welch.pvalue),
        "df": float(welch.df), "ci": [float(ci.low), float(ci.high)],
        "unadjustedStandardError": se_raw, "varianceReduction": 1 - se_adj**2 / se_raw**2,
    }


def main():
    cases = [
        case("strong-covariate", 1, 2000, 2000, 0.25, 0.8),
        case("weak-covariate", 2, 1500, 1600, 0.25, 0.2),
        case("no-effect", 3, 3000, 2900, 0.0, 0.6),
        case("unequal-groups", 4, 500, 4000, -0.4, 0.7),
        case("small-groups", 5, 12, 15, 1.0, 0.9),
        case("alpha-0.01", 6, 2500, 2500, 0.2, 0.5, alpha=0.01),
        case("skewed-revenue", 7, 5000, 5000, 0.1, 0.6, skewed=True),
        case("uncorrelated", 8, 1000, 1000, 0.3, 0.0),
    ]
    write_fixture("cuped_reference.json", "make_cuped_reference.py", {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}, cases=cases)
    for c in cases:
        print(c["id"], round(c["theta"], 4), round(c["varianceReduction"], 4), round(c["standardError"] / c["olsStandardError"], 4))


if __name__ == "__main__":
    main()
