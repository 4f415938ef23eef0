/// A half-open interval [start, end) of hash values that lands in one variant.
public struct BucketRange: Sendable, Hashable {
    /// The first hash value in the range.
    public var start: Double
    /// The first hash value past the range.
    public var end: Double

    /// Creates the range [start, end).
    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// Whether `n` lies in [start, end).
    @inlinable
    public func contains(_ n: Double) -> Bool { n >= start && n < end }

    /// Equal weights for `count` variants (empty for fewer than one).
    public static func equalWeights(_ count: Int) -> [Double] {
        count < 1 ? [] : Array(repeating: 1 / Double(count), count: count)
    }

    /// Whether `weights` can be used for `count` variants: one finite, non-negative weight per
    /// variant, summing to 1 within GrowthBook's tolerance [0.99, 1.01].
    public static func isValid(weights: [Double], count: Int) -> Bool {
        guard weights.count == count, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return false }
        let total = weights.reduce(0, +)
        return total >= 0.99 && total <= 1.01
    }

    /// The ranges GrowthBook computes for `count` variants: each variant's range starts at the
    /// cumulative weight before it and covers `coverage` of its weight. Coverage is clamped to
    /// [0, 1]; missing or invalid weights become equal weights.
    public static func ranges(count: Int, coverage: Double = 1, weights: [Double]? = nil) -> [BucketRange] {
        var coverage = coverage
        if coverage < 0 { coverage = 0 }
        if coverage > 1 { coverage = 1 }
        let used = weights.flatMap { isValid(weights: $0, count: count) ? $0 : nil } ?? equalWeights(count)
        var cumulative = 0.0
        return used.map { weight in
            let start = cumulative
            cumulative += weight
            return BucketRange(start: start, end: start + coverage * weight)
        }
    }

    /// The index of the first range holding `n`, or `nil` when none does.
    @inlinable
    public static func choose(_ n: Double, in ranges: [BucketRange]) -> Int? {
        for index in ranges.indices where ranges[index].contains(n) { return index }
        return nil
    }
}
