#!/usr/bin/env python3
"""Reference values for ABStats' distributions and frequentist tests.

Every number comes from scipy or statsmodels (independent of GSL), except the delta-method
relative-lift intervals, which neither library offers: those are computed here from the
textbook formula in plain Python so the Swift code is checked against a second implementation.

Regenerate with:  python3 Tests/Reference/make_stats_reference.py
(needs scipy, statsmodels and mpmath: pip install scipy statsmodels mpmath)
"""
import json
from fractions import Fraction
import math
import os

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

mpmath.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "ABStatsTests", "Fixtures")


def f(x):
    """JSON-safe float (no NaN/inf in fixtures)."""
    x = float(x)
    assert math.isfinite(x), x
    return x


class MpBeta:
    """Beta law with whole-number parameters evaluated with mpmath at 50 digits, through the
    identity P(Beta(a, b) > x) = P(Binomial(a + b − 1, x) ≤ a − 1); scipy's method names."""

    def __init__(self, a, b):
        self.a, self.b = mpmath.mpf(a), mpmath.mpf(b)

    def _binomial_head(self, x):
        """P(Bin(a + b − 1, x) ≤ a − 1) = P(Beta(a, b) > x), for whole a and b."""
        x = mpmath.mpf(x)
        n = self.a + self.b - 1
        term = mpmath.power(1 - x, n)
        total = term
        for k in range(int(self.a) - 1):
            term *= (n - k) / (k + 1) * x / (1 - x)
            total += term
        return total

    def cdf(self, x):
        # 1 − head cancels when the cdf is tiny: carry enough digits for values down to 1e-700.
        with mpmath.workdps(800):
            return +(1 - self._binomial_head(x))

    def sf(self, x):
        return self._binomial_head(x)

    def pdf(self, x):
        x = mpmath.mpf(x)
        return mpmath.exp((self.a - 1) * mpmath.log(x) + (self.b - 1) * mpmath.log1p(-x) - mpmath.log(mpmath.beta(self.a, self.b)))

    def _solve(self, increasing, target):
        """Bisection (geometric) to 40 digits for the x where the given tail equals target."""
        f = self.cdf if increasing else self.sf
        guess = mpmath.mpf(stats.beta(float(self.a), float(self.b)).ppf(0.5))
        lo, hi = guess, guess
        while (f(lo) - target) * (1 if increasing else -1) > 0:
            lo /= 2
        while (f(hi) - target) * (1 if increasing else -1) < 0:
            hi = min(hi * 2, (1 + hi) / 2)
        for _ in range(200):
            mid = mpmath.sqrt(lo * hi)
            if (f(mid) - target) * (1 if increasing else -1) < 0:
                lo = mid
            else:
                hi = mid
            if hi / lo - 1 < mpmath.mpf(10) ** -30:
                break
        return mpmath.sqrt(lo * hi)

    def ppf(self, p):
        if p > 0.5:
            return self._solve(False, 1 - mpmath.mpf(p))
        return self._solve(True, mpmath.mpf(p))

    def isf(self, q):
        return self._solve(False, mpmath.mpf(q))


