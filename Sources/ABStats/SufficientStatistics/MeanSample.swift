/// Sufficient statistics of a per-unit numeric metric for one group: units, Σx and Σx².
///
/// Samples add together, so partial aggregates (per day, per shard) combine exactly.
public struct MeanSample: Hashable, Sendable {
    /// Units (users) in the group.
    public let units: Int
    /// Sum of the per-unit values.
    public let sum: Double
    /// Sum of the squared per-unit values.
    public let sumSquares: Double

    /// Creates a sample; throws a `StatsError.invalidVariant` naming `label` when the values are unusable.
    public init(units: Int, sum: Double, sumSquares: Double, label: String = "sample") throws {
        try self.init(units: units, sum: sum, sumSquares: sumSquares, label: label, sumName: "sum", squaresName: "sumSquares")
    }

    /// Creates a sample whose sums the caller calls `sumName` and `squaresName`: errors name those fields.
    init(units: Int, sum: Double, sumSquares: Double, label: String, sumName: String, squaresName: String) throws {
        try UnitCount.validate(units, label: label)
        guard sum.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: sumName, reason: "must be a finite number (got \(ExactNumber.text(sum)))")
        }
        guard sumSquares.isFinite, sumSquares >= 0 else {
            throw StatsError.invalidVariant(
                variant: label, field: squaresName, reason: "must be a finite number ≥ 0 (got \(ExactNumber.text(sumSquares)))")
        }
        // Cauchy–Schwarz: (Σx)² ≤ n Σx². Allow rounding error relative to the magnitudes involved.
        let slack = 1e-9 * max(sum * sum, Double(units) * sumSquares)
        guard sum * sum <= Double(units) * sumSquares + slack else {
            throw StatsError.invalidVariant(
                variant: label, field: squaresName,
                reason: "is too small for the sum: (\(sumName))² must be ≤ units × \(squaresName) (\(sum)² > \(units) × \(sumSquares))")
        }
        self.units = units
        self.sum = sum
        self.sumSquares = sumSquares
    }

    /// Creates a sample from a mean and a sample standard deviation (n − 1 denominator).
    public init(units: Int, mean: Double, standardDeviation: Double, label: String = "sample") throws {
        guard mean.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: "mean", reason: "must be a finite number (got \(ExactNumber.text(mean)))")
        }
        guard standardDeviation.isFinite, standardDeviation >= 0 else {
            throw StatsError.invalidVariant(
                variant: label, field: "standardDeviation", reason: "must be a finite number ≥ 0 (got \(ExactNumber.text(standardDeviation)))")
        }
        let n = Double(units)
        let sum = mean * n
        let sumSquares = standardDeviation * standardDeviation * (n - 1) + mean * mean * n
        try self.init(units: units, sum: sum, sumSquares: max(sumSquares, 0), label: label)
    }

    /// The sample mean Σx / n.
    public var mean: Double { sum / Double(units) }

    /// The unbiased sample variance (n − 1 denominator); 0 for a single unit.
    public var variance: Double {
        guard units > 1 else { return 0 }
        let n = Double(units)
        // Σx² − (Σx)²/n can come out a hair below zero through cancellation; clamp it.
        return max((sumSquares - sum * sum / n) / (n - 1), 0)
    }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The variance of the mean estimate, s²/n.
    public var varianceOfMean: Double { variance / Double(units) }

    /// Combines two disjoint samples; throws when the total exceeds `UnitCount.maximum` (or the
    /// sums overflow to infinity).
    public static func + (lhs: MeanSample, rhs: MeanSample) throws -> MeanSample {
        // Both operands were validated, and the inequality is preserved under addition.
        try MeanSample(
            units: UnitCount.sum(lhs.units, rhs.units, label: "combined sample"), sum: lhs.sum + rhs.sum,
            sumSquares: lhs.sumSquares + rhs.sumSquares)
    }
}
