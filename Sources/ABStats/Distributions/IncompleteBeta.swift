import Foundation
internal import CGSL

/// The regularized incomplete beta function for large shape parameters.
///
/// GSL's `gsl_cdf_beta_*` caps its continued fraction at 512 terms and forms the prefactor
/// x^a (1−x)^b / B(a, b) from log-gamma values of size ~1e10 that cancel, so for posteriors
/// of 1e8–1e9 units it returns NaN or loses seven digits. Here the prefactor is written around
/// the mean x0 = a/(a+b), where a·log(x/x0) + b·log((1−x)/(1−x0)) is well conditioned and the
/// remaining constant comes from Stirling's series, and the continued fraction (modified
/// Lentz) runs as long as it needs: O(√max(a, b)) terms.
enum IncompleteBeta {
    /// Above this a + b, ABStats uses this implementation instead of GSL's.
    static let largeParameterThreshold = 1e5

    /// log(x^a y^b / B(a, b)) with y = 1 − x, accurate for large a and b.
    ///
    /// The caller passes x, y and the deviation x − a/(a+b) each computed directly, because on
    /// the upper tail the roles of a and b swap and x becomes 1 − x: forming that difference
    /// would round away the digits of a tiny x. Near the mean the shape terms are taken as
    /// log1p of the relative deviation; far from it, as plain logarithms of x/x0 and y/y0.
    static func logPrefactor(a: Double, b: Double, x: Double, y: Double, deviation: Double) -> Double {
        let total = a + b
        let x0 = a / total, y0 = b / total
        let relativeX = deviation / x0, relativeY = -deviation / y0
        let shapeA = abs(relativeX) < 0.5 ? a * log1p(relativeX) : a * log(x / x0)
        let shapeB = abs(relativeY) < 0.5 ? b * log1p(relativeY) : b * log(y / y0)
        // a log x0 + b log y0 − log B(a, b), by Stirling with its correction terms.
        let constant = 0.5 * (log(a) + log(b) - log(total) - log(2 * Double.pi))
            - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(total)
        return shapeA + shapeB + constant
    }

