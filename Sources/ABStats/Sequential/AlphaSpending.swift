import Foundation

/// Lan–DeMets alpha-spending functions: how much of a two-sided alpha may be spent by
/// information fraction t ∈ (0, 1]. Both are increasing, 0 at t = 0 and alpha at t = 1.
///
/// Boundaries are symmetric, and each tail spends the one-sided function at level α/2 (the
/// convention of R's gsDesign and ldbounds, whose tables ABStats reproduces): with a = α/2,
/// the two-sided cumulative alpha is 2·a(t).
public enum AlphaSpending: String, Hashable, Sendable, Codable, CaseIterable {
    /// O'Brien–Fleming type: per tail a(t) = 2 − 2Φ(z_{a/2} / √t) with a = α/2. Spends almost
    /// nothing early and keeps the final boundary close to the fixed-horizon one.
    case obrienFleming = "obrien-fleming"
    /// Pocock type: per tail a(t) = a · ln(1 + (e − 1) t) with a = α/2 (so α ln(1 + (e − 1)t) in
    /// total). Spends evenly, with nearly flat boundaries.
    case pocock

    /// The cumulative alpha spent by information fraction `t`.
    ///
    /// - Throws: `StatsError.invalidParameter` unless alpha is in (0, 1) and t in (0, 1].
    public func cumulativeAlpha(at t: Double, alpha: Double) throws -> Double {
        try SignificanceLevel.validate(alpha)
        guard t.isFinite, t > 0, t <= 1 else {
            throw StatsError.invalidParameter(name: "information fraction", value: "\(t)", expected: "a number in (0, 1]")
        }
        switch self {
        case .obrienFleming:
            if t == 1 { return alpha }
            let critical = try Normal.standard.inverseSF(alpha / 4)
            return 2 * (2 * Normal.standard.sf(critical / t.squareRoot()))
        case .pocock:
            return alpha * log1p((M_E - 1) * t)
        }
    }
}
