#!/usr/bin/env python3
"""Reference values for ABStats' cohort heterogeneity test (Sources/ABStats/Heterogeneity), from
statsmodels' combine_effects and a direct numpy/scipy computation.

Per-cohort effects with standard errors: Cochran's Q and its χ²(k − 1) p-value
(CombineResults.q, test_homogeneity()), the fixed-effect pooled estimate and standard error
(mean_effect_fe, sd_eff_w_fe), the DerSimonian–Laird τ² and random-effects estimate
(method_re="dl": tau2, mean_effect_re, sd_eff_w_re). statsmodels leaves τ² and I² = 1 − (k−1)/Q
negative when Q < k − 1; ABStats truncates both at 0 (the usual convention), so for those cases
the random-effects values are computed here with τ² = 0 and checked against the fixed effect.
Every value is also recomputed directly with numpy and scipy.stats.chi2 and must agree.

Some cases come from seeded per-cohort two-proportion comparisons (the unpooled difference and
its standard error, as ABStats' z-test reports them).

Regenerate with:  python3 Tests/Reference/make_cohort_reference.py   (needs statsmodels, scipy)
"""
import math

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

from fixture_writer import write_fixture


def direct(y, se):
    w = 1 / se ** 2
    fe = (w * y).sum() / w.sum()
    q = (w * (y - fe) ** 2).sum()
    df = len(y) - 1
    tau2 = max(0.0, (q - df) / (w.sum() - (w ** 2).sum() / w.sum()))
    wr = 1 / (se ** 2 + tau2)
    return {"q": q, "pValue": stats.chi2.sf(q, df), "iSquared": max(0.0, (q - df) / q), "tauSquared": tau2,
            "fixedEffect": fe, "fixedEffectStandardError": 1 / math.sqrt(w.sum()),
            "randomEffect": (wr * y).sum() / wr.sum(), "randomEffectStandardError": 1 / math.sqrt(wr.sum())}


def case(cid, y, se):
    y, se = np.asarray(y, float), np.asarray(se, float)
    res = combine_effects(y, se ** 2, method_re="dl")
    mine = direct(y, se)
    values = {"q": float(res.q), "pValue": float(res.test_homogeneity().pvalue),
              "fixedEffect": float(res.mean_effect_fe), "fixedEffectStandardError": float(res.sd_eff_w_fe)}
    if res.tau2 > 0:
        values |= {"iSquared": float(res.i2), "tauSquared": float(res.tau2), "randomEffect": float(res.mean_effect_re),
                   "randomEffectStandardError": float(res.sd_eff_w_re)}
    else:  # truncated: no between-cohort variance, the random effect is the fixed effect
        values |= {"iSquared": 0.0, "tauSquared": 0.0, "randomEffect": values["fixedEffect"],
                   "randomEffectStandardError": values["fixedEffectStandardError"]}
    for key, value in values.items():
        assert math.isclose(value, mine[key], rel_tol=1e-9, abs_tol=1e-15), (cid, key, value, mine[key])
    print(cid, values["q"], values["pValue"], values["iSquared"])
    return {"id": cid, "estimates": y.tolist(), "standardErrors": se.tolist(), **values}


def proportion_cohorts(cid, seed, k, units, base, lifts):
    rng = np.random.default_rng(seed)
    y, se = [], []
    for i in range(k):
        n = int(rng.integers(units // 2, units))
        pc = base * rng.uniform(0.8, 1.2)
        pv = pc * (1 + lifts[i % len(lifts)])
        xc, xv = rng.binomial(n, pc), rng.binomial(n, pv)
        rc, rv = xc / n, xv / n
        y.append(rv - rc)
        se.append(math.sqrt(rc * (1 - rc) / n + rv * (1 - rv) / n))
    return case(cid, y, se)


def main():
    cases = [
        case("two-cohorts", [0.012, 0.004], [0.003, 0.0035]),
        case("homogeneous-five", [0.51, 0.48, 0.55, 0.50, 0.47], [0.05, 0.06, 0.04, 0.05, 0.07]),
        case("heterogeneous-six", [1.2, 0.1, -0.4, 0.9, 2.0, 0.3], [0.3, 0.25, 0.4, 0.2, 0.5, 0.35]),
        case("q-below-df", [0.10, 0.101, 0.099, 0.1005], [0.02, 0.03, 0.025, 0.02]),
        case("identical-effects", [0.25, 0.25, 0.25], [0.1, 0.2, 0.3]),
        proportion_cohorts("weekly-cohorts-same-lift", 61, 8, 20000, 0.1, [0.05]),
        proportion_cohorts("weekly-cohorts-novelty", 62, 8, 20000, 0.1, [0.3, 0.2, 0.1, 0.05, 0.0, 0.0, -0.02, 0.0]),
        proportion_cohorts("countries-twelve", 63, 12, 5000, 0.04, [0.1, -0.1, 0.25, 0.0]),
    ]
    write_fixture("cohort_reference.json", "make_cohort_reference.py",
                  {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__}, cases=cases)


if __name__ == "__main__":
    main()
