import Foundation

/// Interaction between two experiments that ran at the same time on overlapping units: the
/// factorial analysis of the overlap, from each cell's sufficient statistics.
///
/// Cell (i, j) holds the units in arm i of experiment A and arm j of experiment B (0 = control
/// in both). Each cell mean m_ij is estimated independently with its own variance v_ij, so a
/// contrast Σ a_ij m_ij has variance Σ a_ij² v_ij (no equal-variance assumption). This equals
/// ordinary least squares on the units with y ~ A * B (treatment coding), whose interaction
/// coefficients are exactly the contrasts, with heteroskedasticity-robust variances:
/// HC2 for means (v = s²/n, s² the cell's unbiased variance) and HC0 for rates (v = p(1 − p)/n);
/// statsmodels' `OLS(...).fit(cov_type="HC2"/"HC0")`. Tests and intervals are normal (Wald).
public enum InteractionTest {
    /// Interaction of a numeric metric from per-cell (units, Σx, Σx²).
    ///
    /// - Throws: `StatsError.invalidParameter` unless the table is rectangular and at least 2 × 2;
    ///   `StatsError.notComputable` when a cell has fewer than 2 units, or the contrasts'
    ///   covariance is singular (cells with zero variance).
    public static func means(_ cells: [[MeanSample]], alpha: Double = 0.05) throws -> InteractionResult {
        try validateShape(rows: cells.count, columns: cells.map(\.count))
        for (i, row) in cells.enumerated() {
            for (j, cell) in row.enumerated() {
                try MeanSample.requireVarianceEstimable(units: cell.units, group: "cell (\(i), \(j))", test: "interaction of means")
            }
        }
        return try analyse(
            means: cells.map { $0.map(\.mean) }, variances: cells.map { $0.map(\.varianceOfMean) }, alpha: alpha, test: "interaction of means")
    }

    /// Interaction of a conversion rate from per-cell (units, conversions).
    ///
    /// - Throws: `StatsError.invalidParameter` unless the table is rectangular and at least 2 × 2;
    ///   `StatsError.notComputable` when the contrasts' covariance is singular (too many cells
    ///   with a rate of 0 or 1, which have no variance).
    public static func proportions(_ cells: [[ProportionSample]], alpha: Double = 0.05) throws -> InteractionResult {
        try validateShape(rows: cells.count, columns: cells.map(\.count))
        return try analyse(
            means: cells.map { $0.map(\.rate) }, variances: cells.map { $0.map(\.varianceOfRate) }, alpha: alpha, test: "interaction of rates")
    }

    private static func validateShape(rows: Int, columns: [Int]) throws {
        guard rows >= 2, let width = columns.first, width >= 2 else {
            throw StatsError.invalidParameter(
                name: "cells", value: "\(rows) × \(columns.first ?? 0)", expected: "at least 2 × 2 cells (two arms in each experiment)")
        }
        if let row = columns.firstIndex(where: { $0 != width }) {
            throw StatsError.invalidParameter(
                name: "cells[\(row)]", value: "\(columns[row]) cells", expected: "\(width) cells, as in row 0 (one per arm of the second experiment)")
        }
    }

    /// The cells and signs of contrast (i, j): +(i, j), −(i, 0), −(0, j), +(0, 0).
    private static func terms(_ i: Int, _ j: Int) -> [(row: Int, column: Int, sign: Double)] {
        [(i, j, 1), (i, 0, -1), (0, j, -1), (0, 0, 1)]
    }

    private static func analyse(means: [[Double]], variances: [[Double]], alpha: Double, test: String) throws -> InteractionResult {
        try SignificanceLevel.validate(alpha)
        let critical = try SignificanceLevel.normalCritical(alpha)
        let indices = (1 ..< means.count).flatMap { i in (1 ..< means[0].count).map { (i, $0) } }
        var contrasts: [InteractionContrast] = []
        var estimates: [Double] = []
        for (i, j) in indices {
            let estimate = terms(i, j).reduce(0) { $0 + $1.sign * means[$1.row][$1.column] }
            let variance = terms(i, j).reduce(0) { $0 + variances[$1.row][$1.column] }
            guard variance > 0 else {
                throw StatsError.notComputable(
                    test: test, reason: "cells (\(i), \(j)), (\(i), 0), (0, \(j)) and (0, 0) all have zero variance, so their contrast has no standard error")
            }
            let standardError = variance.squareRoot(), z = estimate / standardError
            estimates.append(estimate)
            contrasts.append(InteractionContrast(
                rowArm: i, columnArm: j, estimate: estimate, standardError: standardError, statistic: z,
                pValue: Alternative.twoSided.pValue(statistic: z, survival: Normal.standard.sf),
                confidenceInterval: ConfidenceInterval(center: estimate, halfWidth: critical * standardError)))
        }
        // Covariance of two contrasts: the variances of the cells they share, times both signs.
        let covariance = indices.map { a in
            indices.map { b in
                terms(a.0, a.1).reduce(0.0) { sum, x in
                    sum + terms(b.0, b.1).filter { $0.row == x.row && $0.column == x.column }
                        .reduce(0) { $0 + x.sign * $1.sign * variances[x.row][x.column] }
                }
            }
        }
        guard let factor = Cholesky(covariance) else {
            throw StatsError.notComputable(
                test: test, reason: "the contrasts' covariance is singular (cells with zero variance), so the joint test is undefined")
        }
        let chiSquare = factor.quadraticFormOfInverse(estimates)
        return InteractionResult(
            contrasts: contrasts, chiSquare: chiSquare, degreesOfFreedom: indices.count,
            pValue: try ChiSquared(degreesOfFreedom: Double(indices.count)).sf(chiSquare), confidenceLevel: 1 - alpha)
    }
}
