#!/usr/bin/env python3
"""Reference values for ABStats' Bayesian comparisons and power analysis.

bayes_reference.json
  * chance to beat control P(B > A), expected loss E[max(A − B, 0)] and chance to be best
    P(i largest) of Beta posteriors, by mpmath's tanh-sinh quadrature (mpmath.quad) of the
    textbook integrals, split at a grid of points around every posterior's mass (±40 sd).
    Densities are evaluated in mpmath from log-gamma at 20 digits (the normalising constant of a
    posterior of 1e9 units cancels ~11 digits); distribution functions come from Boost's ibeta
    through scipy.special.betainc, since mpmath's betainc (a hypergeometric series) does not
    converge for a + b above a few thousand. Neither uses GSL. Expected loss is integrated
    as ∫ f_B(y) E[(A − y)⁺] dy with E[(A − y)⁺] = ∫_y^1 S_A(x) dx written in closed form, not with
    the two-probability identity the Swift code uses.
  * equal-tailed credible intervals of rates from scipy.stats.beta.ppf / isf;
  * the credible interval of B − A by scipy's brentq on P(B − A > t), integrated with
    scipy.integrate.quad (QUADPACK) over scipy.stats.beta (tanh-sinh is too slow for a root search);
  * mean metrics (flat prior, normal approximation) in closed form with scipy.stats.norm.
power_reference.json
  * statsmodels' NormalIndPower: power(), and solve_power() for nobs1 and for the effect size,
    each polished with brentq on statsmodels' own power() to 1e-14 so that the fixture holds
    statsmodels' convention to full precision. The raw solve_power answers are kept too: for
    nobs1 they agree to ~1e-9, but for the effect size statsmodels' solver stops early (up to
    2% off for tiny effects), so only the polished value is a precise reference;
    Cohen's h from statsmodels.stats.proportion.proportion_effectsize.

Regenerate with:  python3 Tests/Reference/make_bayes_reference.py
(needs scipy, statsmodels and mpmath: pip install scipy statsmodels mpmath)
"""
import json
import math
import os

import mpmath
import scipy
import statsmodels
from scipy import optimize, special, stats
from scipy.integrate import quad as scipy_quad
from scipy.integrate import quad as integrate_quad
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

mpmath.mp.dps = 20
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "ABStatsTests", "Fixtures")
GRID = [-40, -20, -10, -5, -2, 0, 2, 5, 10, 20, 40]


def f(x):
    """JSON-safe float (no NaN/inf in fixtures)."""
    x = float(x)
    assert math.isfinite(x), x
    return x


class Beta:
    def __init__(self, a, b):
        self.a, self.b = a, b
        self.ma, self.mb = mpmath.mpf(a), mpmath.mpf(b)
        self.lognorm = mpmath.loggamma(self.ma + self.mb) - mpmath.loggamma(self.ma) - mpmath.loggamma(self.mb)
        self.mean = a / (a + b)
        self.sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))

    def pdf(self, x):
        if x <= 0 or x >= 1:
            return mpmath.mpf(0)
        return mpmath.exp(self.lognorm + (self.ma - 1) * mpmath.log(x) + (self.mb - 1) * mpmath.log1p(-x))

    def cdf(self, x):
        if x <= 0:
            return mpmath.mpf(0)
        if x >= 1:
            return mpmath.mpf(1)
        return mpmath.mpf(special.betainc(self.a, self.b, float(x)))

    def sf(self, x):
        if x <= 0:
            return mpmath.mpf(1)
        if x >= 1:
            return mpmath.mpf(0)
        return mpmath.mpf(special.betaincc(self.a, self.b, float(x)))

    def points(self):
        return [self.mean + k * self.sd for k in GRID] + list(self.window())

    def reflected(self):
        return Beta(self.b, self.a)

    def window(self):
        return max(0.0, self.mean - 40 * self.sd), min(1.0, self.mean + 40 * self.sd)


def split(window, laws, shift=0.0):
    lo, hi = window
    pts = {lo, hi}
    for law in laws:
        pts.update(p + shift for p in law.points() if lo < p + shift < hi)
    return sorted(pts)


def integrate(fn, points):
    # The distribution functions carry double precision, so ask tanh-sinh for no more than that.
    with mpmath.workdps(17):
        return mpmath.quad(fn, points, maxdegree=8)


