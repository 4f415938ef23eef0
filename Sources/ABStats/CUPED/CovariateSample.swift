/// Sufficient statistics of a metric y with a pre-experiment covariate x for one group:
/// n, Σy, Σy², Σx, Σx², Σxy.
///
/// Samples add together, so partial aggregates (per day, per shard) combine exactly.
public struct CovariateSample: Hashable, Sendable {
    /// Units (users) in the group.
    public let units: Int
    /// Σy, the sum of the metric.
    public let sumY: Double
    /// Σy².
    public let sumYSquares: Double
    /// Σx, the sum of the covariate (usually the same metric before the experiment).
    public let sumX: Double
    /// Σx².
    public let sumXSquares: Double
    /// Σxy.
    public let sumXY: Double

    /// Creates a sample; throws a `StatsError.invalidVariant` naming `label` when the sums are
    /// not finite, squares are negative, or a sum of squares is too small for its sum.
    public init(
        units: Int, sumY: Double, sumYSquares: Double, sumX: Double, sumXSquares: Double, sumXY: Double,
        label: String = "sample"
    ) throws {
        // The metric and the covariate must each be a valid (n, Σ, Σ²) triple.
        let outcome = try MeanSample(units: units, sum: sumY, sumSquares: sumYSquares, label: label)
        let covariate = try MeanSample(units: units, sum: sumX, sumSquares: sumXSquares, label: label + " covariate")
        guard sumXY.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: "sumXY", reason: "must be a finite number (got \(sumXY))")
        }
        self.init(outcome: outcome, covariate: covariate, sumXY: sumXY)
    }

    private init(outcome: MeanSample, covariate: MeanSample, sumXY: Double) {
        units = outcome.units
        sumY = outcome.sum
        sumYSquares = outcome.sumSquares
        sumX = covariate.sum
        sumXSquares = covariate.sumSquares
        self.sumXY = sumXY
    }

    /// The metric alone, (n, Σy, Σy²).
    public var outcome: MeanSample { try! MeanSample(units: units, sum: sumY, sumSquares: sumYSquares) }

    /// The covariate alone, (n, Σx, Σx²).
    public var covariate: MeanSample { try! MeanSample(units: units, sum: sumX, sumSquares: sumXSquares) }

    /// Σ(x − x̄)(y − ȳ), the centred cross-product within the group.
    var centredCrossProduct: Double { sumXY - sumX * sumY / Double(units) }

    /// Σ(x − x̄)², the centred sum of squares of the covariate (clamped at 0 against cancellation).
    var centredCovariateSquares: Double { max(sumXSquares - sumX * sumX / Double(units), 0) }

    /// Σ(y − ȳ)², clamped at 0.
    var centredOutcomeSquares: Double { max(sumYSquares - sumY * sumY / Double(units), 0) }

    /// Combines two disjoint samples.
    public static func + (lhs: CovariateSample, rhs: CovariateSample) -> CovariateSample {
        CovariateSample(outcome: lhs.outcome + rhs.outcome, covariate: lhs.covariate + rhs.covariate, sumXY: lhs.sumXY + rhs.sumXY)
    }
}
