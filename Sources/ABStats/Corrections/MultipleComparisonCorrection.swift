/// A correction of several p-values for multiple comparisons, as statsmodels `multipletests`.
public enum MultipleComparisonCorrection: String, Hashable, Sendable, Codable, CaseIterable {
    /// No correction: adjusted = raw.
    case none
    /// Bonferroni: min(m p, 1). Controls the family-wise error rate.
    case bonferroni
    /// Holm's step-down method. Controls the family-wise error rate, uniformly more powerful than Bonferroni.
    case holm
    /// Benjamini–Hochberg step-up method (statsmodels `fdr_bh`). Controls the false discovery rate.
    case benjaminiHochberg = "bh"

    /// Adjusted p-values, in the order of `pValues`. Throws when a p-value is not in [0, 1].
    public func adjust(_ pValues: [Double]) throws -> [Double] {
        for (index, p) in pValues.enumerated() where !(p.isFinite && p >= 0 && p <= 1) {
            throw StatsError.invalidParameter(name: "pValues[\(index)]", value: "\(p)", expected: "a probability in [0, 1]")
        }
        let m = Double(pValues.count)
        guard pValues.count > 1 else { return pValues }
        switch self {
        case .none:
            return pValues
        case .bonferroni:
            return pValues.map { min(1, $0 * m) }
        case .holm:
            // Ascending order; adjusted_(i) = max over j ≤ i of (m − j) p_(j), capped at 1.
            let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
            var adjusted = [Double](repeating: 0, count: pValues.count)
            var runningMax = 0.0
            for (rank, index) in order.enumerated() {
                runningMax = max(runningMax, min(1, (m - Double(rank)) * pValues[index]))
                adjusted[index] = runningMax
            }
            return adjusted
        case .benjaminiHochberg:
            // Descending order; adjusted_(i) = min over j ≥ i of m p_(j) / j, capped at 1.
            let order = pValues.indices.sorted { pValues[$0] > pValues[$1] }
            var adjusted = [Double](repeating: 0, count: pValues.count)
            var runningMin = 1.0
            for (offset, index) in order.enumerated() {
                let rank = m - Double(offset)
                runningMin = min(runningMin, m * pValues[index] / rank)
                adjusted[index] = runningMin
            }
            return adjusted
        }
    }
}
