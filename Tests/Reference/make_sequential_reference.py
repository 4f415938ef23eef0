#!/usr/bin/env python3
"""Reference values for ABStats' sequential testing (Sources/ABStats/Sequential).

Always-valid inference (normal-mixture confidence sequence, Howard et al. 2021; the asymptotic
form of Waudby-Smith et al. 2023 that GrowthBook and Eppo use): the e-value is computed here by
numerically integrating the Gaussian mixture of exponential martingales,
    E = ∫ exp(λ S − λ² n / 2) N(λ; 0, ρ²) dλ,   S = n Δ̂ / σ,  σ² = n se²,
with scipy.integrate.quad, and the interval half-width by solving E(Δ) = 1/α with brentq, so the
closed forms in the Swift code are checked against a second, independent derivation.

Group-sequential boundaries (Lan–DeMets spending, two-sided): solved look by look from the joint
normal law of (Z_1, …, Z_K), corr(Z_i, Z_j) = √(t_i / t_j), with scipy's multivariate normal
cdf (Genz's algorithm) and brentq: no recursion shared with the Swift code. Published tables
(gsDesign / ldbounds, K = 5 equally spaced looks, alpha = 0.05) are stored beside them.

Regenerate with:  python3 Tests/Reference/make_sequential_reference.py   (needs scipy, numpy)
"""
import math

import numpy as np
import scipy
from scipy import integrate, optimize
from scipy.stats import multivariate_normal, norm

from fixture_writer import write_fixture



def rho2_for(alpha, planned):
    la = math.log(alpha)
    return (-2 * la + math.log(1 - 2 * la)) / planned


def log_mixture_evalue(estimate, se, n, rho2):
    """log E by quadrature over the mixing parameter λ ~ N(0, ρ²) (per-unit scale σ = se √n)."""
    sigma = se * math.sqrt(n)
    s = n * estimate / sigma
    # exponent λ S − λ² n/2 − λ²/(2ρ²): a Gaussian in λ; integrate around its peak for stability.
    precision = n + 1 / rho2
    peak = s / precision
    log_peak = 0.5 * s * s / precision
    width = 1 / math.sqrt(precision)

    def integrand(u):  # u = (λ − peak) / width
        lam = peak + u * width
        expo = lam * s - lam * lam * n / 2 - lam * lam / (2 * rho2) - log_peak
        return math.exp(expo) * width / math.sqrt(2 * math.pi * rho2)

    value, _ = integrate.quad(integrand, -40, 40, epsabs=0, epsrel=1e-13, limit=200)
    return log_peak + math.log(value)


def always_valid_cases():
    rows = []
    cases = [
        # id, estimate, se, units, planned, alpha
        ("small-effect-early", 0.002, 0.004, 2000, 20000, 0.05),
        ("small-effect-planned", 0.002, 0.0013, 20000, 20000, 0.05),
        ("clear-effect-planned", 0.012, 0.0013, 20000, 20000, 0.05),
        ("clear-effect-late", 0.012, 0.0009, 45000, 20000, 0.05),
        ("negative-effect", -0.35, 0.11, 8000, 10000, 0.05),
        ("growthbook-default-n", 1.5, 0.6, 5000, 5000, 0.05),
        ("alpha-0.10", 0.8, 0.35, 3000, 6000, 0.10),
        ("alpha-0.01", 0.8, 0.25, 3000, 6000, 0.01),
        ("single-unit-run", 0.5, 2.0, 1, 1000, 0.05),
        ("huge-z", 5.0, 0.1, 100000, 100000, 0.05),
        ("zero-estimate", 0.0, 0.5, 500, 1000, 0.05),
        ("big-planned", 0.001, 0.0004, 400000, 2000000, 0.05),
    ]
    for cid, est, se, n, planned, alpha in cases:
        rho2 = rho2_for(alpha, planned)
        log_e = log_mixture_evalue(est, se, n, rho2)
        p = min(1.0, math.exp(-log_e))
        # Half-width: the |Δ| at which the mixture e-value reaches 1/α.
        target = -math.log(alpha)
        hi = se
        while log_mixture_evalue(hi, se, n, rho2) < target:
            hi *= 2
        half = optimize.brentq(lambda d: log_mixture_evalue(d, se, n, rho2) - target, 0.0, hi, xtol=1e-15, rtol=1e-13)
        rows.append({"id": cid, "estimate": est, "standardError": se, "units": n, "plannedUnits": planned,
                     "alpha": alpha, "mixingVariance": rho2, "halfWidth": half, "pValue": p, "logEValue": log_e})
    return rows