def reflect(*laws):
    """Whether to integrate in 1 − x: some density is unbounded at 1 (b < 1), none at 0. Near 1
    doubles are 1e-16 apart, while such a law keeps (1e-16)^b of its mass within that distance."""
    return any(l.b < 1 for l in laws) and not any(l.a < 1 for l in laws)


def p_greater(b, a, shift=0.0):
    """P(B > A + shift) = ∫ f_B(y) F_A(y − shift) dy over B's mass."""
    if reflect(a, b):
        return p_greater(a.reflected(), b.reflected(), shift)
    points = sorted(set(split(b.window(), [b]) + split(b.window(), [a], shift)))
    return integrate(lambda y: b.pdf(y) * a.cdf(y - shift), points)


def expected_loss(a, b):
    """E[max(A − B, 0)] = ∫ f_B(y) E[(A − y)⁺] dy, with E[(A − y)⁺] = μ_A S_{A+1}(y) − y S_A(y)."""
    if reflect(a, b):
        return expected_loss(b.reflected(), a.reflected())
    a1 = Beta(a.a + 1, a.b)
    mu = mpmath.mpf(a.a) / (a.a + a.b)
    inner = lambda y: mu * a1.sf(y) - y * a.sf(y)
    return integrate(lambda y: b.pdf(y) * inner(y), sorted(set(split(b.window(), [b]) + split(b.window(), [a]))))


def prob_best(laws):
    """P(i largest) = ∫ f_i ∏ F_j, or, reflected, P(1 − X_i smallest) = ∫ f'_i ∏ S'_j."""
    largest = not reflect(*laws)
    if not largest:
        laws = [l.reflected() for l in laws]
    out = []
    for i, law in enumerate(laws):
        others = [l for j, l in enumerate(laws) if j != i]

        def integrand(x, law=law, others=others):
            v = law.pdf(x)
            for o in others:
                v *= o.cdf(x) if largest else o.sf(x)
            return v

        out.append(integrate(integrand, sorted(set(split(law.window(), laws)))))
    return out


def p_greater_float(b, a, shift):
    """P(B > A + shift) in double precision with QUADPACK."""
    points = sorted(set(split(b.window(), [b]) + split(b.window(), [a], shift)))
    lo, hi = points[0], points[-1]
    inner = sorted(p for p in set(points) if lo < p < hi)
    value, _ = integrate_quad(lambda y: stats.beta.pdf(y, b.a, b.b) * special.betainc(a.a, a.b, min(max(y - shift, 0), 1)),
                              lo, hi, points=inner, limit=500, epsabs=1e-14, epsrel=1e-12)
    return value


def difference_interval(a, b, alpha):
    if reflect(a, b):
        return difference_interval(b.reflected(), a.reflected(), alpha)
    lo = max(b.mean - a.mean - 40 * math.hypot(a.sd, b.sd), -1)
    hi = min(b.mean - a.mean + 40 * math.hypot(a.sd, b.sd), 1)
    g = lambda t, q: p_greater_float(b, a, t) - q
    return [optimize.brentq(g, lo, hi, args=(1 - alpha / 2,), xtol=1e-14, rtol=1e-12),
            optimize.brentq(g, lo, hi, args=(alpha / 2,), xtol=1e-14, rtol=1e-12)]


