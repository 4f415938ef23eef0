#!/usr/bin/env python3
"""Reference values for the power of a group-sequential design and its inflation factor
(GroupSequentialDesign.rejectionProbability / inflationFactor; `abkit plan`).

With boundaries c_k at information fractions t_k (from make_sequential_reference.py's independent
multivariate-normal solution), and Z_k ~ N(η √t_k, 1) with corr(Z_j, Z_k) = √(t_j / t_k), the design
rejects with probability 1 − P(|Z_k| < c_k for all k) — Genz's multivariate normal cdf, scipy.
The drift η giving the target power is solved with Brent's method; the inflation factor is
(η / η_fixed)², η_fixed the drift of one look at the same alpha (both tails counted).

Regenerate with:  python3 Tests/Reference/make_group_power_reference.py   (needs scipy, numpy)
"""
import numpy as np
import scipy
from scipy import optimize
from scipy.stats import multivariate_normal, norm

from fixture_writer import write_fixture
from make_sequential_reference import boundaries_mvn


def rejection(fractions, bounds, drift):
    t = np.array(fractions)
    cov = np.sqrt(np.minimum.outer(t, t) / np.maximum.outer(t, t))
    law = multivariate_normal(mean=drift * np.sqrt(t), cov=cov, seed=20261123,
                              maxpts=400_000 * len(t), abseps=1e-9, releps=0)
    upper = np.array(bounds)
    return float(1 - law.cdf(upper, lower_limit=-upper))


def fixed_drift(alpha, power):
    c = norm.isf(alpha / 2)
    return optimize.brentq(lambda e: norm.sf(c - e) + norm.cdf(-c - e) - power, 0, 20, xtol=1e-12)


rows = []
for cid, fractions, alpha, kind, power in [
    ("obf-5-power-0.8", [0.2, 0.4, 0.6, 0.8, 1.0], 0.05, "obrien-fleming", 0.8),
    ("obf-5-power-0.9", [0.2, 0.4, 0.6, 0.8, 1.0], 0.05, "obrien-fleming", 0.9),
    ("pocock-5-power-0.8", [0.2, 0.4, 0.6, 0.8, 1.0], 0.05, "pocock", 0.8),
    ("obf-3-alpha-0.01-power-0.8", [1 / 3, 2 / 3, 1.0], 0.01, "obrien-fleming", 0.8),
    ("pocock-2-power-0.9", [0.5, 1.0], 0.05, "pocock", 0.9),
]:
    bounds = boundaries_mvn(fractions, alpha, kind)
    drift = optimize.brentq(lambda e: rejection(fractions, bounds, e) - power, 0.5, 10, xtol=1e-7)
    rows.append({"id": cid, "looks": len(fractions), "alpha": alpha, "spending": kind, "power": power,
                 "boundaries": bounds, "drift": drift, "fixedDrift": fixed_drift(alpha, power),
                 "inflationFactor": (drift / fixed_drift(alpha, power)) ** 2,
                 "rejectionAtFixedDrift": rejection(fractions, bounds, fixed_drift(alpha, power))})
    print(cid, round(rows[-1]["inflationFactor"], 5), round(rows[-1]["rejectionAtFixedDrift"], 5))

write_fixture("group_power_reference.json", "make_group_power_reference.py",
              {"scipy": scipy.__version__, "numpy": np.__version__}, designs=rows)
