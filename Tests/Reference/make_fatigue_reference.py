#!/usr/bin/env python3
"""Reference values for ABStats' dose–response fit for message fatigue
(Sources/ABStats/DoseResponse), from statsmodels.

Per-dose effects with standard errors (each from a seeded comparison of a dose arm with a
holdout) are fitted by weighted least squares, weights 1/se², with the standard errors taken as
known: statsmodels WLS(y, X, weights=1/se²).fit(cov_type="fixed scale") (scale 1, covariance
(Xᵀ W X)⁻¹). Its params, cov_params and normal p-values are the reference; the residual χ² is
Σ w (y − ŷ)² from its residuals.

The best dose of the quadratic fit, d* = (cost − b₁)/(2 b₂), and its delta-method standard error
come from statsmodels' NonlinearDeltaCov (results._get_wald_nonlinear) twice: with its numerical
Jacobian (independent of the formula, agreeing to ~1e-7) and with the analytic gradient
(−1/(2b₂), −d*/b₂) in (b₁, b₂), which the fixture uses for tight comparisons; conf_int gives the
normal interval.

Regenerate with:  python3 Tests/Reference/make_fatigue_reference.py   (needs statsmodels)
"""
import math

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm

from fixture_writer import write_fixture


def per_dose_effects(seed, doses, truth, units):
    """Seeded differences in conversion between each dose arm and its own holdout slice (so
    that the doses' estimates are independent), with their unpooled standard errors."""
    rng = np.random.default_rng(seed)
    base = 0.1
    effects, errors = [], []
    for d in doses:
        rate = rng.binomial(units, base + truth(d)) / units
        holdout = rng.binomial(units, base) / units
        effects.append(rate - holdout)
        errors.append(math.sqrt(rate * (1 - rate) / units + holdout * (1 - holdout) / units))
    return effects, errors


def case(cid, doses, effects, errors, model, cost=0.0, alpha=0.05):
    doses, y, se = np.asarray(doses, float), np.asarray(effects, float), np.asarray(errors, float)
    power = 2 if model == "linear" else 3
    x = np.column_stack([doses ** k for k in range(power)])
    fit = sm.WLS(y, x, weights=1 / se ** 2).fit(cov_type="fixed scale")
    row = {"id": cid, "model": model, "doses": doses.tolist(), "effects": y.tolist(), "standardErrors": se.tolist(),
           "cost": cost, "alpha": alpha, "coefficients": fit.params.tolist(), "covariance": fit.cov_params().tolist(),
           "pValues": fit.pvalues.tolist(), "residualChiSquare": float((fit.resid ** 2 / se ** 2).sum())}
    if model == "quadratic" and fit.params[2] < 0:
        best = lambda p: np.array([(cost - p[1]) / (2 * p[2])])
        numeric = fit._get_wald_nonlinear(best)

        def gradient(p):
            d = (cost - p[1]) / (2 * p[2])
            return np.array([[0.0, -1 / (2 * p[2]), -d / p[2]]])

        analytic = fit._get_wald_nonlinear(best, deriv=gradient)
        ci = analytic.conf_int(alpha=alpha)[0]
        d = float(analytic.predicted()[0])
        row |= {"bestDose": d, "bestDoseStandardError": float(analytic.se_vectorized()[0]),
                "bestDoseStandardErrorNumeric": float(numeric.se_vectorized()[0]), "bestDoseInterval": [float(ci[0]), float(ci[1])],
                "netEffect": float(fit.params[0] + (fit.params[1] - cost) * d + fit.params[2] * d * d)}
        assert math.isclose(row["bestDoseStandardError"], row["bestDoseStandardErrorNumeric"], rel_tol=1e-5)
    print(cid, fit.params, row.get("bestDose"), row.get("bestDoseInterval"))
    return row


def main():
    doses = [0, 1, 2, 3, 4, 5, 6, 7]
    concave = lambda d: 0.004 * d - 0.0004 * d * d
    e1, s1 = per_dose_effects(81, doses, concave, 40000)
    e2, s2 = per_dose_effects(82, [1, 2, 4, 7, 10, 14], lambda d: 0.002 * d - 0.00012 * d * d, 60000)
    e3, s3 = per_dose_effects(83, [0, 2, 4, 6], lambda d: 0.001 * d, 20000)
    cases = [
        case("weekly-messages-quadratic", doses, e1, s1, "quadratic"),
        case("weekly-messages-quadratic-cost", doses, e1, s1, "quadratic", cost=0.001, alpha=0.1),
        case("weekly-messages-linear", doses, e1, s1, "linear"),
        case("uneven-doses-quadratic", [1, 2, 4, 7, 10, 14], e2, s2, "quadratic"),
        case("uneven-doses-linear", [1, 2, 4, 7, 10, 14], e2, s2, "linear", alpha=0.01),
        case("linear-trend-only", [0, 2, 4, 6], e3, s3, "linear"),
        case("three-doses-exact", [1, 3, 5], [0.01, 0.018, 0.012], [0.002, 0.003, 0.0025], "quadratic"),
    ]
    write_fixture("fatigue_reference.json", "make_fatigue_reference.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__}, cases=cases)


if __name__ == "__main__":
    main()