# (id, control [units, conversions], variant [units, conversions], prior [a, b], alpha, with difference interval)
PAIRS = [
    ("small", [100, 10], [100, 15], [1, 1], 0.05, True),
    ("typical", [4012, 803], [3877, 851], [1, 1], 0.05, True),
    ("typical-worse", [4012, 851], [3877, 803], [1, 1], 0.1, True),
    ("equal", [1000, 100], [1000, 100], [1, 1], 0.05, True),
    ("zero-both", [500, 0], [500, 0], [1, 1], 0.05, True),
    ("zero-control", [500, 0], [520, 3], [1, 1], 0.05, True),
    ("all-converted", [200, 200], [180, 179], [1, 1], 0.05, True),
    ("all-converted-both", [50, 50], [60, 60], [1, 1], 0.05, False),
    ("one-unit", [1, 0], [1, 1], [1, 1], 0.05, True),
    ("one-unit-jeffreys", [1, 1], [1, 0], [0.5, 0.5], 0.05, True),
    ("jeffreys-small", [30, 2], [30, 5], [0.5, 0.5], 0.05, True),
    ("informative-prior", [250, 40], [260, 52], [20, 80], 0.05, True),
    ("skeptical-prior", [3000, 600], [3000, 660], [200, 800], 0.2, True),
    ("lopsided-sizes", [100000, 20000], [50, 14], [1, 1], 0.05, True),
    ("lopsided-reversed", [40, 5], [200000, 30000], [1, 1], 0.05, True),
    ("decisive", [20000, 2000], [20000, 2400], [1, 1], 0.05, True),
    ("million", [1000000, 100000], [1000000, 100500], [1, 1], 0.05, True),
    ("million-rare", [2000000, 20], [2000000, 31], [1, 1], 0.05, True),
    ("billion", [1000000000, 100000000], [1000000000, 100010000], [1, 1], 0.05, True),
    ("billion-equal", [1000000000, 100000000], [1000000000, 100000000], [1, 1], 0.05, False),
    ("billion-vs-thousand", [1000000000, 100000000], [1000, 110], [1, 1], 0.05, False),
    ("fractional-prior", [1234, 321], [1200, 333], [0.7, 2.3], 0.05, True),
    ("jeffreys-all-converted", [50, 50], [60, 60], [0.5, 0.5], 0.05, True),
    ("jeffreys-all-vs-most", [200, 200], [200, 195], [0.5, 0.5], 0.05, True),
    ("jeffreys-none-converted", [40, 0], [45, 0], [0.5, 0.5], 0.05, True),
]

# (id, [[units, conversions], ...], prior)
BEST = [
    ("k2", [[1000, 100], [1000, 110]], [1, 1]),
    ("k3", [[4012, 803], [3877, 851], [3911, 799]], [1, 1]),
    ("k3-zero", [[300, 0], [300, 1], [300, 2]], [1, 1]),
    ("k4-prior", [[500, 50], [520, 61], [480, 44], [510, 58]], [2, 18]),
    ("k5", [[2000, 200], [2000, 215], [2000, 190], [2000, 230], [2000, 205]], [1, 1]),
    ("k5-mixed-sizes", [[100000, 10000], [50, 7], [2000, 210], [300, 29], [10, 1]], [1, 1]),
    ("k3-jeffreys-all-converted", [[50, 50], [60, 60], [30, 30]], [0.5, 0.5]),
    ("k3-billion", [[1000000000, 100000000], [1000000000, 100010000], [1000000000, 99995000]], [1, 1]),
]

# (id, control [units, mean, sd], variant [units, mean, sd], alpha)
MEANS = [
    ("revenue", [4012, 5.1127, 13.9], [3877, 5.4173, 14.6], 0.05),
    ("worse", [1000, 10.0, 3.0], [1200, 9.7, 3.2], 0.05),
    ("equal", [500, 2.0, 1.0], [500, 2.0, 1.0], 0.1),
    ("tiny-se", [10000000, 100.0, 5.0], [10000000, 100.001, 5.0], 0.05),
    ("two-units", [2, 1.0, 0.5], [2, 2.0, 0.5], 0.01),
    ("zero-control-mean", [300, 0.0, 1.0], [300, 0.2, 1.1], 0.05),
]


# Chance to be best among k flat-prior normal posteriors N(mean, sd²/n) of group means (abkit
# bandit's weights for a mean metric): P(i best) = ∫ φ_i(x) Π_{j≠i} Φ_j(x) dx by scipy's quad.
MEANS_BEST = [
    ("k2-revenue", [[4012, 5.1127, 13.9], [3877, 5.4173, 14.6]]),
    ("k3-revenue", [[4012, 5.1127, 13.9], [3877, 5.4173, 14.6], [3911, 5.2, 14.0]]),
    ("k4-close", [[500, 2.0, 1.0], [520, 2.02, 1.1], [480, 1.98, 0.9], [510, 2.05, 1.3]]),
    ("k3-one-far", [[1000, 10.0, 3.0], [1000, 10.5, 3.0], [1000, 9.0, 3.0]]),
]


