/// Sufficient statistics of a conversion metric for one group: units exposed and units converted.
public struct ProportionSample: Hashable, Sendable {
    /// Units (users) in the group.
    public let units: Int
    /// Units that converted; 0 ≤ conversions ≤ units.
    public let conversions: Int

    /// Creates a sample; throws a `StatsError.invalidVariant` naming `label` when the counts are inconsistent.
    public init(units: Int, conversions: Int, label: String = "sample") throws {
        try UnitCount.validate(units, label: label)
        guard conversions >= 0 else {
            throw StatsError.invalidVariant(variant: label, field: "conversions", reason: "must be ≥ 0 (got \(conversions))")
        }
        guard conversions <= units else {
            throw StatsError.invalidVariant(
                variant: label, field: "conversions", reason: "must be ≤ units (\(conversions) > \(units))")
        }
        self.units = units
        self.conversions = conversions
    }

    /// The conversion rate conversions / units.
    public var rate: Double { Double(conversions) / Double(units) }

    /// Units that did not convert.
    public var nonConversions: Int { units - conversions }

    /// The binomial variance of the rate estimate, p(1 − p)/n.
    public var varianceOfRate: Double { rate * (1 - rate) / Double(units) }

    /// Combines two disjoint samples (for example two days of the same variant); throws when
    /// the total exceeds `UnitCount.maximum`.
    public static func + (lhs: ProportionSample, rhs: ProportionSample) throws -> ProportionSample {
        // Both operands were validated (≤ 2^53 each), so the sums cannot overflow.
        try ProportionSample(units: UnitCount.sum(lhs.units, rhs.units, label: "combined sample"), conversions: lhs.conversions + rhs.conversions)
    }
}
