import Foundation

/// Compares two Beta posteriors of conversion rates by exact numerical integration.
///
/// With control A ~ Beta(a₁, b₁) and variant B ~ Beta(a₂, b₂):
/// - chance to beat control P(B > A) = ∫ f_B(x) F_A(x) dx;
/// - expected loss E[max(A − B, 0)] = E[A·1{A>B}] − E[B·1{A>B}]
///   = a₁/(a₁+b₁)·P(A′ > B) − a₂/(a₂+b₂)·P(A > B′), with A′ ~ Beta(a₁+1, b₁) and
///   B′ ~ Beta(a₂+1, b₂) (because x·f_{a,b}(x) = a/(a+b)·f_{a+1,b}(x));
/// - the credible interval of B − A solves P(B − A > t) = alpha/2 and 1 − alpha/2 for t.
/// All integrals use GSL's adaptive quadrature (no Monte Carlo), accurate to about 1e-10.
///
/// When a posterior piles up at 1 (b < 1: every unit converted under a prior with b < 1) and none
/// piles up at 0, every law is reflected to Beta(b, a) first (see `PosteriorIntegrals`):
/// B > A + t exactly when 1 − A > 1 − B + t, and the largest rate is the smallest reflected one.
public enum BetaComparison {
    /// P(variant > control).
    public static func chanceToBeatControl(control: BetaDistribution, variant: BetaDistribution) throws -> Double {
        try probability(variant, exceeds: control, integrals: PosteriorIntegrals())
    }

    /// E[max(control − variant, 0)], the expected loss of choosing the variant (in rate units).
    public static func expectedLoss(control: BetaDistribution, variant: BetaDistribution) throws -> Double {
        try expectedExcess(of: control, over: variant, integrals: PosteriorIntegrals())
    }

    /// The compared posteriors: chance to beat control, both expected losses and the 1 − alpha
    /// credible interval of variant − control (and of the relative lift, by the delta method).
    public static func compare(
        control: BetaDistribution, variant: BetaDistribution, alpha: Double = 0.05
    ) throws -> BayesianComparison {
        try SignificanceLevel.validate(alpha)
        let integrals = try PosteriorIntegrals()
        let critical = try SignificanceLevel.normalCritical(alpha)
        let relative = RelativeLift.estimate(
            variantMean: variant.mean, controlMean: control.mean,
            variantVarianceOfMean: variant.variance, controlVarianceOfMean: control.variance, critical: critical)
        return BayesianComparison(
            chanceToBeatControl: try probability(variant, exceeds: control, integrals: integrals),
            expectedLoss: try expectedExcess(of: control, over: variant, integrals: integrals),
            expectedLossOfControl: try expectedExcess(of: variant, over: control, integrals: integrals),
            credibleInterval: try differenceInterval(control: control, variant: variant, alpha: alpha, integrals: integrals),
            relativeCredibleInterval: relative?.interval, credibleLevel: 1 - alpha)
    }

    /// The equal-tailed 1 − alpha credible interval of variant − control.
    public static func credibleInterval(
        control: BetaDistribution, variant: BetaDistribution, alpha: Double = 0.05
    ) throws -> ConfidenceInterval {
        try SignificanceLevel.validate(alpha)
        return try differenceInterval(control: control, variant: variant, alpha: alpha, integrals: PosteriorIntegrals())
    }

    /// P(i is the largest rate) for each posterior, by ∫ f_i ∏_{j≠i} F_j; the values sum to 1.
    public static func chanceToBeBest(_ posteriors: [BetaDistribution]) throws -> [Double] {
        try ChanceToBeBest.validate(count: posteriors.count)
        let reflect = shouldReflect(posteriors)
        let laws = try posteriors.map { try law(reflect ? reflected($0) : $0) }
        return try PosteriorIntegrals().chanceToBeBest(laws, largest: !reflect)
    }

    /// Whether some law piles up at 1 and none at 0, so that reflecting all of them helps.
    static func shouldReflect(_ laws: [BetaDistribution]) -> Bool {
        laws.contains { $0.beta < 1 } && !laws.contains { $0.alpha < 1 }
    }

    /// The law of 1 − X.
    static func reflected(_ law: BetaDistribution) throws -> BetaDistribution {
        try BetaDistribution(alpha: law.beta, beta: law.alpha)
    }

    /// The law with its landmarks, marked when its density is unbounded at 1.
    static func law(_ beta: BetaDistribution) throws -> PosteriorIntegrals.Law {
        try PosteriorIntegrals.Law(beta, unboundedAtTop: beta.beta < 1)
    }

    /// P(X > Y + shift), reflected when that helps.
    static func probability(
        _ x: BetaDistribution, exceeds y: BetaDistribution, by shift: Double = 0, integrals: PosteriorIntegrals
    ) throws -> Double {
        if shouldReflect([x, y]) {
            return try integrals.probability(law(reflected(y)), exceeds: law(reflected(x)), by: shift)
        }
        return try integrals.probability(law(x), exceeds: law(y), by: shift)
    }

    /// E[max(X − Y, 0)] = E[X] P(X′ > Y) − E[Y] P(X > Y′), with X′, Y′ the size-biased laws.
    static func expectedExcess(of x: BetaDistribution, over y: BetaDistribution, integrals: PosteriorIntegrals) throws -> Double {
        // X − Y = (1 − Y) − (1 − X).
        if shouldReflect([x, y]) { return try expectedExcess(of: reflected(y), over: reflected(x), integrals: integrals) }
        let xBiased = try BetaDistribution(alpha: x.alpha + 1, beta: x.beta)
        let yBiased = try BetaDistribution(alpha: y.alpha + 1, beta: y.beta)
        let first = try integrals.probability(law(xBiased), exceeds: law(y))
        let second = try integrals.probability(law(x), exceeds: law(yBiased))
        return max(x.mean * first - y.mean * second, 0)
    }

    /// Solves P(V − C > t) = alpha/2 and = 1 − alpha/2 by Brent's method.
    static func differenceInterval(
        control: BetaDistribution, variant: BetaDistribution, alpha: Double, integrals: PosteriorIntegrals
    ) throws -> ConfidenceInterval {
        // V − C = (1 − C) − (1 − V).
        if shouldReflect([control, variant]) {
            return try differenceInterval(control: reflected(variant), variant: reflected(control), alpha: alpha, integrals: integrals)
        }
        let control = try law(control), variant = try law(variant)
        // The difference lies in [low_V − high_C, high_V − low_C] up to 2e-16 of probability.
        let bracket = (variant.window.lowerBound - control.window.upperBound) ... (variant.window.upperBound - control.window.lowerBound)
        let scale = max(variant.width, control.width)
        func solve(_ tail: Double) throws -> Double {
            try RootFinder.brent(
                { t in (try? integrals.probability(variant, exceeds: control, by: t)).map { $0 - tail } ?? .nan },
                in: bracket, absoluteTolerance: 1e-12 * scale, relativeTolerance: 1e-12, name: "credible interval of the difference")
        }
        return ConfidenceInterval(lower: try solve(1 - alpha / 2), upper: try solve(alpha / 2))
    }
}
