#!/usr/bin/env python3
"""Reference values for ABStats' interaction test of two concurrent experiments
(Sources/ABStats/Interaction), from statsmodels' OLS on seeded unit-level data.

Each unit is in arm a of experiment A (0 = control, k arms) and arm b of experiment B (m arms).
The model y ~ A * B with treatment coding (intercept, A dummies, B dummies, A×B dummies) is
saturated: its interaction coefficients are the contrasts m_ab − m_a0 − m_0b + m_00 of the cell
means. Their robust covariance matches the per-cell unequal-variance form used by ABStats:
- means: HC2 (each cell's variance of the mean is s²/n with the unbiased s²; HC0 would use
  (n − 1)s²/n² and HC1 a global n/(n − p) factor, so neither matches per cell);
- rates (0/1 outcomes): HC0 (p(1 − p)/n, the usual Wald variance of a rate; HC2 gives p(1 − p)/(n − 1)).
The script asserts both identities against a direct per-cell computation before writing.
The contrasts' z-tests, intervals (conf_int) and the joint Wald χ² of all interaction
coefficients (wald_test(R, use_f=False, scalar=True)) are statsmodels' own.

The fixture holds each cell's sufficient statistics: (units, Σy, Σy²) or (units, conversions).

Regenerate with:  python3 Tests/Reference/make_interaction_reference.py   (needs statsmodels)
"""
import math

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm

from fixture_writer import write_fixture


def design(a, b, k, m):
    columns = [np.ones(len(a))]
    columns += [(a == i).astype(float) for i in range(1, k)]
    columns += [(b == j).astype(float) for j in range(1, m)]
    interactions = []
    for i in range(1, k):
        for j in range(1, m):
            interactions.append(len(columns))
            columns.append(((a == i) & (b == j)).astype(float))
    return np.column_stack(columns), interactions


def case(cid, seed, shape, sizes, cell_mean, kind, alpha=0.05):
    """cell_mean(i, j) gives a cell's mean (or rate); sizes(i, j) its units."""
    k, m = shape
    rng = np.random.default_rng(seed)
    a, b, y = [], [], []
    for i in range(k):
        for j in range(m):
            n = sizes(i, j)
            if kind == "means":
                values = rng.lognormal(0, 0.6 + 0.1 * (i + j), n) * cell_mean(i, j) / math.exp((0.6 + 0.1 * (i + j)) ** 2 / 2)
            else:
                values = (rng.random(n) < cell_mean(i, j)).astype(float)
            a += [i] * n
            b += [j] * n
            y += list(values)
    a, b, y = np.array(a), np.array(b), np.array(y)
    x, interactions = design(a, b, k, m)
    cov_type = "HC2" if kind == "means" else "HC0"
    fit = sm.OLS(y, x).fit(cov_type=cov_type)
    r = np.zeros((len(interactions), x.shape[1]))
    for row, column in enumerate(interactions):
        r[row, column] = 1
    wald = fit.wald_test(r, use_f=False, scalar=True)
    assert wald.distribution == "chi2" and wald.df_denom == (k - 1) * (m - 1)
    ci = fit.conf_int(alpha)
    cells, contrasts = [], []
    for i in range(k):
        row = []
        for j in range(m):
            v = y[(a == i) & (b == j)]
            row.append([len(v), float(v.sum()), float((v * v).sum())] if kind == "means" else [len(v), int(v.sum())])
        cells.append(row)

    def cell_var(i, j):
        v = y[(a == i) & (b == j)]
        return v.var(ddof=1) / len(v) if kind == "means" else v.mean() * (1 - v.mean()) / len(v)

    for index, column in enumerate(interactions):
        i, j = 1 + index // (m - 1), 1 + index % (m - 1)
        se = math.sqrt(cell_var(i, j) + cell_var(i, 0) + cell_var(0, j) + cell_var(0, 0))
        # The per-cell unequal-variance form is statsmodels' robust covariance.
        assert math.isclose(se, fit.bse[column], rel_tol=1e-9), (cid, se, fit.bse[column])
        contrasts.append({"row": i, "column": j, "estimate": float(fit.params[column]), "standardError": float(fit.bse[column]),
                          "statistic": float(fit.tvalues[column]), "pValue": float(fit.pvalues[column]),
                          "ci": [float(ci[column, 0]), float(ci[column, 1])]})
    print(cid, cov_type, [round(c["estimate"], 5) for c in contrasts], float(wald.statistic), float(wald.pvalue))
    return {"id": cid, "kind": kind, "alpha": alpha, "covType": cov_type, "cells": cells, "contrasts": contrasts,
            "chiSquare": float(wald.statistic), "degreesOfFreedom": int(wald.df_denom),
            "pValue": float(wald.pvalue)}


def main():
    cases = [
        case("means-2x2-no-interaction", 71, (2, 2), lambda i, j: 400 + 37 * i + 11 * j, lambda i, j: 20 + 1.0 * i + 0.5 * j, "means"),
        case("means-2x2-interaction", 72, (2, 2), lambda i, j: 3000 + 500 * i - 200 * j, lambda i, j: 20 + 1.0 * i + 0.5 * j + 1.5 * i * j, "means"),
        case("means-3x2", 73, (3, 2), lambda i, j: 250 + 13 * i * j, lambda i, j: 5 + 0.2 * i + 0.1 * j + 0.3 * (i == 2) * j, "means", 0.1),
        case("means-3x4-unequal", 74, (3, 4), lambda i, j: 60 + 40 * i + 25 * j, lambda i, j: 10 + 0.5 * i - 0.2 * j + 0.4 * i * (j == 3), "means"),
        case("means-small-cells", 75, (2, 3), lambda i, j: 5 + i + 2 * j, lambda i, j: 3 + i * j, "means", 0.01),
        case("rates-2x2-no-interaction", 76, (2, 2), lambda i, j: 5000, lambda i, j: 0.1 + 0.01 * i + 0.005 * j, "rates"),
        case("rates-2x2-interaction", 77, (2, 2), lambda i, j: 4000 + 500 * i, lambda i, j: 0.1 + 0.01 * i + 0.01 * j - 0.02 * i * j, "rates"),
        case("rates-2x3", 78, (2, 3), lambda i, j: 3000 + 200 * j, lambda i, j: 0.05 + 0.01 * j + 0.01 * i * (j == 2), "rates", 0.1),
        case("rates-4x3", 79, (4, 3), lambda i, j: 1500 + 100 * i, lambda i, j: 0.2 + 0.02 * i - 0.01 * j + 0.015 * i * j, "rates"),
    ]
    write_fixture("interaction_reference.json", "make_interaction_reference.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__}, cases=cases)


if __name__ == "__main__":
    main()