    /// log Γ(z) − [(z − ½) log z − z + ½ log 2π].
    static func stirlingCorrection(_ z: Double) -> Double {
        if z >= 10 {
            let inverse = 1 / z, inverse2 = inverse * inverse
            return inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))))
        }
        return gsl_sf_lngamma(z) - ((z - 0.5) * log(z) - z + 0.5 * log(2 * Double.pi))
    }

    /// The continued fraction of I_x(a, b) (converges fast for x < (a + 1)/(a + b + 2)).
    /// `y` = 1 − x, passed in so that the first term's 1 − (a+b)x/(a+1) is formed without cancellation.
    static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        // 1 − (a + b) x/(a + 1), written as (1 − b + (a + b) y)/(a + 1) when x is near 1 so the
        // digits of a tiny y survive; the direct form is the accurate one for small x.
        var d = x < 0.5 ? 1 - qab * x / qap : (1 - b + qab * y) / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        // Convergence takes about √max(a, b) terms; the cap only guards against a bug.
        let limit = 100 + 20 * Int(min(max(a, b), 1e18).squareRoot())
        for _ in 0..<limit {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            m += 1
        }
        return h
    }

    /// P(X ≤ x) and P(X > x) for X ~ Beta(a, b), each computed without subtracting from 1
    /// on the side where it is small.
    static func tails(a: Double, b: Double, x: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let y = 1 - x
        let deviation = x - a / (a + b)
        if min(a, b) >= saddlepointThreshold { return saddlepointTails(a: a, b: b, x: x, y: y, deviation: deviation) }
        // Each continued fraction is accurate where its own argument is small.
        func lowerByFraction() -> Double {
            exp(logPrefactor(a: a, b: b, x: x, y: y, deviation: deviation)) * continuedFraction(a: a, b: b, x: x, y: y) / a
        }
        func upperByFraction() -> Double {
            exp(logPrefactor(a: b, b: a, x: y, y: x, deviation: -deviation)) * continuedFraction(a: b, b: a, x: y, y: x) / b
        }
        // One small whole parameter (few conversions, or few non-conversions, among many units):
        // the fraction cancels on one side there, while a finite sum is exact. The other tail is
        // 1 − sum when that is not small, and otherwise the fraction on its well-conditioned side.
        if a == a.rounded(), a <= maximumTermsOfFiniteSum {
            let upper = negativeBinomialHead(terms: a, shape: b, p: x, q: y)
            return (upper <= 0.5 ? 1 - upper : lowerByFraction(), upper)
        }
        if b == b.rounded(), b <= maximumTermsOfFiniteSum {
            let lower = negativeBinomialHead(terms: b, shape: a, p: y, q: x)
            return (lower, lower <= 0.5 ? 1 - lower : upperByFraction())
        }
        if x < (a + 1) / (a + b + 2) {
            let lower = lowerByFraction()
            return (lower, 1 - lower)
        }
        let upper = upperByFraction()
        return (1 - upper, upper)
    }

    /// From this min(a, b) on, `tails` uses the saddlepoint approximation instead of the
    /// continued fraction. The fraction needs O(√min(a, b)) terms near the mean, which at 2^53
    /// units (~5e7 terms per evaluation, thousands of evaluations per comparison) is minutes;
    /// the approximation costs the same at every size, and its error, O(min(a, b)^(−3/2)),
    /// is below 1e-10 from here on (4e-11 at a = b = 1e5 against Boost; 9e-10 at 1e4). Checked by
    /// Tests/Reference/make_bayes_large_reference.py; see BayesianLargeReferenceTests).
    static let saddlepointThreshold = 1e5

    /// P(X ≤ x) and P(X > x) by the Lugannani–Rice saddlepoint formula (Temme's uniform
    /// expansion to its first term), F = Φ(w) + φ(w)(1/w − 1/u), with r = a + b, p = a/r,
    /// w = sign(x − p)·√(−2[a log(x/p) + b log((1 − x)/(1 − p))]) and u = √r (x − p)/√(p(1 − p)).
    /// Each tail is formed directly, so it keeps its relative precision far out (the landmarks
    /// at 1e-16 need that). `deviation` is x − p, passed in as `tails` computed it.
    static func saddlepointTails(a: Double, b: Double, x: Double, y: Double, deviation: Double) -> (lower: Double, upper: Double) {
        let total = a + b
        let p = a / total, q = b / total
        let scale = (total / (p * q)).squareRoot()
        let u = scale * deviation
        let w: Double, correction: Double
        if abs(deviation) <= 0.1 * min(p, q) {
            // Near the mean, 1/w − 1/u cancels (both grow without bound, their difference stays
            // finite), and the two logarithms below cancel to a few digits. Instead, with
            // δ = x − p: a log(x/p) + b log(y/q) = −(u²/2)(1 + ρ), where the series
            // ρ/δ = −2 Σ_{k≥3} [(−1)^(k+1) (q/p)(δ/p)^(k−3) − (p/q)(δ/q)^(k−3)] / k has no
            // cancellation (|δ/p|, |δ/q| ≤ 0.1: 17 terms reach 1e-17). Then w = u√(1 + ρ) and
            // 1/w − 1/u = −(ρ/δ) / (scale √(1 + ρ)(1 + √(1 + ρ))), finite at δ = 0.
            let ratioP = deviation / p, ratioQ = deviation / q
            var sum = 0.0, powerP = 1.0, powerQ = 1.0, sign = 1.0, k = 3.0
            while max(abs(powerP), abs(powerQ)) > 1e-18 {
                sum += (sign * powerP * (q / p) - powerQ * (p / q)) / k
                powerP *= ratioP; powerQ *= ratioQ; sign = -sign; k += 1
            }
            let rhoOverDeviation = -2 * sum
            let root = (1 + rhoOverDeviation * deviation).squareRoot()
            w = u * root
            correction = -rhoOverDeviation / (scale * root * (1 + root))
        } else {
            // Far from the mean both terms are plain logarithms, and w and u are large enough
            // (≥ 0.1 √r) that 1/w − 1/u loses nothing.
            let shapeA = a * log(x / p), shapeB = b * log(y / q)
            w = (deviation < 0 ? -1.0 : 1.0) * (-2 * min(shapeA + shapeB, 0)).squareRoot()
            correction = 1 / w - 1 / u
        }
        let density = exp(-w * w / 2) / (2 * Double.pi).squareRoot()
        let normal = Normal.standard
        let lower = normal.cdf(w) + density * correction
        let upper = normal.sf(w) - density * correction
        return (min(max(lower, 0), 1), min(max(upper, 0), 1))
    }

    /// Above this many terms the finite-sum identity gives way to the continued fraction.
    static let maximumTermsOfFiniteSum = 10_000.0

    /// Σ_{k < terms} Γ(shape + k)/(Γ(shape) k!) p^k q^shape, which equals I_q(shape, terms) =
    /// P(Beta(terms, shape) > p) for a whole number of terms (q = 1 − p, both passed directly).
    /// Summed in log space so that a vanishing first term cannot zero out later ones.
    static func negativeBinomialHead(terms: Double, shape: Double, p: Double, q: Double) -> Double {
        let logQ = q > 0.5 ? log1p(-p) : log(q)
        let logP = p > 0.5 ? log1p(-q) : log(p)
        var logTerm = shape * logQ
        var logTerms = [logTerm]
        logTerms.reserveCapacity(Int(terms))
        var k = 0.0
        while k + 1 < terms {
            logTerm += log((shape + k) / (k + 1)) + logP
            logTerms.append(logTerm)
            k += 1
        }
        let largest = logTerms.max() ?? 0
        let scaled = logTerms.reduce(0.0) { $0 + exp($1 - largest) }
        return min(1, exp(largest) * scaled)
    }

    /// The density x^(a−1) (1 − x)^(b−1) / B(a, b).
    static func density(a: Double, b: Double, x: Double) -> Double {
        exp(logPrefactor(a: a, b: b, x: x, y: 1 - x, deviation: x - a / (a + b)) - log(x) - log1p(-x))
    }
}
