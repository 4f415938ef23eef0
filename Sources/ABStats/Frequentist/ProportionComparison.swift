/// Chooses and runs the right test for a conversion metric.
///
/// The z-test's normal approximation needs every expected cell of the 2×2 table to be at
/// least 5 (the usual Cochran rule); below that ABKit runs Fisher's exact test and says so
/// in the result's `test` field.
public enum ProportionComparison {
    /// The smallest expected cell count for which the z-test is used.
    public static let minimumExpectedCell = 5.0

    /// The smallest expected count among the four cells of the 2×2 table under independence.
    public static func smallestExpectedCell(control: ProportionSample, variant: ProportionSample) -> Double {
        let total = Double(control.units + variant.units)
        let converted = Double(control.conversions + variant.conversions)
        let smallerColumn = min(converted, total - converted)
        let smallerRow = Double(min(control.units, variant.units))
        return smallerRow * smallerColumn / total
    }

    /// The z-test when every expected cell is ≥ 5, Fisher's exact test otherwise.
    public static func compare(
        control: ProportionSample, variant: ProportionSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        if smallestExpectedCell(control: control, variant: variant) < minimumExpectedCell {
            return try FisherExactTest.compare(control: control, variant: variant, alpha: alpha, alternative: alternative)
        }
        return try TwoProportionZTest.compare(control: control, variant: variant, alpha: alpha, alternative: alternative)
    }
}