def means_best(groups):
    laws = [stats.norm(m, sd / math.sqrt(n)) for n, m, sd in groups]
    lo = min(law.ppf(1e-15) for law in laws)
    hi = max(law.isf(1e-15) for law in laws)
    out = []
    for i, law in enumerate(laws):
        others = [other for j, other in enumerate(laws) if j != i]
        value, _ = scipy_quad(lambda x: law.pdf(x) * math.prod(o.cdf(x) for o in others), lo, hi,
                                  points=[l.mean() for l in laws], epsabs=1e-14, epsrel=1e-12, limit=500)
        out.append(value)
    return out


def bayes():
    pairs = []
    for cid, c, v, prior, alpha, with_interval in PAIRS:
        a = Beta(prior[0] + c[1], prior[1] + c[0] - c[1])
        b = Beta(prior[0] + v[1], prior[1] + v[0] - v[1])
        row = {
            "id": cid, "control": c, "variant": v, "prior": prior, "alpha": alpha,
            "chanceToBeatControl": f(p_greater(b, a)),
            "chanceControlBeats": f(p_greater(a, b)),
            "expectedLoss": f(expected_loss(a, b)),
            "expectedLossOfControl": f(expected_loss(b, a)),
            "controlInterval": [f(stats.beta.ppf(alpha / 2, a.a, a.b)), f(stats.beta.isf(alpha / 2, a.a, a.b))],
            "variantInterval": [f(stats.beta.ppf(alpha / 2, b.a, b.b)), f(stats.beta.isf(alpha / 2, b.a, b.b))],
        }
        if with_interval:
            row["differenceInterval"] = [f(x) for x in difference_interval(a, b, alpha)]
        pairs.append(row)
        print("pair", cid, row["chanceToBeatControl"], row["expectedLoss"])
    best = []
    for cid, groups, prior in BEST:
        laws = [Beta(prior[0] + x, prior[1] + n - x) for n, x in groups]
        best.append({"id": cid, "groups": groups, "prior": prior, "chanceToBeBest": [f(p) for p in prob_best(laws)]})
        print("best", cid, best[-1]["chanceToBeBest"])
    means = []
    for cid, c, v, alpha in MEANS:
        mu = v[1] - c[1]
        sigma = math.sqrt(c[2] ** 2 / c[0] + v[2] ** 2 / v[0])
        z = mu / sigma
        crit = stats.norm.isf(alpha / 2)
        means.append({
            "id": cid, "control": c, "variant": v, "alpha": alpha,
            "chanceToBeatControl": f(stats.norm.cdf(z)),
            "expectedLoss": f(sigma * stats.norm.pdf(z) - mu * stats.norm.cdf(-z)),
            "expectedLossOfControl": f(sigma * stats.norm.pdf(z) + mu * stats.norm.cdf(z)),
            "credibleInterval": [f(mu - crit * sigma), f(mu + crit * sigma)],
        })
    means_best_rows = [{"id": cid, "groups": groups, "chanceToBeBest": [f(p) for p in means_best(groups)]}
                       for cid, groups in MEANS_BEST]
    return {"pairs": pairs, "chanceToBeBest": best, "means": means, "meansBest": means_best_rows}


def polish(fn, x0):
    """Root of fn near statsmodels' answer x0, to 1e-13 relative."""
    lo, hi = x0 * 0.9, x0 * 1.1
    while fn(lo) * fn(hi) > 0:
        lo, hi = lo / 2, hi * 2
    return optimize.brentq(fn, lo, hi, xtol=1e-300, rtol=1e-14, maxiter=500)


SM_ALTERNATIVE = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}

