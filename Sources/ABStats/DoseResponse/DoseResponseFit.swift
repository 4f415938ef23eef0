import Foundation

/// A weighted least-squares fit of an effect against a dose (messages per week, say): each
/// dose's effect estimate y_i with its standard error se_i, weights 1/se_i², and the
/// standard errors taken as known (scale fixed at 1, as in a meta-regression), so the
/// coefficients' covariance is (Xᵀ W X)⁻¹. statsmodels' `WLS(y, X, weights=1/se²)` fitted with
/// `cov_type="fixed scale"`.
public struct DoseResponseFit: Hashable, Sendable {
    /// The curve fitted.
    public enum Model: String, Hashable, Sendable, Codable, CaseIterable {
        /// effect = b₀ + b₁ dose.
        case linear
        /// effect = b₀ + b₁ dose + b₂ dose².
        case quadratic

        /// Coefficients of the model.
        var parameters: Int {
            switch self {
            case .linear: 2
            case .quadratic: 3
            }
        }
    }

    /// The model fitted.
    public let model: Model
    /// b₀, b₁ (and b₂ for the quadratic).
    public let coefficients: [Double]
    /// The coefficients' covariance (Xᵀ W X)⁻¹.
    public let covariance: [[Double]]
    /// The coefficients' standard errors.
    public var standardErrors: [Double] { covariance.indices.map { covariance[$0][$0].squareRoot() } }
    /// Two-sided normal p-values of each coefficient being 0 (for b₁ of the linear model: no dose effect).
    public let pValues: [Double]
    /// Σ w (y − ŷ)², χ² with (doses − parameters) degrees of freedom when the model holds.
    public let residualChiSquare: Double
    /// The smallest and largest dose observed.
    public let doseRange: ClosedRange<Double>

    /// Fits `model` to per-dose `effects` with their `standardErrors`.
    ///
    /// - Throws: `StatsError.invalidParameter` when the arrays differ in length, a value is not
    ///   finite, or a standard error is not > 0 (naming its index); `StatsError.notComputable`
    ///   when there are fewer distinct doses than coefficients (the curve is not determined).
    public init(doses: [Double], effects: [Double], standardErrors: [Double], model: Model) throws {
        guard doses.count == effects.count, doses.count == standardErrors.count else {
            throw StatsError.invalidParameter(
                name: "effects, standardErrors", value: "\(effects.count) and \(standardErrors.count) values",
                expected: "one effect and one standard error per dose (\(doses.count) doses)")
        }
        for index in doses.indices {
            try StatsError.requireFinite(doses[index], "doses[\(index)]")
            try StatsError.requireFinite(effects[index], "effects[\(index)]")
            try StatsError.requirePositive(standardErrors[index], "standardErrors[\(index)]")
        }
        guard Set(doses).count >= model.parameters else {
            throw StatsError.notComputable(
                test: "\(model.rawValue) dose-response fit",
                reason: "\(Set(doses).count) distinct doses cannot determine \(model.parameters) coefficients")
        }
        let p = model.parameters
        let rows: [[Double]] = doses.map { dose in (0 ..< p).map { pow(dose, Double($0)) } }
        let weights: [Double] = standardErrors.map { 1 / ($0 * $0) }
        // Normal equations Xᵀ W X b = Xᵀ W y.
        var information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var score = [Double](repeating: 0, count: p)
        for (row, (weight, effect)) in zip(rows, zip(weights, effects)) {
            for a in 0 ..< p {
                score[a] += weight * row[a] * effect
                for b in 0 ..< p { information[a][b] += weight * row[a] * row[b] }
            }
        }
        guard let factor = Cholesky(information) else {
            throw StatsError.notComputable(
                test: "\(model.rawValue) dose-response fit", reason: "the doses are too close together to separate the coefficients")
        }
        let coefficients = factor.solve(score)
        let covariance = factor.inverse
        self.model = model
        self.coefficients = coefficients
        self.covariance = covariance
        pValues = (0 ..< p).map { index in
            let z = coefficients[index] / covariance[index][index].squareRoot()
            return Alternative.twoSided.pValue(statistic: z, survival: Normal.standard.sf)
        }
        var residual = 0.0
        for (row, (weight, effect)) in zip(rows, zip(weights, effects)) {
            var fitted = 0.0
            for a in 0 ..< p { fitted += row[a] * coefficients[a] }
            residual += weight * (effect - fitted) * (effect - fitted)
        }
        residualChiSquare = residual
        doseRange = doses.min()! ... doses.max()!
    }

    /// The dose where the net effect b₀ + b₁ d + b₂ d² − costPerDose × d is largest,
    /// d* = (costPerDose − b₁) / (2 b₂), with a delta-method normal interval at 1 − alpha
    /// (gradient (−1/(2b₂), −d*/b₂) in (b₁, b₂)). `costPerDose` is the effect one more dose
    /// costs on a guardrail (unsubscribes, say) in the effect's units.
    ///
    /// - Throws: `StatsError.notComputable` for the linear model, or when the fitted curve is
    ///   not concave (b₂ ≥ 0: no interior best dose, more or fewer is always better);
    ///   `StatsError.invalidParameter` for a cost that is not finite or an alpha outside (0, 1).
    public func bestDose(costPerDose: Double = 0, alpha: Double = 0.05) throws -> BestDose {
        try SignificanceLevel.validate(alpha)
        try StatsError.requireFinite(costPerDose, "costPerDose")
        switch model {
        case .linear:
            throw StatsError.notComputable(test: "best dose", reason: "a linear fit has no interior maximum; fit the quadratic model")
        case .quadratic:
            break
        }
        let b1 = coefficients[1], b2 = coefficients[2]
        guard b2 < 0 else {
            throw StatsError.notComputable(
                test: "best dose", reason: "the fitted curve is not concave (dose² coefficient \(b2) ≥ 0), so no dose in between is best")
        }
        let dose = (costPerDose - b1) / (2 * b2)
        let gradient = [-1 / (2 * b2), -dose / b2]
        // gᵀ Σ g over (b₁, b₂), the coefficients d* depends on.
        var variance = 0.0
        for a in 0 ..< 2 {
            for b in 0 ..< 2 { variance += gradient[a] * covariance[a + 1][b + 1] * gradient[b] }
        }
        let standardError = variance.squareRoot()
        let critical = try SignificanceLevel.normalCritical(alpha)
        return BestDose(
            dose: dose, standardError: standardError, confidenceInterval: ConfidenceInterval(center: dose, halfWidth: critical * standardError),
            netEffect: coefficients[0] + (b1 - costPerDose) * dose + b2 * dose * dose, isWithinObservedDoses: doseRange.contains(dose))
    }
}
