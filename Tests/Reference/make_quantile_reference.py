#!/usr/bin/env python3
"""Reference values for ABStats' quantile comparisons (Sources/ABStats/Quantile).

Seeded skewed per-unit values (minutes to first message open: lognormal, with ties from rounding
to 0.1 minute). For each group: numpy's quantile (linear method) and scipy's binomial
order-statistic interval (stats.quantile_test(x, p=level).confidence_interval), which the Swift
code must match exactly. For the difference variant − control: the Price–Bonett standard error
(each interval's width / 2z, variances added), evaluated with numpy, which Swift must match to
rounding; and a seeded bootstrap (B = 4,000) of the quantile difference, whose standard error
the Price–Bonett one must agree with within 15% (bootstrap noise ≈ 1/√(2B) ≈ 1%, plus the
discreteness of sample quantiles).

Regenerate with:  python3 Tests/Reference/make_quantile_reference.py   (needs numpy, scipy)
"""

import numpy as np
import scipy
from scipy import stats

from fixture_writer import write_fixture

B = 4_000


def group(rng, n, mu, sigma):
    return np.round(rng.lognormal(mu, sigma, n), 1)


def case(cid, seed, n_control, n_variant, mu_control, mu_variant, sigma, level, alpha=0.05):
    rng = np.random.default_rng(seed)
    c, v = group(rng, n_control, mu_control, sigma), group(rng, n_variant, mu_variant, sigma)
    out = {"id": cid, "level": level, "alpha": alpha, "control": c.tolist(), "variant": v.tolist()}
    z = stats.norm.isf(alpha / 2)
    half = []
    for name, x in (("controlQuantile", c), ("variantQuantile", v)):
        ci = stats.quantile_test(x, q=0, p=level).confidence_interval(1 - alpha)
        out[name] = {"estimate": float(np.quantile(x, level)), "interval": [float(ci.low), float(ci.high)]}
        half.append((ci.high - ci.low) / (2 * z))
    diff = float(np.quantile(v, level) - np.quantile(c, level))
    se = float(np.sqrt(half[0] ** 2 + half[1] ** 2))
    boot = np.array([np.quantile(rng.choice(v, len(v)), level) - np.quantile(rng.choice(c, len(c)), level) for _ in range(B)])
    out.update(difference=diff, standardError=se, ci=[diff - z * se, diff + z * se],
               pValue=float(2 * stats.norm.sf(abs(diff / se))), bootstrapStandardError=float(boot.std(ddof=1)),
               pValueGreater=float(stats.norm.sf(diff / se)), pValueLess=float(stats.norm.cdf(diff / se)))
    assert abs(se / boot.std(ddof=1) - 1) < 0.15, (cid, se, boot.std(ddof=1))
    return out


cases = [
    case("median-open-time-shift", 21, 600, 650, 3.0, 2.85, 1.0, 0.5),
    case("median-no-effect", 22, 400, 420, 2.5, 2.5, 0.8, 0.5),
    case("p90-long-tail", 23, 1500, 1400, 3.0, 3.0, 1.2, 0.9),
    case("p25-small", 24, 120, 90, 1.0, 1.3, 0.7, 0.25),
]
write_fixture("quantile_reference.json", "make_quantile_reference.py",
              {"numpy": np.__version__, "scipy": scipy.__version__}, bootstrapReplicates=B, cases=cases)
