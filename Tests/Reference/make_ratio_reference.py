#!/usr/bin/env python3
"""Reference values for ABStats' ratio metrics (Sources/ABStats/Ratio).

Seeded per-unit rows (numerator, denominator) are reduced to the sums the Swift code sees. Two
references come from the rows:
  * the delta-method formula evaluated from the rows with numpy (np.var/np.cov), which the Swift
    code must match to rounding;
  * a nonparametric bootstrap (units resampled within each group, B = 20,000, seeded) of the
    ratio difference and the relative lift: standard errors and percentile intervals. The Swift
    code must match these within bootstrap noise (about 1/√(2B) ≈ 0.5% on a standard error)
    plus the delta method's own first-order error.

Regenerate with:  python3 Tests/Reference/make_ratio_reference.py   (needs numpy, scipy)
"""

import numpy as np
import scipy
from scipy.stats import norm

from fixture_writer import write_fixture

B = 20_000


def sums(num, den):
    return {"units": int(len(num)), "sumNumerator": float(num.sum()), "sumDenominator": float(den.sum()),
            "sumNumeratorSquares": float((num * num).sum()), "sumDenominatorSquares": float((den * den).sum()),
            "sumProducts": float((num * den).sum())}


def delta_variance(num, den):
    n = len(num)
    r = num.sum() / den.sum()
    cov = np.cov(num, den, ddof=1)
    return r, (cov[0, 0] - 2 * r * cov[0, 1] + r * r * cov[1, 1]) / (n * den.mean() ** 2)


def bootstrap_ratios(rng, num, den):
    n = len(num)
    out = np.empty(B)
    for start in range(0, B, 500):
        idx = rng.integers(0, n, size=(min(500, B - start), n))
        out[start:start + len(idx)] = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    return out


def case(cid, seed, n_control, n_variant, kind, lift, alpha=0.05):
    rng = np.random.default_rng(seed)

    def group(n, factor):
        if kind == "clicks-per-session":
            den = rng.poisson(3.0, n) + 1.0
            num = rng.binomial(den.astype(int), min(0.2 * factor, 1)).astype(float)
        else:  # revenue per order: heavy-tailed amounts, a few orders per buyer
            den = rng.poisson(1.5, n) + 1.0
            num = np.array([rng.lognormal(3.0, 1.0, int(k)).sum() for k in den]) * factor
        return num, den

    nc, dc = group(n_control, 1.0)
    nv, dv = group(n_variant, 1.0 + lift)
    rc, var_c = delta_variance(nc, dc)
    rv, var_v = delta_variance(nv, dv)
    se = np.sqrt(var_c + var_v)
    z = (rv - rc) / se
    crit = norm.isf(alpha / 2)
    rel = rv / rc - 1
    rel_se = np.sqrt(var_v / rc**2 + rv**2 * var_c / rc**4)

    boot_rng = np.random.default_rng(seed + 1000)
    bc = bootstrap_ratios(boot_rng, nc, dc)
    bv = bootstrap_ratios(boot_rng, nv, dv)
    diff = bv - bc
    lifts = bv / bc - 1
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    half = n_control // 2
    return {
        "id": cid, "alpha": alpha, "control": sums(nc, dc), "variant": sums(nv, dv),
        "controlHalves": [sums(nc[:half], dc[:half]), sums(nc[half:], dc[half:])],
        "delta": {"ratios": [float(rc), float(rv)], "standardError": float(se), "statistic": float(z),
                  "pValue": float(2 * norm.sf(abs(z))), "ci": [float(rv - rc - crit * se), float(rv - rc + crit * se)],
                  "relativeLift": float(rel), "relativeStandardError": float(rel_se)},
        "bootstrap": {"replicates": B, "standardError": float(diff.std(ddof=1)),
                      "ci": [float(v) for v in np.percentile(diff, q)],
                      "relativeStandardError": float(lifts.std(ddof=1)),
                      "relativeCi": [float(v) for v in np.percentile(lifts, q)]},
    }


def main():
    cases = [
        case("clicks-per-session", 11, 3000, 3000, "clicks-per-session", 0.05),
        case("clicks-no-effect", 12, 2000, 2200, "clicks-per-session", 0.0),
        case("clicks-unequal", 13, 800, 4000, "clicks-per-session", -0.08),
        case("revenue-per-order", 14, 4000, 4000, "revenue-per-order", 0.06),
        case("revenue-small", 15, 400, 450, "revenue-per-order", 0.10),
        case("revenue-alpha-0.10", 16, 2500, 2500, "revenue-per-order", 0.03, alpha=0.10),
    ]
    write_fixture("ratio_reference.json", "make_ratio_reference.py", {"numpy": np.__version__, "scipy": scipy.__version__}, cases=cases)
    for c in cases:
        d, b = c["delta"], c["bootstrap"]
        print(c["id"], "se delta/boot", round(d["standardError"] / b["standardError"], 4),
              "rel se", round(d["relativeStandardError"] / b["relativeStandardError"], 4),
              "ci", [round(x, 5) for x in d["ci"]], [round(x, 5) for x in b["ci"]])


if __name__ == "__main__":
    main()
