/// Sufficient statistics of two per-unit quantities a and b measured on the same units:
/// n, Σa, Σa², Σb, Σb², Σab. The shared storage of `CovariateSample` and `RatioSample`.
struct PairedSums: Hashable, Sendable {
    let first: MeanSample
    let second: MeanSample
    /// Σab.
    let sumProducts: Double

    /// Validates both (n, Σ, Σ²) triples and the cross term, naming the fields in errors.
    init(
        units: Int, first: (sum: Double, sumSquares: Double), second: (sum: Double, sumSquares: Double),
        sumProducts: Double, label: String, names: (first: String, second: String, products: String)
    ) throws {
        self.first = try MeanSample(units: units, sum: first.sum, sumSquares: first.sumSquares, label: "\(label) \(names.first)")
        self.second = try MeanSample(units: units, sum: second.sum, sumSquares: second.sumSquares, label: "\(label) \(names.second)")
        guard sumProducts.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: names.products, reason: "must be a finite number (got \(sumProducts))")
        }
        self.sumProducts = sumProducts
    }

    private init(first: MeanSample, second: MeanSample, sumProducts: Double) {
        self.first = first
        self.second = second
        self.sumProducts = sumProducts
    }

    var units: Int { first.units }

    /// Σ(a − ā)(b − b̄).
    var centredProducts: Double { sumProducts - first.sum * second.sum / Double(units) }

    /// The sample covariance of a and b (n − 1 denominator); 0 for a single unit.
    var covariance: Double { units > 1 ? centredProducts / Double(units - 1) : 0 }

    static func + (lhs: PairedSums, rhs: PairedSums) -> PairedSums {
        PairedSums(first: lhs.first + rhs.first, second: lhs.second + rhs.second, sumProducts: lhs.sumProducts + rhs.sumProducts)
    }
}

extension MeanSample {
    /// Σ(x − x̄)², clamped at 0 against cancellation.
    var centredSumSquares: Double { max(sumSquares - sum * sum / Double(units), 0) }

    /// Throws `StatsError.notComputable` for `test` unless the group has the 2 units a variance needs.
    static func requireVarianceEstimable(units: Int, group: String, test: String) throws {
        guard units >= 2 else {
            throw StatsError.notComputable(
                test: test, reason: "the \(group) group has \(units) unit; at least 2 are needed to estimate a variance")
        }
    }
}
