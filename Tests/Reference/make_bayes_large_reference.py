#!/usr/bin/env python3
"""Reference chance to beat control and expected loss for large Beta posteriors.

bayes_large_reference.json holds P(B > A) and E[max(A − B, 0)] for Beta posteriors of 1e5 to
2^53 units, conversion rates from 1e-6 to 0.9, gaps of 0 to 6 standard deviations and priors up
to Beta(1e8, 1e8): the sizes where ABStats switches from exact quadrature with its own
continued fraction to the normal approximation with Edgeworth terms (BetaComparison). Issue 15's
hang (1e7 units, 5,000,000 vs 5,010,000 conversions) and `--prior 100000000,100000000` are rows.

Each value is QUADPACK (scipy.integrate.quad) integration of the textbook integral
P(B > A) = ∫ f_B(y) F_A(y) dy, in the standardised variable t = (y − mean_B)/sd_B over
[−40, 40] split where A's distribution function turns from 0 to 1; densities and distribution
functions come from Boost through scipy.stats.beta and scipy.special.betainc/betaincc. Neither
uses GSL or the Swift code's continued fraction or approximation. The expected loss integrates
f_B(y) E[(A − y)⁺] with E[(A − y)⁺] = mean_A S_{A+1}(y) − y S_A(y). Each row records the
QUADPACK error estimates, and P(B > A) + P(A > B) = 1 is checked to 1e-9.

Regenerate with:  python3 Tests/Reference/make_bayes_large_reference.py   (needs scipy)
"""
import math

import scipy
from scipy import integrate, special, stats

from fixture_writer import write_fixture


class Beta:
    def __init__(self, a, b):
        self.a, self.b = float(a), float(b)
        self.mean = a / (a + b)
        self.sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))

    def pdf(self, x):
        return 0.0 if x <= 0 or x >= 1 else float(stats.beta.pdf(x, self.a, self.b))

    def cdf(self, x):
        return 0.0 if x <= 0 else 1.0 if x >= 1 else float(special.betainc(self.a, self.b, x))

    def sf(self, x):
        return 1.0 if x <= 0 else 0.0 if x >= 1 else float(special.betaincc(self.a, self.b, x))


def standardised(law, other):
    """Break points in t for integrating over `law`, where `other` turns from 0 to 1."""
    points = {-40.0, 40.0, 0.0}
    for k in (-40, -20, -10, -6, -3, -1, 0, 1, 3, 6, 10, 20, 40):
        t = (other.mean + k * other.sd - law.mean) / law.sd
        if -40 < t < 40:
            points.add(t)
    return sorted(points)


def over(law, other, g):
    """∫ f_law(y) g(y) dy in t = (y − mean)/sd, with its error estimate."""
    points = standardised(law, other)
    total, error = 0.0, 0.0
    for lo, hi in zip(points, points[1:]):
        value, err = integrate.quad(lambda t: law.pdf(law.mean + law.sd * t) * law.sd * g(law.mean + law.sd * t),
                                    lo, hi, epsabs=1e-15, epsrel=1e-12, limit=500)
        total += value
        error += err
    return total, error


def p_greater(b, a):
    """P(B > A) = ∫ f_B F_A."""
    return over(b, a, a.cdf)


def expected_loss(a, b):
    """E[max(A − B, 0)] = ∫ f_B(y) (mean_A S_{A+1}(y) − y S_A(y)) dy."""
    a1 = Beta(a.a + 1, a.b)
    return over(b, a, lambda y: a.mean * a1.sf(y) - y * a.sf(y))


def row(cid, control, variant, prior=(1, 1)):
    a = Beta(prior[0] + control[1], prior[1] + control[0] - control[1])
    b = Beta(prior[0] + variant[1], prior[1] + variant[0] - variant[1])
    chance, chance_error = p_greater(b, a)
    reverse, _ = p_greater(a, b)
    assert abs(chance + reverse - 1) < 1e-9, (cid, chance, reverse)
    loss, loss_error = expected_loss(a, b)
    print(cid, chance, loss)
    return {"id": cid, "control": list(control), "variant": list(variant), "prior": list(prior),
            "chanceToBeatControl": chance, "expectedLoss": loss,
            "quadratureError": max(chance_error, loss_error)}


def grid():
    """Units, rate and a gap in standard deviations of the difference: variant = control + gap."""
    rows = []
    for units in (100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10**10):
        for rate in (1e-6, 1e-3, 0.01, 0.1, 0.4, 0.5, 0.9):
            control = round(units * rate)
            if control < 20:
                continue
            sd = math.sqrt(2 * rate * (1 - rate) / units)
            for gap in (0, 0.5, 2, 4.5):
                variant = min(units, round(units * (rate + gap * sd)))
                rows.append(row(f"n{units:.0e}-p{rate:g}-gap{gap:g}", [units, control], [units, variant]))
    return rows


def main():
    rows = [
        row("issue-15-hang", [10_000_000, 5_000_000], [10_000_000, 5_010_000]),
        row("issue-15-prior-1e8", [10_000_000, 5_000_000], [10_000_000, 5_010_000], (1e8, 1e8)),
        row("prior-1e8-welcome-size", [4012, 803], [3877, 851], (1e8, 1e8)),
        row("prior-1e9-small", [1000, 100], [1000, 130], (1e9, 1e9)),
        row("prior-lopsided", [1_000_000, 1000], [1_000_000, 1100], (0.5, 1e9)),
        row("unequal-sizes", [10**10, 10**9], [10**7, 10**6 + 900]),
    ] + grid()
    write_fixture("bayes_large_reference.json", "make_bayes_large_reference.py",
                  {"scipy": scipy.__version__}, cases=rows)


if __name__ == "__main__":
    main()
