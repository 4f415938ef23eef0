#!/usr/bin/env python3
"""End-to-end reference for CUPED from a user table (Tests/ABKitTests/Analysis/CUPEDAnalysisTests.swift).

Writes a seeded user table, Tests/ABKitTests/Fixtures/cuped_users.csv (user_id, variant, converted,
revenue, pre_sessions, pre_revenue), and the numbers `abkit analyze --users` must reproduce for the
metrics converted (conversion, covariate pre_sessions) and revenue (mean, covariate pre_revenue),
computed from the raw rows, not from sufficient statistics:
  * theta and the adjusted difference: statsmodels OLS of y on [1, treatment, x − mean(x)];
  * the interval and p-value: scipy's Welch test on the adjusted values y − θ(x − mean(x));
  * the variance reduction: 1 − se²(adjusted Welch) / se²(raw Welch);
  * the OLS HC2 standard error of the treatment coefficient, for comparison only;
  * the unadjusted p-value (statsmodels proportions_ztest for the rate, scipy Welch for the mean).

Regenerate with:  python3 Tests/Reference/make_cuped_users_reference.py   (needs numpy, scipy, statsmodels)
"""
import csv
import os

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.proportion import proportions_ztest
from scipy import stats

from fixture_writer import write_fixture

ROOT = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(ROOT, "..", "ABKitTests", "Fixtures"))
ALPHA = 0.05

rng = np.random.default_rng(20261123)
n = 3000
variant = np.where(rng.random(n) < 0.5, "control", "treatment")
treatment = (variant == "treatment").astype(float)
pre_sessions = rng.poisson(4.0, n).astype(float)
pre_revenue = np.round(rng.lognormal(1.5, 0.7, n), 2)
logit = -2.2 + 0.35 * pre_sessions + 0.15 * treatment
converted = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
revenue = np.round(np.maximum(0, 2 + 0.9 * pre_revenue + rng.normal(0, 2.5, n) + 0.3 * treatment), 2)

with open(os.path.join(FIXTURES, "cuped_users.csv"), "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["user_id", "variant", "converted", "revenue", "pre_sessions", "pre_revenue"])
    for i in range(n):
        w.writerow([f"u{i:05d}", variant[i], "true" if converted[i] else "false", f"{revenue[i]:.2f}",
                    f"{pre_sessions[i]:.0f}", f"{pre_revenue[i]:.2f}"])


def reference(y, x, proportion=False):
    y = y.astype(float)
    design = sm.add_constant(np.column_stack([treatment, x - x.mean()]))
    ols = sm.OLS(y, design).fit()
    theta = float(ols.params[2])
    adjusted = y - theta * (x - x.mean())
    a_c, a_t = adjusted[treatment == 0], adjusted[treatment == 1]
    y_c, y_t = y[treatment == 0], y[treatment == 1]
    welch = stats.ttest_ind(a_t, a_c, equal_var=False)
    se = np.sqrt(a_t.var(ddof=1) / len(a_t) + a_c.var(ddof=1) / len(a_c))
    raw_se = np.sqrt(y_t.var(ddof=1) / len(y_t) + y_c.var(ddof=1) / len(y_c))
    df = float(welch.df)
    critical = stats.t.ppf(1 - ALPHA / 2, df)
    diff = float(a_t.mean() - a_c.mean())
    hc2 = sm.OLS(y, design).fit(cov_type="HC2")
    return {
        "theta": theta, "absoluteLift": diff, "olsTreatmentCoefficient": float(ols.params[1]),
        "controlAdjustedMean": float(a_c.mean()), "adjustedMean": float(a_t.mean()),
        "statistic": float(welch.statistic), "degreesOfFreedom": df, "pValue": float(welch.pvalue),
        "standardError": float(se), "ci": [diff - critical * se, diff + critical * se],
        "varianceReduction": float(1 - se**2 / raw_se**2), "olsHC2StandardError": float(hc2.bse[1]),
        # The unadjusted comparison abkit reports beside it: the pooled z-test for rates, Welch for means.
        "unadjustedPValue": float(
            proportions_ztest([y_t.sum(), y_c.sum()], [len(y_t), len(y_c)])[1] if proportion
            else stats.ttest_ind(y_t, y_c, equal_var=False).pvalue),
        "sums": {key: {"units": int((variant == key).sum()), "sumX": float(x[variant == key].sum()),
                       "sumXSquares": float((x[variant == key] ** 2).sum()),
                       "sumXY": float((x[variant == key] * y[variant == key]).sum())} for key in ["control", "treatment"]},
    }


write_fixture(
    "cuped_users_reference.json", "make_cuped_users_reference.py",
    {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    directory=FIXTURES, alpha=ALPHA, table="cuped_users.csv",
    metrics={"converted": reference(converted, pre_sessions, proportion=True), "revenue": reference(revenue, pre_revenue)})
