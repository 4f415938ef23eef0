/// Sufficient statistics of a metric y with a pre-experiment covariate x for one group:
/// n, Σy, Σy², Σx, Σx², Σxy.
///
/// Samples add together, so partial aggregates (per day, per shard) combine exactly.
public struct CovariateSample: Hashable, Sendable {
    let sums: PairedSums

    /// The argument names, which errors name unless the caller gives its own.
    public static let argumentNames = PairedSumNames(
        firstSum: "sumY", firstSquares: "sumYSquares", secondSum: "sumX", secondSquares: "sumXSquares", products: "sumXY")

    /// Creates a sample; throws a `StatsError.invalidVariant` naming `label` and the field (as
    /// `names` calls it) when the sums are not finite, squares are negative, a sum of squares is
    /// too small for its sum, or Σxy is impossible for the other sums.
    public init(
        units: Int, sumY: Double, sumYSquares: Double, sumX: Double, sumXSquares: Double, sumXY: Double,
        label: String = "sample", names: PairedSumNames = argumentNames
    ) throws {
        sums = try PairedSums(
            units: units, first: (sumY, sumYSquares), second: (sumX, sumXSquares), sumProducts: sumXY, label: label, names: names)
    }

    private init(sums: PairedSums) { self.sums = sums }

    /// Units (users) in the group.
    public var units: Int { sums.units }
    /// Σy, the sum of the metric.
    public var sumY: Double { sums.first.sum }
    /// Σy².
    public var sumYSquares: Double { sums.first.sumSquares }
    /// Σx, the sum of the covariate (usually the same metric before the experiment).
    public var sumX: Double { sums.second.sum }
    /// Σx².
    public var sumXSquares: Double { sums.second.sumSquares }
    /// Σxy.
    public var sumXY: Double { sums.sumProducts }

    /// The metric alone, (n, Σy, Σy²).
    public var outcome: MeanSample { sums.first }
    /// The covariate alone, (n, Σx, Σx²).
    public var covariate: MeanSample { sums.second }

    /// Combines two disjoint samples; throws when the total exceeds `UnitCount.maximum`.
    public static func + (lhs: CovariateSample, rhs: CovariateSample) throws -> CovariateSample {
        CovariateSample(sums: try lhs.sums + rhs.sums)
    }
}
