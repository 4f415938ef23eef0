/// Validation shared by the chance-to-be-best computations.
enum ChanceToBeBest {
    /// The largest number of variants compared at once.
    static let maximumCount = 20

    /// Throws unless there are between 2 and `maximumCount` laws.
    static func validate(count: Int) throws {
        guard (2 ... maximumCount).contains(count) else {
            throw StatsError.invalidParameter(
                name: "number of variants", value: "\(count)", expected: "between 2 and \(maximumCount) variants to compare")
        }
    }
}