def distributions():
    cases = []

    def cont(name, params, dist, xs, ps, qs):
        for x in xs:
            cases.append({"id": f"{name}{params} x={x}", "distribution": name, "params": params, "x": x,
                          "pdf": f(dist.pdf(x)), "cdf": f(dist.cdf(x)), "sf": f(dist.sf(x))})
        for p in ps:
            cases.append({"id": f"{name}{params} quantile p={p}", "distribution": name, "params": params,
                          "p": p, "quantile": f(dist.ppf(p))})
        for q in qs:
            cases.append({"id": f"{name}{params} isf q={q}", "distribution": name, "params": params,
                          "q": q, "isf": f(dist.isf(q))})

    cont("normal", [0.0, 1.0], stats.norm(0, 1), [-3.0, -1.0, 0.0, 0.5, 1.96, 8.0, 20.0, 37.0],
         [1e-10, 0.025, 0.5, 0.975], [1e-300, 1e-100, 0.025])
    cont("normal", [10.0, 2.5], stats.norm(10, 2.5), [4.0, 10.0, 13.0], [0.1, 0.9], [0.05])
    for df in [1.0, 2.5, 5.0, 30.0, 1e6]:
        cont("studentT", [df], stats.t(df), [-2.0, 0.0, 1.5, 4.0, 60.0], [0.025, 0.975], [1e-12, 0.025])
    for df in [1.0, 2.0, 4.0, 50.0]:
        cont("chiSquared", [df], stats.chi2(df), [0.5, 3.84, 10.0, 700.0], [0.05, 0.95], [1e-50, 0.001])
    for d1, d2 in [(1.0, 10.0), (3.0, 7.5), (20.0, 40.0)]:
        cont("fDistribution", [d1, d2], stats.f(d1, d2), [0.5, 2.0, 8.0], [0.1, 0.95], [1e-6, 0.05])
    for a, b in [(1.0, 1.0), (2.5, 7.0), (804.0, 3210.0), (100000001.0, 900000001.0)]:
        dist = stats.beta(a, b)
        m = a / (a + b)
        cont("beta", [a, b], dist, [m / 2, m, min(0.999, m * 1.1)], [0.025, 0.975], [1e-20, 0.025])
    # Posteriors after 1e9 units, where GSL's own incomplete beta fails (ABStats replaces it).
    # scipy itself loses ~1e-8 here, so these values come from mpmath at 50 digits.
    for a, b in [(2.0, 1e9), (1.0, 1e9 + 1), (5001.0, 1e9 - 5000)]:
        cont("beta", [a, b], MpBeta(a, b), [a / (a + b) * k for k in (0.5, 1, 1.5, 4)],
             [1e-9, 0.025, 0.975], [1e-30, 1e-6, 0.025])

    def disc(name, params, dist, ks, ps):
        for k in ks:
            cases.append({"id": f"{name}{params} k={k}", "distribution": name, "params": params, "k": k,
                          "pmf": f(dist.pmf(k)), "cdf": f(dist.cdf(k)), "sf": f(dist.sf(k))})
        for p in ps:
            cases.append({"id": f"{name}{params} quantile p={p}", "distribution": name, "params": params,
                          "p": p, "quantileInt": int(dist.ppf(p))})

    disc("binomial", [20, 0.3], stats.binom(20, 0.3), [0, 3, 6, 12, 19], [0.1, 0.5, 0.99])
    disc("binomial", [1000, 0.01], stats.binom(1000, 0.01), [0, 10, 40], [0.5, 0.999])
    disc("binomial", [100000, 0.5], stats.binom(100000, 0.5), [49000, 50000, 51000], [0.025, 0.975])
    # Hypergeometric parameters as ABStats names them: successes, failures, draws.
    for s, fl, d in [(10, 40, 12), (500, 9500, 3000), (3, 5, 4)]:
        dist = stats.hypergeom(s + fl, s, d)
        lo, hi = max(0, d - fl), min(d, s)
        disc("hypergeometric", [s, fl, d], dist, sorted({lo, (lo + hi) // 2, hi - 1 if hi > lo else hi}),
             [0.05, 0.45, 0.95])
    return cases


def relative_ci(mv, mc, vv, vc, crit):
    if mc == 0:
        return None
    var = vv / mc ** 2 + mv ** 2 * vc / mc ** 4
    lift = mv / mc - 1
    return [lift, lift - crit * math.sqrt(var), lift + crit * math.sqrt(var)]


# (id, control units, control conversions, variant units, variant conversions)
PROPORTION_CASES = [
    ("design example", 4012, 803, 3877, 851),
    ("small lift", 10000, 1000, 10000, 1040),
    ("negative lift", 5000, 600, 5100, 520),
    ("equal rates", 2000, 200, 2000, 200),
    ("all converted in one arm", 200, 150, 200, 200),
    ("1e9 units", 1_000_000_000, 100_000_000, 1_000_000_000, 100_010_000),
    ("p below 1e-100", 100000, 10000, 100000, 14000),
    ("p near 1e-250", 1_000_000, 100_000, 1_000_000, 114_800),
    ("unequal sizes", 30000, 2400, 9000, 810),
]
# Small tables where an expected cell is below 5: Fisher's exact test.
FISHER_CASES = [
    ("zero conversions both", 50, 0, 50, 0),
    ("zero in control", 40, 0, 40, 4),
    ("one unit each", 1, 0, 1, 1),
    ("tea tasting", 8, 3, 8, 5),
    ("sparse", 1000, 1, 1000, 6),
    ("all converted both", 12, 12, 15, 15),
    ("rare event big n", 200000, 0, 200000, 7),
    ("rare event 1e9 units", 1_000_000_000, 1, 1_000_000_000, 6),
]
MEAN_CASES = [
    # id, control (n, mean, sd), variant (n, mean, sd)
    ("revenue", (4012, 5.11, 14.0), (3877, 5.42, 14.9)),
    ("tiny groups", (2, 1.0, 0.5), (3, 2.0, 1.5)),
    ("unequal variances", (50, 10.0, 1.0), (500, 10.5, 6.0)),
    ("huge t", (100000, 1.0, 1.0), (100000, 1.3, 1.0)),
    ("1e9 units", (1_000_000_000, 3.0, 10.0), (1_000_000_000, 3.001, 10.0)),
    ("zero variance control", (30, 2.0, 0.0), (30, 2.5, 1.0)),
]
ALPHAS = [0.05, 0.01]


def proportion_reference(alpha):
    out = []
    z = stats.norm.isf(alpha / 2)
    for cid, nc, xc, nv, xv in PROPORTION_CASES:
        for alt, sm_alt in [("two-sided", "two-sided"), ("greater", "larger"), ("less", "smaller")]:
            stat, p = proportions_ztest([xv, xc], [nv, nc], alternative=sm_alt)
            lo, hi = confint_proportions_2indep(xv, nv, xc, nc, method="wald", compare="diff", alpha=alpha)
            pv, pc = xv / nv, xc / nc
            rel = relative_ci(pv, pc, pv * (1 - pv) / nv, pc * (1 - pc) / nc, z)
            out.append({"id": f"{cid} {alt} alpha={alpha}", "alpha": alpha, "alternative": alt,
                        "control": [nc, xc], "variant": [nv, xv], "statistic": f(stat), "pValue": f(p),
                        "ci": [f(lo), f(hi)], "relative": rel})
    return out


def exact_fisher(nc, xc, nv, xv):
    """Fisher p-values in exact rational arithmetic over the whole support.

    scipy's fisher_exact loses ~1e-8 relative at 1e9 units (its log-factorials), so the
    fixture holds exact values and this script checks scipy against them to 1e-6."""
    successes, failures, draws = xc + xv, (nc - xc) + (nv - xv), nv
    lo, hi = max(0, draws - failures), min(draws, successes)
    weights = {lo: Fraction(1)}
    for k in range(lo, hi):
        weights[k + 1] = weights[k] * Fraction((successes - k) * (draws - k), (k + 1) * (failures - draws + k + 1))
    total = sum(weights.values())
    observed = weights[xv]
    return {
        "two-sided": sum(w for w in weights.values() if w <= observed * Fraction(10**7 + 1, 10**7)) / total,
        "greater": sum(w for k, w in weights.items() if k >= xv) / total,
        "less": sum(w for k, w in weights.items() if k <= xv) / total,
    }


def fisher_reference(alpha):
    out = []
    for cid, nc, xc, nv, xv in FISHER_CASES:
        table = [[xv, nv - xv], [xc, nc - xc]]
        row = {"id": f"{cid} alpha={alpha}", "alpha": alpha, "control": [nc, xc], "variant": [nv, xv]}
        exact = exact_fisher(nc, xc, nv, xv)
        for alt in ["two-sided", "greater", "less"]:
            value = float(min(exact[alt], 1))
            assert math.isclose(value, stats.fisher_exact(table, alternative=alt)[1], rel_tol=1e-6), (cid, alt)
            row["pValue " + alt] = value
        lo, hi = confint_proportions_2indep(xv, nv, xc, nc, method="newcomb", compare="diff", alpha=alpha)
        row["ci"] = [f(lo), f(hi)]
        out.append(row)
    return out


def welch_reference(alpha):
    out = []
    for cid, (nc, mc, sc), (nv, mv, sv) in MEAN_CASES:
        for alt in ["two-sided", "greater", "less"]:
            t, p = stats.ttest_ind_from_stats(mv, sv, nv, mc, sc, nc, equal_var=False, alternative=alt)
            vc, vv = sc ** 2 / nc, sv ** 2 / nv
            df = (vc + vv) ** 2 / (vc ** 2 / (nc - 1) + vv ** 2 / (nv - 1))
            crit = stats.t.isf(alpha / 2, df)
            d = mv - mc
            se = math.sqrt(vc + vv)
            out.append({"id": f"{cid} {alt} alpha={alpha}", "alpha": alpha, "alternative": alt,
                        "control": [nc, mc, sc], "variant": [nv, mv, sv], "statistic": f(t), "pValue": f(p),
                        "df": f(df), "ci": [f(d - crit * se), f(d + crit * se)],
                        "relative": relative_ci(mv, mc, vv, vc, crit)})
    return out


def chi_square_reference():
    tables = {
        "k=2": [(4012, 803), (3877, 851)],
        "k=3": [(4012, 803), (3877, 851), (3901, 790)],
        "k=5": [(1000, 100), (1010, 120), (990, 95), (1005, 130), (995, 101)],
        "k=3 tiny p": [(100000, 10000), (100000, 14000), (100000, 10100)],
    }
    out = []
    for cid, rows in tables.items():
        observed = np.array([[x, n - x] for n, x in rows])
        res = stats.chi2_contingency(observed, correction=False)
        out.append({"id": cid, "variants": [list(r) for r in rows], "statistic": f(res[0]), "pValue": f(res[1]),
                    "df": int(res[2])})
    return out


def srm_reference():
    cases = {
        "balanced ok": ([5012, 4988], [0.5, 0.5]),
        "design weights": ([4012, 3877, 3910], [0.34, 0.33, 0.33]),
        "mismatch": ([10400, 9600], [0.5, 0.5]),
        "k=5 uneven weights": ([2010, 1985, 4020, 1000, 985], [0.2, 0.2, 0.4, 0.1, 0.1]),
        "extreme": ([600000, 400000], [0.5, 0.5]),
    }
    out = []
    for cid, (obs, w) in cases.items():
        total = sum(obs)
        exp = [total * x for x in w]
        stat, p = stats.chisquare(obs, exp)
        out.append({"id": cid, "observed": obs, "weights": w, "statistic": f(stat), "pValue": f(p)})
    return out


def correction_reference():
    sets = {
        "three": [0.01, 0.04, 0.03],
        "five with ties": [0.001, 0.02, 0.02, 0.3, 0.9],
        "already large": [0.5, 0.7],
        "tiny": [1e-120, 0.04, 0.049, 0.2],
    }
    out = []
    for cid, ps in sets.items():
        row = {"id": cid, "pValues": ps}
        for ours, theirs in [("bonferroni", "bonferroni"), ("holm", "holm"), ("bh", "fdr_bh")]:
            row[ours] = [f(x) for x in multipletests(ps, method=theirs)[1]]
        out.append(row)
    return out


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    meta = {"generator": "Tests/Reference/make_stats_reference.py",
            "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}
    with open(os.path.join(FIXTURES, "distributions_reference.json"), "w") as fh:
        json.dump({"meta": meta, "cases": distributions()}, fh, indent=1)
    freq = {"meta": meta,
            "proportions": [c for a in ALPHAS for c in proportion_reference(a)],
            "fisher": [c for a in ALPHAS for c in fisher_reference(a)],
            "welch": [c for a in ALPHAS for c in welch_reference(a)],
            "chiSquare": chi_square_reference(),
            "srm": srm_reference(),
            "corrections": correction_reference()}
    with open(os.path.join(FIXTURES, "frequentist_reference.json"), "w") as fh:
        json.dump(freq, fh, indent=1)
    print("wrote", FIXTURES)


if __name__ == "__main__":
    main()
