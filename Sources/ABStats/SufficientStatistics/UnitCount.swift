/// The range of unit counts ABStats accepts, one rule for every sample, summary file and flag.
///
/// The statistics run in `Double`, which counts every whole number exactly only up to
/// 2^53 = 9,007,199,254,740,992: above that, n and n + 1 are the same number, so rates, sums of
/// squares and sample sizes quietly lose their meaning. Counts up to 2^53 also keep every sum
/// of two groups (2^54) far from `Int`'s overflow at 2^63, so comparisons can add units freely.
public enum UnitCount {
    /// The largest unit count accepted: 2^53, the largest n for which every count 0…n is an exact `Double`.
    public static let maximum = 1 << 53

    /// The accepted range, 1…2^53, written for messages.
    public static let rangeDescription = "from 1 to \(maximum) (2^53, the largest count a Double holds exactly)"

    /// Whether `units` lies in 1…`maximum`.
    public static func isValid(_ units: Int) -> Bool { units >= 1 && units <= maximum }

    /// Throws `StatsError.invalidVariant` for `field` of `label` unless `units` lies in 1…2^53.
    static func validate(_ units: Int, label: String, field: String = "units") throws {
        guard isValid(units) else {
            throw StatsError.invalidVariant(variant: label, field: field, reason: "must be \(rangeDescription) (got \(units))")
        }
    }

    /// `lhs + rhs` for two counts of combined samples; throws when the total leaves 1…2^53.
    static func sum(_ lhs: Int, _ rhs: Int, label: String) throws -> Int {
        // Each operand is at most 2^53, so the addition itself cannot overflow.
        let total = lhs + rhs
        try validate(total, label: label)
        return total
    }
}
