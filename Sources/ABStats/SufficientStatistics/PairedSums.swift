import Foundation

/// Sufficient statistics of two per-unit quantities a and b measured on the same units:
/// n, Σa, Σa², Σb, Σb², Σab. The shared storage of `CovariateSample` and `RatioSample`.
struct PairedSums: Hashable, Sendable {
    let first: MeanSample
    let second: MeanSample
    /// Σab.
    let sumProducts: Double

    /// Validates both (n, Σ, Σ²) triples and the cross term, naming the caller's fields in errors.
    init(
        units: Int, first: (sum: Double, sumSquares: Double), second: (sum: Double, sumSquares: Double),
        sumProducts: Double, label: String, names: PairedSumNames
    ) throws {
        self.first = try MeanSample(
            units: units, sum: first.sum, sumSquares: first.sumSquares, label: label, sumName: names.firstSum, squaresName: names.firstSquares)
        self.second = try MeanSample(
            units: units, sum: second.sum, sumSquares: second.sumSquares, label: label, sumName: names.secondSum,
            squaresName: names.secondSquares)
        guard sumProducts.isFinite else {
            throw StatsError.invalidVariant(variant: label, field: names.products, reason: "must be a finite number (got \(ExactNumber.text(sumProducts)))")
        }
        self.sumProducts = sumProducts
        // Cauchy–Schwarz on the centred sums: |Σ(a − ā)(b − b̄)| ≤ √(Σ(a − ā)² Σ(b − b̄)²); sums
        // that break it cannot come from one set of units. The rounding slack goes inside each
        // centred sum (which loses digits when the values sit far from 0) and onto the products.
        let n = Double(units)
        let firstSpread = self.first.centredSumSquares + 1e-9 * self.first.sumSquares
        let secondSpread = self.second.centredSumSquares + 1e-9 * self.second.sumSquares
        let bound = (firstSpread * secondSpread).squareRoot() + 1e-9 * max(abs(sumProducts), abs(first.sum * second.sum / n))
        guard abs(centredProducts) <= bound else {
            throw StatsError.invalidVariant(
                variant: label, field: names.products,
                reason: "is inconsistent with the other sums: |\(names.products) − \(names.firstSum)·\(names.secondSum)/units| "
                    + "must be ≤ √(centred \(names.firstSquares) × centred \(names.secondSquares)) (got \(ExactNumber.text(sumProducts)))")
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

    static func + (lhs: PairedSums, rhs: PairedSums) throws -> PairedSums {
        PairedSums(first: try lhs.first + rhs.first, second: try lhs.second + rhs.second, sumProducts: lhs.sumProducts + rhs.sumProducts)
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

/// The names a caller gives the five sums of paired quantities a and b (Σa, Σa², Σb, Σb², Σab),
/// so that errors point at the caller's own fields (a summary file's JSON paths, say).
public struct PairedSumNames: Sendable {
    public var firstSum: String, firstSquares: String, secondSum: String, secondSquares: String, products: String

    /// Names for Σa, Σa², Σb, Σb² and Σab.
    public init(firstSum: String, firstSquares: String, secondSum: String, secondSquares: String, products: String) {
        self.firstSum = firstSum
        self.firstSquares = firstSquares
        self.secondSum = secondSum
        self.secondSquares = secondSquares
        self.products = products
    }
}
