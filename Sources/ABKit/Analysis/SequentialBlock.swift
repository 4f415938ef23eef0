import ABStats

/// The `sequential` block of a variant: the comparison with control read the sequential way.
///
/// Always-valid (`method` `always-valid`): `ci`, `relativeCi` and `pValue` are the mixture
/// confidence sequence's interval and p-value, valid at every look; `adjustedPValue` applies the
/// analysis' multiple-comparison correction to them. Group-sequential (`method` `group`):
/// `statistic` is the Wald z = difference / standard error, `boundary` the |z| it must reach at
/// this look, `ci` the repeated confidence interval difference ± boundary × standard error, and
/// `pValue` the nominal two-sided p-value of z, to be read against `nominalAlpha`.
public struct SequentialBlock: Codable, Sendable, Equatable {
    /// `always-valid` or `group`.
    public var method: SequentialOptions.Method
    /// `unadjusted`, or `cuped` when the comparison is the CUPED-adjusted one.
    public var basis: String
    /// The interval of the absolute difference, valid at this look.
    public var ci: ConfidenceInterval
    /// The interval of the relative lift at the same multiplier; absent when control is 0.
    public var relativeCi: ConfidenceInterval?
    /// Always-valid p-value, or the nominal p-value of z for a group design.
    public var pValue: Double
    /// The always-valid p-value after the analysis' correction (always-valid only).
    public var adjustedPValue: Double?
    /// Whether the null is rejected at this look: adjusted always-valid p < alpha, or |z| ≥ boundary.
    public var significant: Bool
    /// Always-valid: the units per variant the interval is tuned for.
    public var plannedUnitsPerVariant: Int?
    /// Group: this look (1-based).
    public var look: Int?
    /// Group: the planned looks.
    public var looks: Int?
    /// Group: the Wald z statistic.
    public var statistic: Double?
    /// Group: the |z| boundary at this look.
    public var boundary: Double?
    /// Group: the nominal two-sided p-value threshold at this look, 2(1 − Φ(boundary)).
    public var nominalAlpha: Double?
    /// Group: the alpha spent up to and including this look.
    public var cumulativeAlpha: Double?
}
