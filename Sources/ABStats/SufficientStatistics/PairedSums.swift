import Foundation

/// Sufficient statistics of two per-unit quantities a and b measured on the same units:
/// n, Σa, Σa², Σb, Σb², Σab. The shared storage of `CovariateSample` and `RatioSample`.
struct PairedSums: Hashable, Sendable {
    let first: MeanSample
    let second: MeanSample
    /// Σab.
    let sumProducts: Double

    /// The caller's names of the five sums, so errors name the argument that is wrong.
    struct FieldNames {
        var firstSum: String, firstSquares: String, secondSum: String, secondSquares: String, products: String
    }

    /// Validates both (n, Σ, Σ²) triples and the cross term, naming the caller's fields in errors.
    init(
        units: Int, first: (sum: Double, sumSquares: Double), second: (sum: Double, sumSquares: Double),
        sumProducts: Double, label: String, names: FieldNames
    ) throws {
        func sample(_ sums: (sum: Double, sumSquares: Double), sumName: String, squaresName: String) throws -> MeanSample {
            do {
                return try MeanSample(units: units, sum: sums.sum, sumSquares: sums.sumSquares, label: label)
            } catch let StatsError.invalidVariant(variant, field, reason) {
                let named = field == "sum" ? sumName : field == "sumSquares" ? squaresName : field
                throw StatsError.invalidVariant(variant: variant, field: named, reason: reason.replacingSumNames(sumName, squaresName))
            }
        }
        self.first = try sample(first, sumName: names.firstSum, squaresName: names.firstSquares)
        self.second = try sample(second, sumName: names.secondSum, squaresName: names.secondSquares)
        guard sumProducts.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: names.products, reason: "must be a finite number (got \(sumProducts))")
        }
        self.sumProducts = sumProducts
        // Cauchy–Schwarz on the centred sums: |Σ(a − ā)(b − b̄)| ≤ √(Σ(a − ā)² Σ(b − b̄)²); sums
        // that break it cannot come from one set of units. Slack for rounding, relative to the magnitudes.
        let bound = (self.first.centredSumSquares * self.second.centredSumSquares).squareRoot()
        let slack = 1e-9 * max(abs(sumProducts), (self.first.sumSquares * self.second.sumSquares).squareRoot())
        guard abs(centredProducts) <= bound + slack else {
            throw StatsError.invalidVariant(
                variant: label, field: names.products,
                reason: "is inconsistent with the other sums: |\(names.products) − \(names.firstSum)·\(names.secondSum)/units| "
                    + "must be ≤ √(centred \(names.firstSquares) × centred \(names.secondSquares)) (got \(sumProducts))")
        }
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

extension String {
    /// MeanSample's reason text with its generic field names replaced by the caller's.
    fileprivate func replacingSumNames(_ sumName: String, _ squaresName: String) -> String {
        replacingOccurrences(of: "sumSquares", with: squaresName).replacingOccurrences(of: "(sum)", with: "(\(sumName))")
    }
}
