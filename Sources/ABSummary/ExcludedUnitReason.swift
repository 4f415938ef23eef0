/// Why a user seen in the data is not a unit of the analysis (the keys of `data.excludedUnits`).
public enum ExcludedUnitReason: String, Sendable, Hashable, CaseIterable {
    /// Exposed to more than one variant.
    case multipleVariants = "multiple-variants"
    /// Eligible, but the experiment's assignment puts the user outside it (coverage, targeting, namespace).
    case notInExperiment = "not-in-experiment"
    /// In the events table without a variant, and no assignments table to give one.
    case noVariant = "no-variant"
}
