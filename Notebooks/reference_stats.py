"""Reference computations the notebooks check `abkit` against (scipy only, no ABKit code)."""

from __future__ import annotations

from scipy import integrate, stats


def beta_chance_to_beat(control: tuple[float, float], variant: tuple[float, float]) -> float:
    """P(V > C) for independent Beta(a, b) posteriors given as (a, b), by scipy's quad over
    the bulk of both densities (1e-13 tails cut), with the two means as break points."""
    C, V = stats.beta(*control), stats.beta(*variant)
    lo, hi = min(C.ppf(1e-13), V.ppf(1e-13)), max(C.isf(1e-13), V.isf(1e-13))
    return integrate.quad(lambda t: V.pdf(t) * C.cdf(t), lo, hi, epsabs=1e-13, limit=200, points=[C.mean(), V.mean()])[0]
