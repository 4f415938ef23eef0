/// The Kaplan–Meier product Π (n_i − d_i) / n_i, kept so that reaching exactly 1/2 is recognised.
///
/// Multiplying the factors in floating point lands a hair off an exact half: with 142 units and
/// no censoring, 141/142 · 140/141 ⋯ 71/72 is 71/142 = 1/2 but comes out as 0.5000000000000001,
/// which put the median one event time late. While numerator and denominator fit in 64 bits
/// the product is kept as a reduced fraction (so 1/2 is exact and S is the correctly rounded
/// quotient); once they no longer fit (many censorings between events), the floating-point
/// product carries on and is compared with 1/2 allowing the rounding error it can have
/// accumulated: a few ulps per factor.
struct SurvivalProduct {
    /// The exact fraction numerator / denominator, or `nil` once it stopped fitting.
    private var fraction: (numerator: Int, denominator: Int)? = (1, 1)
    /// The floating-point product, always maintained.
    private var product = 1.0
    /// Factors multiplied so far.
    private var factors = 0

    /// Multiplies by survivors / atRisk (0 ≤ survivors < atRisk).
    mutating func multiply(survivors: Int, atRisk: Int) {
        factors += 1
        product *= 1 - Double(atRisk - survivors) / Double(atRisk)
        guard let (numerator, denominator) = fraction else { return }
        // Cancel before multiplying so that the telescoping products of uncensored stretches stay small.
        let a = gcd(numerator, atRisk), b = gcd(survivors, denominator)
        let (top, topOverflow) = (numerator / a).multipliedReportingOverflow(by: survivors / b)
        let (bottom, bottomOverflow) = (denominator / b).multipliedReportingOverflow(by: atRisk / a)
        fraction = topOverflow || bottomOverflow ? nil : (top, bottom)
    }

    /// S: the exact fraction's correctly rounded value while it is known (numerator and denominator
    /// are then exact Doubles when below 2^53; above, the quotient is still within an ulp or two).
    var value: Double {
        guard let (numerator, denominator) = fraction else { return product }
        return Double(numerator) / Double(denominator)
    }

    /// Whether the product is still the exact fraction (false once its terms outgrew 64 bits).
    var isExact: Bool { fraction != nil }

    /// Whether S ≤ 1/2: exactly while the fraction is known, otherwise allowing the product's rounding error.
    var isAtMostHalf: Bool {
        guard let (numerator, denominator) = fraction else {
            return product <= 0.5 * (1 + Self.relativeSlack(factors: factors))
        }
        // 2 · numerator ≤ denominator without overflow: numerator ≤ denominator − numerator.
        return numerator <= denominator - numerator
    }

    /// The relative rounding error a floating-point product of `factors` terms (each 1 − d/n,
    /// itself rounded) can carry: two roundings per factor, doubled for safety.
    static func relativeSlack(factors: Int) -> Double { 4 * Double(factors) * Double.ulpOfOne }

    private func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }
}