# (id, metric, lift kind, lift, alpha, power, ratio, alternative, nobs1 for power and MDE)
POWER = [
    ("prop-rel-5pct", ["proportion", 0.2], "relative", 0.05, 0.05, 0.8, 1, "two-sided", 10000),
    ("prop-abs-1pt", ["proportion", 0.2], "absolute", 0.01, 0.05, 0.8, 1, "two-sided", 20000),
    ("prop-one-sided", ["proportion", 0.1], "relative", 0.1, 0.05, 0.9, 1, "greater", 5000),
    ("prop-smaller", ["proportion", 0.3], "absolute", -0.02, 0.05, 0.8, 1, "less", 3000),
    ("prop-ratio-2", ["proportion", 0.05], "relative", 0.2, 0.05, 0.8, 2, "two-sided", 8000),
    ("prop-ratio-half", ["proportion", 0.5], "absolute", 0.03, 0.01, 0.95, 0.5, "two-sided", 2500),
    ("prop-decrease-two-sided", ["proportion", 0.4], "relative", -0.1, 0.1, 0.8, 1, "two-sided", 400),
    ("prop-rare", ["proportion", 0.001], "relative", 0.5, 0.05, 0.8, 1, "two-sided", 100000),
    ("prop-huge-effect", ["proportion", 0.2], "absolute", 0.5, 0.05, 0.8, 1, "two-sided", 5),
    ("prop-tiny-effect", ["proportion", 0.1], "absolute", 0.00001, 0.05, 0.8, 1, "two-sided", 1000000000),
    ("mean-abs", ["mean", 5, 10], "absolute", 0.5, 0.05, 0.8, 1, "two-sided", 4000),
    ("mean-rel", ["mean", 20, 35], "relative", 0.03, 0.05, 0.8, 1.5, "greater", 30000),
    ("mean-large-d", ["mean", 0, 1], "absolute", 1.5, 0.05, 0.99, 1, "two-sided", 4),
    ("mean-smaller", ["mean", 100, 15], "absolute", -2, 0.02, 0.85, 3, "less", 200),
]


def power():
    engine = NormalIndPower()
    rows = []
    for cid, metric, kind, lift, alpha, target, ratio, alt, nobs in POWER:
        sm_alt = SM_ALTERNATIVE[alt]
        if metric[0] == "proportion":
            p1 = metric[1]
            p2 = p1 + (lift if kind == "absolute" else p1 * lift)
            effect = proportion_effectsize(p2, p1)
        else:
            mean, sd = metric[1], metric[2]
            effect = (lift if kind == "absolute" else mean * lift) / sd
        raw_n = engine.solve_power(effect_size=effect, nobs1=None, alpha=alpha, power=target, ratio=ratio, alternative=sm_alt)
        n = polish(lambda x: engine.power(effect, x, alpha, ratio=ratio, alternative=sm_alt) - target, float(raw_n))
        power_at = engine.power(effect, nobs, alpha, ratio=ratio, alternative=sm_alt)
        raw_es = engine.solve_power(effect_size=None, nobs1=nobs, alpha=alpha, power=target, ratio=ratio, alternative=sm_alt)
        sign = -1 if alt == "less" else 1
        es = sign * polish(lambda d: engine.power(sign * d, nobs, alpha, ratio=ratio, alternative=sm_alt) - target, abs(float(raw_es)))
        if metric[0] == "proportion":
            p1 = metric[1]
            p2 = math.sin(math.asin(math.sqrt(p1)) + es / 2) ** 2
            mde = p2 - p1
            base = p1
        else:
            mde = es * metric[2]
            base = metric[1]
        rows.append({
            "id": cid, "metric": metric, "liftKind": kind, "lift": lift, "alpha": alpha, "power": target,
            "ratio": ratio, "alternative": alt, "effectSize": f(effect),
            "nobs1": f(n), "nobs1Statsmodels": f(raw_n), "controlUnits": math.ceil(n), "variantUnits": math.ceil(n * ratio),
            "units": nobs, "powerAtUnits": f(power_at),
            "detectableEffectSize": f(es), "detectableEffectSizeStatsmodels": f(raw_es),
            "detectableAbsoluteLift": f(mde), "detectableRelativeLift": f(mde / base) if base != 0 else None,
        })
        print("power", cid, n, raw_n, es)
    return rows


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    meta = {"generator": "Tests/Reference/make_bayes_reference.py", "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__, "mpmath": mpmath.__version__}
    with open(os.path.join(FIXTURES, "power_reference.json"), "w") as fh:
        json.dump({"meta": meta, "cases": power()}, fh, indent=1)
    with open(os.path.join(FIXTURES, "bayes_reference.json"), "w") as fh:
        json.dump({"meta": meta, **bayes()}, fh, indent=1)
    print("wrote", FIXTURES)


if __name__ == "__main__":
    main()
