import Foundation

/// Exact posterior probabilities of "which is larger" by one-dimensional quadrature.
///
/// Every quantity is an integral over the density of one posterior times the distribution
/// function of the others. Posteriors of 1e6–1e9 units are extremely narrow, so the integral
/// runs over a window holding all but 1e-16 of each tail of the integrated density, split at
/// its median and at the quantiles where the other laws' distribution functions turn from 0
/// to 1, so that no feature falls between Gauss–Kronrod nodes.
///
/// A density that is unbounded at 1 (a Beta law with b < 1) cannot be integrated in x: doubles
/// near 1 are 1e-16 apart, while such a law keeps about (1e-16)^b of its mass there. Such a law
/// is marked `unboundedAtTop`; the integrals then run over the other law, or the caller reflects
/// every law (x → 1 − x) so that the pile-up moves to 0, where doubles are dense.
struct PosteriorIntegrals {
    /// A law with the landmarks the integrals split at.
    struct Law {
        let law: any ContinuousDistribution
        /// Quantiles at 1e-16, 1e-6, ½, 1 − 1e-6 and 1 − 1e-16.
        let landmarks: [Double]
        /// Whether the density is unbounded at its upper end, so that it must not be the integration variable.
        let unboundedAtTop: Bool
        var window: ClosedRange<Double> { landmarks[0] ... landmarks[4] }
        var width: Double { landmarks[4] - landmarks[0] }
        /// How far a distribution function of this law can move between neighbouring doubles:
        /// one ulp of x (~1e-16) over a standard deviation (~width/16). Below 1e-10 up to ~1e11
        /// units; at 2^53 units (sd 5e-9) it is ~1e-7, and no quadrature can promise better.
        var roundingNoise: Double { 40 * Double.ulpOfOne / width }

        /// `landmarks` plus a geometric grid (one point per decade) from the window's end to the
        /// median where that spans many decades above 0 (or below 1), so that no piece of the
        /// integral holds a near-singularity such as x^(−½) close to its end.
        let breakpoints: [Double]

        init(_ law: any ContinuousDistribution, unboundedAtTop: Bool = false) throws {
            self.law = law
            self.unboundedAtTop = unboundedAtTop
            landmarks = [
                try law.quantile(1e-16), try law.quantile(1e-6), try law.quantile(0.5),
                try law.inverseSF(1e-6), try law.inverseSF(1e-16),
            ]
            breakpoints = landmarks
                + Self.geometric(from: landmarks[0], to: landmarks[2])
                + Self.geometric(from: 1 - landmarks[4], to: 1 - landmarks[2]).map { 1 - $0 }
        }

        /// Points from `low` to `high` a factor of 10 apart, when both are in (0, 1] and far apart.
        private static func geometric(from low: Double, to high: Double) -> [Double] {
            guard low > 0, high > 100 * low, high <= 1 else { return [] }
            return Array(sequence(first: low * 10) { $0 * 10 }.prefix { $0 < high })
        }
    }

    private let quadrature: Quadrature

    init() throws { quadrature = try Quadrature() }

    /// P(U > L + shift) for independent U and L.
    ///
    /// Integrates over the narrower of the two, so that the other one's distribution function
    /// is smooth on the scale of the integrand: ∫ f_U(u) F_L(u − shift) du, or
    /// ∫ f_L(l) S_U(l + shift) dl; but never over a density that is unbounded at its top when
    /// the other one is not.
    func probability(_ upper: Law, exceeds lower: Law, by shift: Double = 0) throws -> Double {
        let value: Double
        let overUpper = upper.unboundedAtTop == lower.unboundedAtTop ? upper.width <= lower.width : !upper.unboundedAtTop
        let acceptable = max(1e-10, upper.roundingNoise, lower.roundingNoise)
        if overUpper {
            value = try quadrature.integrate(
                { u in upper.law.pdf(u) * lower.law.cdf(u - shift) },
                breakpoints: points(over: upper, others: [lower.landmarks.map { $0 + shift }]), acceptableError: acceptable,
                name: "P(U > L)")
        } else {
            value = try quadrature.integrate(
                { l in lower.law.pdf(l) * upper.law.sf(l + shift) },
                breakpoints: points(over: lower, others: [upper.landmarks.map { $0 - shift }]), acceptableError: acceptable,
                name: "P(U > L)")
        }
        return min(max(value, 0), 1)
    }

    /// P(law i is the largest) for each i: ∫ f_i(x) ∏_{j≠i} F_j(x) dx; or, when `largest` is
    /// false, P(law i is the smallest): ∫ f_i(x) ∏_{j≠i} S_j(x) dx.
    func chanceToBeBest(_ laws: [Law], largest: Bool = true) throws -> [Double] {
        try laws.indices.map { i in
            let others = laws.indices.filter { $0 != i }.map { laws[$0] }
            let value = try quadrature.integrate(
                { x in
                    others.reduce(laws[i].law.pdf(x)) { product, other in
                        product == 0 ? 0 : product * (largest ? other.law.cdf(x) : other.law.sf(x))
                    }
                },
                breakpoints: points(over: laws[i], others: others.map(\.landmarks)),
                acceptableError: laws.map(\.roundingNoise).reduce(1e-10, max), name: "chance to be best")
            return min(max(value, 0), 1)
        }
    }

    /// The integrated law's window, split at its own landmarks and at the others' inside it.
    private func points(over law: Law, others: [[Double]]) -> [Double] {
        let window = law.window
        return law.breakpoints + others.flatMap { $0 }.filter { window.contains($0) }
    }
}