def spending(kind, t, alpha):
    """Two-sided cumulative alpha: each tail spends the one-sided function at level alpha / 2
    (the symmetric convention of gsDesign and ldbounds)."""
    side = alpha / 2
    if kind == "obrien-fleming":
        return 2 * (2 * norm.sf(norm.isf(side / 2) / math.sqrt(t))) if t < 1 else alpha
    return 2 * side * math.log(1 + (math.e - 1) * t)


def boundaries_mvn(fractions, alpha, kind):
    """Solve P(|Z_1|<c_1, …, |Z_k|<c_k) = 1 − α(t_k) look by look with Genz's mvn cdf."""
    t = np.array(fractions)
    cov = np.sqrt(np.minimum.outer(t, t) / np.maximum.outer(t, t))
    bounds = []
    for k in range(len(t)):
        target_continue = 1 - spending(kind, t[k], alpha)
        if k == 0:
            bounds.append(float(norm.isf(spending(kind, t[0], alpha) / 2)))
            continue
        sub = cov[: k + 1, : k + 1]
        law = multivariate_normal(mean=np.zeros(k + 1), cov=sub, seed=20261123,
                                 maxpts=200_000 * (k + 1), abseps=1e-8, releps=0)

        def inside(c):
            upper = np.array(bounds + [c])
            return law.cdf(upper, lower_limit=-upper) - target_continue

        bounds.append(float(optimize.brentq(inside, 0.5, 12.0, xtol=1e-8)))
    return bounds


def group_sequential_cases():
    rows = []
    cases = [
        ("obf-5-equal", [0.2, 0.4, 0.6, 0.8, 1.0], 0.05, "obrien-fleming"),
        ("pocock-5-equal", [0.2, 0.4, 0.6, 0.8, 1.0], 0.05, "pocock"),
        ("obf-3-unequal", [0.3, 0.6, 1.0], 0.05, "obrien-fleming"),
        ("pocock-3-unequal", [0.25, 0.5, 1.0], 0.05, "pocock"),
        ("obf-4-alpha-0.01", [0.25, 0.5, 0.75, 1.0], 0.01, "obrien-fleming"),
        ("pocock-2-alpha-0.10", [0.5, 1.0], 0.10, "pocock"),
        ("obf-2-stop-early", [0.5, 0.8], 0.05, "obrien-fleming"),
        ("obf-1-look", [1.0], 0.05, "obrien-fleming"),
    ]
    for cid, fractions, alpha, kind in cases:
        rows.append({"id": cid, "informationFractions": fractions, "alpha": alpha, "spending": kind,
                     "cumulativeAlpha": [spending(kind, t, alpha) for t in fractions],
                     "boundaries": boundaries_mvn(fractions, alpha, kind)})
    return rows


def main():
    published = [
        {"id": "gsDesign obf-5-equal", "spending": "obrien-fleming", "looks": 5, "alpha": 0.05,
         "boundaries": [4.877, 3.357, 2.680, 2.290, 2.031]},
        {"id": "gsDesign pocock-5-equal", "spending": "pocock", "looks": 5, "alpha": 0.05,
         "boundaries": [2.438, 2.427, 2.410, 2.397, 2.390]},
    ]
    gs = group_sequential_cases()
    # The independent computation reproduces the published tables to their 3 decimals.
    for pub in published:
        mine = next(r for r in gs if r["id"] == pub["id"].split(" ")[1])
        assert max(abs(a - b) for a, b in zip(mine["boundaries"], pub["boundaries"])) < 5e-3, (mine, pub)
    write_fixture("sequential_reference.json", "make_sequential_reference.py",
                  {"scipy": scipy.__version__, "numpy": np.__version__},
                  alwaysValid=always_valid_cases(), groupSequential=gs, published=published)
    for r in gs:
        print(r["id"], [round(b, 5) for b in r["boundaries"]])


if __name__ == "__main__":
    main()
